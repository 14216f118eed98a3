"""Full-text search over evidence sentences and documents: SQLite FTS5, or PostgreSQL's.

The index lives in the database (migration 0006): FTS5 tables kept in sync by triggers on
SQLite, GIN expression indexes on PostgreSQL. A query is never spliced into SQL and never
handed to the engine's query language as typed: it is cut into words (`query_terms`), each
quoted as a literal (FTS5) or joined with `&` (tsquery), with `word*` as the only operator
kept (prefix). Searches are bounded twice: a result limit, and a time limit that interrupts
the engine (SQLite's progress handler, PostgreSQL's statement_timeout), so a very common word
answers quickly with what it found instead of stalling the server; and when a query matches
more than COUNT_CAP rows, matches come newest first instead of being ranked (ranking them all
is what would be slow).

Snippets come back with MARK_START/MARK_END around matched words; whoever displays them must
escape the text between the marks (see `marked_segments`).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

MARK_START, MARK_END = "\x02", "\x03"
MAX_TERMS = 12
MAX_TERM_LENGTH = 60
COUNT_CAP = 1000  # totals are counted up to this many matches
KINDS = ("evidence", "document")
PG_CONFIG = "english"  # the same config as the GIN indexes of migration 0006
PG_DOC_VECTOR = "to_tsvector('english', coalesce(d.title, '') || ' ' || coalesce(d.text, ''))"
PG_EVIDENCE_VECTOR = "to_tsvector('english', e.text)"
HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2"


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "evidence" (a sentence supporting an event) or "document"
    doc_id: str
    snippet: str  # with MARK_START/MARK_END around matched words
    score: float  # higher is better, comparable within one kind
    title: str | None = None
    event_id: str | None = None
    event_type: str | None = None
    date: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class SearchResult:
    query: str
    terms: tuple[str, ...]
    hits: list[SearchHit] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # per kind, counted up to COUNT_CAP
    capped: bool = False  # some total reached COUNT_CAP
    timed_out: bool = False  # the time limit cut the search short

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def query_terms(q: str) -> list[tuple[str, bool]]:
    """The words of a query, each with whether it ends in `*` (prefix search)."""
    found = []
    for word, star in re.findall(r"(\w+)(\*?)", q or ""):
        if len(found) == MAX_TERMS:
            break
        found.append((word[:MAX_TERM_LENGTH].lower(), bool(star)))
    return found


def fts5_query(terms: list[tuple[str, bool]]) -> str:
    """Each word as a quoted FTS5 string (never an operator), all required."""
    return " ".join('"' + w.replace('"', '""') + '"' + ("*" if prefix else "") for w, prefix in terms)


def tsquery(terms: list[tuple[str, bool]]) -> str:
    return " & ".join(w + (":*" if prefix else "") for w, prefix in terms)


class SearchTimeout(Exception):
    pass


@contextmanager
def time_limit(session: Session, seconds: float) -> Iterator[None]:
    """Interrupt the database if a statement inside runs past `seconds`."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 2000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    else:
        conn.execute(text(f"SET LOCAL statement_timeout = {max(1, int(seconds * 1000))}"))
        yield


