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

from collections import Counter, OrderedDict, namedtuple
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

import numpy as np
from sqlalchemy.orm import Session

from ..errors import InputError, SphereError
from ..kb.outlets import get_outlet, host_of, outlet_of_masthead, outlet_of_url
from ..store import reuse as store
from ..store.models import DocumentRow, OutletRow, UnitRow
from ..types import ReuseLink
from .align import MIN_WORDS, SEED, Passage, align_many
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
HEADER_CHARS = 600  # where a page names its own outlet, when the store does not
MIN_SHARED_SEEDS = MIN_WORDS // SEED  # fewest distinct SEED-word runs a passage can have
MIN_BAND_HITS = 1  # band keys a candidate must share
FREQUENT_MIN_CHUNKS = 4  # chunks a candidate found only through frequent keys must share
SAME_SITE_SHARE = 0.5  # two pages of one site must share this much to be linked (not a footer)
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


def make_indexed(session: Session, row, units) -> Indexed:
    outlet_id = row.outlet_id
    names, domains = outlet_view(session, outlet_id)
    if not names:
        # No outlet stored: the registry may still recognise the page's own URL or masthead.
        hit = (outlet_of_url(row.url) if row.url else None) or outlet_of_masthead(
            (row.text or "")[:HEADER_CHARS]
        )
        if hit is not None:
            outlet_id, names, domains = hit.id, (hit.name, *hit.aliases), hit.domains
    host = host_of(row.url) if row.url else None
    view = DocView(
        doc_id=row.id,
        text=row.text or "",
        url=row.url,
        published=row.published,
        outlet_id=outlet_id,
        outlet_names=names,
        outlet_domains=tuple(dict.fromkeys((*domains, *([host] if host else [])))),
        units=tuple(
            UnitView(u.unit_id, u.kind, u.start, u.end, u.published, u.outlet, u.url) for u in units
        ),
    )
    spans = index_spans(len(view.text), [(u.start, u.end) for u in units])
    tokens = tokenize(view.text, spans)
    return Indexed(view, tokens)


# A stored document's text never changes under its id and content hash, so its tokens are kept
# between calls (an original quoted by many later documents is read and tokenized once). The key
# also holds what else the comparison reads (database, outlet, URL, date, units), so a change to
# any of them is a miss, never a stale hit.
_CACHE: OrderedDict[tuple, Indexed] = OrderedDict()
CACHE_SIZE = 2000


DOCS, UNITS = DocumentRow.__table__, UnitRow.__table__
# Plain SQL (`store.fetch_in`): provenance reads these for every document it indexes.
DOC_ROWS = (
    f"SELECT id, text, url, published, outlet_id, content_hash FROM {DOCS.name} WHERE id IN ({{marks}})"
)
UNIT_ROWS = (
    f'SELECT doc_id, unit_id, kind, start, "end", published, outlet, url FROM {UNITS.name} '
    "WHERE doc_id IN ({marks}) ORDER BY start"
)
DocRead = namedtuple("DocRead", "id text url published outlet_id content_hash")
UnitRead = namedtuple("UnitRead", "doc_id unit_id kind start end published outlet url")


def date_reader(session: Session):
    """What SQLAlchemy does to a DATE the driver returns (sqlite3 gives text), None for nothing."""
    dialect = session.get_bind().dialect
    return DOCS.c.published.type.dialect_impl(dialect).result_processor(dialect, None)


# what the cache key holds of each document and of its units (plain SQL: `store.fetch_in`)
DOC_KEYS = f"SELECT id, content_hash, outlet_id, url, published FROM {DOCS.name} WHERE id IN ({{marks}})"
UNIT_SUMS = (
    f'SELECT doc_id, count(*), sum(start), sum("end") FROM {UNITS.name} '
    "WHERE doc_id IN ({marks}) GROUP BY doc_id"
)


