"""The NLP stage: every unit of a document parsed once, its entity mentions resolved.

    parse_document(document) -> ParsedDocument
    pipe_documents(documents, batch_size=16) -> Iterator[ParsedDocument]

Per unit: the language decides the path (`language.py`). English (and other Latin-script) text
goes through one `nlp.pipe` call over the whole batch (long units in chunks, joined back into
one Doc per unit); Russian text goes to the Russian recogniser (`russian.py`), as do the
Cyrillic stretches of a mixed unit. Mentions are resolved once a document's units are all
parsed, so a surname or a base's short name can use what the whole document says.

Furniture inside a unit (a subscription prompt between paragraphs, a caption printed twice:
`segment.furniture`) is blanked in the text the unit's parse reads, so offsets stay the
document's and no event is read from boilerplate. Text outside every unit (a page's title, blog
labels, forum breadcrumbs) and that furniture are analysed too, as page text: their mentions,
with unit_id "page", are in `ParsedDocument.outside` (the event stage reads units).

Nothing is lost: every unit comes back as a ParsedUnit (doc None when it was not parsed) and
every unit left unanalysed is listed in `skipped` with the reason (empty, no letters, a script
or language no model here reads, offsets outside the text).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from ..kb import load_kb
from ..segment.furniture import furniture_spans, masked
from ..types import Document, Mention, Unit
from .chunks import chunk_bounds, join_docs
from .doc_context import DocumentContext, collect_context
from .english import load_nlp
from .language import cyrillic_stretches, main_script
from .parsed import ParsedDocument, ParsedUnit
from .resolve import unit_mentions
from .russian import russian_mentions

PAGE_UNIT = "page"  # unit_id of mentions found outside every unit


@dataclass
class UnitPlan:
    unit: Unit
    text: str
    lang: str
    route: str  # "english", "russian" or "skip"
    reason: str = ""
    outside: bool = False  # page text outside the units (title, labels), not a unit
    chunks: list[tuple[int, int]] = field(default_factory=list)
    docs: list = field(default_factory=list)


def unit_day(unit: Unit, document: Document) -> date | None:
    return unit.published or document.published


def plan_unit(document: Document, unit: Unit, furniture: tuple[tuple[int, int], ...] = ()) -> UnitPlan:
    """How one unit is analysed; `furniture` (document offsets) is blanked in its text."""
    if not (0 <= unit.start <= unit.end <= len(document.text)):
        return UnitPlan(unit, "", "und", "skip", f"offsets {unit.start}-{unit.end} outside the text ({len(document.text)} chars)")
    text = masked(document.text, unit.start, unit.end, furniture) if furniture else document.text[unit.start : unit.end]
    if not text.strip():
        return UnitPlan(unit, text, "und", "skip", "empty unit")
    script, lang = main_script(text)
    if script == "LATIN":
        return UnitPlan(unit, text, lang, "english", chunks=chunk_bounds(text))
    if script == "CYRILLIC":
        return UnitPlan(unit, text, lang, "russian")
    if lang == "und":
        return UnitPlan(unit, text, lang, "skip", "no letters to analyse")
    return UnitPlan(unit, text, lang, "skip", f"language {lang!r}: no model here reads it")


def _batched(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


def _drop_overlaps(mentions: list[Mention], stretches: list[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if not any(s <= m.start < e or s < m.end <= e for s, e in stretches)]


def page_gaps(document: Document, units: tuple[Unit, ...],
              furniture: dict[str, tuple[tuple[int, int], ...]] | None = None) -> list[Unit]:
    """The document's text outside every unit, and the furniture inside units, as pseudo-units
    (id "page") with letters in."""
    covered = sorted((max(0, u.start), min(len(document.text), u.end)) for u in units)
    text = document.text
    gaps, pos = [], 0
    for start, end in [*covered, (len(text), len(text))]:
        if start > pos and any(c.isalpha() for c in text[pos:start]):
            gaps.append(Unit(document.doc_id, PAGE_UNIT, "article", pos, start, published=document.published))
        pos = max(pos, end)
    for spans in (furniture or {}).values():
        gaps += [Unit(document.doc_id, PAGE_UNIT, "article", s, e, published=document.published)
                 for s, e in spans if any(c.isalpha() for c in text[s:e])]
    return sorted(gaps, key=lambda g: g.start)


def plan_document(document: Document) -> list[UnitPlan]:
    """Plans for a document's units (furniture blanked), then for its page text."""
    units = document_units(document)
    furniture = furniture_spans(document.text, units) if document.units else {}
    plans = [plan_unit(document, u, furniture.get(u.unit_id, ())) for u in units]
    for gap in page_gaps(document, units, furniture):
        plan = plan_unit(document, gap)
        plan.outside = True
        plans.append(plan)
    return plans


