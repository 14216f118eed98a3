"""The same exports from `sphere export` and from `/api/export`, with the same filters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sphere.cli import app
from sphere.export import FORMATS


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export_to_file(sample_url, tmp_path, fmt):
    out = tmp_path / f"events{FORMATS[fmt].suffix}"
    result = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(out), "--db", sample_url])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100


def test_cli_export_filters_to_stdout(sample_url):
    result = CliRunner().invoke(app, ["export", "--format", "jsonl", "--actor", "RUS", "--type", "CONSULT", "--db", sample_url])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["ev-call"]


def test_cli_export_bad_format_names_the_choices(sample_url):
    result = CliRunner().invoke(app, ["export", "--format", "xlsx", "--db", sample_url])
    assert result.exit_code != 0 and "xlsx" in result.output


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_api_export_formats(sample_url, fmt):
    from fastapi.testclient import TestClient

    from sphere.api import make_app

    with TestClient(make_app(sample_url)) as c:
        r = c.get("/api/export", params={"format": fmt, "recipient": "TJK"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(FORMATS[fmt].media_type.split(";")[0])
    assert f'filename="sphere-events{FORMATS[fmt].suffix}"' in r.headers["content-disposition"]
    if fmt == "csv":
        assert {row["event_id"] for row in csv.DictReader(io.StringIO(r.text))} == {"ev-aid", "ev-attack"}


def test_api_export_rejects_unknown_format(sample_url):
    from fastapi.testclient import TestClient

    from sphere.api import make_app

    with TestClient(make_app(sample_url)) as c:
        r = c.get("/api/export", params={"format": "xlsx"})
    assert r.status_code == 422 and "format" in r.json()["detail"]
