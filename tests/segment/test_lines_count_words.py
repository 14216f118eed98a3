"""`count_words(text, limit)` is the word count of `text` capped at `limit`, read only as far as
it needs: pinned against counting every word, on the corpus's lines and on lines made to sit at
the caps (a prose line of exactly 20 words, a title of 30 or 31)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphere.segment.lines import WORD, count_words, is_prose, is_title

MADE = [
    "", "One", "3.5 million, 1,200 troops", "Word " * 19 + "end", "Word " * 20, "Word " * 30, "Word " * 31,
    "Russian-led drills, the CSTO's 'Rubezh' exercise, began on Tuesday " * 4,
    "ab'cd ef’gh i.j.k. 1,2,3.4 — x",
]


CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def corpus_lines(*folders: Path) -> list[str]:
    return [line.strip() for folder in folders for p in sorted(folder.glob("*.txt"))
            for line in p.read_text(encoding="utf-8", errors="replace").split("\n")]


@pytest.mark.parametrize("limit", [1, 8, 20, 31])
def test_lines_count_words_is_the_capped_count(limit, seeds_dir):
    for text in MADE + corpus_lines(CORPUS, seeds_dir):
        assert count_words(text, limit) == min(len(WORD.findall(text)), limit), text


@pytest.mark.parametrize(("text", "prose", "title"), [
    ("Word " * 19 + "end.", True, False),  # 20 words: prose; a full stop: no title
    ("The " + "word " * 25 + "ends here", True, True),  # 28 words
    ("Word " * 29 + "end", True, True),  # 30 words: still a title
    ("Troops " * 31, True, False),  # 31: too long for a title
    ("Seven words stand here, no end at", False, True),  # under 8 words: never prose
])
def test_lines_count_words_keeps_the_prose_and_title_caps(text, prose, title):
    assert is_prose(text.strip()) is prose
    assert is_title(text.strip()) is title
