"""`sphere extract` writes the events of what it could read and, like `sphere ingest`, exits 1
when an input failed, so scripts can tell; with every input read it exits 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sphere.cli import app

GOOD = ("Joint drills\n\nRussian and Tajik troops held joint military exercises near Dushanbe "
        "on 5 August 2021, the Russian defence ministry said.\n")  # fmt: skip
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
BAD_INPUTS = {
    "picture.txt": PNG,  # an image renamed .txt
    "feed.jsonl": b'{"text": "A line that is fine enough to be read as a document here."}\n{"text": "broken\n',
}


@pytest.mark.parametrize("bad", [None, *sorted(BAD_INPUTS)])
def test_extract_exit_status_after_writing_the_output(tmp_path: Path, bad: str | None):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "drills.txt").write_text(GOOD, encoding="utf-8")
    if bad:
        (inputs / bad).write_bytes(BAD_INPUTS[bad])
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(app, ["extract", str(inputs), "-o", str(out), "--workers", "1"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any("drills.txt" in {e["document"] for e in r["evidence"]} for r in records)  # written
    if bad is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1, result.output
        assert f"{bad}" in result.output and "error" in result.output
