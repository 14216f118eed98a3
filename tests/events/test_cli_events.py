"""`sphere extract` (no database), `sphere events` (filters, formats) and `sphere event ID`,
run through the real command line on documents written for these tests."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sphere.cli.app import app
from sphere.events.schema import validate

DOC_A = """Eurasia Test Wire
Joint drills end at Harbmaidon
August 10, 2021

Russia began joint military drills with Tajikistan and Uzbekistan on Thursday, August 5, at the Harbmaidon training ground.
The Uzbek Defence Ministry said on Monday that the country would not allow foreign military bases on its soil.
"""

DOC_B = """Steppe Test Herald
Putin and Rahmon talk by phone
August 11, 2021

Vladimir Putin held talks by phone with Emomali Rahmon on Tuesday, August 10.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "b.txt").write_text(DOC_B, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def database(corpus, tmp_path_factory, runner):
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'sphere.db'}"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", url, "--no-progress"], env={"SPHERE_WORKERS": "1"})
    assert result.exit_code == 0, result.output
    return url


@pytest.mark.slow
def test_extract_writes_schema_records_with_verbatim_evidence(corpus, runner):
    result = runner.invoke(app, ["extract", str(corpus), "--format", "jsonl"], env={"SPHERE_WORKERS": "1"})
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records
    texts = {"a.txt": DOC_A, "b.txt": DOC_B}
    for r in records:
        validate(r)
        for e in r["evidence"]:
            assert " ".join(e["text"].split()) in " ".join(texts[e["document"]].split())
    kinds = {(r["event"][0], tuple(sorted(a["code"] for a in r["actor"]))) for r in records}
    assert ("COOPERATE", ("RUS",)) in kinds
    assert any(r["event"] == ["REJECT"] and r["actor"][0]["code"] == "UZB" for r in records)


@pytest.mark.slow
@pytest.mark.parametrize("args,expected_types", [
    (["--type", "COOPERATE"], {"COOPERATE"}),
    (["--actor", "UZB"], {"REJECT"}),
    (["--recipient", "TJK", "--type", "consult"], {"CONSULT"}),
    (["--since", "2021-08-10", "--type", "CONSULT"], {"CONSULT"}),
    (["--until", "2021-08-06", "--type", "COOPERATE"], {"COOPERATE"}),
    (["--until", "2021-08-01"], set()),
    (["--place", "harbmaidon"], {"COOPERATE"}),
    (["--context", "military", "--actor", "RUS"], {"COOPERATE"}),
])
def test_events_filters(database, runner, args, expected_types):
    result = runner.invoke(app, ["events", "--db", database, "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {r["event"][0] for r in records} == expected_types


@pytest.mark.slow
def test_events_csv_and_table_and_one_event(database, runner):
    result = runner.invoke(app, ["events", "--db", database, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) >= 2
    table = runner.invoke(app, ["events", "--db", database, "--format", "table"])
    assert table.exit_code == 0 and "3 events" in table.stdout and "RUS" in table.stdout
    found = runner.invoke(app, ["events", "--db", database, "--format", "jsonl", "--type", "COOPERATE"])
    event_id = json.loads(found.stdout.splitlines()[0])["id"]
    one = runner.invoke(app, ["event", event_id, "--db", database])
    assert one.exit_code == 0 and "Harbmaidon" in one.stdout
    missing = runner.invoke(app, ["event", "no-such-event", "--db", database])
    assert missing.exit_code == 1 and "no event" in missing.output


def test_events_parquet_needs_a_file(tmp_path, runner):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = runner.invoke(app, ["events", "--db", url, "--format", "parquet"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_events_parquet_to_a_file(database, runner, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["events", "--db", database, "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows >= 3
