"""Every export format parses back, and every row/record/edge/feature carries its provenance."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sphere.errors import ConfigError
from sphere.export import FORMATS, write_export

SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "spec" / "event.schema.json"
GEXF = "{http://gexf.net/1.3}"


def export_text(stored, fmt: str) -> str:
    events, citations = stored
    out = io.StringIO()
    write_export(events, fmt, out, citations)
    return out.getvalue()


def test_csv_one_row_per_evidence_with_provenance(stored):
    events, _ = stored
    rows = list(csv.DictReader(io.StringIO(export_text(stored, "csv"))))
    assert len(rows) == sum(len(ev.evidence) for ev in events)
    for row in rows:
        assert row["document"] and row["start"].isdigit() and int(row["end"]) > int(row["start"])
        assert row["outlet"] and row["url"]
    drills = {r["document"]: r for r in rows if r["event_id"] == "ev-drills"}
    assert drills["digest.txt"]["derived_from"] == "drills.txt"
    assert drills["drills.txt"]["outlet_note"] == "Independent wire service; test note."


@pytest.mark.parametrize("fmt", ["jsonl", "plover"])
def test_jsonl_records_are_valid_event_schema(stored, fmt):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"no schema at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    lines = export_text(stored, fmt).splitlines()
    assert len(lines) == len(stored[0])
    assert any(json.loads(line)["event_loc"] for line in lines)  # the places are checked too
    for line in lines:
        record = json.loads(line)
        jsonschema.validate(record, schema)
        for e in record["evidence"]:
            assert {"document", "unit", "start", "end", "outlet", "url"} <= set(e)


def test_parquet_reads_back(stored, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    events, citations = stored
    path = tmp_path / "events.parquet"
    with open(path, "wb") as f:
        write_export(events, "parquet", f, citations)
    table = pq.read_table(path)
    assert table.num_rows == sum(len(ev.evidence) for ev in events)
    assert {"document", "outlet", "url", "start", "end", "evidence_text"} <= set(table.column_names)
    assert str(table.schema.field("start").type) == "int64"


def test_gexf_has_actor_nodes_and_dated_edges(stored):
    root = ET.fromstring(export_text(stored, "gexf"))
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    nodes = {n.get("id") for n in graph.iter(f"{GEXF}node")}
    assert nodes == {"RUS", "TJK", "UZB", "KGZ", "USA", "ISIS"}
    edges = list(graph.iter(f"{GEXF}edge"))
    attr_ids = {a.get("title"): a.get("id") for a in graph.iter(f"{GEXF}attribute")}
    by_event: dict[str, list] = {}
    for e in edges:
        values = {v.get("for"): v.get("value") for v in e.iter(f"{GEXF}attvalue")}
        by_event.setdefault(values[attr_ids["event_id"]], []).append((e, values))
        assert values[attr_ids["documents"]] and values[attr_ids["offsets"]]
    assert len(by_event["ev-drills"]) == 3  # three co-actors: three mutual edges
    assert {e.get("type") for e, _ in by_event["ev-drills"]} == {"mutual"}
    assert {v[attr_ids["relation"]] for _, v in by_event["ev-drills"]} == {"co-actors"}
    assert {e.get("type") for e in edges} <= {"directed", "mutual"}  # no undirected edge in a directed graph
    labels = {n.get("id"): n.get("label") for n in graph.iter(f"{GEXF}node")}
    assert labels["RUS"] == "Russia" and labels["TJK"] == "Tajikistan" and labels["ISIS"] != "ISIS"
    aid, aid_values = by_event["ev-aid"][0]
    assert (aid.get("source"), aid.get("target")) == ("RUS", "TJK")
    assert aid.get("type") == "directed" and aid_values[attr_ids["relation"]] == "actor-recipient"
    assert (aid.get("start"), aid.get("end")) == ("2021-08-01", "2021-08-31")  # month precision widened


def test_gexf_loads_in_networkx(stored, tmp_path):
    nx = pytest.importorskip("networkx")
    events, _ = stored
    path = tmp_path / "events.gexf"
    path.write_text(export_text(stored, "gexf"), encoding="utf-8")
    graph = nx.read_gexf(path)
    assert graph.is_directed()
    assert set(graph.nodes) == {"RUS", "TJK", "UZB", "KGZ", "USA", "ISIS"}
    assert graph.nodes["TJK"]["label"] == "Tajikistan"
    drills = [(u, v) for u, v, d in graph.edges(data=True) if d["event_id"] == "ev-drills"]
    # three co-actors: each pair linked both ways, as a mutual edge reads in networkx
    assert sorted(drills) == sorted([(a, b) for a in ("RUS", "TJK", "UZB") for b in ("RUS", "TJK", "UZB") if a != b])
    aid = [(u, v, d) for u, v, d in graph.edges(data=True) if d["event_id"] == "ev-aid"]
    assert [(u, v) for u, v, _ in aid] == [("RUS", "TJK")]
    assert aid[0][2]["relation"] == "actor-recipient" and aid[0][2]["documents"]
    assert aid[0][2]["n_sources"] == len(next(ev for ev in events if ev.event_id == "ev-aid").sources)


def test_plover_records(stored):
    records = [json.loads(line) for line in export_text(stored, "plover").splitlines()]
    by_id = {r["id"]: r for r in records}
    call = by_id["ev-call"]
    assert call["event"] == ["CONSULT"] and call["quad_code"] == 1
    assert call["actor"][0] == {"code": "RUS", "sector": "GOV", "entity_text": "Vladimir Putin", "identifier_text": "Vladimir Putin"}
    assert call["cite_info"]["publication"] == "Vostok Voice" and call["cite_info"]["url"] == "https://vostok.example/call"
    assert call["text_info"]["start"] == 0 and call["event_text"][0].startswith("Vladimir Putin")
    assert by_id["ev-attack"]["quad_code"] == 4 and by_id["ev-drills"]["event_loc"]["resolved_place"] == "Harbmaidon"
    assert by_id["ev-drills"]["event_loc"]["name"] == "Harbmaidon" and by_id["ev-drills"]["event_loc"]["country"] == "TJK"


def test_timelinejs_escapes_and_cites(stored):
    doc = json.loads(export_text(stored, "timelinejs"))
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert slides["ev-aid"]["start_date"] == {"year": "2021", "month": "8"}
    attack = slides["ev-attack"]["text"]["text"]
    assert "<script>" not in attack and "&lt;script&gt;" in attack
    assert slides["ev-attack"]["group"] == "material conflict"
    assert 'href="https://vostok.example/call"' in slides["ev-call"]["text"]["text"]
    hostile = export_text(stored, "timelinejs")
    assert "href=\\\"javascript" not in hostile and 'href="javascript' not in hostile


def test_geojson_points_of_located_events(stored):
    fc = json.loads(export_text(stored, "geojson"))
    assert fc["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in fc["features"]}
    assert set(by_id) == {"ev-drills", "ev-aid", "ev-attack"}  # the others have no place
    drills = by_id["ev-drills"]
    assert drills["geometry"] == {"type": "Point", "coordinates": [68.8, 37.9]}
    assert {e["outlet"] for e in drills["properties"]["evidence"]} == {"Eurasia Wire", "Steppe Digest", "Vostok Voice"}


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"parquet"}))
def test_without_citations_rows_still_name_documents(stored, fmt):
    events, _ = stored
    out = io.StringIO()
    write_export(events, fmt, out)
    assert "drills.txt" in out.getvalue()


def test_unknown_format_is_a_clear_error(stored):
    with pytest.raises(ConfigError, match="unknown export format 'xlsx'.*csv"):
        write_export(stored[0], "xlsx", io.StringIO())
