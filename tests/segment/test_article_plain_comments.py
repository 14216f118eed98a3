"""Comment sections whose comments have neither heads (name, date) nor "Reply" lines."""

from __future__ import annotations

import pytest

from sphere.segment.text import segment_text

ARTICLE = """Kyrgyz border talks stall again
By Jane Doe
12 March 2021

Kyrgyz and Tajik officials failed to agree on the disputed stretch of the border on Friday, the foreign ministry said.
Talks will resume next month in Batken, according to the statement.
"""

C1 = "This border will never be settled while both sides play to the crowd at home."
C2 = "Why does nobody ask the people of Batken what they want? We live here."


@pytest.mark.parametrize("section", [
    f"\nComments (3)\n\n{C1}\n\n{C2}\n\nAgreed.\n",
    f"\nShare this article\n\nReaders' comments\n\n{C1}\n\n{C2}\n\nAgreed.\n",
    f"\n3 comments\n\nLeave a comment\n\n{C1}\n\n\n{C2}\n\nAgreed.\n\nLoad more comments\n",
])
def test_plain_comments_one_unit_per_block(section):
    text = ARTICLE + section
    seg = segment_text(text)
    kinds = [u.kind for u in seg.units]
    comments = [text[u.start:u.end] for u in seg.units if u.kind == "comment"]
    assert kinds[0] == "article" and text[seg.units[0].start:seg.units[0].end].endswith("the statement.")
    assert comments == [C1, C2, "Agreed."]


def test_plain_comments_name_atop_block_is_the_author():
    text = ARTICLE + f"\nComments (2)\n\nNurlan K.\n{C1}\n\nAgreed.\nI think so too, it has been thirty years.\n"
    seg = segment_text(text)
    comments = [(u.author, text[u.start:u.end]) for u in seg.units if u.kind == "comment"]
    assert comments == [("Nurlan K.", C1), (None, "Agreed.\nI think so too, it has been thirty years.")]


def test_plain_comments_headline_lists_are_not_comments():
    text = ARTICLE + ("\nComments (0)\n\nTajikistan calls up reservists as Afghan soldiers flee\n"
                      "CSTO ends drills at Harbmaidon\n\nRelated articles\nJaparov picks Moscow\n")
    seg = segment_text(text)
    assert [u.kind for u in seg.units] == ["article"]


def test_plain_comments_end_at_the_footer():
    text = ARTICLE + f"\nComments (1)\n\n{C1}\n\n(c) 2021 Steppe Herald. All rights reserved.\n\nAbout the site, written by our team of twelve reporters.\n"
    seg = segment_text(text)
    assert [text[u.start:u.end] for u in seg.units if u.kind == "comment"] == [C1]


@pytest.mark.parametrize("tail", ["(copy 1)", "(edited)", "1 2 3 4 5", "Post a Comment"])
def test_plain_comments_a_note_after_an_empty_section_is_no_comment(tail):
    text = ARTICLE + f"\nNo comments:\nPost a Comment\n\n{tail}\n"
    assert [u.kind for u in segment_text(text).units] == ["article"]
