"""The records that flow between Sphere's stages.

Every stage takes and returns these frozen dataclasses; pydantic lives only at the edges
(API, config, files). Ids are derived by hashing their parts (see `sphere.ids`), so a re-run
of the same input yields the same ids.

    SourceItem  --ingest-->  Page  --segment-->  Document + [Unit]
    Unit        --nlp------> [Mention]
    Unit+Mention --events--> [Event] (each with [Evidence])
    Document    --provenance-> [ReuseLink]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

UnitKind = Literal["article", "comment", "forum-post", "clipping"]
UNIT_KINDS: tuple[str, ...] = ("article", "comment", "forum-post", "clipping")


@dataclass(frozen=True)
class SourceItem:
    """One document as it arrived, before any parsing: bytes plus what the container said."""

    doc_id: str  # file name, path as given, URL, or "<container>#<n>" for JSONL/WARC/feed items
    origin: str  # the path or URL it was read from
    raw: bytes
    media_type: Literal["html", "text"]
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as the container gave it; parsed later
    outlet: str | None = None
    author: str | None = None
    encoding: str | None = None  # declared by the container (HTTP header, JSONL is UTF-8)


@dataclass(frozen=True)
class Page:
    """Decoded and extracted text of one document, with the metadata extraction found."""

    text: str
    encoding: str
    extractor: str  # "plain", "trafilatura", "selectolax"
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    site_name: str | None = None
    # Character spans of the page's own parts, found by the HTML extractor:
    # ("article", start, end) and ("comment", start, end). Empty for plain text.
    parts: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class Unit:
    """A typed span of a document's extracted text: the body, a comment, a post, a clipping."""

    doc_id: str
    unit_id: str  # "body", "comment-3", "post-2", "clipping-1"
    kind: str  # one of UNIT_KINDS
    start: int
    end: int
    published: date | None = None
    author: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """A stored document: identity, provenance of the bytes, text and metadata."""

    doc_id: str
    origin: str
    content_hash: str  # sha256 of the raw bytes
    encoding: str
    media_type: str
    extractor: str
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    units: tuple[Unit, ...] = ()
    raw: bytes | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Mention:
    """An entity mention inside a unit, resolved to a canonical code when possible."""

    doc_id: str
    unit_id: str
    start: int  # offsets into the document's text
    end: int
    text: str
    code: str | None  # canonical code (ACTORS.md); None when unresolved
    kind: str  # state, person, igo, armed-group, organisation, military-unit, place, ...
    sector: str | None = None
    identifier_text: str | None = None  # canonical name of a person or unit
    label: str | None = None  # the NER label or "KB" for the entity ruler
    lang: str = "en"
    note: str | None = None  # e.g. "former president (left office 2017)" when resolved by date


@dataclass(frozen=True)
class Participant:
    code: str
    sector: str | None = None
    entity_text: str | None = None
    identifier_text: str | None = None


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class Evidence:
    doc_id: str
    unit_id: str
    text: str  # verbatim from the document's text
    start: int
    end: int
    derived_from: str | None = None  # doc_id of the original when this passage is copied


@dataclass(frozen=True)
class Event:
    """One PLOVER event; serialises to ../shared/spec/event.schema.json via `sphere.events.schema`."""

    event_id: str
    event_type: str  # one of the 16 PLOVER types
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...] = ()
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    enddate: str | None = None
    date_precision: str | None = None  # day, month, year
    status: str = "occurred"
    location: Location | None = None
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()  # independent outlets
    confidence: float = 1.0


@dataclass(frozen=True)
class ReuseLink:
    """A passage of `copy_doc` that repeats a passage of `original_doc`."""

    original_doc: str
    copy_doc: str
    original_start: int
    original_end: int
    copy_start: int
    copy_end: int
    size: int  # characters of the copied passage
    direction_by: str  # "date", "cited-url", "outlet-named", "undecided"
