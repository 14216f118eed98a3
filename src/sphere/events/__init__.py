"""The event stage: PLOVER-coded events (who did what to whom, when, where) with evidence.

    sphere.events.extract_events(parsed: ParsedDocument) -> list[Event]   (pure: no DB)
    sphere.events.pipe_events(items, batch_size) -> Iterator[list[Event]]
    sphere.events.schema.to_record(event) -> dict, sphere.events.schema.validate(record)

Rules over the dependency parse plus a lexicon of predicates (`data/lexicon.yaml`); see
`extract.py` for the order of the steps and `merge.py` for what makes two records one event.

The names above are loaded on first use (PEP 562), not on import: the store imports
`sphere.events.merge` (the rules of what makes two reports one event) when it saves events,
and the web process, which only reads the store, must not load the NLP stage with it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers and readers only: nothing is imported at run time
    from .extract import STAGE, Options, extract_events, pipe_events

__all__ = ["STAGE", "Options", "extract_events", "pipe_events"]
_FROM_EXTRACT = frozenset(__all__)


def __getattr__(name: str) -> Any:
    if name in _FROM_EXTRACT:
        value = getattr(import_module(".extract", __name__), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
