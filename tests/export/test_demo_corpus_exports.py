"""The exports of the real pipeline's output (the demo corpus) open in the tools they are for:
every jsonl and plover record validates against event.schema.json, the GEXF loads in networkx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sphere.cli import app

SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "spec" / "event.schema.json"
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("fmt", ["jsonl", "plover"])
def test_demo_export_records_validate_against_event_schema(demo_url, demo_stored, tmp_path, fmt):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"no schema at {SCHEMA}")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    out = tmp_path / f"events.{fmt}.jsonl"
    result = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(out), "--db", demo_url])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(demo_stored[0])
    assert sum(1 for r in records if r["event_loc"]) >= 5  # events with a place are among them
    invalid = {r["id"]: [e.message for e in validator.iter_errors(r)] for r in records}
    assert {k: v for k, v in invalid.items() if v} == {}


def test_demo_gexf_loads_in_networkx_with_every_edge(demo_url, demo_stored, tmp_path):
    nx = pytest.importorskip("networkx")
    events, _ = demo_stored
    out = tmp_path / "events.gexf"
    result = CliRunner().invoke(app, ["export", "--format", "gexf", "-o", str(out), "--db", demo_url])
    assert result.exit_code == 0, result.output
    graph = nx.read_gexf(out)
    codes = {p.code for ev in events for p in (*ev.actors, *ev.recipients)}
    assert set(graph.nodes) == codes
    named = [c for c in codes if graph.nodes[c]["label"] != c]
    assert len(named) >= len(codes) // 2  # nodes are labelled with names, not bare codes
    expected = 0
    for ev in events:
        actors = {p.code for p in ev.actors}
        recipients = {p.code for p in ev.recipients}
        if recipients:
            expected += sum(1 for a in actors for r in recipients if a != r)
        else:  # co-actors: every ordered pair, as a mutual edge reads in networkx
            expected += len(actors) * (len(actors) - 1)
    assert graph.number_of_edges() == expected > 0
    ids = {ev.event_id for ev in events}
    assert {d["event_id"] for _, _, d in graph.edges(data=True)} <= ids
