"""`/api/documents` and `/api/documents/{id}`: offsets that point at the right text, reuse links."""

from __future__ import annotations

from urllib.parse import quote

import pytest


def test_documents_list_counts(client):
    body = client.get("/api/documents").json()
    assert body["total"] == 4
    by_id = {d["doc_id"]: d for d in body["items"]}
    assert by_id["drills.txt"]["outlet"] == "Eurasia Wire"
    assert by_id["drills.txt"]["events"] == 2 and by_id["drills.txt"]["mentions"] == 5
    assert [d["published"] for d in body["items"]] == sorted(d["published"] for d in body["items"])


@pytest.mark.parametrize("query, expected", [("outlet=vostok", {"feed.jsonl#2", "hostile.html"}),
                                             ("since=2021-08-11", {"digest.txt", "hostile.html"}),
                                             ("kind=comment", {"hostile.html"})])  # fmt: skip
def test_documents_filters(client, query, expected):
    assert {d["doc_id"] for d in client.get("/api/documents?" + query).json()["items"]} == expected


@pytest.mark.parametrize("doc_id", ["drills.txt", "digest.txt", "feed.jsonl#2", "hostile.html"])
def test_document_offsets_point_at_their_text(client, doc_id):
    r = client.get("/api/documents/" + quote(doc_id, safe=""))
    assert r.status_code == 200, r.text
    d = r.json()
    text = d["text"]
    assert d["id"] == doc_id and d["units"]
    for m in d["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    for e in d["evidence"]:
        assert 0 <= e["start"] < e["end"] <= len(text)
    for u in d["units"]:
        assert 0 <= u["start"] <= u["end"] <= len(text)


def test_document_reuse_links_both_ways(client):
    copy = client.get("/api/documents/digest.txt").json()
    original = client.get("/api/documents/drills.txt").json()
    [c] = copy["reuse"]
    [o] = original["reuse"]
    assert c["role"] == "copy" and c["other_doc"] == "drills.txt"
    assert o["role"] == "original" and o["other_doc"] == "digest.txt"
    assert copy["text"][c["start"] : c["end"]] == original["text"][c["other_start"] : c["other_end"]]


def test_unknown_document_is_404(client):
    assert client.get("/api/documents/nothing.txt").status_code == 404