def cache_key(where: str, doc, sums) -> tuple:
    """What a cached comparison depends on: database, document (its date as ISO text, whatever
    the driver returns) and its units' (count, sum of starts, sum of ends), None for none."""
    doc_id, content_hash, outlet_id, url, published = doc
    day = None if published is None else str(published)
    return (where, doc_id, content_hash, outlet_id, url, day, sums)


def cache_keys(session: Session, doc_ids: list[str]) -> dict[str, tuple]:
    where = str(session.get_bind().url)
    session.flush()  # plain statements below: the session's pending rows go first
    sums = {r[0]: tuple(r[1:]) for r in store.fetch_in(session, UNIT_SUMS, doc_ids)}
    return {r[0]: cache_key(where, r, sums.get(r[0])) for r in store.fetch_in(session, DOC_KEYS, doc_ids)}


def remember(key: tuple, item: Indexed) -> None:
    _CACHE[key] = item
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)


def read_indexed(session: Session, doc_ids: list[str], keys: dict[str, tuple] | None) -> dict[str, Indexed]:
    """Documents read from the store and made ready for comparison, cached under their keys
    (`keys`, or made from the rows read when None)."""
    day = date_reader(session) or (lambda value: value)
    rows = [DocRead(*r[:3], day(r[3]), *r[4:]) for r in store.fetch_in(session, DOC_ROWS, doc_ids)]
    units: dict[str, list] = {d: [] for d in doc_ids}
    for u in store.fetch_in(session, UNIT_ROWS, doc_ids):
        units[u[0]].append(UnitRead(*u[:5], day(u[5]), *u[6:]))
    where = str(session.get_bind().url)
    out = {}
    for row in rows:
        mine = units[row.id]
        if keys is not None:
            key = keys[row.id]
        else:
            sums = (len(mine), sum(u.start for u in mine), sum(u.end for u in mine)) if mine else None
            key = cache_key(where, (row.id, row.content_hash, row.outlet_id, row.url, row.published), sums)
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            out[row.id] = hit
        else:
            out[row.id] = make_indexed(session, row, mine)
            remember(key, out[row.id])
    return out


def load_indexed(session: Session, doc_ids: list[str]) -> dict[str, Indexed]:
    """Documents ready for comparison, by id (ids not stored are left out)."""
    keys = cache_keys(session, doc_ids)
    out: dict[str, Indexed] = {}
    missing = []
    for d, key in keys.items():
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            out[d] = hit
        else:
            missing.append(d)
    if missing:
        out.update(read_indexed(session, missing, keys))
    return out


def load_new(session: Session, doc_id: str) -> Indexed | None:
    """The document being indexed, read with its units in two queries (its cache key is made
    from the rows: a stored document indexed for the first time is not cached yet)."""
    session.flush()  # plain statements below: the session's pending rows go first
    return read_indexed(session, [doc_id], None).get(doc_id)


def candidates(session: Session, doc_id: str, keys_by_chunk) -> list[str]:
    """Stored documents sharing band keys with the new one, the most similar first.

    A candidate must share MIN_BAND_HITS band keys (one shared band is what two chunks of
    Jaccard 0.3 share by chance one time in eight). A key held by more than MAX_PER_KEY
    documents is read only for its newest MAX_PER_KEY, and a document found only through such
    keys must share FREQUENT_MIN_CHUNKS chunks: a wire story copied everywhere shares many, a
    notice printed on every page one or two.
    """
    rows = np.asarray(keys_by_chunk, dtype=np.int64).tolist()  # plain ints: cheap dict keys
    postings, frequent = store.band_postings(session, [k for row in rows for k in row], MAX_PER_KEY)
    # counted by Counter's C loop over chained lists, not one update per key
    found = [[postings[k] for k in row if k in postings] for row in rows]
    hits = Counter(chain.from_iterable(chain.from_iterable(found)))
    rare = [k for row in rows for k in row if k in postings and k not in frequent]
    rare_hits = Counter(chain.from_iterable(postings[k] for k in rare)) if frequent else hits.copy()
    chunks = Counter(chain.from_iterable(set(chain.from_iterable(docs)) for docs in found if docs))
    for c in (chunks, hits, rare_hits):
        c.pop(doc_id, None)
    ranked = sorted(
        (d for d in chunks if rare_hits[d] >= MIN_BAND_HITS or chunks[d] >= FREQUENT_MIN_CHUNKS),
        key=lambda d: (-hits[d], d),
    )
    return ranked[:MAX_CANDIDATES]


