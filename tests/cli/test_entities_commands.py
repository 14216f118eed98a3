"""`sphere entities`, `sphere entity` and `sphere extract-entities` on the seed documents:
every actor the seed event gold names appears, with its code, in `sphere entities --doc`."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sphere.cli import app

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture(scope="module")
def db(tmp_path_factory, seeds_dir) -> str:
    """The seeds ingested, their mentions found by the entity stage and stored."""
    from sphere.nlp import pipe_documents
    from sphere.store.db import open_engine
    from sphere.store.documents import load_document
    from sphere.store.mentions import save_mentions

    url = f"sqlite:///{tmp_path_factory.mktemp('entities') / 'e.db'}"
    result = runner.invoke(app, ["ingest", str(seeds_dir), "--db", url, "--no-analyse", "--no-progress"])
    assert result.exit_code == 0, result.output
    engine = open_engine(url)
    with Session(engine) as session:
        ids = [p.name for p in sorted(seeds_dir.glob("*.txt"))]
        docs = [load_document(session, i) for i in ids]
    with Session(engine) as session, session.begin():
        for parsed in pipe_documents(docs):
            save_mentions(session, parsed.document.doc_id, parsed.mentions(), "test")
    engine.dispose()
    return url


def gold_actor_codes() -> dict[str, set[str]]:
    codes = defaultdict(set)
    for line in (SHARED / "gold" / "seeds_events.jsonl").read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        for doc in {e["document"] for e in event["evidence"]}:
            codes[doc] |= {p["code"] for p in event["actor"] + event["recipient"]}
    return codes


@pytest.mark.parametrize("document", sorted(gold_actor_codes()))
def test_entities_doc_lists_every_gold_actor(db, document):
    result = runner.invoke(app, ["entities", "--doc", document, "--top", "200", "--db", db])
    assert result.exit_code == 0, result.output
    listed = {line.split("│")[1].strip() for line in result.output.splitlines() if line.startswith("│")}
    assert gold_actor_codes()[document] <= listed


def test_entities_ranked_with_entity_kind(db):
    result = runner.invoke(app, ["entities", "--top", "3", "--db", db])
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in result.output.splitlines() if line.startswith("│")]
    assert rows[0][:3] == ["RUS", "Russia", "state"]  # a state, though Putin's mentions carry RUS
    assert int(rows[0][3]) >= int(rows[1][3]) >= int(rows[2][3])


@pytest.mark.parametrize(("query", "header", "alias"), [
    ("CSTO", "CSTO", "CSTO"),
    ("csto", "CSTO", "CSTO"),
    ("Putin", "RUS / Vladimir Putin", "Vladimir Putin"),
    ("201st base", "RUS / 201st Military Base", "201st Military Base"),
    ("Qurghonteppa", "PLACE:Bokhtar", "Qurghonteppa"),
])
def test_entity_shows_aliases_and_mentions(db, query, header, alias):
    result = runner.invoke(app, ["entity", query, "--db", db])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(header)
    assert alias in result.output.split("aliases seen:")[1].splitlines()[0]
    assert "co-occurs with:" in result.output


def test_entity_unknown_is_an_error(db):
    result = runner.invoke(app, ["entity", "NOSUCHTHING", "--db", db])
    assert result.exit_code == 1 and "unknown entity 'NOSUCHTHING'" in result.output


def test_extract_entities_jsonl_rows(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("The Kremlin said Putin called Rahmon.\n\nСергей Шойгу прибыл в Душанбе.", encoding="utf-8")
    result = runner.invoke(app, ["extract-entities", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["code"] for r in rows] == ["RUS", "RUS", "TJK", "RUS", "PLACE:Dushanbe"]
    assert set(rows[0]) == {"document", "unit", "start", "end", "text", "code", "kind", "sector", "identifier_text"}
    text = path.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_extract_entities_table(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("NATO and the CSTO met in Astana.", encoding="utf-8")
    result = runner.invoke(app, ["extract-entities", str(path), "--format", "table"])
    assert result.exit_code == 0 and "PLACE:Astana" in result.output and "CSTO" in result.output


def test_extract_entities_reports_what_it_could_not_read(tmp_path):
    (tmp_path / "good.txt").write_text("The Kremlin said Putin called Rahmon.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract-entities", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'empty.txt'}: empty file (0 bytes)" in " ".join(result.output.split())
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert {r["document"] for r in rows} == {"good.txt"} and len(rows) == 3
