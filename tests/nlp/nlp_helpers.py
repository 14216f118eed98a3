"""Helpers of the NLP tests: documents from plain text, and finding a mention by its text."""

from __future__ import annotations

from datetime import date

from sphere.types import Document, Mention, Unit


def make_document(text: str, day: date | None = None, doc_id: str = "t", units=None) -> Document:
    units = units if units is not None else (Unit(doc_id, "body", "article", 0, len(text), published=day),)
    return Document(doc_id, doc_id, "", "utf-8", "text", "plain", text, published=day, units=tuple(units))


def find(mentions: list[Mention], text: str, nth: int = 0) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert len(found) > nth, f"no mention {text!r} (#{nth}) in {[(m.text, m.code) for m in mentions]}"
    return found[nth]
