"""The `reuse`, `provenance` and `outlets` commands, run as a user runs them."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sphere.cli import app

BLOG, ARTICLE = "000_0f29c4db5c42489d.txt", "001_f24afbe78bbc54e3.txt"


@pytest.fixture
def run(seeds_db):
    url = str(seeds_db.url)
    runner = CliRunner(env={"COLUMNS": "300"})  # wide enough for whole table cells

    def invoke(*args: str):
        return runner.invoke(app, [*args, "--db", url])

    return invoke


def test_cli_reuse_jsonl_has_both_passages_and_the_direction(run, seed_text):
    result = run("reuse", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows and all(r["original"] == ARTICLE and r["copy"] == BLOG for r in rows)
    for r in rows:
        assert r["copy_text"] == seed_text[BLOG][r["copy_start"] : r["copy_end"]]
        assert r["original_text"] == seed_text[ARTICLE][r["original_start"] : r["original_end"]]
        assert r["size"] == len(r["copy_text"]) and r["direction_by"] == "cited-url"


def test_cli_reuse_table_and_doc_filter(run):
    result = run("reuse", "--doc", "002_5e764275289dc6a3.txt")
    assert result.exit_code == 0 and "no reuse links" in result.output
    result = run("reuse", "--doc", "nope.txt")
    assert result.exit_code == 1 and "no document 'nope.txt'" in result.output
    result = run("reuse")
    assert result.exit_code == 0 and "cited-url" in result.output


def test_cli_provenance_shows_sources_and_copies(run):
    copy = run("provenance", BLOG)
    assert copy.exit_code == 0, copy.output
    assert "Copied from" in copy.output and ARTICLE in copy.output and "Copied by: none" in copy.output
    original = run("provenance", ARTICLE)
    assert "Copied by" in original.output and BLOG in original.output and "Copied from: none" in original.output
    assert "Central Command" in original.output  # the outlet's sponsor
    assert run("provenance", "nope.txt").exit_code == 1


def test_cli_outlets_lists_registry_and_seen_outlets(run):
    result = run("outlets", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in (json.loads(x) for x in result.stdout.splitlines() if x.strip())}
    assert "Central Command" in rows["caravanserai"]["sponsor"] and rows["caravanserai"]["documents"] == 1
    assert rows["demo-steppe-herald"]["fictional"] is True
    seen = run("outlets", "--seen", "--format", "jsonl")
    names = {json.loads(x)["name"] for x in seen.stdout.splitlines() if x.strip()}
    assert {"Caravanserai", "PolitNavigator", "World Socialist Web Site"} <= names


def test_cli_reuse_index_indexes_what_is_not_indexed_yet(engine, add):
    from sphere.provenance.synthetic import Writer

    w = Writer(61)
    article = "\n\n".join(" ".join(w.paragraph(3, 4)) for _ in range(4))
    add("a.txt", article, index=False)
    add("b.txt", "A new first paragraph for the copy.\n\n" + article.split("\n\n", 1)[1], index=False)
    runner = CliRunner(env={"COLUMNS": "300"})
    before = runner.invoke(app, ["reuse", "--format", "jsonl", "--db", str(engine.url)])
    assert before.exit_code == 0 and before.stdout.strip() == ""
    after = runner.invoke(app, ["reuse", "--index", "--format", "jsonl", "--db", str(engine.url)])
    assert after.exit_code == 0 and "indexed 2 document(s)" in after.output
    rows = [json.loads(x) for x in after.stdout.splitlines() if x.startswith("{")]
    assert len(rows) == 1 and {rows[0]["original"], rows[0]["copy"]} == {"a.txt", "b.txt"}