def interrupted(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "interrupt" in message or "cancel" in message or "timeout" in message


def search(
    session: Session,
    q: str,
    kinds: tuple[str, ...] = KINDS,
    limit: int = 20,
    offset: int = 0,
    time_budget: float = 2.0,
) -> SearchResult:
    """Best matches of each kind (up to `limit`, after `offset`), within `time_budget` seconds."""
    terms = query_terms(q)
    result = SearchResult(q, tuple(w for w, _ in terms))
    if not terms:
        return result
    postgres = session.connection().dialect.name == "postgresql"
    runners = {"evidence": pg_evidence if postgres else sqlite_evidence,
               "document": pg_documents if postgres else sqlite_documents}  # fmt: skip
    deadline = time.monotonic() + time_budget
    for kind in kinds:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            result = replace_timed_out(result)
            break
        try:
            with time_limit(session, remaining):
                hits, total = runners[kind](session, terms, limit, offset)
        except OperationalError as exc:
            if not interrupted(exc):
                raise
            session.rollback()
            result = replace_timed_out(result)
            break
        result.hits.extend(hits)
        result.totals[kind] = total
        if total >= COUNT_CAP:
            result = SearchResult(result.query, result.terms, result.hits, result.totals, True, result.timed_out)
    return result


def replace_timed_out(r: SearchResult) -> SearchResult:
    return SearchResult(r.query, r.terms, r.hits, r.totals, r.capped, True)


def sqlite_order(session: Session, table: str, params: dict, rank: str) -> tuple[int, str]:
    """(matches counted up to COUNT_CAP, ORDER BY): by relevance, unless the words are so common
    that ranking every match would be slow; then the newest rows first (the rowid order)."""
    total = session.scalar(
        text(f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH :q LIMIT :cap)"), params
    ) or 0
    return total, (f"{rank}, {table}.rowid" if total < COUNT_CAP else f"{table}.rowid DESC")


def sqlite_evidence(session: Session, terms, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    params = {"q": fts5_query(terms), "a": MARK_START, "b": MARK_END, "limit": limit,
              "offset": offset, "cap": COUNT_CAP}  # fmt: skip
    total, order = sqlite_order(session, "evidence_fts", params, "bm25(evidence_fts)")
    rows = session.execute(
        text(
            "SELECT e.doc_id, e.event_id, e.start, e.\"end\", ev.event_type, ev.date, "
            "snippet(evidence_fts, 0, :a, :b, '…', 40) AS snip, bm25(evidence_fts) AS score "
            "FROM evidence_fts JOIN evidence e ON e.id = evidence_fts.rowid "
            "JOIN events ev ON ev.id = e.event_id "
            f"WHERE evidence_fts MATCH :q ORDER BY {order} LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    hits = [
        SearchHit("evidence", r.doc_id, r.snip, -r.score, event_id=r.event_id,
                  event_type=r.event_type, date=r.date, start=r.start, end=r.end)  # fmt: skip
        for r in rows
    ]
    return hits, total or 0


def sqlite_documents(session: Session, terms, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    params = {"q": fts5_query(terms), "a": MARK_START, "b": MARK_END, "limit": limit,
              "offset": offset, "cap": COUNT_CAP}  # fmt: skip
    total, order = sqlite_order(session, "documents_fts", params, "bm25(documents_fts, 5.0, 1.0)")
    rows = session.execute(
        text(
            "SELECT d.id, d.title, d.published, "
            "snippet(documents_fts, 1, :a, :b, '…', 40) AS snip, "
            "bm25(documents_fts, 5.0, 1.0) AS score "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            f"WHERE documents_fts MATCH :q ORDER BY {order} LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    hits = [
        SearchHit("document", r.id, r.snip, -r.score, title=r.title,
                  date=str(r.published) if r.published else None)  # fmt: skip
        for r in rows
    ]
    return hits, total or 0


def pg_evidence(session: Session, terms, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    params = {"q": tsquery(terms), "opts": HEADLINE, "limit": limit, "offset": offset, "cap": COUNT_CAP}
    total = session.scalar(
        text(
            f"SELECT count(*) FROM (SELECT 1 FROM evidence e, to_tsquery('{PG_CONFIG}', :q) q "
            f"WHERE {PG_EVIDENCE_VECTOR} @@ q LIMIT :cap) AS matches"
        ),
        params,
    ) or 0
    order = "score DESC, e.id" if total < COUNT_CAP else "e.id DESC"  # see sqlite_order
    rows = session.execute(
        text(
            "SELECT e.doc_id, e.event_id, e.start, e.\"end\", ev.event_type, ev.date, "
            f"ts_headline('{PG_CONFIG}', e.text, q, :opts) AS snip, "
            f"ts_rank({PG_EVIDENCE_VECTOR}, q) AS score "
            f"FROM evidence e JOIN events ev ON ev.id = e.event_id, to_tsquery('{PG_CONFIG}', :q) q "
            f"WHERE {PG_EVIDENCE_VECTOR} @@ q ORDER BY {order} LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    hits = [
        SearchHit("evidence", r.doc_id, r.snip, float(r.score), event_id=r.event_id,
                  event_type=r.event_type, date=r.date, start=r.start, end=r.end)  # fmt: skip
        for r in rows
    ]
    return hits, total or 0


def pg_documents(session: Session, terms, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    params = {"q": tsquery(terms), "opts": HEADLINE, "limit": limit, "offset": offset, "cap": COUNT_CAP}
    total = session.scalar(
        text(
            f"SELECT count(*) FROM (SELECT 1 FROM documents d, to_tsquery('{PG_CONFIG}', :q) q "
            f"WHERE {PG_DOC_VECTOR} @@ q LIMIT :cap) AS matches"
        ),
        params,
    ) or 0
    order = "score DESC, d.id" if total < COUNT_CAP else "d.published DESC NULLS LAST, d.id"
    rows = session.execute(
        text(
            "SELECT d.id, d.title, d.published, "
            f"ts_headline('{PG_CONFIG}', d.text, q, :opts) AS snip, "
            f"ts_rank({PG_DOC_VECTOR}, q) AS score "
            f"FROM documents d, to_tsquery('{PG_CONFIG}', :q) q "
            f"WHERE {PG_DOC_VECTOR} @@ q ORDER BY {order} LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    hits = [
        SearchHit("document", r.id, r.snip, float(r.score), title=r.title,
                  date=str(r.published) if r.published else None)  # fmt: skip
        for r in rows
    ]
    return hits, total or 0


def marked_segments(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) pieces, marks removed: escape each piece when displaying."""
    pieces: list[tuple[str, bool]] = []
    matched = False
    for part in re.split(f"([{MARK_START}{MARK_END}])", snippet or ""):
        if part in (MARK_START, MARK_END):
            matched = part == MARK_START
        elif part:
            pieces.append((part, matched))
    return pieces


def rebuild_search_index(session: Session) -> None:
    """Re-index everything (SQLite; after a VACUUM renumbered rows). PostgreSQL needs nothing."""
    if session.connection().dialect.name == "sqlite":
        session.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))
        session.execute(text("INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')"))
