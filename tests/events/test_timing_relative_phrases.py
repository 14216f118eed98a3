"""`relative_phrases` (remembered, and skipping texts without a word such phrases need) finds
what `NEXT_DAY.search` and `SAME_DAY.search` find, and their union is RELATIVE_TOLD."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphere.events.timing import NEXT_DAY, RELATIVE_TOLD, SAME_DAY, relative_phrases

REPO = Path(__file__).resolve().parents[2]
TEXTS = sorted((REPO / "examples" / "corpus").glob("*.txt"))


def spans(m):
    return None if m is None else m.span()


@pytest.mark.parametrize("text", [
    "The next day he left.", "HOURS LATER the ministry said", "the following mornİng", "that evenıng they met",
    "within minutes", "by that afternoon", "A day later", "the day after", "nothing relative here",
    "Later that night, the same evening", "next Monday and today",
])
def test_same_as_the_patterns(text):
    relative_phrases.cache_clear()
    nd, sd = relative_phrases(text)
    assert (spans(nd), spans(sd)) == (spans(NEXT_DAY.search(text)), spans(SAME_DAY.search(text)))
    assert (nd is not None or sd is not None) == (RELATIVE_TOLD.search(text) is not None)


def test_demo_corpus_lines_same_as_the_patterns():
    lines = [line for p in TEXTS for line in p.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    hits = 0
    for line in lines:
        nd, sd = relative_phrases(line)
        assert (spans(nd), spans(sd)) == (spans(NEXT_DAY.search(line)), spans(SAME_DAY.search(line)))
        hits += nd is not None or sd is not None
    assert lines and hits >= 1
