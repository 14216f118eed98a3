"""Lines of a copied page, each with the class a reader would give it at a glance.

A person who copies a web page gets the article mixed with its furniture: menus, bylines, share
bars, "Reply" under each comment, a forum poster's profile block. The segmenter never looks for
one site's strings; it classifies every line by general cues (page furniture listed in
`data/page_cues.yaml`, dates, bylines, the shape of prose, titles and names) and reads the page's
structure from the sequence of classes.

    blank separator url                   layout
    reply forum signature comments end boiler   furniture (see page_cues.yaml for each role)
    date byline thread postno posthead    metadata lines
    tags prose title name other           text
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..kb.loading import SAFE_LOADER
from .dates import find_date, parse_date

CUES = Path(__file__).parent / "data" / "page_cues.yaml"

SEPARATOR = re.compile(r"^(?:[.·•_=*~#+—–-]\s*){3,}$")  # "---", "* * *", "..........."
URL = re.compile(r"^(?:(?:source|link|read\s+more|via|from|original|источник|ссылка)\s*:?\s*)?[<(\[]?(https?://\S+?)[>)\]]?$", re.I)
TRAILING_URL = re.compile(r"\s+(https?://\S+)$", re.I)
BYLINE = re.compile(
    r"^(?:by|von|par|автор|author|written\s+by|text|текст)\s*:?\s+(?P<name>[^|,;:]{2,60}?)"
    r"(?:\s*[|,;·•–—-]\s*(?P<rest>.*))?$",
    re.I,
)
POSTED_ON = re.compile(r"^(?:posted|published|updated|written)\s+(?:on\s+)?(?P<when>.+?)\s+by\s+(?P<name>.{2,60}?)\.?$", re.I)
THREAD = re.compile(
    r"^discussion\s+in\s+['\"‘’“”](?P<forum>.+?)['\"‘’“”]\s+started\s+by\s+(?P<name>.+?),\s*(?P<when>.+?)\.?$",
    re.I,
)
# phpBB "Post by kant_spotter » Tue Mar 02, 2021 10:15 am", SMF "« Reply #3 on: March 03, 2021, 10:15:12 AM »"
POSTHEAD = re.compile(
    r"^(?:(?:post\s+)?by\s+(?P<name>\S.{0,40}?)\s+»\s+(?P<when1>.+)|«?\s*(?:reply\s+#\d+\s+)?on:\s+(?P<when2>.+?)\s*»?)$",
    re.I,
)
POSTNO = re.compile(r"^(?:(?:#|post\s*#?)\s*(?P<n1>\d{1,5})(?:\s+(?P<name1>\S.{0,40}))?|(?P<n2>\d{1,5})\.\s+(?P<name2>[^\s.][^\s]{0,39}))$", re.I)
WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.]*", re.U)
SENTENCE_END = re.compile(r"[.!?…:;]['\"”’»)\]]*$|[.!?]['\"”’»)\]]*\s+['\"“«(\[]?[A-ZА-Я0-9]")
HANDLE = re.compile(r"^[\w.@-]{2,30}$")
HANDLE_MARK = re.compile(r"[_\d@]|\w\.\w|[a-z][A-Z]")  # what no word has: "kgz_observer", "irakli.m", "AlmatyReader"
PERSON = re.compile(r"^(?:[A-ZА-ЯЁ][\w'’-]+|[A-ZА-ЯЁ]\.)(?:\s+(?:[A-ZА-ЯЁ][\w'’-]+|[A-ZА-ЯЁ]\.|de|van|von|al|el|bin|ibn)){0,3}\.?$")


@dataclass(frozen=True)
class Cue:
    role: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Cues:
    cues: tuple[Cue, ...]
    member_titles: tuple[str, ...]
    outlet_words: frozenset[str]
    any_cue: re.Pattern  # all cues in one alternation, in file order: one match per line


ROLES = frozenset({"end", "boiler", "reply", "comments", "forum", "signature"})


@cache
def load_cues(path: Path = CUES) -> Cues:
    """The page cues, checked: a bad file is a ConfigError naming it, the cue and the problem."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        raw = data["cues"]
        titles = tuple(sorted((str(t).lower() for t in data["member_titles"]["words"]), key=len, reverse=True))
        outlet_words = frozenset(str(w).lower() for w in data["outlet_words"]["words"])
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path.name}: cannot read the page cues ({type(exc).__name__}: {' '.join(str(exc).split())})") from exc
    cues = []
    for n, c in enumerate(raw, start=1):
        if not isinstance(c, dict) or c.get("role") not in ROLES or not c.get("source"):
            raise ConfigError(f"{path.name} cue {n}: needs a role ({', '.join(sorted(ROLES))}), a pattern and a source")
        try:
            cues.append(Cue(c["role"], re.compile(rf"(?:{c['pattern']})", re.I)))
        except (re.error, KeyError) as exc:
            raise ConfigError(f"{path.name} cue {n}: bad pattern ({exc})") from exc
    any_cue = re.compile("|".join(f"(?P<c{i}>(?:{c['pattern']})$)" for i, c in enumerate(raw)), re.I)
    return Cues(tuple(cues), titles, outlet_words, any_cue)


@dataclass(frozen=True)
class Line:
    n: int  # index among the page's lines
    start: int  # offset of the first non-space character in the text
    end: int  # offset after the last non-space character
    text: str  # the line, stripped
    kind: str
    date: date | None = None  # for date, byline, thread lines
    name: str | None = None  # for byline, thread, postno lines


