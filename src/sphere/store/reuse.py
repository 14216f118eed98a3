"""Storage of the reuse index and the reuse links: band keys, signatures, links, copied units.

The band table is the persistent LSH index: one row per (band key, document), primary key
(band_key, doc_num), so looking up a new document's few hundred keys is a few hundred index
probes whatever the corpus size, and the table grows linearly with the text indexed (about
BANDS keys per chunk of ~25 words). Keys shared by very many documents (boilerplate that got
past the units, a wire story copied everywhere) are read only up to a limit per key, newest
documents first. Everything here is plain SQL on the rows; the algorithms are in
`sphere.provenance`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..types import ReuseLink
from .models import ReuseBandRow, ReuseDocRow, ReuseLinkRow, SignatureRow, UnitRow

IN_BATCH = 500  # values per IN (...) list: far below every backend's parameter limit


def batched(values: Sequence, size: int = IN_BATCH) -> Iterable[Sequence]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def doc_number(session: Session, doc_id: str) -> int:
    """The document's small integer in the band table, allotted on first use."""
    num = session.scalar(select(ReuseDocRow.num).where(ReuseDocRow.doc_id == doc_id))
    if num is None:
        row = ReuseDocRow(doc_id=doc_id)
        session.add(row)
        session.flush()
        num = row.num
    return num


def clear_index(session: Session, doc_id: str) -> None:
    """Forget a document's band keys and signature (its links are replaced separately)."""
    num = session.scalar(select(ReuseDocRow.num).where(ReuseDocRow.doc_id == doc_id))
    conn = session.connection()
    if num is not None:
        conn.execute(delete(ReuseBandRow.__table__).where(ReuseBandRow.doc_num == num))
    conn.execute(delete(SignatureRow.__table__).where(SignatureRow.doc_id == doc_id))


def save_index(
    session: Session,
    doc_id: str,
    keys: Iterable[int],
    hashvalues: bytes,
    num_perm: int,
    n_chunks: int,
    version: str,
) -> None:
    num = doc_number(session, doc_id)
    rows = [{"band_key": k, "doc_num": num} for k in sorted(set(keys))]
    conn = session.connection()
    for part in batched(rows, 5000):
        conn.execute(insert(ReuseBandRow.__table__), list(part))
    conn.execute(
        insert(SignatureRow.__table__),
        [{
            "doc_id": doc_id, "num_perm": num_perm, "hashvalues": hashvalues,
            "n_chunks": n_chunks, "stage_version": version,
        }],
    )


# Built once: an expanding IN binds the whole list as one parameter, so the statement is
# compiled once and cached, not re-coerced value by value for every document.
COUNT_KEYS = (
    select(ReuseBandRow.band_key, func.count())
    .where(ReuseBandRow.band_key.in_(bindparam("keys", expanding=True)))
    .group_by(ReuseBandRow.band_key)
)
POSTINGS = select(ReuseBandRow.band_key, ReuseBandRow.doc_num).where(
    ReuseBandRow.band_key.in_(bindparam("keys", expanding=True))
)
NEWEST_POSTINGS = (
    select(ReuseBandRow.doc_num)
    .where(ReuseBandRow.band_key == bindparam("key"))
    .order_by(ReuseBandRow.doc_num.desc())
    .limit(bindparam("limit"))
)
DOC_IDS = select(ReuseDocRow.num, ReuseDocRow.doc_id).where(
    ReuseDocRow.num.in_(bindparam("nums", expanding=True))
)


def band_postings(
    session: Session, keys: Sequence[int], max_per_key: int
) -> tuple[dict[int, list[str]], set[int]]:
    """For each key, the documents holding it (at most max_per_key, the newest first), and
    the set of keys held by more than max_per_key documents."""
    conn = session.connection()
    keys = sorted(set(keys))
    counts: dict[int, int] = {}
    for part in batched(keys):
        counts.update(conn.execute(COUNT_KEYS, {"keys": list(part)}).all())
    frequent = {k for k, n in counts.items() if n > max_per_key}
    out: dict[int, list[int]] = {}
    for part in batched([k for k in counts if k not in frequent]):
        for key, num in conn.execute(POSTINGS, {"keys": list(part)}):
            out.setdefault(key, []).append(num)
    for key in frequent:
        out[key] = list(conn.execute(NEWEST_POSTINGS, {"key": key, "limit": max_per_key}).scalars())
    nums = sorted({n for v in out.values() for n in v})
    ids: dict[int, str] = {}
    for part in batched(nums):
        ids.update(conn.execute(DOC_IDS, {"nums": list(part)}).all())
    return {k: [ids[n] for n in v if n in ids] for k, v in out.items()}, frequent


def signature_of(session: Session, doc_id: str) -> SignatureRow | None:
    return session.get(SignatureRow, doc_id)


def to_link(row: ReuseLinkRow) -> ReuseLink:
    return ReuseLink(
        original_doc=row.original_doc,
        copy_doc=row.copy_doc,
        original_start=row.original_start,
        original_end=row.original_end,
        copy_start=row.copy_start,
        copy_end=row.copy_end,
        size=row.size,
        direction_by=row.direction_by,
    )


