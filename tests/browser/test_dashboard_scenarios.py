"""What an analyst does, in a real browser: timeline, filter, event, reader, graph, map, search;
and a hostile document that must stay text (no dialog, no injected element, no script run)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

ITEMS = ".vis-item.vis-box, .vis-item.vis-range"  # an item's dot and line are .vis-item too


def test_timeline_filter_open_event_see_evidence(page):
    page.goto("/timeline")
    p = page.page
    p.wait_for_selector("#timeline[data-ready='1']")
    assert p.locator(ITEMS).count() == 5
    assert p.locator(".vis-range.quad-material-conflict").count() == 1  # the attack, coloured by quad
    p.fill("input[name=actor]", "RUS")
    p.click("form.filters button[type=submit]")
    p.wait_for_selector("#timeline[data-ready='1']")
    assert re.search(r"[?&]actor=RUS(&|$)", p.url)
    items = p.locator(ITEMS)
    assert items.count() == 4 and "ISIS" not in " ".join(items.all_inner_texts())
    p.locator(ITEMS, has_text="RUS CONSULT KGZ").click()
    p.wait_for_url(re.compile(r"/events/ev-call$"))
    sentences = p.locator(".evidence-card .sentence").all_inner_texts()
    assert sentences == ["Vladimir Putin spoke by phone with Sadyr Japarov on 24 February 2021."]
    assert "Openly pro-Kremlin" in p.locator(".evidence-card .outlet-note").inner_text()
    assert not page.errors, page.errors


def test_event_page_sources_side_by_side(page):
    page.goto("/events/ev-drills")
    p = page.page
    cards = p.locator(".evidence-card")
    assert cards.count() == 3
    outlets = p.locator(".evidence-card .outlet").all_inner_texts()
    assert set(outlets) == {"Eurasia Wire", "Steppe Digest", "Vostok Voice"}
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert len({round(b["y"]) for b in boxes}) == 1  # side by side on a wide screen
    assert "not an independent source" in p.locator(".evidence-card.derived").inner_text()
    p.locator(".evidence-card", has_text="Eurasia Wire").locator("footer a").first.click()
    p.wait_for_url(re.compile(r"/documents/drills\.txt#o-0$"))
    assert p.locator("#o-0").count() == 1


def test_document_reader_highlights(page):
    page.goto("/documents/drills.txt")
    p = page.page
    assert p.locator(".reader .evidence").count() >= 2
    mentions = p.locator(".reader .mention a").all_inner_texts()
    assert {"Russia", "Tajikistan", "Uzbekistan", "Harbmaidon", "Moscow"} <= set(mentions)
    assert p.locator(".reader .copied-by-others").count() >= 1
    colour = p.locator(".reader .evidence").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.goto("/documents/digest.txt")
    p.click(".reuse-link.copy")
    p.wait_for_url(re.compile(r"/documents/drills\.txt#o-\d+$"))
    assert not page.errors, page.errors


def test_graph_edge_lists_its_events(page):
    page.goto("/graph")
    p = page.page
    p.wait_for_selector("#graph[data-ready='1']")
    assert p.evaluate("window.sphereGraph.nodes().length") == 6
    p.evaluate("window.sphereGraph.edges().filter(e => e.data('type') === 'AID')[0].emit('tap') && null")
    p.wait_for_selector("#selection table.events tbody tr")
    rows = p.locator("#selection table.events tbody tr")
    assert rows.count() == 1 and "AID" in rows.first.inner_text()
    assert not page.errors, page.errors


def test_map_point_lists_its_events(page):
    page.goto("/map")
    p = page.page
    p.wait_for_selector("#map[data-ready='1']")
    assert p.locator("#map path.country").count() > 100  # the world-atlas basemap, offline
    assert p.locator("#map circle.place").count() == 3
    p.locator("#map circle.place").nth(0).dispatch_event("click")
    p.wait_for_selector("#selection table.events tbody tr")
    assert p.locator("#selection table.events tbody tr").count() >= 1
    assert not page.errors, page.errors


def test_events_facets_filter(page):
    page.goto("/events")
    p = page.page
    p.locator("aside.facets a", has_text="ASSAULT").click()
    p.wait_for_url(re.compile(r"type=ASSAULT"))
    assert p.locator("table.events tbody tr").count() == 1
    assert "type: ASSAULT" in p.locator(".summary").inner_text()


HOSTILE_PAGES = ["/documents/hostile.html", "/events/ev-attack", "/events", "/", "/search?q=militants",
                 "/timeline", "/graph", "/map", "/entities/ISIS", "/documents"]  # fmt: skip


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_document_renders_as_text(page, path):
    page.goto(path)
    p = page.page
    p.wait_for_timeout(300)
    for el in p.locator(".reader .text, blockquote.sentence, td.excerpt, h1").all()[:12]:
        if el.is_visible():
            el.hover(timeout=1000)  # an injected onmouseover would fire here
    assert page.dialogs == []
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert p.locator("img[src=x], svg[onload], [onmouseover], [onerror]").count() == 0
    scripts = p.evaluate("[...document.scripts].map(s => s.getAttribute('src'))")
    assert all(src and src.startswith("/static/") for src in scripts), scripts
    hrefs = p.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert not any(h.strip().lower().startswith("javascript:") for h in hrefs)
    if path.startswith("/documents/hostile"):
        assert "<script>window.__pwned=3</script>" in p.locator(".reader").inner_text()
    assert not [e for e in page.errors if "Content Security Policy" in e], page.errors


SHOTS = [
    ("overview", "/"), ("events", "/events"), ("event", "/events/ev-drills"), ("timeline", "/timeline"),
    ("graph", "/graph"), ("map", "/map"), ("documents", "/documents"), ("reader", "/documents/drills.txt"),
    ("reader-copy", "/documents/digest.txt"), ("reader-hostile", "/documents/hostile.html"),
    ("entity", "/entities/RUS"), ("entities", "/entities"), ("search", "/search?q=drills"),
    ("document-hash-id", "/documents/" + quote("feed.jsonl#2", safe="")), ("api-docs", "/docs"),
]  # fmt: skip


@pytest.mark.parametrize("name, path", SHOTS)
def test_page_renders_without_errors(page, screenshot, name, path):
    response = page.goto(path)
    assert response.status == 200
    p = page.page
    chart = {"timeline": "#timeline", "graph": "#graph", "map": "#map"}.get(name)
    if chart:
        p.wait_for_selector(f"{chart}[data-ready='1']")
    if name == "api-docs":
        p.wait_for_selector(".opblock-summary-path")
        assert p.locator(".opblock").count() >= 10
    screenshot(page, name)
    assert not page.errors, page.errors


def test_events_filter_form_updates_results_in_place(page):
    page.goto("/events")
    p = page.page
    p.evaluate("window.__kept = 1")  # survives only if the page is not reloaded
    p.fill("form.filters input[name=actor]", "ISIS")
    p.click("form.filters button[type=submit]")
    p.wait_for_url(re.compile(r"actor=ISIS"))
    p.wait_for_function("document.querySelectorAll('table.events tbody tr').length === 1")
    assert p.evaluate("window.__kept") == 1  # htmx swapped #results, the URL carries the filter
    assert "ASSAULT" in p.locator("table.events tbody").inner_text()
    assert not page.errors, page.errors
