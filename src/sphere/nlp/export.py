"""Mention rows for `sphere extract-entities`: the stage's output without a database."""

from __future__ import annotations

from ..types import Mention

COLUMNS = ("document", "unit", "start", "end", "text", "code", "kind", "sector", "identifier_text")


def mention_row(m: Mention) -> dict:
    return {
        "document": m.doc_id, "unit": m.unit_id, "start": m.start, "end": m.end, "text": m.text,
        "code": m.code, "kind": m.kind, "sector": m.sector, "identifier_text": m.identifier_text,
    }
