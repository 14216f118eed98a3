"""The pages: each answers HTML, a `.json` and a `.csv` twin; hostile text stays text; CSP."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from webdata import HOSTILE_SENTENCE, HOSTILE_TITLE

PAGES = ["/", "/events", "/events?actor=RUS&type=CONSULT", "/events/ev-drills", "/timeline?actor=RUS",
         "/graph", "/map?type=ASSAULT", "/documents", "/documents/drills.txt",
         "/documents/" + quote("feed.jsonl#2", safe=""), "/entities", "/entities/RUS",
         "/entities/" + quote("PLACE:Khorog", safe=""), "/search?q=drills"]  # fmt: skip
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "sphere" / "api" / "templates"


def twin(path: str, ext: str) -> str:
    base, _, query = path.partition("?")
    base = "/index" if base == "/" else base
    return base + ext + (f"?{query}" if query else "")


@pytest.mark.parametrize("path", PAGES)
def test_page_and_its_twins(client, path):
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    assert page.headers["content-type"].startswith("text/html")
    assert f'href="{twin(path, ".json")}' in page.text.replace("&amp;", "&")
    as_json = client.get(twin(path, ".json"))
    assert as_json.status_code == 200 and as_json.headers["content-type"].startswith("application/json")
    assert isinstance(as_json.json(), dict)
    as_csv = client.get(twin(path, ".csv"))
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert as_csv.text.strip() == "" or rows or as_csv.text.count("\n") == 1


def test_json_twin_is_the_api_answer(client):
    page = client.get("/events.json?actor=RUS").json()
    api = client.get("/api/events?actor=RUS").json()
    assert page["items"] == api["items"] and page["total"] == api["total"]
    assert "facets" in page


def test_events_csv_twin_has_provenance(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv?type=COOPERATE").text)))
    assert len(rows) == 1
    assert "Eurasia Wire" in rows[0]["outlets"] and "https://eurasiawire.example/drills" in rows[0]["urls"]


@pytest.mark.parametrize("path", PAGES + ["/events/ev-attack", "/documents/hostile.html", "/search?q=militants",
                                          "/search?q=%3Cscript%3E", "/entities/ISIS"])  # fmt: skip
def test_every_response_has_a_strict_csp(client, path):
    csp = client.get(path).headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp


@pytest.mark.parametrize("path", ["/documents/hostile.html", "/events/ev-attack", "/events", "/",
                                  "/search?q=militants+khorog", "/documents", "/events/ev-drills"])  # fmt: skip
def test_hostile_text_is_escaped(client, path):
    html = client.get(path).text
    assert "<script>window" not in html and "onerror=" not in html.replace("onerror=&#34;", "")
    assert "<img" not in html and "<svg" not in html
    assert not re.search(r'href="\s*javascript:', html, re.I)
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert all(re.search(r'src="/static/', attrs) for attrs in scripts), scripts


def test_hostile_document_shows_its_text(client):
    html = client.get("/documents/hostile.html").text
    assert "&lt;script&gt;window.__pwned=3&lt;/script&gt;" in html
    assert "javascript:window.__pwned=8" in html  # the URL is shown, but not as a link
    assert HOSTILE_TITLE not in html and HOSTILE_SENTENCE not in html


def test_templates_never_mark_text_safe():
    for path in TEMPLATES.glob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source, path.name


def test_reader_highlights_mentions_evidence_and_copies(client):
    html = client.get("/documents/digest.txt").text
    assert 'class="reuse-link copy" href="/documents/drills.txt#o-0"' in html
    original = client.get("/documents/drills.txt").text
    assert 'id="o-0"' in original and 'class="mention kind-state' in original
    assert 'data-events="ev-drills"' in original


@pytest.mark.parametrize("path", ["/events/nope", "/documents/nope.txt", "/entities/NOPE", "/nowhere"])
def test_missing_pages_are_404_pages(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "Sphere" in r.text


def test_bad_filter_on_a_page_is_a_readable_error(client):
    r = client.get("/events?since=yesterday")
    assert r.status_code == 422 and "since" in r.text and "<!doctype html>" in r.text


def test_openapi_docs_are_offline(client):
    docs = client.get("/docs").text
    assert "cdn" not in docs.lower() and "/static/vendor/swagger-ui-bundle.js" in docs
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/search", "/api/export", "/api/graph", "/api/timeline"} <= set(spec["paths"])


@pytest.mark.parametrize("name", ["htmx.min.js", "vis-timeline.min.js", "cytoscape.min.js", "d3-geo.min.js",
                                  "topojson-client.min.js", "countries-50m.json", "swagger-ui-bundle.js"])  # fmt: skip
def test_vendor_files_are_served(client, name):
    from sphere.api.vendor import node_modules

    if node_modules() is None:
        pytest.skip("npm packages are not installed (make install)")
    r = client.get(f"/static/vendor/{name}")
    assert r.status_code == 200 and len(r.content) > 1000


def test_vendor_serves_only_listed_files(client):
    assert client.get("/static/vendor/..%2Fpackage.json").status_code == 404
    assert client.get("/static/vendor/package.json").status_code == 404
