"""HTML extraction: trafilatura's text and metadata, comments from the markup, the fallback."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_helpers import CORPUS, PARAGRAPHS, article_html

from sphere.errors import InputError
from sphere.ingest.decode import decode_bytes
from sphere.ingest.extract import html_page, trafilatura_job
from sphere.ingest.html import fallback_text, parse, read_comments
from sphere.ingest.workers import JobFailed

WORDPRESS_COMMENTS = """<html><body><article><h1>Drills</h1><p>{p}</p></article>
<ol class="commentlist">
<li class="comment" id="comment-11"><div class="comment-author"><cite class="fn">Aigerim</cite> says:</div>
<div class="comment-meta"><a href="#c11">March 3, 2021 at 5:12 pm</a></div><p>First comment text.</p>
<a class="comment-reply-link" href="#">Reply</a>
<ul class="children"><li class="comment" id="comment-12"><div class="comment-author"><cite>Bek</cite></div>
<p>A reply to the first comment.</p></li></ul></li>
</ol></body></html>"""


def page_of(html: str, result=None):
    decoded = decode_bytes(html.encode(), "t.html")
    if result is None:
        result = trafilatura_job((decoded.text, None))
    return html_page(decoded, "t.html", None, result)


def test_extract_html_article_metadata_and_parts():
    page, notes = page_of(article_html("Drills at Lyaur end", PARAGRAPHS, site_name="Loopback Times"))
    assert notes == [] and page.extractor == "trafilatura"
    assert (page.title, page.site_name, page.published) == ("Drills at Lyaur end", "Loopback Times", date(2021, 8, 10))
    assert page.parts == (("article", 0, len(page.text)),)
    assert "Home" not in page.text and "©" not in page.text


def test_extract_html_comment_section_with_authors_and_times():
    raw = (CORPUS / "03_japarov_moscow_tianshantimes_comments.html").read_text(encoding="utf-8")
    page, _ = page_of(raw)
    comments = [page.text[s:e] for kind, s, e in page.parts if kind == "comment"]
    assert len(comments) == 5
    assert comments[0].split("\n")[:2] == ["Nurlan K.", "25 February 2021, 10:14"]
    article = next(page.text[s:e] for kind, s, e in page.parts if kind == "article")
    assert "Nurlan K." not in article


def test_extract_html_nested_comments_are_separate():
    comments = read_comments(parse(WORDPRESS_COMMENTS.format(p=PARAGRAPHS[0])))
    assert [(c.author, c.text) for c in comments] == [
        ("Aigerim", "First comment text."), ("Bek", "A reply to the first comment.")
    ]
    assert comments[0].when == "March 3, 2021 at 5:12 pm"


@pytest.mark.parametrize("failure", [None, JobFailed("extraction took longer than 30 s and was stopped")])
def test_extract_html_falls_back_when_trafilatura_gives_nothing(failure):
    html = article_html("Fallback title", PARAGRAPHS)
    page, notes = page_of(html, result=failure or {})
    assert page.extractor == "selectolax" and PARAGRAPHS[1] in page.text
    assert notes and "fallback extractor" in notes[0]
    assert page.title == "Fallback title" and page.published == date(2021, 8, 10)  # from <head>


def test_extract_html_fallback_handles_any_depth():
    deep = "<div>" * 20_000 + "<p>Deep <b>text</b> here.</p>" + "</div>" * 20_000
    assert fallback_text(parse(f"<html><body>{deep}</body></html>")) == ["Deep text here."]


def test_extract_html_without_text_is_an_error():
    with pytest.raises(InputError, match="no text found in the HTML"):
        page_of("<html><head><title>x</title></head><body><script>1</script></body></html>", result=None)
