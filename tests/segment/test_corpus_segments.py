"""The demo corpus segments as its README describes: comments, posts, clippings, dates, URLs."""

from __future__ import annotations

from datetime import date

import pytest


def units_of(docs, doc_id, kind=None):
    doc = docs[doc_id]
    return doc, [u for u in doc.units if kind is None or u.kind == kind]


def text(doc, unit) -> str:
    return doc.text[unit.start : unit.end]


@pytest.mark.parametrize(
    "doc_id, authors, dates",
    [
        (
            "02_harbmaidon_drills_steppeherald_copied_page.txt",
            ["Farrukh_D", "AlmatyReader", "kgz_observer"],
            [date(2021, 8, 11)] * 3,
        ),
        (
            "03_japarov_moscow_tianshantimes_comments.html",
            ["Nurlan K.", "Bermet", "Sergey_Osh", "Aizada T.", "observer77"],
            [date(2021, 2, 25)] * 3 + [date(2021, 2, 26)] * 2,
        ),
    ],
)
def test_corpus_comments_have_their_author_and_date(corpus_docs, doc_id, authors, dates):
    doc, comments = units_of(corpus_docs, doc_id, "comment")
    assert [u.author for u in comments] == authors
    assert [u.published for u in comments] == dates
    assert [u.unit_id for u in comments] == [f"comment-{i}" for i in range(1, len(authors) + 1)]
    for u in comments:  # the text, not its header or its "Reply"
        body = text(doc, u)
        assert u.author not in body.split("\n")[0] and "Reply" not in body
        assert body[-1] in ".!?"


def test_corpus_copied_page_body_stops_before_the_share_bar(corpus_docs):
    doc, (body,) = units_of(corpus_docs, "02_harbmaidon_drills_steppeherald_copied_page.txt", "article")
    assert text(doc, body).startswith("The three-country exercise at Harbmaidon")
    assert text(doc, body).endswith("in the autumn.")
    assert (doc.title, doc.author, doc.published) == (
        "Drills on the Afghan frontier end with a show of allied firepower", "Marat Seitkali", date(2021, 8, 11)
    )
    assert doc.outlet == "Steppe Herald"


def test_corpus_forum_posts(corpus_docs):
    doc, posts = units_of(corpus_docs, "06_forum_thread_harbmaidon.txt", "forum-post")
    assert [u.author for u in posts] == ["TermezWatcher", "Khorog_Kid", "Volga_Analyst", "Steppe_Eagle", "TermezWatcher"]
    assert [u.published for u in posts] == [date(2021, 8, 12)] * 3 + [date(2021, 8, 13)] * 2
    assert posts[0].title == "Russia, Uzbekistan and Tajikistan finish Harbmaidon drills"
    assert [u.outlet for u in posts] == ["Steppe Herald", None, None, None, None]  # the repost's credit line
    for u in posts:
        body = text(doc, u)
        assert "Likes Received" not in body and "Joined:" not in body and "Like Reply" not in body
        assert not body.rstrip().endswith("2021")  # the "name, date" line closing a post is not text
    assert text(doc, posts[4]).startswith("Update: the Uzbek foreign ministry")


def test_corpus_clippings_with_dates_and_urls(corpus_docs):
    doc, clips = units_of(corpus_docs, "05_clippings_blog.txt", "clipping")
    assert [u.published for u in clips] == [date(2021, 8, 10), date(2021, 2, 25)]
    assert [u.url for u in clips] == [
        "https://www.eurasiawire.net/security/2021/08/10/russian-uzbek-tajik-troops-wrap-up-drills",
        "https://www.tianshantimes.com/politics/2021/02/25/japarov-picks-moscow-for-first-trip-abroad",
    ]
    assert [u.outlet for u in clips] == ["Eurasia Wire", "Tian Shan Times"]
    assert text(doc, clips[0]).startswith("DUSHANBE -- Russia, Tajikistan and Uzbekistan")
    assert text(doc, clips[1]).endswith("agreed to enlarge the base.")
    assert all("http" not in text(doc, u) for u in clips)
    (intro,) = [u for u in doc.units if u.kind == "article"]
    assert text(doc, intro).startswith("Two pieces worth keeping side by side")
    assert (doc.title, doc.author, doc.published, doc.outlet) == (
        "Two allies, two bases", "Steppenwolf", date(2021, 8, 12), "Great Game Notebook"
    )


def test_corpus_clipping_copies_match_their_originals(corpus_docs):
    doc, clips = units_of(corpus_docs, "05_clippings_blog.txt", "clipping")
    original = corpus_docs["01_harbmaidon_drills_eurasiawire.html"]
    first_paragraph = text(doc, clips[0]).split("\n")[0]
    assert first_paragraph in original.text


@pytest.mark.parametrize(
    "doc_id, title, outlet, author, published",
    [
        ("10_ru_201st_base_cp1251.txt", "Россия усилит 201-ю военную базу в Таджикистане", "Евразийский обозреватель", "Алексей Громов", date(2021, 8, 19)),
        ("13_us_exit_pamirwatch_critical.txt", "As America leaves, Moscow tightens its grip on Central Asia", "Pamir Watch", "Shirin Nazarova", date(2021, 8, 31)),
        ("14_putin_calls_asiafrontline.txt", "Putin works the phones as Kabul falls to the Taliban", "Asia Frontline", "Sofia Lebedeva", date(2021, 8, 17)),
        ("01_harbmaidon_drills_eurasiawire.html", "Russian, Uzbek and Tajik troops wrap up drills near Afghan border", "Eurasia Wire", "Dilnoza Rashidova", date(2021, 8, 10)),
    ],
)
def test_corpus_document_metadata(corpus_docs, doc_id, title, outlet, author, published):
    doc = corpus_docs[doc_id]
    assert (doc.title, doc.outlet, doc.author, doc.published) == (title, outlet, author, published)
    (body,) = [u for u in doc.units if u.kind == "article"]
    assert body.published == published and body.title == title


def test_corpus_feed_and_archive_items_are_documents(corpus_docs):
    feed = sorted(d for d in corpus_docs if d.startswith("07_silkroadsentinel_feed.rss#"))
    assert len(feed) == 3
    assert {corpus_docs[d].published for d in feed} == {date(2021, 7, 6), date(2021, 7, 9), date(2021, 7, 16)}
    assert {corpus_docs[d].outlet for d in feed} == {"Silk Road Sentinel"}
    warc = sorted(d for d in corpus_docs if d.startswith("archive.warc.gz#"))
    assert [corpus_docs[d].url.split("/")[2] for d in warc] == [
        "www.centralasiadaily.net", "www.dushanbemonitor.com", "www.kyrgyzweek.kg"
    ]
    assert all(corpus_docs[d].units[0].kind == "article" for d in feed + warc)
