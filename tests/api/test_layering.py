"""The web layer reads the store: importing it never loads the NLP stage or its libraries.

`sphere.store.events` imports `sphere.events.merge` (what makes two reports one event), so the
event stage's package must not pull its extractor (and with it `sphere.nlp`) in on import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

NLP_LIBRARIES = {"spacy", "thinc", "torch", "natasha", "pymorphy2", "pymorphy3", "stanza"}
WEB_MODULES = ["sphere.api", "sphere.api.server", "sphere.export", "sphere.cli.serve", "sphere.cli.export",
               "sphere.store.events", "sphere.events.merge"]  # fmt: skip
# after importing, the process serves a few pages of a sample database: rendering events
# (their schema records, exports) must not load the extractor either
SERVE = """
import sys, warnings
warnings.filterwarnings("ignore")
sys.path.insert(0, {tests!r})
from webdata import build_sample
from fastapi.testclient import TestClient
from sphere.api import make_app
sample = build_sample({url!r})
with TestClient(make_app(sample.url)) as client:
    for path in ["/api/events?facets=true", "/api/events/ev-drills", "/events", "/api/graph", "/api/timeline",
                 "/api/export?format=plover", "/api/search?q=drills", "/documents/drills.txt"]:
        assert client.get(path).status_code == 200, path
"""


def loaded_after(imports: list[str], serve: str = "") -> set[str]:
    code = f"import sys\nimport {', '.join(imports)}\n{serve}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_web_layer_loads_no_nlp_on_import_or_while_serving(tmp_path):
    serve = SERVE.format(tests=str(Path(__file__).parent), url=f"sqlite:///{tmp_path / 'web.db'}")
    modules = loaded_after(WEB_MODULES, serve)
    assert "sphere.store.events" in modules and "fastapi" in modules  # it did run
    assert not {m.split(".")[0] for m in modules} & NLP_LIBRARIES
    assert sorted(m for m in modules if m == "sphere.nlp" or m.startswith("sphere.nlp.")) == []
    # of the event stage, only the merge rules and the schema serializer (pure functions)
    allowed = {"sphere.events", "sphere.events.merge", "sphere.events.participants", "sphere.events.schema"}
    assert sorted(m for m in modules if m.startswith("sphere.events") and m not in allowed) == []


def test_the_event_stage_still_offers_its_functions_lazily():
    code = ("import sys, sphere.events as ev; assert 'sphere.events.extract' not in sys.modules; "
            "f = ev.extract_events; assert 'sphere.events.extract' in sys.modules; print(f.__name__, ev.STAGE)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[0] == "extract_events"


def test_unknown_names_of_the_event_stage_fail_as_attributes():
    import sphere.events

    with pytest.raises(AttributeError, match="no_such_thing"):
        sphere.events.no_such_thing  # noqa: B018
