"""Indexing one stored document for reuse: compare it with what is stored, keep what it shares.

`index_document` is incremental: the new document's chunk signatures are cut into LSH band
keys, the keys are looked up in the stored band table (`store.reuse`), and only the documents
holding some of them are read and aligned exactly. Then the document's own keys are added, so
the next document finds it. Indexing N documents one after the other costs N lookups, not N^2
comparisons; re-indexing a document replaces its keys and its links, nothing else.

For each shared passage the direction is decided (`direction`), a ReuseLink is stored with both
sides' offsets, and the units of every document found to be a copy get `copied_share` and,
when mostly copied, `copied_from`: the new document's, and those of stored documents it turns
out to be the original of.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InputError
from ..kb.outlets import get_outlet, host_of
from ..store import reuse as store
from ..store.models import DocumentRow, OutletRow, UnitRow
from ..types import ReuseLink
from .align import Passage, align
from .direction import DocView, UnitView, decide
from .minhash import (
    DOC_PERM,
    DOC_SEED,
    band_keys,
    chunk_signatures,
    shingle_hashes,
    signature,
    to_bytes,
)
from .text import Tokens, chunk_tokens, index_spans, tokenize

VERSION = "1"
MAX_PER_KEY = 50  # documents read per band key: a key in more documents is boilerplate or a wire story
MAX_CANDIDATES = 100  # documents aligned exactly per new document, the most similar first
MOSTLY = 0.5  # a unit at least this much copied names its original in copied_from


@dataclass(frozen=True)
class Indexed:
    """A document ready for comparison: what direction needs, and its tokens."""

    view: DocView
    tokens: Tokens


def outlet_view(session: Session, outlet_id: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names and domains of an outlet: the registry's when it knows it, else the stored name."""
    if not outlet_id:
        return (), ()
    reg = get_outlet(outlet_id)
    if reg is not None:
        return (reg.name, *reg.aliases), reg.domains
    row = session.get(OutletRow, outlet_id)
    return ((row.name,) if row else ()), tuple((row.domains or ()) if row else ())


def load_indexed(session: Session, doc_id: str) -> Indexed:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        raise InputError(doc_id, "no such document in the database")
    units = session.scalars(
        select(UnitRow).where(UnitRow.doc_id == doc_id).order_by(UnitRow.start)
    ).all()
    names, domains = outlet_view(session, row.outlet_id)
    host = host_of(row.url) if row.url else None
    view = DocView(
        doc_id=row.id,
        text=row.text or "",
        url=row.url,
        published=row.published,
        outlet_id=row.outlet_id,
        outlet_names=names,
        outlet_domains=tuple(dict.fromkeys((*domains, *([host] if host else [])))),
        units=tuple(
            UnitView(u.unit_id, u.kind, u.start, u.end, u.published, u.outlet, u.url) for u in units
        ),
    )
    spans = index_spans(len(view.text), [(u.start, u.end) for u in units])
    return Indexed(view, tokenize(view.text, spans))


def candidates(session: Session, doc_id: str, keys_by_chunk) -> list[str]:
    """Stored documents sharing band keys with the new one, by number of chunks shared."""
    flat = [int(k) for row in keys_by_chunk for k in row]
    postings = store.band_postings(session, flat, MAX_PER_KEY)
    score: Counter[str] = Counter()
    for row in keys_by_chunk:
        hit = {d for k in row for d in postings.get(int(k), ()) if d != doc_id}
        score.update(hit)
    ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    return [d for d, _ in ranked[:MAX_CANDIDATES]]


def link_of(new: DocView, other: DocView, p: Passage) -> ReuseLink:
    """The stored link for a passage shared by the new document (a side) and another (b)."""
    original, how = decide(new, other, p.a_chars, p.b_chars)
    if original == "":
        # Undecided (same or unknown dates): the smaller id is named original, for stable rows.
        original = "a" if new.doc_id < other.doc_id else "b"
    if original == "a":
        o, c, o_span, c_span = new, other, p.a_chars, p.b_chars
    else:
        o, c, o_span, c_span = other, new, p.b_chars, p.a_chars
    return ReuseLink(
        original_doc=o.doc_id,
        copy_doc=c.doc_id,
        original_start=o_span[0],
        original_end=o_span[1],
        copy_start=c_span[0],
        copy_end=c_span[1],
        size=c_span[1] - c_span[0],
        direction_by=how,
    )


def index_document(session: Session, doc_id: str) -> list[ReuseLink]:
    """Compare one stored document with the stored index, store its keys, links and marks.

    Returns every link involving the document, as original or as copy.
    """
    new = load_indexed(session, doc_id)
    chunks = chunk_tokens(new.tokens)
    shingles = shingle_hashes(new.tokens)
    keys = band_keys(chunk_signatures(shingles, chunks))
    before = {d for r in store.links_of(session, doc_id) for d in (r.original_doc, r.copy_doc)}
    store.clear_index(session, doc_id)
    links: list[ReuseLink] = []
    words: list[int] = []
    for other_id in candidates(session, doc_id, keys):
        other = load_indexed(session, other_id)
        for p in align(new.tokens, other.tokens):
            links.append(link_of(new.view, other.view, p))
            words.append(p.words)
    store.save_index(
        session,
        doc_id,
        (int(k) for row in keys for k in row),
        to_bytes(signature(shingles, DOC_PERM, DOC_SEED)),
        DOC_PERM,
        len(chunks),
        VERSION,
    )
    store.replace_links(session, doc_id, links, words, VERSION)
    touched = {doc_id, *before, *(link.copy_doc for link in links), *(link.original_doc for link in links)}
    for d in sorted(touched):
        store.mark_copied_units(session, d, MOSTLY)
    return links