def count_words(text: str, limit: int) -> int:
    """How many words `text` has, counted up to `limit` (a prose line need not be read to its end)."""
    return sum(1 for _ in islice(WORD.finditer(text), limit))


BULLET = re.compile(r"^[•·▪►●*–-]\s+")


def cue_role(text: str) -> str | None:
    """The role of the first cue (in page_cues.yaml order) that matches the whole line."""
    text = BULLET.sub("", text)
    cues = load_cues()
    m = cues.any_cue.match(text)
    return cues.cues[int(m.lastgroup[1:])].role if m else None


SENTENCE_BREAK = re.compile(r"\w[.!?]['\"”’»)\]]*\s")


def is_prose(text: str) -> bool:
    """Sentences: eight words or more with a sentence's end or break in them (or very long)."""
    n = count_words(text, 20)
    return n >= 20 or (n >= 8 and bool(SENTENCE_END.search(text) or SENTENCE_BREAK.search(text)))


def is_title(text: str) -> bool:
    n = count_words(text, 31)
    return 3 <= n <= 30 and bool(re.match(r"^['\"“«‘]?[A-ZА-ЯЁ0-9]", text)) and not text.endswith((".", ",", ";"))


def is_person(text: str) -> bool:
    """Looks like a person's name: one to four capitalised words ("Clara Weiss", "Nurlan K.")."""
    return bool(PERSON.match(text)) and len(text) <= 50


def is_name(text: str) -> bool:
    """A short capitalised line: a person, a site's masthead ("STEPPE HERALD"), a section."""
    ws = text.split()
    return 1 <= len(ws) <= 5 and len(text) <= 50 and not re.search(r"\d", text) and (
        is_person(text) or text.isupper() or all(w[:1].isupper() or w.lower() in ("of", "the", "and", "on", "in") for w in ws)
    )


def is_handle(text: str) -> bool:
    """Looks like a commenter's or poster's name: a handle ("kgz_observer") or a person."""
    if HANDLE.match(text) and not text.endswith(".") and not text.isdigit():
        return bool(HANDLE_MARK.search(text)) or text[:1].isupper()
    return is_person(text)


def is_tags(text: str) -> bool:
    items = [i.strip() for i in text.split(",")]
    return (
        len(items) >= 4
        and all(1 <= len(i.split()) <= 3 for i in items)
        and not SENTENCE_END.search(text)
    )


def is_outlet_name(text: str) -> bool:
    """A masthead: a name made with an outlet word ("Pamir Watch") or written in capitals."""
    ws = text.split()
    if not (1 <= len(ws) <= 6 and len(text) <= 60 and text[:1].isupper()) or re.search(r"\d|[.!?]\s|[.!?:;]$", text):
        return False
    if text.isupper() and len(text) > 3:
        return True
    return bool({w.lower().strip(".,'’") for w in ws} & load_cues().outlet_words)


def strip_member_title(text: str) -> str | None:
    """The user name on a profile line: "Yusuf GUARDIAN Administrator" -> "Yusuf".

    "" for a line that is only a member title ("Senior Member"); None when no title is in it.
    """
    rest = text
    for title in load_cues().member_titles:
        rest = re.sub(rf"(?<!\w){re.escape(title)}(?!\w)", " ", rest, flags=re.I)
    if rest == text:
        return None
    words_left = rest.split()
    return words_left[0] if words_left else ""


def classify(text: str) -> tuple[str, date | None, str | None]:
    """(kind, date, name) of one stripped line."""
    if not text:
        return "blank", None, None
    if SEPARATOR.match(text):
        return "separator", None, None
    if URL.match(text):
        return "url", None, None
    m = THREAD.match(text)
    if m:
        return "thread", parse_date(m["when"]) or (find_date(m["when"]).value if find_date(m["when"]) else None), m["name"].strip()
    m = POSTNO.match(text)
    if m:
        return "postno", None, (m["name1"] or m["name2"] or "").strip() or None
    m = POSTHEAD.match(text)
    if m and (find_date(m["when1"] or m["when2"] or "")):
        return "posthead", find_date(m["when1"] or m["when2"]).value, m["name"]
    role = cue_role(text)
    if role:
        return role, None, None
    when = parse_date(text)
    if when:
        return "date", when, None
    m = POSTED_ON.match(text)
    if m and parse_date(m["when"]):
        return "byline", parse_date(m["when"]), m["name"].strip()
    m = BYLINE.match(text)
    if m and (is_person(m["name"].strip()) or is_handle(m["name"].strip())):
        rest = m["rest"] or ""
        return "byline", parse_date(rest) if rest else None, m["name"].strip()
    if "," in text or "|" in text:
        head, _, tail = re.split(r"\s*[,|]\s*", text, maxsplit=1)[0], None, re.split(r"\s*[,|]\s*", text, maxsplit=1)[-1]
        when = parse_date(tail)
        if when and (is_person(head) or is_handle(head)):
            return "byline", when, head
    if is_tags(text):
        return "tags", None, None
    if is_prose(text):
        return "prose", None, None
    if is_title(text):
        return "title", None, None
    if is_name(text) or is_handle(text):
        return "name", None, None
    return "other", None, None


def split_lines(text: str) -> list[Line]:
    """Every line of `text` with its offsets and class (blank lines included)."""
    out: list[Line] = []
    pos = 0
    for n, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = pos + lead
        kind, when, name = classify(stripped)
        out.append(Line(n, start, start + len(stripped), stripped, kind, when, name))
        pos += len(raw) + 1
    return out
