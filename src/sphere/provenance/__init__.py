"""Provenance: which text is original and which is copied, and who reports what independently.

Event databases built from news count one story five times when five sites copy it. This stage
finds the copies so that "reported by 5 outlets" means five independent reports:

    text       word tokens with offsets; content-defined chunks of about a sentence
    minhash    datasketch MinHash per chunk, cut into LSH band keys
    align      exact alignment of the passages two documents share (offsets on both sides)
    direction  which side is the original: cited URL, outlet named, date, else undecided
    index      `index_document(session, doc_id)`: look a stored document up in the band index,
               align with the candidates, store links and band keys, mark copied units
               (incremental); `pipe(engine, doc_ids, batch_size)` for many
    sources    `derived_from` and `independent_sources` for the events stage

Minimum passage: 30 words and 200 characters verbatim (`align.MIN_WORDS`, `align.MIN_CHARS`),
so lists of short quotations, shared headlines and boilerplate never make links. The pure
parts (text, minhash, align, direction) take plain data; index and sources read and write the
store through `sphere.store.reuse`.
"""

from .index import index_document, pipe
from .sources import derived_from, independent_sources, shared_reads, trace_origin

__all__ = ["index_document", "pipe", "derived_from", "independent_sources", "shared_reads", "trace_origin"]
