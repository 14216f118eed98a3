"""The NLP stage: spaCy parses plus knowledge-base entity mentions, one parse per unit.

    parse_document(document) -> ParsedDocument           (nlp/parsed.py types)
    pipe_documents(documents, batch_size=16) -> Iterator[ParsedDocument]
    load_nlp()   the English pipeline with Sphere's entity ruler, cached per process

spaCy is imported when these are first called, not when the package is imported.
"""

from __future__ import annotations

from .parsed import ParsedDocument, ParsedUnit

__all__ = ["ParsedDocument", "ParsedUnit", "load_nlp", "parse_document", "pipe_documents"]


def load_nlp():
    from .english import load_nlp as _load

    return _load()


def parse_document(document):
    from .parse import parse_document as _parse

    return _parse(document)


def pipe_documents(documents, batch_size: int = 16):
    from .parse import pipe_documents as _pipe

    return _pipe(documents, batch_size)
