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

from sqlalchemy import bindparam, insert, or_, select
from sqlalchemy.orm import Session

from ..types import ReuseLink
from .event_counts import chunked
from .models import ReuseBandRow, ReuseDocRow, ReuseLinkRow, SignatureRow, UnitRow

IN_BATCH = 500  # values per IN (...) list: far below every backend's parameter limit


BANDS, DOCNUMS, SIGNATURES = ReuseBandRow.__table__, ReuseDocRow.__table__, SignatureRow.__table__
LINKS, UNITS = ReuseLinkRow.__table__, UnitRow.__table__


def placeholder(session: Session) -> str:
    """The driver's positional parameter mark: `?` for sqlite3, `%s` for psycopg."""
    return "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"


def run_sql(session: Session, sql: str, args: Sequence = (), many: bool = False) -> list[tuple]:
    """Run plain SQL whose `{mark}`s are positional parameters on the session's own driver
    cursor, in its transaction; the rows it returns (none for a write). Indexing runs a dozen
    statements per document it indexes, most on a few integers or ids: SQLAlchemy's statement
    execution costs more than the database's work, and that CPU is taken from the workers.
    `many`: args is a sequence of parameter tuples (executemany)."""
    cur = session.connection().connection.cursor()
    try:
        sql = sql.format(mark=placeholder(session))
        if many:
            cur.executemany(sql, args)
            return []
        cur.execute(sql, args)
        return cur.fetchall() if cur.description else []
    finally:
        cur.close()


def insert_sql(table, columns: Sequence[str]) -> str:
    """Plain INSERT with `{mark}` parameters for `run_sql` (columns quoted: "end" is a keyword).
    The rows written most (mentions, participants, evidence) carry only strings and integers, so the
    driver's executemany takes them as they are: SQLAlchemy's per-row parameter processing
    cost more than the database's insert."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join(['{mark}'] * len(columns))})"


def fetch_in(session: Session, sql: str, values: Sequence, args: Sequence = ()) -> list[tuple]:
    """Rows of `sql` (plain SQL whose `{marks}` is an IN list, `{mark}` one more parameter,
    the args first) for every value, IN_BATCH values per statement, on the session's own
    driver cursor: the hottest reads of indexing fetch hundreds of integer rows per document,
    and skipping SQLAlchemy's expanding-IN rendering and row objects halves their cost."""
    if not values:
        return []
    mark = placeholder(session)
    cur = session.connection().connection.cursor()
    try:
        out: list[tuple] = []
        for part in chunked(values, IN_BATCH):
            cur.execute(sql.format(marks=", ".join([mark] * len(part)), mark=mark), (*args, *part))
            if cur.description:  # a write returns no rows
                out.extend(cur.fetchall())
        return out
    finally:
        cur.close()


NUM_OF = f"SELECT num FROM {DOCNUMS.name} WHERE doc_id = {{mark}}"
NEW_NUM = f"INSERT INTO {DOCNUMS.name} (doc_id) VALUES ({{mark}})"  # + RETURNING where not SQLite
DELETE_BANDS = f"DELETE FROM {BANDS.name} WHERE doc_num = {{mark}}"
DELETE_SIGNATURE = f"DELETE FROM {SIGNATURES.name} WHERE doc_id = {{mark}}"
NEW_BAND = f"INSERT INTO {BANDS.name} (band_key, doc_num) VALUES ({{mark}}, {{mark}})"
NEW_SIGNATURE = (
    f"INSERT INTO {SIGNATURES.name} (doc_id, num_perm, hashvalues, n_chunks, stage_version) "
    "VALUES ({mark}, {mark}, {mark}, {mark}, {mark})"
)


def number_of(session: Session, doc_id: str) -> int | None:
    found = run_sql(session, NUM_OF, (doc_id,))
    return found[0][0] if found else None


def doc_number(session: Session, doc_id: str) -> int:
    """The document's small integer in the band table, allotted on first use."""
    num = number_of(session, doc_id)
    return new_doc_number(session, doc_id) if num is None else num


def new_doc_number(session: Session, doc_id: str) -> int:
    """Allot the document a number in the band table (it has none: `clear_index` said so),
    read back as sqlite3's lastrowid (RETURNING needs SQLite 3.35), elsewhere by RETURNING."""
    cur = session.connection().connection.cursor()
    try:
        if session.get_bind().dialect.name == "sqlite":
            cur.execute(NEW_NUM.format(mark="?"), (doc_id,))
            return cur.lastrowid
        cur.execute(NEW_NUM.format(mark=placeholder(session)) + " RETURNING num", (doc_id,))
        return cur.fetchone()[0]
    finally:
        cur.close()


def clear_index(session: Session, doc_id: str) -> int | None:
    """Forget a document's band keys and signature (its links are replaced separately);
    returns its number in the band table (None when it has none yet), for `save_index`."""
    num = number_of(session, doc_id)
    if num is not None:
        run_sql(session, DELETE_BANDS, (num,))
    run_sql(session, DELETE_SIGNATURE, (doc_id,))
    return num


def save_index(
    session: Session,
    doc_id: str,
    keys: Iterable[int],
    hashvalues: bytes,
    num_perm: int,
    n_chunks: int,
    version: str,
    num: int | None = None,
) -> None:
    """Store a document's band keys and signature; `num`, its band-table number when the
    caller knows it (`clear_index`), spares looking it up."""
    if num is None:
        num = doc_number(session, doc_id)
    rows = [(k, num) for k in sorted(set(keys))]
    for part in chunked(rows, 5000):
        run_sql(session, NEW_BAND, part, many=True)
    run_sql(session, NEW_SIGNATURE, (doc_id, num_perm, hashvalues, n_chunks, version))


