"""`sphere ingest` starts the analysis workers' model loading early only for batches that will
get more than one worker: how many documents the inputs hold is counted up to a bound."""

from __future__ import annotations

from sphere.cli.ingest import likely_documents
from sphere.pipeline import MIN_DOCS_PER_WORKER, start_workers_early


def test_likely_documents_counts_folder_files_up_to_enough(tmp_path):
    folder = tmp_path / "pages"
    (folder / "deeper").mkdir(parents=True)
    for i in range(5):
        (folder / f"p{i}.txt").write_text("x")
    (folder / "deeper" / "q.html").write_text("x")
    assert likely_documents([str(folder)], enough=100) == 6
    assert likely_documents([str(folder)], enough=4) == 4
    assert likely_documents([str(folder), str(folder / "p0.txt"), "https://example.org/a"], enough=100) == 8


def test_likely_documents_collections_count_as_enough(tmp_path):
    feed = tmp_path / "items.jsonl"
    feed.write_text("{}\n")
    assert likely_documents([str(feed)], enough=16) == 16
    assert likely_documents([str(tmp_path / "missing.txt")], enough=16) == 1  # reported by ingest itself


def test_start_workers_early_not_for_a_few_documents():
    assert start_workers_early(1) is False
    assert start_workers_early(2 * MIN_DOCS_PER_WORKER, workers=1) is False
