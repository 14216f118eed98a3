"""The database schema, as SQLAlchemy 2 declarative tables.

One schema for SQLite (the default, a file on a laptop) and PostgreSQL (a server). Every row
produced by an analysis stage records the stage's version (`stage_version`), so rows made by an
older version can be found and recomputed. Changes to these tables go with an Alembic migration
in `sphere/store/migrations/versions/`.

    outlets ─┐
             └─< documents ─< units
                     │  └─< mentions
                     ├─< evidence >── events ─< participants
                     ├─< reuse_links (original, copy)
                     ├── signatures (MinHash, for incremental reuse search)
                     ├── reuse_docs ─< reuse_bands (LSH band keys of passages)
                     └─< claims
    ingest_failures (what could not be read, and why)
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class OutletRow(Base):
    """A publisher: from the outlet registry, or recorded as seen when unknown."""

    __tablename__ = "outlets"
    id: Mapped[str] = mapped_column(String(120), primary_key=True)  # slug, e.g. "caravanserai"
    name: Mapped[str] = mapped_column(String(300))
    domains: Mapped[list | None] = mapped_column(JSON, default=list)
    country: Mapped[str | None] = mapped_column(String(3))
    language: Mapped[str | None] = mapped_column(String(10))
    sponsor: Mapped[str | None] = mapped_column(Text)
    slant: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[dict | None] = mapped_column(JSON)  # field -> where the fact comes from
    known: Mapped[bool] = mapped_column(default=False)  # False: seen in a document, not in the registry


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(500), primary_key=True)  # file name, path as given, or URL
    origin: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[str] = mapped_column(String(40))
    media_type: Mapped[str] = mapped_column(String(20))
    extractor: Mapped[str] = mapped_column(String(40))
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    raw_path: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, deferred=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300))
    outlet_id: Mapped[str | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    # Where `published` comes from: "container" (JSONL/feed field), "html" (metadata), "text"
    # (a date line), "clipping <doc>#<unit>" (a dated clipping of the same article elsewhere).
    date_source: Mapped[str | None] = mapped_column(String(600))
    notes: Mapped[list | None] = mapped_column(JSON)  # ingest warnings, e.g. the fallback extractor
    # Which analysis stages have run on it, and at which version: {"nlp": "1", "events": "1"}.
    stages: Mapped[dict | None] = mapped_column(JSON, default=dict)
    # The segmenter version that made its units (sphere.segment.SEGMENT_VERSION; NULL: version
    # 1, before it was recorded); `sphere resegment` redoes older ones. Migration 0007.
    segment_version: Mapped[str | None] = mapped_column(String(20))


class UnitRow(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("doc_id", "unit_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    author: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(10))
    copied_share: Mapped[float | None] = mapped_column(Float)  # share of its text copied from elsewhere
    copied_from: Mapped[str | None] = mapped_column(String(500))  # doc id of the main original


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        Index("ix_mentions_doc_unit", "doc_id", "unit_id"),
        Index("ix_mentions_code_identifier", "code", "identifier_text"),  # migration 0003
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    unit_id: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    sector: Mapped[str | None] = mapped_column(String(20))
    identifier_text: Mapped[str | None] = mapped_column(String(300))
    label: Mapped[str | None] = mapped_column(String(20))
    lang: Mapped[str | None] = mapped_column(String(10))
    # how the code was reached when it needs saying ("former president (left office ...)");
    # migration 0003
    note: Mapped[str | None] = mapped_column(String(300))
    stage_version: Mapped[str] = mapped_column(String(20))


class EventRow(Base):
    __tablename__ = "events"
    # Lists are ordered by (date, id): these hand rows over in that order (migration 0008).
    __table_args__ = (
        Index("ix_events_date_id", "date", "id", "event_type", "status", "n_sources", "enddate"),
        Index("ix_events_type_date_id", "event_type", "date", "id"),
        Index("ix_events_place_date_id", "loc_name", "date", "id"),
        Index("ix_events_enddate", "enddate", "date", sqlite_where=sql_text("enddate IS NOT NULL"),
              postgresql_where=sql_text("enddate IS NOT NULL")),
    )  # fmt: skip
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(20))
    mode: Mapped[list | None] = mapped_column(JSON)
    context: Mapped[list | None] = mapped_column(JSON)
    date: Mapped[str | None] = mapped_column(String(10))
    enddate: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    loc_name: Mapped[str | None] = mapped_column(String(300))
    loc_country: Mapped[str | None] = mapped_column(String(3))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    sources: Mapped[list | None] = mapped_column(JSON)  # independent outlets
    n_sources: Mapped[int] = mapped_column(Integer, default=0, index=True)
    n_evidence: Mapped[int] = mapped_column(Integer, default=0)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    stage_version: Mapped[str] = mapped_column(String(20))


class ParticipantRow(Base):
    __tablename__ = "participants"
    __table_args__ = (  # migration 0006
        Index("ix_participants_code_role_event", "code", "role", "event_id"),
        Index("ix_participants_event_role_code", "event_id", "role", "code"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))  # actor | recipient
    code: Mapped[str] = mapped_column(String(120))
    sector: Mapped[str | None] = mapped_column(String(20))
    entity_text: Mapped[str | None] = mapped_column(Text)
    identifier_text: Mapped[str | None] = mapped_column(String(300))


class EvidenceRow(Base):
    __tablename__ = "evidence"
    __table_args__ = (
        UniqueConstraint("event_id", "doc_id", "start", "end"),
        Index("ix_evidence_event_outlet", "event_id", "outlet_id"),  # migration 0008
        Index("ix_evidence_outlet_event", "outlet_id", "event_id"),  # migration 0006
        Index("ix_evidence_passage_key", "passage_key"),  # migration 0013
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    outlet_id: Mapped[str | None] = mapped_column(String(120))
    derived_from: Mapped[str | None] = mapped_column(String(500))  # original doc when copied
    # hash of the sentence squashed (case, spacing): finds the reports sharing it (event_merge)
    passage_key: Mapped[str | None] = mapped_column(String(16))


class ReuseLinkRow(Base):
    __tablename__ = "reuse_links"
    __table_args__ = (
        UniqueConstraint("original_doc", "copy_doc", "original_start", "copy_start"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    original_doc: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    copy_doc: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    original_start: Mapped[int] = mapped_column(Integer)
    original_end: Mapped[int] = mapped_column(Integer)
    copy_start: Mapped[int] = mapped_column(Integer)
    copy_end: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    direction_by: Mapped[str] = mapped_column(String(20))
    words: Mapped[int | None] = mapped_column(Integer)  # words of the copy found verbatim in the original
    stage_version: Mapped[str | None] = mapped_column(String(20))


class SignatureRow(Base):
    """A document's MinHash signature, kept so new documents are compared without rescanning."""

    __tablename__ = "signatures"
    doc_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    num_perm: Mapped[int] = mapped_column(Integer)
    hashvalues: Mapped[bytes] = mapped_column(LargeBinary)
    n_chunks: Mapped[int | None] = mapped_column(Integer)  # passages indexed in reuse_bands
    stage_version: Mapped[str | None] = mapped_column(String(20))


