"""HTML forum threads and clipping-blog posts go through the text segmenter too."""

from __future__ import annotations

from datetime import date

import pytest

from sphere.ingest.decode import decode_bytes
from sphere.ingest.extract import html_page, trafilatura_job
from sphere.segment import segment_page
from sphere.types import SourceItem

XENFORO = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Kant base to get new drones | Steppe Defence Forum</title>
<meta property="og:site_name" content="Steppe Defence Forum"></head><body>
<nav><a href="/">Forums</a> &gt; <a href="/asia">Asia</a></nav>
<div class="p-body"><h1 class="p-title">Kant base to get new drones</h1>
<div class="p-description">Discussion in 'Central Asia' started by kant_spotter, Mar 3, 2021.</div>
<article class="message" id="post-101"><div class="message-user"><h4 class="message-name">kant_spotter</h4>
<h5 class="userTitle">Junior Member</h5><dl><dt>Joined:</dt><dd>Jan 2, 2019</dd></dl><dl><dt>Messages:</dt><dd>48</dd></dl>
<dl><dt>Likes Received:</dt><dd>12</dd></dl></div>
<div class="message-content"><div class="bbWrapper">Reports say the Kant air base will receive new reconnaissance drones before the summer, according to officials in Bishkek.</div></div>
<div class="message-attribution">kant_spotter, Mar 3, 2021</div><div class="actionBar">Like Reply</div></article>
<article class="message" id="post-102"><div class="message-user"><h4 class="message-name">mig29fan</h4>
<h5 class="userTitle">Senior Member</h5><dl><dt>Joined:</dt><dd>Feb 5, 2012</dd></dl><dl><dt>Messages:</dt><dd>3,201</dd></dl>
<dl><dt>Likes Received:</dt><dd>900</dd></dl></div>
<div class="message-content"><div class="bbWrapper">They have been saying that for two years. I will believe it when I see the drones on the apron.</div></div>
<div class="message-attribution">mig29fan, Mar 4, 2021</div><div class="actionBar">Like Reply</div></article>
</div><footer>Share This Page</footer></body></html>
"""

BLOGGER_CLIPPINGS = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Reading notes: March | Eurasia Files</title>
<meta property="og:site_name" content="Eurasia Files"></head><body>
<div class="header"><h1><a href="/">Eurasia Files</a></h1></div>
<div class="post"><h3 class="post-title">Reading notes: March</h3>
<div class="post-body">
<div>....................................................</div>
<div>3-3-21</div>
<div>Russia and Kazakhstan held joint air drills over the Saryshagan range this week, with about forty aircraft taking part, the ministry said.</div>
<div>https://caspiancourier.example/2021/03/03/air-drills</div>
<div>....................................................</div>
<div>3-4-21 Uzbekistan's foreign ministry repeated that the country's defence doctrine does not allow foreign military bases on its soil. https://steppereview.example/2021/03/04/tashkent-bases</div>
<div>....................................................</div>
</div>
<div class="post-footer">Posted by Nomad at 9:14 PM</div></div>
<div class="comments"><h4>No comments:</h4></div></body></html>
"""


def segmented(html: str):
    raw = html.encode()
    decoded = decode_bytes(raw, "page.html")
    page, _ = html_page(decoded, "page.html", None, trafilatura_job((decoded.text, None)))
    return segment_page(page, SourceItem("page.html", "page.html", raw, "html"))


def test_html_genres_forum_thread_posts():
    doc = segmented(XENFORO)
    assert [(u.unit_id, u.author, u.published) for u in doc.units] == [
        ("post-1", "kant_spotter", date(2021, 3, 3)), ("post-2", "mig29fan", date(2021, 3, 4))
    ]
    assert doc.units[0].title == "Kant base to get new drones" and doc.outlet == "Steppe Defence Forum"
    for u in doc.units:
        body = doc.text[u.start : u.end]
        assert "Joined" not in body and "Like Reply" not in body and body.endswith(".")


@pytest.mark.parametrize("n, published, url", [
    (0, date(2021, 3, 3), "https://caspiancourier.example/2021/03/03/air-drills"),
    (1, date(2021, 3, 4), "https://steppereview.example/2021/03/04/tashkent-bases"),
])
def test_html_genres_clipping_post(n, published, url):
    doc = segmented(BLOGGER_CLIPPINGS)
    clips = [u for u in doc.units if u.kind == "clipping"]
    assert len(clips) == 2
    assert (clips[n].published, clips[n].url) == (published, url)
    assert "http" not in doc.text[clips[n].start : clips[n].end]
