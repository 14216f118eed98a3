"""The web layer reads the store: importing it never loads the NLP stage or its libraries.

`sphere.store.events` imports `sphere.events.merge` (what makes two reports one event), so the
event stage's package must not pull its extractor (and with it `sphere.nlp`) in on import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

NLP_LIBRARIES = {"spacy", "thinc", "torch", "natasha", "pymorphy2", "pymorphy3", "stanza"}
# Modules of the web side, and what each may be imported for alone.
WEB_MODULES = ["sphere.api", "sphere.export", "sphere.cli.serve", "sphere.cli.export", "sphere.store.events",
               "sphere.events.merge", "sphere.api.server"]  # fmt: skip


def loaded_after(imports: list[str]) -> set[str]:
    code = f"import sys\nimport {', '.join(imports)}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("imports", [WEB_MODULES, *([m] for m in WEB_MODULES)])
def test_importing_the_web_layer_loads_no_nlp(imports):
    modules = loaded_after(imports)
    assert not {m.split(".")[0] for m in modules} & NLP_LIBRARIES
    nlp_stage = sorted(m for m in modules if m == "sphere.nlp" or m.startswith("sphere.nlp."))
    assert nlp_stage == []
    extractor = sorted(m for m in modules if m.startswith("sphere.events.") and m not in {"sphere.events.merge", "sphere.events.participants"})
    assert extractor == []


def test_the_event_stage_still_offers_its_functions_lazily():
    code = ("import sys, sphere.events as ev; assert 'sphere.events.extract' not in sys.modules; "
            "f = ev.extract_events; assert 'sphere.events.extract' in sys.modules; print(f.__name__, ev.STAGE)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[0] == "extract_events"


def test_unknown_names_of_the_event_stage_fail_as_attributes():
    import sphere.events

    with pytest.raises(AttributeError, match="no_such_thing"):
        sphere.events.no_such_thing  # noqa: B018
