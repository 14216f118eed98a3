"""Every kind of input `ingest` accepts, against real files and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import date

import pytest
from ingest_helpers import CORPUS, PARAGRAPHS, article_html
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sphere.ingest.run import ingest
from sphere.store import models as m
from sphere.store.documents import load_document

RSS_WITH_LINKS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback Times - World</title><link>{base}/</link>
<item><title>Linked story one</title><link>{base}/story/1.html</link>
<pubDate>Tue, 10 Aug 2021 09:00:00 +0000</pubDate><description>Short teaser.</description></item>
<item><title>Full story two</title><link>{base}/story/2.html</link>
<pubDate>Wed, 11 Aug 2021 09:00:00 +0000</pubDate>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p>{p0}</p><p>{p1}</p>]]></content:encoded></item>
</channel></rss>
"""


def doc(engine, doc_id):
    with Session(engine) as s:
        return load_document(s, doc_id)


def count(engine, model) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_run_sources_page_url(site, engine):
    url = site.add("/news/drills.html", article_html("Drills at Lyaur end", PARAGRAPHS, site_name="Loopback Times"))
    summary = ingest([url], engine, progress=False)
    assert (summary.new, summary.failures, summary.doc_ids) == (1, [], [url])
    d = doc(engine, url)
    assert d.url == url and d.extractor == "trafilatura" and d.published == date(2021, 8, 10)
    assert d.outlet == "Loopback Times"  # unknown to the registry: recorded as seen
    assert d.text.startswith("Drills at Lyaur end") and PARAGRAPHS[1] in d.text
    with Session(engine) as s:
        outlet = s.get(m.OutletRow, s.get(m.DocumentRow, url).outlet_id)
        assert outlet.known is False and outlet.name == "Loopback Times"


def test_run_sources_feed_url_follows_items(site, engine):
    site.add("/story/1.html", article_html("Linked story one", PARAGRAPHS[:2], site_name="Loopback Times"))
    feed = site.add(
        "/feed.xml",
        RSS_WITH_LINKS.format(base=site.base, p0=PARAGRAPHS[2], p1=PARAGRAPHS[0] + " Told in full."),
        "application/rss+xml",
    )
    summary = ingest([feed], engine, progress=False)
    assert summary.failures == [] and summary.new == 2
    fetched, carried = summary.doc_ids
    assert fetched == f"{site.base}/story/1.html"  # no content in the feed: the page was fetched
    assert carried == f"{feed}#2"  # full content in the feed: no fetch
    assert "/story/2.html" not in site.hits
    one, two = doc(engine, fetched), doc(engine, carried)
    assert (one.title, one.published, one.outlet) == ("Linked story one", date(2021, 8, 10), "Loopback Times")
    assert (two.title, two.published, two.outlet, two.url) == ("Full story two", date(2021, 8, 11), "Loopback Times", f"{site.base}/story/2.html")


def test_run_sources_feed_files(engine):
    summary = ingest([str(CORPUS / "07_silkroadsentinel_feed.rss"), str(CORPUS / "08_orientdispatch_feed.atom")], engine, progress=False)
    assert summary.failures == [] and summary.new == 5
    titles = {doc(engine, d).title for d in summary.doc_ids}
    assert "Taliban envoys in Moscow promise not to threaten Central Asia" in titles


def test_run_sources_http_error_is_a_failure(site, engine):
    summary = ingest([site.base + "/gone.html"], engine, progress=False)
    assert summary.failures == [(site.base + "/gone.html", "HTTP 404 Not Found")]


def test_run_sources_url_over_the_size_cap(site, engine):
    url = site.add("/big.html", "<html><body>" + "<p>x</p>" * 5000 + "</body></html>")
    summary = ingest([url], engine, progress=False, max_size=10_000)
    assert "over the 10 KB size cap" in summary.failures[0][1]


