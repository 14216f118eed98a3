"""The event stage: PLOVER-coded events (who did what to whom, when, where) with evidence.

    sphere.events.extract_events(parsed: ParsedDocument) -> list[Event]   (pure: no DB)
    sphere.events.pipe_events(items, batch_size) -> Iterator[list[Event]]
    sphere.events.schema.to_record(event) -> dict, sphere.events.schema.validate(record)

Rules over the dependency parse plus a lexicon of predicates (`data/lexicon.yaml`); see
`extract.py` for the order of the steps and `merge.py` for what makes two records one event.
"""

from .extract import STAGE, Options, extract_events, pipe_events

__all__ = ["STAGE", "Options", "extract_events", "pipe_events"]
