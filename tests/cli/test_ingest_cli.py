"""`sphere ingest` and the commands that read what it stored: docs, show, units, stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sphere.cli import app

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # rich tables are not cut to fit the test's terminal


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.db'}"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", url, "--no-analyse", "--no-progress"])
    assert result.exit_code == 1, result.output  # broken.html is bad on purpose
    return url


def run(*args: str):
    return runner.invoke(app, list(args))


def test_ingest_cli_summary_names_each_failure(db, tmp_path):
    again = run("ingest", str(CORPUS), "--db", db, "--no-analyse", "--no-progress")
    assert again.exit_code == 1
    out = " ".join(again.output.split())
    assert "│ 0 │ 0 │ 23 │ 1 │" in out  # new, updated, unchanged, failed
    assert "broken.html: binary file (PNG image), not text or HTML" in out


def test_ingest_cli_exit_zero_without_failures(tmp_path):
    (tmp_path / "ok.txt").write_text("A title here\n\nA sentence that is long enough to be read as prose, surely.\n", encoding="utf-8")
    result = run("ingest", str(tmp_path / "ok.txt"), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--no-analyse", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "│ 1   │ 0       │ 0         │ 0      │" in result.output


def test_ingest_cli_max_size(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 5000, encoding="utf-8")
    result = run("ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--no-analyse", "--no-progress", "--max-size", "10KB")
    assert result.exit_code == 1 and "over the 10 KB size cap" in result.output
    bad = run("ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--max-size", "lots")
    assert bad.exit_code == 2 and "is not a size" in bad.output


def test_ingest_cli_help_states_the_size_cap():
    result = run("ingest", "--help")
    assert result.exit_code == 0 and "--max-size" in result.output and "20MB" in result.output


def test_ingest_cli_docs_filters(db):
    out = run("docs", "--db", db, "--kind", "forum-post").output
    assert "06_forum_thread_harbmaidon.txt" in out and "01_harbmaidon" not in out
    out = run("docs", "--db", db, "--outlet", "tian shan").output
    assert "03_japarov" in out and "06_forum" not in out
    out = run("docs", "--db", db, "--since", "2021-10-01").output
    assert "04_tajik_aid" in out and "archive.warc" not in out
    assert run("docs", "--db", db, "--since", "yesterday").exit_code == 2


def test_ingest_cli_show(db):
    result = run("show", "03_japarov_moscow_tianshantimes_comments.html", "--db", db)
    assert result.exit_code == 0
    for part in ("Tian Shan Times", "Aibek Osmonov", "comment-5", "observer77", "2021-02-26"):
        assert part in result.output
    assert run("show", "nope.txt", "--db", db).exit_code == 1


def test_ingest_cli_units_jsonl(db):
    result = run("units", "--doc", "05_clippings_blog.txt", "--format", "jsonl", "--db", db)
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["unit"] for r in rows] == ["body", "clipping-1", "clipping-2"]
    assert set(rows[0]) == {"document", "unit", "kind", "published", "title", "outlet", "author", "url", "start", "end",
                            "text", "furniture"}
    assert rows[1]["url"].startswith("https://www.eurasiawire.net/") and rows[1]["published"] == "2021-08-10"
    text = (CORPUS / "05_clippings_blog.txt").read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] and r["furniture"] == [] for r in rows)


def test_ingest_cli_units_jsonl_text_without_furniture(tmp_path):
    url = f"sqlite:///{tmp_path / 'f.db'}"
    page = ("Border talks stall\n12 March 2021\n\n"
            "Kyrgyz and Tajik officials failed to agree on the disputed border on Friday, the ministry said.\n"
            "Views: 1,204\n"
            "Talks will resume next month in Batken, according to the statement issued after it.\n")
    (tmp_path / "talks.txt").write_text(page, encoding="utf-8")
    run("ingest", str(tmp_path / "talks.txt"), "--db", url, "--no-analyse", "--no-progress")
    (row,) = [json.loads(line) for line in run("units", "--format", "jsonl", "--db", url).output.splitlines()]
    (s, e), = row["furniture"]
    assert page[s:e] == "Views: 1,204"
    assert row["text"] == page[row["start"]:s] + page[e + 1:row["end"]]


def test_ingest_cli_stats(db):
    out = " ".join(run("stats", "--db", db).output.split())
    assert "documents │ 23" in out and "units: forum-post │ 5" in out and "ingest failures │ 1" in out


def test_ingest_cli_changed_file_is_updated(tmp_path):
    note, db = tmp_path / "note.txt", f"sqlite:///{tmp_path / 'x.db'}"
    note.write_text("A title here\n\nA sentence that is long enough to be read as prose, surely.\n", encoding="utf-8")
    assert run("ingest", str(note), "--db", db, "--no-analyse", "--no-progress").exit_code == 0
    note.write_text("A title here\n\nAnother sentence, long enough to be read as prose, replaces it.\n", encoding="utf-8")
    result = run("ingest", str(note), "--db", db, "--no-analyse", "--no-progress")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "│ 0 │ 1 │ 0 │ 0 │" in out and "replaced the stored version of note.txt" in out
    docs = run("docs", "--db", db)
    assert docs.output.count("note.txt") == 1
