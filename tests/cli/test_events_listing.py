"""`sphere events` says when --limit cut the list (--limit 0 lists all), writes `sphere export`'s
jsonl records (quad, n_sources, each evidence item's outlet), and `sphere event ID` shows each
piece of evidence with its outlet and the registry's note on that outlet."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from sphere.cli import app

ALL = 5  # events of the sample database


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # rich tables are not cut to fit the test's terminal


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("limit,shown,cut", [("2", 2, True), ("4", 4, True), ("5", 5, False), ("9", 5, False), ("0", 5, False)])
def test_events_table_says_when_the_limit_cut_it(events_db, limit, shown, cut):
    result = run("events", "--limit", limit, "--db", events_db)
    assert result.exit_code == 0, result.output
    if cut:
        assert f"{shown} of {ALL} events; --limit 0 for all" in result.output
    else:
        assert f"{shown} events" in result.output and " of " not in result.output.splitlines()[0]


@pytest.mark.parametrize("limit,shown", [("3", 3), ("0", ALL)])
def test_events_jsonl_is_the_export_record_and_notes_the_cut(events_db, limit, shown):
    result = run("events", "--format", "jsonl", "--limit", limit, "--db", events_db)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(records) == shown
    exported = run("export", "--format", "jsonl", "--db", events_db)
    by_id = {r["id"]: r for r in (json.loads(line) for line in exported.stdout.splitlines() if line.startswith("{"))}
    for r in records:
        assert r == by_id[r["id"]]  # the same record as `sphere export --format jsonl`
        assert r["quad"] and r["n_sources"] == len(r["sources"])
        assert all(e["outlet"] and e["url"] for e in r["evidence"])
    assert ("--limit 0 for all" in result.stderr) == (shown < ALL)


def test_events_csv_file_says_it_was_cut(events_db, tmp_path):
    out = tmp_path / "events.csv"
    result = run("events", "--format", "csv", "--limit", "1", "-o", str(out), "--db", events_db)
    assert result.exit_code == 0, result.output
    assert f"1 of {ALL} events; --limit 0 for all" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len({r["event_id"] for r in rows}) == 1 and rows[0]["outlet"] and rows[0]["n_sources"]


def test_events_negative_limit_is_a_usage_error(events_db):
    result = run("events", "--limit", "-1", "--db", events_db)
    assert result.exit_code == 2 and "--limit" in result.output


@pytest.mark.parametrize("event_id,expected", [
    ("ev-drills", ["Eurasia Wire", "Independent wire service; test note.", "Steppe Digest", "drills.txt"]),
    ("ev-call", ["Vostok Voice", "Openly pro-Kremlin editorial line (test note)."]),
])  # fmt: skip
def test_event_shows_each_evidence_outlet_and_its_note(events_db, event_id, expected):
    result = run("event", event_id, "--db", events_db)
    assert result.exit_code == 0, result.output
    table = result.output[result.output.index("document"):]  # the evidence table, not the header lines
    assert "outlet" in table.splitlines()[0]
    for text in expected:
        assert text in table
