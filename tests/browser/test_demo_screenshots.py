"""Each page on the demo corpus (the real pipeline's output), rendered in Chromium without a
console error; under `make screenshots` a PNG of each goes to bench/results/screenshots/demo-*.png."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

pytestmark = pytest.mark.slow

PAGES = [("overview", "/"), ("events", "/events"), ("timeline", "/timeline"), ("graph", "/graph"),
         ("map", "/map"), ("documents", "/documents"), ("entities", "/entities"), ("entity", "/entities/RUS"),
         ("search", "/search?q=drills"), ("timeline-tjk", "/timeline?either=TJK")]  # fmt: skip


@pytest.mark.parametrize("name, path", PAGES)
def test_demo_page(demo_page, screenshot, name, path):
    response = demo_page.goto(path)
    assert response.status == 200
    chart = {"timeline": "#timeline", "timeline-tjk": "#timeline", "graph": "#graph", "map": "#map"}.get(name)
    if chart:
        demo_page.page.wait_for_selector(f"{chart}[data-ready='1']")
    screenshot(demo_page, f"demo-{name}")
    assert not demo_page.errors, demo_page.errors


def test_demo_event_and_reader(demo_page, screenshot):
    events = httpx.get(demo_page.base + "/api/events?min_sources=2&limit=1").json()["items"] or \
        httpx.get(demo_page.base + "/api/events?limit=1").json()["items"]
    assert events, "the demo corpus gave no event"
    ev = events[0]
    demo_page.goto("/events/" + quote(ev["id"], safe=""))
    cards = demo_page.page.locator(".evidence-card .sentence").all_inner_texts()
    assert [" ".join(c.split()) for c in cards] == [" ".join(e["text"].split()) for e in ev["evidence"]]
    screenshot(demo_page, "demo-event")
    doc = ev["evidence"][0]["document"]
    demo_page.goto("/documents/" + quote(doc, safe=""))
    assert demo_page.page.locator(".reader .evidence").count() >= 1
    assert demo_page.page.locator(".reader .mention").count() >= 1
    screenshot(demo_page, "demo-reader")
    assert not demo_page.errors, demo_page.errors
