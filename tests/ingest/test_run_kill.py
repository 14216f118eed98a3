"""A `sphere ingest` killed with SIGKILL loses nothing committed; running it again completes it.

A real subprocess ingests a folder of many documents; once some are committed it is killed with
SIGKILL (no cleanup of any kind runs). Every document stored must be whole (all its units), and a
second run must store exactly the rest, with no duplicates.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPHS

N_DOCS = 1500


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet, or the schema is being made


@pytest.mark.slow
def test_run_kill_nine_loses_nothing_and_a_rerun_completes(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(N_DOCS):
        body = "\n\n".join(f"{p} (report {i})" for p in PARAGRAPHS)
        comments = "\n\n".join(f"Reader comment number {c} on report {i}.\n\nReply" for c in range(3))
        (folder / f"doc_{i:05d}.txt").write_text(f"Report {i} on the drills\n\n{body}\n\nComments (3)\n\n{comments}\n", encoding="utf-8")
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-c", "from sphere.cli import main; main()", "ingest", str(folder), "--db", f"sqlite:///{db}", "--no-analyse", "--no-progress"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while stored_count(db) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()[-500:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        committed = conn.execute("select count(*) from documents").fetchone()[0]
        per_doc = conn.execute("select d.id, count(u.id) from documents d left join units u on u.doc_id = d.id group by d.id").fetchall()
    assert 0 < committed < N_DOCS
    assert {n for _, n in per_doc} == {4}  # a body and three comments each: no half documents

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-800:]
    with sqlite3.connect(db) as conn:
        total, hashes = conn.execute("select count(*), count(distinct content_hash) from documents").fetchone()
        units = conn.execute("select count(*) from units").fetchone()[0]
    assert total == hashes == N_DOCS and units == 4 * N_DOCS
    summary = rerun.stdout
    assert f"{N_DOCS - committed}" in summary and f"{committed}" in summary