def test_run_sources_warc(engine):
    summary = ingest([str(CORPUS / "archive.warc.gz")], engine, progress=False)
    assert summary.doc_ids == [f"archive.warc.gz#{i}" for i in (1, 2, 3)]
    first = doc(engine, "archive.warc.gz#1")
    assert first.url.startswith("https://www.centralasiadaily.net/") and first.published == date(2015, 10, 19)
    assert first.title == "Russia bolsters helicopter group in Tajikistan after Kunduz scare"


def test_run_sources_cp1251_russian_file(engine):
    summary = ingest([str(CORPUS / "10_ru_201st_base_cp1251.txt")], engine, progress=False)
    d = doc(engine, summary.doc_ids[0])
    assert d.encoding == "cp1251" and "Шойгу" in d.text and d.published == date(2021, 8, 19)
    with Session(engine) as s:
        raw = s.scalar(select(m.DocumentRow.raw))
    assert raw == (CORPUS / "10_ru_201st_base_cp1251.txt").read_bytes()  # bytes kept for re-extraction


def test_run_sources_jsonl(engine, tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {"text": "\n\n".join(PARAGRAPHS), "url": "https://example.org/a", "title": "A", "published": "2021-08-10", "outlet": "Example Daily", "author": "A. Writer"},
                {"html": article_html("B story", PARAGRAPHS[::-1]), "title": "B", "published": "10 August 2021"},
            ]
        ),
        encoding="utf-8",
    )
    summary = ingest([str(path)], engine, progress=False)
    assert summary.doc_ids == ["docs.jsonl#1", "docs.jsonl#2"]
    a, b = doc(engine, "docs.jsonl#1"), doc(engine, "docs.jsonl#2")
    assert (a.url, a.title, a.published, a.outlet, a.author) == ("https://example.org/a", "A", date(2021, 8, 10), "Example Daily", "A. Writer")
    assert (b.title, b.published, b.extractor, b.media_type) == ("B", date(2021, 8, 10), "trafilatura", "html")


def test_run_sources_ingest_twice_stores_nothing_new(engine):
    first = ingest([str(CORPUS)], engine, progress=False)
    n_docs, n_units = count(engine, m.DocumentRow), count(engine, m.UnitRow)
    second = ingest([str(CORPUS)], engine, progress=False)
    assert first.new == n_docs and second.new == 0 and second.unchanged == first.new
    assert second.doc_ids == first.doc_ids
    assert (count(engine, m.DocumentRow), count(engine, m.UnitRow)) == (n_docs, n_units)


def test_run_sources_folders_are_walked_recursively(tmp_path, engine):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a" / "b" / "deep.txt").write_text("Deep\n\n" + PARAGRAPHS[0] + "\n", encoding="utf-8")
    (tmp_path / "a" / "page.htm").write_text(article_html("Page", PARAGRAPHS[1:]), encoding="utf-8")
    (tmp_path / ".hidden" / "secret.txt").write_text("Not for ingest. " * 5, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not a document type Sphere reads\n", encoding="utf-8")
    summary = ingest([str(tmp_path)], engine, progress=False)
    assert summary.doc_ids == ["deep.txt", "page.htm"] and summary.failures == []  # sorted paths


def test_run_sources_same_name_other_content_gets_its_path(tmp_path, engine):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.txt").write_text(f"From {sub}\n\n{PARAGRAPHS[0]} ({sub})\n", encoding="utf-8")
    summary = ingest([str(tmp_path)], engine, progress=False)
    assert summary.doc_ids == ["index.txt", str(tmp_path / "y" / "index.txt")]


@pytest.mark.parametrize("given", ["relative", "absolute"])
def test_run_sources_document_id_is_the_file_name(tmp_path, engine, monkeypatch, given):
    (tmp_path / "story.txt").write_text("Story\n\n" + PARAGRAPHS[2] + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = "story.txt" if given == "relative" else str(tmp_path / "story.txt")
    summary = ingest([path], engine, progress=False)
    assert summary.doc_ids == ["story.txt"]
    with Session(engine) as s:
        assert s.get(m.DocumentRow, "story.txt").origin == path
