"""A tiny stand-in for the entities stage, for event tests: names -> canonical codes.

The event stage consumes resolved mentions (`ParsedUnit.mentions`); these tests build them from
this small table so that they exercise event extraction alone, whatever the entity stage does.
Longest names first; word boundaries respected.
"""

from __future__ import annotations

import re
from datetime import date

from sphere.nlp.model import load_base_model
from sphere.nlp.parsed import ParsedDocument, ParsedUnit
from sphere.types import Document, Mention, Unit

# surface -> (code, kind, sector, identifier_text)
NAMES: dict[str, tuple[str, str, str | None, str | None]] = {
    "Russian Defence Minister Sergei Shoigu": ("RUS", "person", "MIL", "Sergei Shoigu"),
    "Russian Defense Minister Sergei Shoigu": ("RUS", "person", "MIL", "Sergei Shoigu"),
    "Sergei Shoigu": ("RUS", "person", "MIL", "Sergei Shoigu"),
    "Shoigu": ("RUS", "person", "MIL", "Sergei Shoigu"),
    "Vladimir Putin": ("RUS", "person", "GOV", "Vladimir Putin"),
    "Putin": ("RUS", "person", "GOV", "Vladimir Putin"),
    "Emomali Rahmon": ("TJK", "person", "GOV", "Emomali Rahmon"),
    "Rahmon": ("TJK", "person", "GOV", "Emomali Rahmon"),
    "Sadyr Japarov": ("KGZ", "person", "GOV", "Sadyr Japarov"),
    "Shavkat Mirziyoyev": ("UZB", "person", "GOV", "Shavkat Mirziyoyev"),
    "Kassym-Jomart Tokayev": ("KAZ", "person", "GOV", "Kassym-Jomart Tokayev"),
    "Ministry of Defence of Uzbekistan": ("UZB", "organisation", "MIL", None),
    "Ministry of Defense of Uzbekistan": ("UZB", "organisation", "MIL", None),
    "Uzbek Defence Ministry": ("UZB", "organisation", "MIL", None),
    "Russian Defence Ministry": ("RUS", "organisation", "MIL", None),
    "the Kremlin": ("RUS", "organisation", "GOV", None),
    "Kremlin": ("RUS", "organisation", "GOV", None),
    "201st Military Base": ("RUS", "military-unit", "MIL", "201st Military Base"),
    "Harbmaidon": ("PLACE:Harbmaidon", "place", None, None),
    "Dushanbe": ("PLACE:Dushanbe", "place", None, None),
    "Tashkent": ("PLACE:Tashkent", "place", None, None),
    "Sochi": ("PLACE:Sochi", "place", None, None),
    "Termez": ("PLACE:Termez", "place", None, None),
    "Bishkek": ("PLACE:Bishkek", "place", None, None),
    "CSTO": ("CSTO", "igo", None, None),
    "SCO": ("SCO", "igo", None, None),
    "NATO": ("NATO", "igo", None, None),
    "Taliban": ("TALIBAN", "armed-group", None, None),
    "United States": ("USA", "state", None, None),
    "Washington": ("USA", "state", "GOV", None),
    "Moscow": ("RUS", "state", "GOV", None),
    "Beijing": ("CHN", "state", "GOV", None),
}
STATES = {
    "RUS": ["Russia", "Russian", "Russians"], "TJK": ["Tajikistan", "Tajik", "Tajiks"],
    "KGZ": ["Kyrgyzstan", "Kyrgyz"], "KAZ": ["Kazakhstan", "Kazakh", "Kazakhstani"],
    "UZB": ["Uzbekistan", "Uzbek", "Uzbeks"], "TKM": ["Turkmenistan", "Turkmen"],
    "AFG": ["Afghanistan", "Afghan"], "CHN": ["China", "Chinese"], "USA": ["US", "U.S.", "American"],
    "IRN": ["Iran", "Iranian"], "TUR": ["Turkey", "Turkish"], "IND": ["India", "Indian"],
    "PAK": ["Pakistan", "Pakistani"],
}
for code, names in STATES.items():
    for n in names:
        NAMES.setdefault(n, (code, "state", None, None))
STATE_OF_PLACE = {"PLACE:Harbmaidon": "TJK", "PLACE:Dushanbe": "TJK", "PLACE:Tashkent": "UZB",
                  "PLACE:Sochi": "RUS", "PLACE:Termez": "UZB", "PLACE:Bishkek": "KGZ"}
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)) + r")(?![\w])")


class TinyKB:
    """`state_of` and `locate` like the real knowledge base, for the names above."""

    def state_of(self, code: str) -> str | None:
        if code.startswith("PLACE:"):
            return STATE_OF_PLACE.get(code)
        return code

    def locate(self, mention):
        from sphere.types import Location

        if mention.code and mention.code.startswith("PLACE:"):
            return Location(name=mention.code[6:], country=STATE_OF_PLACE.get(mention.code))
        return None


def mentions_of(text: str, doc_id: str, unit_id: str, offset: int = 0) -> tuple[Mention, ...]:
    out = []
    for m in PATTERN.finditer(text):
        code, kind, sector, ident = NAMES[m.group(1)]
        out.append(Mention(doc_id, unit_id, offset + m.start(), offset + m.end(), m.group(1), code, kind, sector, ident, "TEST"))
    return tuple(out)


def parse_text(text: str, published: date | None, doc_id: str = "test.txt") -> ParsedDocument:
    """A one-unit ParsedDocument of `text`, parsed by the base spaCy model."""
    nlp = load_base_model()
    unit = Unit(doc_id, "body", "article", 0, len(text), published=published)
    document = Document(doc_id, doc_id, "0" * 64, "utf-8", "text", "plain", text, published=published, units=(unit,))
    pu = ParsedUnit(unit, 0, nlp(text), mentions_of(text, doc_id, "body"))
    return ParsedDocument(document, (pu,))