COUNT_KEYS = f"SELECT band_key, count(*) FROM {BANDS.name} WHERE band_key IN ({{marks}}) GROUP BY band_key"
POSTINGS = f"SELECT band_key, doc_num FROM {BANDS.name} WHERE band_key IN ({{marks}})"
NEWEST_POSTINGS = (
    select(BANDS.c.doc_num)
    .where(BANDS.c.band_key == bindparam("key"))
    .order_by(BANDS.c.doc_num.desc())
    .limit(bindparam("limit"))
)
DOC_IDS = f"SELECT num, doc_id FROM {DOCNUMS.name} WHERE num IN ({{marks}})"


def band_postings(
    session: Session, keys: Sequence[int], max_per_key: int
) -> tuple[dict[int, list[str]], set[int]]:
    """For each key, the documents holding it (at most max_per_key, the newest first), and
    the set of keys held by more than max_per_key documents."""
    keys = sorted(set(keys))
    counts = dict(fetch_in(session, COUNT_KEYS, keys))
    frequent = {k for k, n in counts.items() if n > max_per_key}
    out: dict[int, list[int]] = {}
    for key, num in fetch_in(session, POSTINGS, [k for k in counts if k not in frequent]):
        out.setdefault(key, []).append(num)
    conn = session.connection()
    for key in frequent:
        out[key] = list(conn.execute(NEWEST_POSTINGS, {"key": key, "limit": max_per_key}).scalars())
    ids = dict(fetch_in(session, DOC_IDS, sorted({n for v in out.values() for n in v})))
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


LINKS_OF = f"SELECT original_doc, copy_doc FROM {LINKS.name} WHERE original_doc = {{mark}} OR copy_doc = {{mark}}"
DELETE_LINKS = f"DELETE FROM {LINKS.name} WHERE original_doc = {{mark}} OR copy_doc = {{mark}}"
NEW_LINK = insert(LINKS)


def partners_of(session: Session, doc_id: str) -> set[str]:
    """The documents on either side of doc_id's links, doc_id itself included when linked."""
    return {d for pair in run_sql(session, LINKS_OF, (doc_id, doc_id)) for d in pair}


def replace_links(
    session: Session,
    doc_id: str,
    links: Iterable[ReuseLink],
    words: Sequence[int],
    version: str,
) -> None:
    """Replace every link involving doc_id (as original or copy) with these."""
    forget_links(session)  # the session's memos of links are stale now
    session.flush()  # plain statements below: the session's pending rows go first
    run_sql(session, DELETE_LINKS, (doc_id, doc_id))
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
        session.connection().execute(NEW_LINK, rows)


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
    """Set each unit's copied_share, and copied_from when at least `mostly` of it is copied."""
    mark_copied_units_many(session, [doc_id], mostly)


COPY_SPANS = (
    f"SELECT copy_doc, original_doc, copy_start, copy_end FROM {LINKS.name} "
    "WHERE direction_by <> 'undecided' AND copy_doc IN ({marks})"
)
UNIT_MARKS = (
    f'SELECT id, doc_id, start, "end", copied_share, copied_from FROM {UNITS.name} '
    "WHERE doc_id IN ({marks}) ORDER BY id"
)
CLEAR_MARKS = f"UPDATE {UNITS.name} SET copied_share = 0.0, copied_from = NULL WHERE doc_id IN ({{marks}})"
SET_MARK = f"UPDATE {UNITS.name} SET copied_share = {{mark}}, copied_from = {{mark}} WHERE id = {{mark}}"


def mark_copied_units_many(session: Session, doc_ids: Sequence[str], mostly: float) -> None:
    """`mark_copied_units` for each document, reading their links and units at once.

    Only links with a decided direction count: an undecided link copies neither side. Units
    of a document copying nothing get share 0; of the others, only units whose marks change
    are written.
    """
    session.flush()  # plain statements below: the session's pending rows go first
    spans_of: dict[str, list[tuple[str, int, int]]] = {}
    for copy_doc, original, start, end in fetch_in(session, COPY_SPANS, list(doc_ids)):
        spans_of.setdefault(copy_doc, []).append((original, start, end))
    bare = [d for d in doc_ids if d not in spans_of]
    if bare:
        fetch_in(session, CLEAR_MARKS, bare)
    changed = []
    for unit, doc_id, u_start, u_end, old_share, old_from in fetch_in(session, UNIT_MARKS, list(spans_of)):
        length = max(1, u_end - u_start)
        spans: dict[str, list[tuple[int, int]]] = {}
        for original, c_start, c_end in spans_of[doc_id]:
            s, e = max(c_start, u_start), min(c_end, u_end)
            if e > s:
                spans.setdefault(original, []).append((s, e))
        share = union_length(x for v in spans.values() for x in v) / length
        new_share = round(min(1.0, share), 4)
        main = max(spans, key=lambda k: (union_length(spans[k]), k)) if spans else None
        new_from = main if share >= mostly else None
        if (new_share, new_from) != (old_share, old_from):
            changed.append((new_share, new_from, unit))
    if changed:
        run_sql(session, SET_MARK, changed, many=True)
    expire_units(session, doc_ids)


def expire_units(session: Session, doc_ids: Sequence[str]) -> None:
    """Units of these documents loaded in the session are stale after plain updates."""
    wanted = set(doc_ids)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, UnitRow) and obj.doc_id in wanted:
            session.expire(obj)
