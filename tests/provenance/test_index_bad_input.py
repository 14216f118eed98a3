"""Bad input: short, empty, boilerplate-only and quotation-list documents never crash or flood."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from sphere.errors import SphereError
from sphere.provenance import index_document
from sphere.provenance.synthetic import Writer
from sphere.store.reuse import links_of

W = Writer(31)
ORIGINALS = ["\n\n".join(" ".join(W.paragraph(3, 5)) for _ in range(5)) for _ in range(20)]
FOOTER = (
    "Subscribe to our newsletter to receive the latest news and analysis from the region in your "
    "inbox every morning. Share this article on Facebook, Twitter, Telegram and WhatsApp. Comments "
    "are moderated and may take up to twenty four hours to appear on this page. Reply Reply Reply"
)


@pytest.fixture
def originals(add):
    for i, text in enumerate(ORIGINALS):
        add(f"orig-{i}.txt", text, published=date(2021, 1, 1 + i), url=f"https://site{i}.example/a")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Share. Reply. Post a Comment. No comments:",
        "Share This Page\nLikes Received:\nReply\n" * 30,
        "https://example.org/a https://example.org/b www.example.org/c",
        "!!! ??? ... --- ***",
    ],
)
def test_index_bad_input_empty_short_and_boilerplate_documents_make_no_links(add, originals, text):
    assert add("odd.txt", text) == []


def test_index_bad_input_a_list_of_twenty_short_quotations_makes_no_links(add, originals):
    lines = ["Quotes of the week:"]
    for i, text in enumerate(ORIGINALS):
        sentence = min(text.split(". "), key=len).strip() + "."
        lines.append(f"“{sentence}” (https://site{i}.example/a)")
    assert add("quotes.txt", "\n".join(lines), published=date(2022, 1, 1)) == []


def test_index_bad_input_a_long_block_quote_in_the_list_is_still_linked(add, originals):
    block = ORIGINALS[3].split("\n\n")[2]
    links = add("quotes.txt", "Quotes of the week:\n" + block + "\nhttps://site3.example/a", published=date(2022, 1, 1))
    assert [(x.original_doc, x.direction_by) for x in links] == [("orig-3.txt", "cited-url")]


def test_index_bad_input_pages_of_one_site_sharing_a_footer_are_not_linked(add):
    for i in range(20):
        w = Writer(200 + i)
        text = "\n\n".join(" ".join(w.paragraph()) for _ in range(3)) + "\n\n" + FOOTER
        assert add(f"page-{i}.txt", text, url=f"https://samesite.example/{i}", outlet="Same Site") == []


def test_index_bad_input_unknown_document_is_a_clear_error(engine):
    with Session(engine) as s, pytest.raises(SphereError, match="no-such.txt: no such document"):
        index_document(s, "no-such.txt")


def test_index_bad_input_one_failure_leaves_stored_links_alone(add, engine, originals):
    copy = ORIGINALS[0].split("\n\n")[1] + "\n\n" + ORIGINALS[0].split("\n\n")[2]
    add("copy.txt", copy, published=date(2022, 1, 1))
    with Session(engine) as s:
        before = len(links_of(s))
    with Session(engine) as s, pytest.raises(SphereError):
        with s.begin():
            index_document(s, "missing.txt")
    with Session(engine) as s:
        assert len(links_of(s)) == before == 1


def test_index_bad_input_pipe_reports_a_bad_document_and_goes_on(add, engine):
    from sphere.provenance import pipe

    add("a.txt", ORIGINALS[0], index=False, published=date(2021, 1, 1))
    add("b.txt", ORIGINALS[0].split("\n\n", 1)[1], index=False, published=date(2021, 2, 1))
    results = list(pipe(engine, ["a.txt", "missing.txt", "b.txt"], batch_size=2))
    assert [(d, err is None) for d, _, err in results] == [("a.txt", True), ("missing.txt", False), ("b.txt", True)]
    assert "missing.txt: no such document" in results[1][2]
    assert [x.original_doc for x in results[2][1]] == ["a.txt"]
    with Session(engine) as s:
        assert len(links_of(s)) == 1
