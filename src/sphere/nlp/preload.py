"""Imported by the analysis pool's fork server: the models are loaded there once, and every
worker forked from it starts with them (pages shared until written), instead of each worker
loading the English pipeline, the knowledge base and the gazetteer's alternate-name index
itself (a few seconds of CPU each, on cores the other workers need).

The cyclic garbage collector is paused while they load (a load allocates millions of
long-lived objects, and every full pass it would trigger walks all those already loaded: the
alternate-name index alone built in 1.2 s with the collector on, 0.5 s with it off), and what
was loaded is then frozen (`gc.freeze`): a worker's full passes skip it, and do not write to
its pages either.
"""

from __future__ import annotations

import gc
from importlib import import_module

from ..kb import load_kb
from ..kb.gazetteer import city_index, collector_paused
from .english import load_nlp


def preload_models() -> None:
    """Load what every worker needs, once, with the collector paused; then freeze it."""
    with collector_paused():
        load_kb()
        load_nlp()
        city_index()  # built on the first name found nowhere else: in every worker of a real corpus
        import_module("sphere.events.extract")  # the event stage, imported once here too
        import_module("sphere.events.lexicon").load_lexicon()  # its lexicon (YAML), read once
    gc.freeze()


try:
    preload_models()
except Exception:  # noqa: BLE001, S110 - each worker then loads them itself and reports the error
    pass