class ReuseDocRow(Base):
    """A small integer per indexed document, so the (large) band table stays narrow."""

    __tablename__ = "reuse_docs"
    num: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )


class ReuseBandRow(Base):
    """One LSH band key of one passage of an indexed document: the persistent reuse index.

    A new document's passages are looked up by band key (the primary key's first column), so
    finding candidates costs a few index probes whatever the size of the corpus.
    """

    __tablename__ = "reuse_bands"
    __table_args__ = (Index("ix_reuse_bands_doc", "doc_num"), {"sqlite_with_rowid": False})
    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    doc_num: Mapped[int] = mapped_column(
        ForeignKey("reuse_docs.num", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )


class ClaimRow(Base):
    """A quantitative claim (troops, kilometres, militants); filled by a later stage."""

    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    quantity_low: Mapped[float | None] = mapped_column(Float)
    quantity_high: Mapped[float | None] = mapped_column(Float)
    unit_of_measure: Mapped[str | None] = mapped_column(String(60))
    measures: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(String(300))
    as_of: Mapped[str | None] = mapped_column(String(10))
    stage_version: Mapped[str] = mapped_column(String(20))


class IngestFailureRow(Base):
    """Something that could not be ingested: kept so a user can see and retry it."""

    __tablename__ = "ingest_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(Text, index=True)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)
