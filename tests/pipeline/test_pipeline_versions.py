"""Stage versions: a change to a stage's data files makes stored documents out of date."""

from __future__ import annotations

import shutil
from pathlib import Path

import sphere
from sphere.pipeline import CODE_VERSIONS, STAGE_VERSIONS, data_digest

PACKAGE = Path(sphere.__file__).parent


def test_pipeline_versions_carry_code_version_and_data_digest():
    for stage, version in CODE_VERSIONS.items():
        assert STAGE_VERSIONS[stage].split(".")[0] == version
    assert len(STAGE_VERSIONS["nlp"].split(".")[1]) == 8


def test_pipeline_versions_digest_follows_an_edit_of_the_knowledge_base(tmp_path):
    shutil.copytree(PACKAGE / "kb" / "data", tmp_path / "kb" / "data")
    before = data_digest(("kb/data",), root=tmp_path)
    assert before == data_digest(("kb/data",), root=PACKAGE)
    places = tmp_path / "kb" / "data" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8") + "\n# a new alias\n", encoding="utf-8")
    assert data_digest(("kb/data",), root=tmp_path) != before


def test_pipeline_versions_digest_ignores_files_that_are_not_data(tmp_path):
    shutil.copytree(PACKAGE / "events" / "data", tmp_path / "events" / "data")
    before = data_digest(("events/data",), root=tmp_path)
    (tmp_path / "events" / "data" / "notes.txt").write_text("scratch", encoding="utf-8")
    assert data_digest(("events/data",), root=tmp_path) == before
