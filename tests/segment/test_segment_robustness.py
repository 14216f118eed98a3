"""The segmenter on pages made of random page lines: it never fails, and its units are sane."""

from __future__ import annotations

import random

import pytest

from sphere.segment.text import segment_text

POOL = [
    "", "", "", "Reply", "Like Reply", "Likes Received:", "Likes Received: 12", "Joined: Mar 3, 2016",
    "Messages: 311", "Share This Page", "No comments:", "Post a Comment", "Comments (3)", "14 Comment(s)",
    ".............................", "-----------------", "https://www.example.org/a/b/c",
    "1. Yusuf", "#2", "Yusuf GUARDIAN Administrator", "Senior Member", "EST, USA", "kgz_observer",
    "Nurlan K.", "By Marat Seitkali", "11 August 2021, 09:40", "3-2-18", "2018-01-29", "Oct 17, 2015",
    "TermezWatcher, Aug 12, 2021", "Discussion in 'Central Asia' started by Yusuf, Oct 17, 2015.",
    "Drills on the Afghan frontier end with a show of allied firepower", "STEPPE HERALD", "Home", "News",
    "Russian troops held joint exercises with Tajik units near the Afghan border on Tuesday, officials said.",
    "4-21-18 Pakistan has also endorsed Moscow-brokered peace talks on Afghanistan that exclude the United States.",
    "The drills ended. https://www.example.org/source", "Tags:", "Author column, Armed forces, Zen, CSTO, Policy",
    "Mon Tues Wed Thurs Fri Sat Total", "12345", "Subscribe to our newsletter", "(c) 2021 Steppe Herald.",
    "Post by kant_spotter » Tue Mar 02, 2021 10:15 am", "« Reply #1 on: March 03, 2021, 08:01:00 PM »",
    "Министр обороны России Сергей Шойгу заявил во вторник, что база получит новые бронетранспортёры.",
    "x" * 5000, "    indented line with words in it, and a comma, but no end", "\t", "• Subscribe", "Thank you!",
]


def random_page(rng: random.Random) -> str:
    return "\n".join(rng.choice(POOL) for _ in range(rng.randint(0, 60)))


@pytest.mark.parametrize("seed", range(300))
def test_segment_robustness_random_pages(seed):
    page = random_page(random.Random(seed))
    seg = segment_text(page)
    spans = [(u.start, u.end) for u in seg.units]
    assert spans == sorted(spans)
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2
    for u in seg.units:
        assert 0 <= u.start < u.end <= len(page)
        assert not page[u.start].isspace() and not page[u.end - 1].isspace()
        assert u.kind in ("article", "comment", "forum-post", "clipping")
