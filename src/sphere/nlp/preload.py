"""Imported by the analysis pool's fork server: the models are loaded there once, and every
worker forked from it starts with them (pages shared until written), instead of each worker
loading the English pipeline, the knowledge base and the gazetteer's alternate-name index
itself (a few seconds of CPU each, on cores the other workers need)."""

from __future__ import annotations

from importlib import import_module

from ..kb import load_kb
from ..kb.gazetteer import city_index
from .english import load_nlp

try:
    load_kb()
    load_nlp()
    city_index()  # built on the first name found nowhere else: in every worker of a real corpus
    import_module("sphere.events.extract")  # the event stage, imported once here too
except Exception:  # noqa: BLE001, S110 - each worker then loads them itself and reports the error
    pass
