"""The evaluation gate: the development-set figures may not drop below the pinned floors.

Runs `eval/run_eval.py` (the real `sphere extract` CLI on ../shared/seeds and on the prepared
PLOVER GSR sentences, scored by ../shared/tools/score_events.py) and compares each figure with
`eval/floors.json`. A floor is raised when the figures improve, and lowered only on purpose,
with the reason in the commit message.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()

FLOORS = json.loads((REPO / "eval" / "floors.json").read_text())


def load_runner():
    spec = importlib.util.spec_from_file_location("run_eval", REPO / "eval" / "run_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures():
    if not (SHARED / "seeds").is_dir() or not (SHARED / "tools" / "score_events.py").exists():
        pytest.skip(f"the development sets are not at {SHARED}")
    return load_runner().evaluate()


CASES = [(dataset, key) for dataset, floors in FLOORS.items() if isinstance(floors, dict) for key in floors]


@pytest.mark.slow
@pytest.mark.parametrize("dataset,key", CASES)
def test_figure_holds_its_floor(figures, dataset, key):
    got = figures[dataset][key]
    floor = FLOORS[dataset][key]
    assert got is not None and got >= floor, f"{dataset} {key}: {got} is below the floor {floor}"
