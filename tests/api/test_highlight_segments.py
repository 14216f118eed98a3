"""Cutting text into reader segments: pieces rejoin to the text, each knows what covers it."""

from __future__ import annotations

import pytest

from sphere.api.highlight import cut
from sphere.store.reader import EvidenceSpan, MentionSpan, ReuseSpan

TEXT = "Russia and Tajikistan held drills. Then Uzbekistan joined."


def m(start, end, code="X"):
    return MentionSpan(start, end, TEXT[start:end], code, "state", "body")


def e(start, end, event_id="ev"):
    return EvidenceSpan(start, end, event_id, "COOPERATE", None, "body", None)


def r(start, end):
    return ReuseSpan(start, end, "other.txt", None, 0, end - start, "copy", "date")


CASES = [
    ([], [], []),
    ([m(0, 6), m(11, 21)], [e(0, 34)], []),
    ([m(40, 50)], [e(35, 58), e(0, 34, "ev2")], [r(20, 45)]),
    ([m(0, 6), m(3, 9)], [], [r(0, 58)]),  # overlapping mentions
    ([m(50, 80)], [], []),  # a span running past the end
]


@pytest.mark.parametrize("mentions, evidence, reuse", CASES)
def test_segments_rejoin_to_the_text(mentions, evidence, reuse):
    segs = cut(TEXT, 0, len(TEXT), mentions, evidence, reuse)
    assert "".join(s.text for s in segs) == TEXT
    assert all(s.start < s.end for s in segs)
    for s in segs:
        assert set(s.mentions) == {x for x in mentions if x.start <= s.start and x.end >= s.end}
        assert set(s.evidence) == {x for x in evidence if x.start <= s.start and x.end >= s.end}


def test_segment_classes_and_anchors():
    segs = cut(TEXT, 0, len(TEXT), [m(0, 6, "RUS")], [e(0, 34)], [r(11, 21)])
    first = segs[0]
    assert first.text == "Russia" and first.mention_code == "RUS" and first.anchors == ("o-0",)
    assert "mention" in first.classes and "evidence" in first.classes and "quad-material-cooperation" in first.classes
    reused = next(s for s in segs if s.start == 11)
    assert "reused" in reused.classes and reused.reuse_starts and reused.anchors == ("o-11",)
    assert not any(s.reuse_starts for s in segs if s.start != 11)


def test_cut_inside_a_unit_only():
    segs = cut(TEXT, 35, 58, [m(0, 6)], [e(35, 58)], [])
    assert "".join(s.text for s in segs) == TEXT[35:58]
    assert not any(s.mentions for s in segs)