def finish_document(document: Document, plans: list[UnitPlan]) -> ParsedDocument:
    """Resolve the mentions of a document whose English units are parsed."""
    kb = load_kb()
    ctx = DocumentContext()
    docs = {id(p): join_docs(p.docs) for p in plans if p.route == "english"}
    collect_context([(docs[id(p)], p.unit.start) for p in plans if id(p) in docs], kb, ctx)
    units, skipped, outside = [], [], []
    for p in plans:
        if p.outside:
            outside += plan_mentions(document, p, docs.get(id(p)), kb, ctx)
            continue
        doc = docs.get(id(p))
        mentions = plan_mentions(document, p, doc, kb, ctx)
        units.append(ParsedUnit(p.unit, p.unit.start, doc, tuple(mentions), "ru" if p.route == "russian" else p.lang))
        if p.route == "skip":
            skipped.append((p.unit.unit_id, p.reason))
    return ParsedDocument(document, tuple(units), tuple(skipped), tuple(outside))


def plan_mentions(document: Document, p: UnitPlan, doc, kb, ctx: DocumentContext) -> list[Mention]:
    day = unit_day(p.unit, document)
    if p.route == "russian":
        return russian_mentions(p.text, p.unit, p.unit.start, day)
    if p.route != "english":
        return []
    mentions = unit_mentions(doc, p.unit, p.unit.start, kb, ctx, day)
    stretches = [(p.unit.start + s, p.unit.start + e) for s, e in cyrillic_stretches(p.text)]
    if stretches:  # a mixed unit: the Russian recogniser reads its Cyrillic lines
        mentions = _drop_overlaps(mentions, stretches)
        for s, e in stretches:
            mentions += russian_mentions(p.text[s - p.unit.start : e - p.unit.start], p.unit, s, day)
        mentions.sort(key=lambda m: m.start)
    return mentions


def document_units(document: Document) -> tuple[Unit, ...]:
    """The document's units; a document stored without any is read as one body unit."""
    if document.units:
        return document.units
    return (Unit(document.doc_id, "body", "article", 0, len(document.text), published=document.published,
                 title=document.title, outlet=document.outlet, url=document.url),)


def pipe_documents(documents: Iterable[Document], batch_size: int = 16) -> Iterator[ParsedDocument]:
    """Parse documents in batches: one `nlp.pipe` over all English chunks of a batch."""
    nlp = load_nlp()
    for group in _batched(documents, batch_size):
        plans = [plan_document(d) for d in group]
        pieces = [(p, s, e) for doc_plans in plans for p in doc_plans if p.route == "english" for s, e in p.chunks]
        texts = (p.text[s:e] for p, s, e in pieces)
        for (plan, _, _), doc in zip(pieces, nlp.pipe(texts, batch_size=batch_size), strict=True):
            plan.docs.append(doc)
        for document, doc_plans in zip(group, plans, strict=True):
            yield finish_document(document, doc_plans)


def parse_document(document: Document) -> ParsedDocument:
    """One document through the NLP stage (see `pipe_documents` for many)."""
    return next(pipe_documents([document], batch_size=1))
