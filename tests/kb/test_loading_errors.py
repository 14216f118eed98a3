"""A bad data file stops loading with one line naming the file, the row and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sphere.kb import KBDataError, knowledge, loading

DATA = Path(loading.__file__).parent / "data"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    for f in DATA.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    monkeypatch.setattr(loading, "data_path", lambda name: tmp_path / name)
    for module in ("sources", "states", "people", "knowledge"):
        mod = __import__(f"sphere.kb.{module}", fromlist=["data_path"])
        if hasattr(mod, "data_path"):
            monkeypatch.setattr(mod, "data_path", lambda name: tmp_path / name)
    return tmp_path


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")


def test_kb_data_copy_loads(data_copy):
    assert knowledge.build_kb().entity("RUS") is not None


@pytest.mark.parametrize(("file", "line", "message"), [
    ("igos.yaml", "- {code: XYZ, name: Nothing}", "lacks source"),
    ("slang.yaml", "- {code: ZZZ, words: [Zeds], source: x}", "slang.yaml row 4: unknown state 'ZZZ'"),
    ("slang.yaml", "- {code: RUS, words: [Russkies]}", "lacks source"),
    ("places.yaml", "- {name: Nowhere, type: city, lat: 95, lon: 10, source: x}", "lat 95.0 is outside"),
    ("places.yaml", "- {name: Nowhere, type: city, source: x}", "has no coordinates"),
    ("installations.yaml", "- {name: X Base, kind: military-unit, owner: ZZZ, country: TJK, lat: 1, lon: 1, source: x}", "unknown owner 'ZZZ'"),
    ("persons.yaml", "- {name: A B, offices: [[RUS, president, GOV, 2020-01-01]], source: x}", "must be [acts_for, role, sector, from, to]"),
    ("persons.yaml", "- {name: A B, offices: [[RUS, president, XXX, 2020, null]], source: x}", "sector 'XXX'"),
    ("persons.yaml", "- {name: A B, offices: [[RUS, president, GOV, 2020-13-01, null]], source: x}", "month must be in 1..12"),
    ("persons.yaml", "- {name: A B, offices: [[RUS, president, GOV, 20x0, null]], source: x}", "from '20x0' is not a date"),
    ("persons.yaml", "- {name: A B, offices: [[QQQ, president, GOV, 2020, null]], source: x}", "unknown code(s) QQQ"),
    ("states.yaml", "- {code: RUS, source: x}", "state RUS listed twice"),
    ("igos.yaml", "- {code: NAM, name: Clash, source: x}", "code NAM already used for a state"),
])
def test_kb_bad_row_names_file_and_row(data_copy, file, line, message):
    append(data_copy / file, line)
    with pytest.raises(KBDataError) as err:
        knowledge.build_kb()
    text = str(err.value)
    assert text.startswith(file) and message in text and "\n" not in text


def test_kb_broken_yaml_names_file(data_copy):
    (data_copy / "organs.yaml").write_text("- {name: [unclosed\n", encoding="utf-8")
    with pytest.raises(KBDataError, match=r"^organs.yaml: not valid YAML"):
        knowledge.build_kb()
