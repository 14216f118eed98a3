"""What the NLP stage hands to the event stage: each unit's spaCy parse plus its resolved mentions.

    Document --nlp.parse_document--> ParsedDocument(units=[ParsedUnit, ...])

A `ParsedUnit.doc` is the spaCy parse of `document.text[unit.start:unit.end]` with the unit's
furniture lines blanked (`segment.furniture`: same length), so a token's document offset is
`parsed.offset + token.idx`. Mentions carry document offsets already.
Non-English units have `doc=None` (their mentions come from the Russian recogniser).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..types import Document, Mention, Unit

if TYPE_CHECKING:  # spaCy is heavy to import; only the type is needed here
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ParsedUnit:
    unit: Unit
    offset: int  # document offset of the parse's character 0 (== unit.start)
    doc: Doc | None  # None for units not parsed by the English pipeline
    mentions: tuple[Mention, ...]  # resolved entity mentions of this unit, document offsets
    lang: str = "en"  # the language of the model that read it ("en", "ru"), or the script's ("zh")


@dataclass(frozen=True)
class ParsedDocument:
    document: Document
    units: tuple[ParsedUnit, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (unit_id, reason) for units left unanalysed
    # mentions in the document's text outside every unit (title, labels, breadcrumbs), with
    # unit_id "page": found for entity search; the event stage reads units only
    outside: tuple[Mention, ...] = ()

    def mentions(self) -> tuple[Mention, ...]:
        """Every mention of the document, units and page text, in text order."""
        found = [m for u in self.units for m in u.mentions] + list(self.outside)
        return tuple(sorted(found, key=lambda m: (m.start, m.end)))
