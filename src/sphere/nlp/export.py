"""Mention rows for `sphere extract-entities`: the stage's output without a database."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..types import Document, Mention, Unit
from .parse import parse_document

COLUMNS = ("document", "unit", "start", "end", "text", "code", "kind", "sector", "identifier_text")


def mention_row(m: Mention) -> dict:
    return {
        "document": m.doc_id, "unit": m.unit_id, "start": m.start, "end": m.end, "text": m.text,
        "code": m.code, "kind": m.kind, "sector": m.sector, "identifier_text": m.identifier_text,
    }


def mention_rows(doc_id: str, text: str, units: Iterable[Unit]) -> Iterator[dict]:
    """One row per mention of a document given as id, text and units."""
    document = Document(doc_id=doc_id, origin=doc_id, content_hash="", encoding="utf-8",
                        media_type="text", extractor="plain", text=text, units=tuple(units))
    for m in parse_document(document).mentions():
        yield mention_row(m)
