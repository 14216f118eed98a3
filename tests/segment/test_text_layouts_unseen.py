"""Layouts met on pages the segmenter was not built from (found by running it on held-out
documents; the texts here are written for the test)."""

from __future__ import annotations

import pytest

from sphere.segment.text import segment_text

BODY = ("Kyrgyz and Tajik officials failed to agree on the disputed stretch of the border on Friday, the ministry said.\n\n"
        "Talks will resume next month in Batken, according to the statement issued after the meeting.\n")


@pytest.mark.parametrize("rule", ["---", "* * *", "***", "___"])
def test_unseen_short_rule_line_ends_the_body(rule):
    text = "Border talks stall\n\n" + BODY + f"\n{rule}\n\nComments (1)\n\nnur_b\nThe border will never be settled.\nReply\n"
    units = segment_text(text).units
    body = units[0]
    assert text[body.start:body.end].endswith("after the meeting.")
    assert [(u.kind, u.author) for u in units[1:]] == [("comment", "nur_b")]


@pytest.mark.parametrize("handle", ["aibek.t", "m.karimova", "nurlan_k", "Aigerim77"])
def test_unseen_handles_with_dots_are_authors(handle):
    text = "Border talks stall\n\n" + BODY + f"\nComments (1)\n\n{handle}\nThe border will never be settled, not in our lifetime.\nReply\n"
    assert [(u.kind, u.author) for u in segment_text(text).units][1:] == [("comment", handle)]


def test_unseen_count_of_comments_with_a_colon_is_a_section_head():
    text = "Border talks stall\n\n" + BODY + "\n3 comments:\n\nThey will never agree on Batken.\n\nWhy would they?\n"
    assert [u.kind for u in segment_text(text).units] == ["article", "comment", "comment"]


@pytest.mark.parametrize("name", ["Sergey from Semey", "Aliya from Osh", "Dmitry K. from Omsk"])
def test_unseen_name_from_place_is_the_commenter(name):
    text = "Border talks stall\n\n" + BODY + f"\nComments (2)\n\n{name}\nThey will never agree on Batken.\n\nanon\nWhy would they?\n"
    comments = [(u.author, text[u.start:u.end]) for u in segment_text(text).units if u.kind == "comment"]
    assert comments[0] == (name, "They will never agree on Batken.")


def test_unseen_forum_title_of_its_own_after_the_post_number():
    posts = []
    for n, (user, title, text) in enumerate([
        ("steppe_fox", "Senior Member", "The base agreement was ratified on Thursday, officials said."),
        ("gorny_77", "Analyst", "Ratified, yes, but nobody has seen the annex yet."),
        ("pamir_hawk", "Veteran", "The annex was leaked last week, read it again."),
    ], start=1):
        posts.append(f"{n}. {user}\n\n{user} {title}\n\nJoined: Feb 11, 2016\nMessages: 2,318\nLikes Received: 1,904\n\n{text}\n")
    text = "Defence Forum\nChina to pay for a new base\n\n" + "\n".join(posts) + "\nShare This Page\n"
    units = segment_text(text).units
    assert [(u.kind, u.author) for u in units] == [("forum-post", "steppe_fox"), ("forum-post", "gorny_77"), ("forum-post", "pamir_hawk")]
    assert text[units[1].start:units[1].end] == "Ratified, yes, but nobody has seen the annex yet."


def test_unseen_blog_closing_note_after_the_clippings_is_kept():
    text = ("Integration Watch\n\nMarch 2014 reading\n\n..........\n3-11-14\n"
            "Russia and Kazakhstan agreed on a customs treaty in Astana on Tuesday, officials said.\n"
            "Source: https://example.org/2014/03/11/treaty\n..........\n\n"
            "My view: nobody in Astana signed up for this, and they will find out soon enough.\n\n"
            "posted by Integration Watch at 11:52 AM\n2 comments:\n")
    units = segment_text(text).units
    assert [u.kind for u in units] == ["clipping", "clipping"]
    assert text[units[-1].start:units[-1].end].startswith("My view:") and text[units[-1].start:units[-1].end].endswith("soon enough.")
