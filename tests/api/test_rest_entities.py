"""`/api/entities` and `/api/entities/{code}`: from mentions and from participants alike."""

from __future__ import annotations


def test_entities_ranked_with_counts(client):
    body = client.get("/api/entities").json()
    by_code = {e["code"]: e for e in body["items"]}
    assert body["items"][0]["code"] == "RUS"
    assert by_code["RUS"]["as_actor"] == 4 and by_code["RUS"]["mentions"] == 3
    assert by_code["USA"]["mentions"] == 0 and by_code["USA"]["as_recipient"] == 1  # only a participant
    assert by_code["KGZ"]["name"] == "Kyrgyzstan"


def test_entities_search_and_page(client):
    assert [e["code"] for e in client.get("/api/entities?q=place").json()["items"]] == ["PLACE:Harbmaidon", "PLACE:Khorog"]
    page = client.get("/api/entities?limit=2&offset=1").json()
    assert len(page["items"]) == 2 and page["total"] == 8


def test_entity_profile(client):
    r = client.get("/api/entities/TJK")
    assert r.status_code == 200
    e = r.json()
    assert {p["code"] for p in e["partners"]} >= {"RUS", "UZB", "ISIS"}
    assert {t["type"] for t in e["event_types"]} == {"COOPERATE", "AID", "ASSAULT"}
    assert e["events"]["total"] == 3 and len(e["events"]["items"]) == 3
    assert e["aliases"] == [{"text": "Tajikistan", "count": 1}]


def test_entity_unknown_is_404(client):
    assert client.get("/api/entities/ZZZ").status_code == 404
