"""Furniture between a unit's lines is found, kept out of the unit's text, and offsets stay right."""

from __future__ import annotations

import pytest

from sphere.segment.furniture import furniture_spans, masked, without_furniture
from sphere.segment.text import segment_text
from sphere.types import Unit

HEAD = "Kyrgyz border talks stall again\n12 March 2021\n\n"
FIRST = "Kyrgyz and Tajik officials failed to agree on the disputed stretch of the border on Friday, the foreign ministry said."
LAST = "Talks will resume next month in Batken, according to the statement issued after the meeting."
TAIL = "\n\nShare this article\n"


def body_of(text: str) -> tuple[Unit, dict]:
    seg = segment_text(text)
    units = [Unit("d", "body" if u.kind == "article" else f"u{i}", u.kind, u.start, u.end) for i, u in enumerate(seg.units)]
    body = next(u for u in units if u.kind == "article")
    return body, furniture_spans(text, units)


@pytest.mark.parametrize("inner", [
    "Views: 1,204",
    "Subscribe to our Telegram channel for the latest news from the region",
    "READ MORE: Tajikistan calls up 20,000 reservists",
    "Also read: CSTO ends drills at Harbmaidon",
    "Facebook",
    "Advertisement",
    "https://example.org/2021/03/12/border-talks",
    "Facebook | Twitter | Telegram | Email",
])
def test_furniture_spans_inner_line_left_out(inner):
    text = HEAD + FIRST + "\n" + inner + "\n" + LAST + TAIL
    body, spans = body_of(text)
    assert text[body.start:body.end].startswith(FIRST) and text[body.start:body.end].endswith(LAST)
    assert [text[s:e] for s, e in spans["body"]] == [inner]
    assert without_furniture(text, body.start, body.end, spans["body"]) == FIRST + "\n" + LAST


def test_furniture_spans_caption_printed_twice_second_copy_only():
    caption = "Russian soldiers during an exercise at the Lyaur range in Tajikistan."
    text = HEAD + caption + "\n\n" + caption + "\n\n" + FIRST + "\n" + LAST + TAIL
    body, spans = body_of(text)
    assert [text[s:e] for s, e in spans["body"]] == [caption]
    assert spans["body"][0][0] > body.start  # the first copy stays in the text


def test_furniture_spans_teaser_repeating_a_headline_of_the_page():
    teaser = "Tajikistan calls up reservists as Afghan soldiers flee"
    text = (HEAD + FIRST + "\n" + teaser + "\n" + LAST + TAIL
            + "Related articles\n" + teaser + "\nCSTO ends drills at Harbmaidon\n")
    body, spans = body_of(text)
    assert [text[s:e] for s, e in spans["body"]] == [teaser]


@pytest.mark.parametrize("inner", [
    "Tajik border guards reported no incidents overnight.",  # prose
    "The border in numbers",  # a subheading
    "I agree.\nI agree.",  # a short line may repeat
])
def test_furniture_spans_text_lines_stay(inner):
    text = HEAD + FIRST + "\n" + inner + "\n" + LAST + TAIL
    body, spans = body_of(text)
    assert "body" not in spans


def test_furniture_spans_masked_keeps_length_and_lines():
    text = HEAD + FIRST + "\nViews: 1,204\n" + LAST + TAIL
    body, spans = body_of(text)
    blank = masked(text, body.start, body.end, spans["body"])
    assert len(blank) == body.end - body.start
    assert blank.count("\n") == text[body.start:body.end].count("\n")
    assert "Views" not in blank and blank.startswith(FIRST) and blank.endswith(LAST)


def test_furniture_spans_each_unit_its_own():
    text = (HEAD + FIRST + "\n" + LAST + "\n\nComments (2)\n\nNurlan K.\n25 February 2021\n"
            "The right choice, and about time too.\nLike\nWe need Russia and China both.\nReply\n\n"
            "Bermet\n25 February 2021\nEvery new president runs to Moscow first.\nReply\n")
    seg = segment_text(text)
    units = [Unit("d", f"u{i}", u.kind, u.start, u.end) for i, u in enumerate(seg.units)]
    spans = furniture_spans(text, units)
    assert [u.kind for u in units] == ["article", "comment", "comment"]
    assert {uid: [text[s:e] for s, e in v] for uid, v in spans.items()} == {"u1": ["Like"]}