def replace_links(
    session: Session,
    doc_id: str,
    links: Iterable[ReuseLink],
    words: Sequence[int],
    version: str,
) -> None:
    """Replace every link involving doc_id (as original or copy) with these."""
    forget_links(session)  # the session's memos of links are stale now
    session.execute(
        delete(ReuseLinkRow).where(
            or_(ReuseLinkRow.original_doc == doc_id, ReuseLinkRow.copy_doc == doc_id)
        )
    )
    rows, seen = [], set()
    for link, n in zip(links, words, strict=True):
        key = (link.original_doc, link.copy_doc, link.original_start, link.copy_start)
        if key in seen:
            continue
        seen.add(key)
        rows.append({
            "original_doc": link.original_doc, "copy_doc": link.copy_doc,
            "original_start": link.original_start, "original_end": link.original_end,
            "copy_start": link.copy_start, "copy_end": link.copy_end, "size": link.size,
            "direction_by": link.direction_by, "words": n, "stage_version": version,
        })
    if rows:
        session.connection().execute(insert(ReuseLinkRow.__table__), rows)


def links_of(session: Session, doc_id: str | None = None) -> list[ReuseLinkRow]:
    """Links involving doc_id on either side (all links when None), ordered for display."""
    q = select(ReuseLinkRow).order_by(
        ReuseLinkRow.original_doc, ReuseLinkRow.copy_doc, ReuseLinkRow.copy_start
    )
    if doc_id is not None:
        q = q.where(or_(ReuseLinkRow.original_doc == doc_id, ReuseLinkRow.copy_doc == doc_id))
    return list(session.scalars(q))


LINKS_MEMO = "sphere.reuse.links"  # session.info: what this module read of the links


def links_memo(session: Session) -> dict:
    """The links read so far, remembered in `session.info`; sessions created with the same
    inner dict (`Session(engine, info={LINKS_MEMO: {}})`) share it while no link is written."""
    return session.info.setdefault(LINKS_MEMO, {})


def forget_links(session: Session) -> None:
    """Drop what was remembered of the links (after links are written)."""
    links_memo(session).clear()


def linked_documents(session: Session) -> frozenset[str]:
    """Documents on either side of some reuse link, remembered (`links_memo`).

    Most documents of a corpus take part in no link; asking this set first spares them the
    per-span link queries when an event's sources are counted. `replace_links` forgets it."""
    memo = links_memo(session)
    found = memo.get("linked")
    if found is None:
        docs = session.scalars(select(ReuseLinkRow.copy_doc).union(select(ReuseLinkRow.original_doc)))
        found = memo["linked"] = frozenset(docs)
    return found


def links_by_side(session: Session, doc_id: str) -> tuple[list[ReuseLink], list[ReuseLink]]:
    """(links copying from doc_id, links whose original is doc_id), read in one query per
    document and remembered (`links_memo`): counting an event's sources asks for the links of
    every span of its evidence, and the spans of a run share a few hundred documents."""
    by_doc = links_memo(session).setdefault("by_doc", {})
    found = by_doc.get(doc_id)
    if found is None:
        q = select(ReuseLinkRow).where(
            or_(ReuseLinkRow.copy_doc == doc_id, ReuseLinkRow.original_doc == doc_id)
        ).order_by(ReuseLinkRow.id)
        rows = [to_link(r) for r in session.scalars(q)]  # plain values: kept across sessions
        found = by_doc[doc_id] = (
            [r for r in rows if r.copy_doc == doc_id],
            [r for r in rows if r.original_doc == doc_id],
        )
    return found


def copies_overlapping(session: Session, doc_id: str, start: int, end: int) -> list[ReuseLink]:
    """Links whose copy side is doc_id and overlaps [start, end)."""
    if doc_id not in linked_documents(session):
        return []
    copies, _ = links_by_side(session, doc_id)
    return [r for r in copies if r.copy_start < end and r.copy_end > start]


def originals_overlapping(session: Session, doc_id: str, start: int, end: int) -> list[ReuseLink]:
    """Links whose original side is doc_id and overlaps [start, end)."""
    if doc_id not in linked_documents(session):
        return []
    _, originals = links_by_side(session, doc_id)
    return [r for r in originals if r.original_start < end and r.original_end > start]


def union_length(intervals: Iterable[tuple[int, int]]) -> int:
    total, last = 0, None
    for s, e in sorted(intervals):
        if last is not None:
            s = max(s, last)
        if e > s:
            total += e - s
        last = e if last is None else max(last, e)
    return total


def mark_copied_units(session: Session, doc_id: str, mostly: float) -> None:
    """Set each unit's copied_share, and copied_from when at least `mostly` of it is copied.

    Only links with a decided direction count: an undecided link copies neither side.
    """
    links = [
        r
        for r in session.scalars(select(ReuseLinkRow).where(ReuseLinkRow.copy_doc == doc_id))
        if r.direction_by != "undecided"
    ]
    if not links:
        session.execute(
            update(UnitRow).where(UnitRow.doc_id == doc_id).values(copied_share=0.0, copied_from=None)
        )
        return
    for unit in session.scalars(select(UnitRow).where(UnitRow.doc_id == doc_id)):
        length = max(1, unit.end - unit.start)
        spans: dict[str, list[tuple[int, int]]] = {}
        for r in links:
            s, e = max(r.copy_start, unit.start), min(r.copy_end, unit.end)
            if e > s:
                spans.setdefault(r.original_doc, []).append((s, e))
        share = union_length(x for v in spans.values() for x in v) / length
        unit.copied_share = round(min(1.0, share), 4)
        main = max(spans, key=lambda k: (union_length(spans[k]), k)) if spans else None
        unit.copied_from = main if share >= mostly else None
    session.flush()