def same_site(a: DocView, b: DocView) -> bool:
    if a.outlet_id and a.outlet_id == b.outlet_id:
        return True
    ha, hb = host_of(a.url) if a.url else None, host_of(b.url) if b.url else None
    return ha is not None and ha == hb


def shared_passages(a: Indexed, b: Indexed) -> list[Passage]:
    """The passages two documents share; between pages of one site, only near-duplicates."""
    return shared_passages_many(a, [b])[0]


def shared_passages_many(a: Indexed, bs: list[Indexed]) -> list[list[Passage]]:
    """`shared_passages(a, b)` for each b, aligned all at once (`align_many`). A pair sharing
    fewer than MIN_SHARED_SEEDS distinct SEED-word runs cannot hold MIN_WORDS words in runs of
    SEED: it is not aligned."""
    found = align_many(a.tokens, [b.tokens for b in bs], MIN_SHARED_SEEDS)
    out = []
    for b, passages in zip(bs, found, strict=True):
        if passages and same_site(a.view, b.view):
            floor = SAME_SITE_SHARE * min(len(a.tokens), len(b.tokens))
            passages = [p for p in passages if p.words >= floor]
        out.append(passages)
    return out


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
    new = load_new(session, doc_id)
    if new is None:
        raise InputError(doc_id, "no such document in the database")
    chunks = chunk_tokens(new.tokens)
    shingles = shingle_hashes(new.tokens)
    keys = band_keys(chunk_signatures(shingles, chunks))
    before = store.partners_of(session, doc_id)
    num = store.clear_index(session, doc_id)
    links: list[ReuseLink] = []
    words: list[int] = []
    found = candidates(session, doc_id, keys)
    others = load_indexed(session, found)
    aligned = [others[d] for d in found]
    for other, passages in zip(aligned, shared_passages_many(new, aligned), strict=True):
        for p in passages:
            links.append(link_of(new.view, other.view, p))
            words.append(p.words)
    if num is None:
        num = store.new_doc_number(session, doc_id)
    store.save_index(
        session,
        doc_id,
        (int(k) for row in keys for k in row),
        to_bytes(signature(shingles, DOC_PERM, DOC_SEED)),
        DOC_PERM,
        len(chunks),
        VERSION,
        num,
    )
    store.replace_links(session, doc_id, links, words, VERSION)
    touched = {doc_id, *before, *(link.copy_doc for link in links), *(link.original_doc for link in links)}
    store.mark_copied_units_many(session, sorted(touched), MOSTLY)
    return links


def pipe(
    engine, doc_ids: Iterable[str], batch_size: int = 50
) -> Iterator[tuple[str, list[ReuseLink] | None, str | None]]:
    """Index many stored documents: (doc_id, links, None), or (doc_id, None, error) for one
    that failed. One transaction per batch, a savepoint per document: a bad document is rolled
    back alone and the batch goes on; nothing committed before is touched."""
    ids = list(doc_ids)
    for lo in range(0, len(ids), batch_size):
        with Session(engine) as session, session.begin():
            for doc_id in ids[lo : lo + batch_size]:
                try:
                    with session.begin_nested():
                        links = index_document(session, doc_id)
                except SphereError as exc:
                    yield doc_id, None, str(exc)
                except Exception as exc:  # noqa: BLE001 - one bad document never stops the batch
                    yield doc_id, None, f"{doc_id}: {type(exc).__name__}: {exc}"
                else:
                    yield doc_id, links, None
