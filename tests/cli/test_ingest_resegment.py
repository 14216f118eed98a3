"""`sphere resegment` and `sphere analyse` through the CLI; `sphere stats` says what is out of date."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sphere.cli import app
from sphere.store import models as m
from sphere.store.db import open_engine

runner = CliRunner()
PAGE = ("Border talks stall\n12 March 2021\n\n"
        "Kyrgyz and Tajik officials failed to agree on the disputed border on Friday, the ministry said.\n\n"
        "Comments (2)\n\nThis border will never be settled while both sides play to the crowd.\n\n"
        "Why does nobody ask the people of Batken what they want? We live here.\n")


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")


def flat(result) -> str:
    return " ".join(result.output.split())


def test_ingest_resegment_then_analyse(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    (tmp_path / "talks.txt").write_text(PAGE, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(tmp_path / "talks.txt"), "--db", url, "--no-progress"]).exit_code == 0
    engine = open_engine(url)
    with Session(engine) as s, s.begin():  # as an older segmenter left it: no comments
        s.execute(delete(m.UnitRow).where(m.UnitRow.kind == "comment"))
        s.execute(update(m.DocumentRow).values(segment_version=None))
    stats = flat(runner.invoke(app, ["stats", "--db", url]))
    assert "documents of an older segmenter │ 1 (sphere resegment)" in stats
    assert "awaiting analysis" not in stats

    result = runner.invoke(app, ["resegment", "--db", url, "--no-analyse", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "│ 1 │ 1 │ 0 │ 0 │" in flat(result) and "`sphere analyse`" in result.output
    with Session(engine) as s:
        assert s.scalar(select(m.DocumentRow.stages)) == {}
        assert len(s.scalars(select(m.UnitRow).where(m.UnitRow.kind == "comment")).all()) == 2
    stats = flat(runner.invoke(app, ["stats", "--db", url]))
    assert "older segmenter" not in stats and "documents awaiting analysis │ 1 (sphere analyse)" in stats

    result = runner.invoke(app, ["analyse", "--db", url, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "analysed 1 document(s)" in result.output
    with Session(engine) as s:
        units = set(s.scalars(select(m.MentionRow.unit_id)))
    assert {"body", "comment-2"} <= units  # Batken is named in the second comment
    assert "awaiting analysis" not in flat(runner.invoke(app, ["stats", "--db", url]))
    again = runner.invoke(app, ["analyse", "--db", url, "--no-progress"])
    assert "analysed 0 document(s)" in again.output
    engine.dispose()


def test_ingest_resegment_failure_exit_status(tmp_path, monkeypatch):
    import sphere.ingest.run as run_module

    monkeypatch.setattr(run_module, "RAW_INLINE_MAX", 10)  # bytes kept as the file's path
    url = f"sqlite:///{tmp_path / 'r.db'}"
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p>" + PAGE.replace("\n", " ") + "</p></article></body></html>", encoding="utf-8")
    runner.invoke(app, ["ingest", str(page), "--db", url, "--no-analyse", "--no-progress"])
    page.write_text("<html><body><p>changed since</p></body></html>", encoding="utf-8")
    result = runner.invoke(app, ["resegment", "--all", "--db", url, "--no-analyse", "--no-progress"])
    assert result.exit_code == 1
    assert f"page.html: its file {page} has changed since it was ingested: re-ingest it" in flat(result)
