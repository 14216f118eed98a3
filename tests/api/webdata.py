"""A small database for the web tests, filled through the store's own writers.

Hand-written documents (not the seeds), three outlets with notes, reuse between two documents,
entity mentions and events of several PLOVER quads, one event reported by two outlets, a
document id with a '#' (as JSONL items have), and one hostile document whose text, title and
URL try script tags, javascript: URLs and attribute breakouts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.events import save_events
from sphere.store.mentions import save_mentions
from sphere.store.models import OutletRow, ReuseLinkRow
from sphere.types import Document, Event, Evidence, Location, Mention, Participant, Unit

HOSTILE_TITLE = 'Report "><img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>'
HOSTILE_SENTENCE = (
    "Militants attacked a border post near Khorog <script>window.__pwned=3</script> "
    "and posted <a href=\"javascript:window.__pwned=4\">a video</a>."
)
HOSTILE_TEXT = (
    HOSTILE_SENTENCE + "\n\n"
    "Readers wrote: \" onmouseover=\"window.__pwned=5\" x=\" and '><svg onload=window.__pwned=6>.\n"
    "See javascript:window.__pwned=7 for more."
)

DRILLS_TEXT = (
    "Russia, Tajikistan and Uzbekistan ended joint military drills at the Harbmaidon range "
    "on 10 August 2021, the defence ministry said.\n\n"
    "About 2,500 troops took part in the exercise near the Afghan border.\n\n"
    "Moscow also handed new armoured vehicles to the Tajik border guards."
)
COPY_LEAD = "A regional digest republished the report.\n\n"
COPY_TEXT = COPY_LEAD + DRILLS_TEXT[: DRILLS_TEXT.index("\n\nMoscow")]
CALL_TEXT = (
    "Vladimir Putin spoke by phone with Sadyr Japarov on 24 February 2021.\n\n"
    "The Kremlin warned Washington against deploying troops in the region."
)


@dataclass(frozen=True)
class Sample:
    url: str
    drills_event: str
    aid_event: str
    call_event: str
    warn_event: str
    attack_event: str
    hostile_doc: str
    hash_doc: str


def doc(doc_id: str, text: str, title: str, outlet: str, url: str, published: date,
        units: list[tuple[str, str, int, int]]) -> Document:  # fmt: skip
    return Document(
        doc_id=doc_id, origin=f"/corpus/{doc_id}", content_hash=content_hash(text.encode()),
        encoding="utf-8", media_type="text", extractor="plain", text=text, title=title,
        outlet=outlet, url=url, published=published,
        units=tuple(Unit(doc_id, uid, kind, s, e, published=published) for uid, kind, s, e in units),
    )  # fmt: skip


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def evidence(doc_id: str, text: str, sentence: str, unit: str = "body", derived: str | None = None) -> Evidence:
    s, e = span(text, sentence)
    return Evidence(doc_id, unit, text[s:e], s, e, derived)


def mention(doc_id: str, text: str, words: str, code: str, kind: str = "state") -> Mention:
    s, e = span(text, words)
    return Mention(doc_id, "body", s, e, words, code, kind)


def build_sample(url: str) -> Sample:
    engine = open_engine(url)
    with Session(engine) as session, session.begin():
        session.add_all(
            [
                OutletRow(id="eurasia-wire", name="Eurasia Wire", domains=["eurasiawire.example"],
                          country="KAZ", slant="Independent wire service; test note.", known=True),
                OutletRow(id="steppe-digest", name="Steppe Digest", domains=[], slant=None, known=False),
                OutletRow(id="vostok-voice", name="Vostok Voice", domains=[], country="RUS",
                          slant="Openly pro-Kremlin editorial line (test note).", known=True),
            ]
        )  # fmt: skip
    drills = doc("drills.txt", DRILLS_TEXT, "Drills end at Harbmaidon", "Eurasia Wire",
                 "https://eurasiawire.example/drills", date(2021, 8, 10), [("body", "article", 0, len(DRILLS_TEXT))])  # fmt: skip
    copy = doc("digest.txt", COPY_TEXT, "Digest: drills", "Steppe Digest", "https://digest.example/d",
               date(2021, 8, 11), [("body", "article", 0, len(COPY_TEXT))])  # fmt: skip
    call = doc("feed.jsonl#2", CALL_TEXT, "Putin and Japarov talk", "Vostok Voice", "https://vostok.example/call",
               date(2021, 2, 25), [("body", "article", 0, len(CALL_TEXT))])  # fmt: skip
    split = HOSTILE_TEXT.index("Readers wrote")
    hostile = doc("hostile.html", HOSTILE_TEXT, HOSTILE_TITLE, "Vostok Voice", "javascript:window.__pwned=8",
                  date(2021, 9, 1), [("body", "article", 0, split), ("comment-1", "comment", split, len(HOSTILE_TEXT))])  # fmt: skip
    ids = {}
    for d, outlet_id in ((drills, "eurasia-wire"), (copy, "steppe-digest"), (call, "vostok-voice"), (hostile, "vostok-voice")):
        status, stored = save_document(engine, d, outlet_id=outlet_id)
        assert status == "new"
        ids[d.doc_id] = stored
    harbmaidon = Location("Harbmaidon", "TJK", 37.9, 68.8)
    drill_sentence = DRILLS_TEXT[: DRILLS_TEXT.index("\n\n")]
    rus, tjk, uzb = Participant("RUS", "MIL", "Russia"), Participant("TJK", None, "Tajikistan"), Participant("UZB", None, "Uzbekistan")
    drills_event = Event("ev-drills", "COOPERATE", (rus, tjk, uzb), (), ("military",), ("military",),
                         "2021-08-10", None, "day", location=harbmaidon)  # fmt: skip
    aid_event = Event("ev-aid", "AID", (Participant("RUS", None, "Moscow"),), (Participant("TJK", "MIL", "Tajik border guards"),),
                      (), ("military",), "2021-08", None, "month", location=Location("Dushanbe", "TJK", 38.56, 68.77))  # fmt: skip
    call_event = Event("ev-call", "CONSULT", (Participant("RUS", "GOV", "Vladimir Putin", "Vladimir Putin"),),
                       (Participant("KGZ", "GOV", "Sadyr Japarov", "Sadyr Japarov"),), ("phone",), ("diplomatic",),
                       "2021-02-24", None, "day")  # fmt: skip
    warn_event = Event("ev-warn", "THREATEN", (Participant("RUS", "GOV", "The Kremlin"),), (Participant("USA", "GOV", "Washington"),),
                       (), ("military",), "2021-02", None, "month")  # fmt: skip
    attack_event = Event("ev-attack", "ASSAULT", (Participant("ISIS", None, "Militants"),), (Participant("TJK", "MIL", "a border post"),),
                         (), ("terrorism",), "2021-09", None, "month", location=Location("Khorog", "TJK", 37.49, 71.55))  # fmt: skip
    with Session(engine) as session, session.begin():
        save_mentions(session, "drills.txt", [
            mention("drills.txt", DRILLS_TEXT, "Russia", "RUS"), mention("drills.txt", DRILLS_TEXT, "Tajikistan", "TJK"),
            mention("drills.txt", DRILLS_TEXT, "Uzbekistan", "UZB"), mention("drills.txt", DRILLS_TEXT, "Harbmaidon", "PLACE:Harbmaidon", "place"),
            mention("drills.txt", DRILLS_TEXT, "Moscow", "RUS"),
        ], "test")  # fmt: skip
        save_mentions(session, "hostile.html", [mention("hostile.html", HOSTILE_TEXT, "Khorog", "PLACE:Khorog", "place")], "test")
        save_mentions(session, "feed.jsonl#2", [mention("feed.jsonl#2", CALL_TEXT, "Vladimir Putin", "RUS", "person"),
                                                mention("feed.jsonl#2", CALL_TEXT, "Sadyr Japarov", "KGZ", "person")], "test")  # fmt: skip
        moscow = DRILLS_TEXT[DRILLS_TEXT.index("Moscow also"):]
        save_events(session, "drills.txt", [
            with_evidence(drills_event, evidence("drills.txt", DRILLS_TEXT, drill_sentence)),
            with_evidence(aid_event, evidence("drills.txt", DRILLS_TEXT, moscow)),
        ], "test")  # fmt: skip
        save_events(session, "digest.txt", [
            with_evidence(drills_event, evidence("digest.txt", COPY_TEXT, drill_sentence, derived="drills.txt")),
        ], "test")  # fmt: skip
        first, second = CALL_TEXT.split("\n\n")
        save_events(session, "feed.jsonl#2", [
            with_evidence(call_event, evidence("feed.jsonl#2", CALL_TEXT, first)),
            with_evidence(warn_event, evidence("feed.jsonl#2", CALL_TEXT, second)),
        ], "test")  # fmt: skip
        save_events(session, "hostile.html", [
            with_evidence(attack_event, evidence("hostile.html", HOSTILE_TEXT, HOSTILE_SENTENCE)),
            # the same drills, reported by a second, independent outlet
            with_evidence(drills_event, evidence("hostile.html", HOSTILE_TEXT, "Militants attacked a border post near Khorog")),
        ], "test")  # fmt: skip
        o_start = DRILLS_TEXT.index("Russia, Tajikistan")
        size = len(COPY_TEXT) - len(COPY_LEAD)
        session.add(ReuseLinkRow(original_doc="drills.txt", copy_doc="digest.txt", original_start=o_start,
                                 original_end=o_start + size, copy_start=len(COPY_LEAD),
                                 copy_end=len(COPY_LEAD) + size, size=size, direction_by="date"))  # fmt: skip
    engine.dispose()
    return Sample(url, "ev-drills", "ev-aid", "ev-call", "ev-warn", "ev-attack", "hostile.html", "feed.jsonl#2")


def with_evidence(ev: Event, *items: Evidence) -> Event:
    return Event(
        ev.event_id, ev.event_type, ev.actors, ev.recipients, ev.mode, ev.context, ev.date,
        ev.enddate, ev.date_precision, ev.status, ev.location, tuple(items), ev.sources, ev.confidence,
    )  # fmt: skip
