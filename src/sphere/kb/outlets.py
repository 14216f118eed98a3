"""The outlet registry: who publishes a document, where it is based, and who pays for it.

An event "reported by five outlets" is only worth something if the reader knows who the outlets
are: Caravanserai is sponsored by US Central Command, PolitNavigator is a pro-Kremlin site, the
WSWS is published by a Trotskyist international. Those facts live in `data/outlets.yaml`, one
entry per outlet, each fact with the `source` that states it (validated on load: an entry with a
fact and no source is an error, not a silent gap). The invented outlets of the demo corpus are
in the same file with `fictional: true`.

`find_outlet` recognises an outlet from, in this order of trust:

    url   the document's (or clipping's) URL: its host, or a parent domain of it, is registered
    name  a site name (og:site_name, a container's `outlet` field): the name or an alias
    text  a short passage belonging to the item (a header, a clipping): a credit line
          ("Source: X", "via X", "(c) X"), a line that is nothing but an outlet's name among the
          first lines, or a URL standing on its own line or closing the passage

and returns None when nothing matches: an unknown outlet is recorded as unknown by the store,
never guessed from a name that merely appears in the prose ("told Caravanserai" is not a byline).
This module reads only its data file: any stage may call it (ingest does, while segmenting).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..errors import ConfigError
from .loading import SAFE_LOADER

REGISTRY = Path(__file__).parent / "data" / "outlets.yaml"

# The facts an entry may state; each one present needs a source (its own or the entry's).
FACTS = ("name", "domains", "country", "language", "sponsor", "slant", "kind")
KINDS = (
    "news-agency", "newspaper", "magazine", "broadcaster", "online-news", "state-media",
    "blog", "forum", "think-tank", "government",
)
# Lines read for a standalone outlet name: a site header sits at the top of a page.
HEADER_LINES = 8


@dataclass(frozen=True)
class Outlet:
    """One registered publisher. `sources` maps each fact's field to who states it."""

    id: str
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-3 of where it is based
    language: str | None = None  # main language, ISO 639-1
    sponsor: str | None = None  # owner, publisher or funder
    slant: str | None = None  # a reputable description of its editorial line, when one exists
    kind: str | None = None  # one of KINDS
    fictional: bool = False  # invented for the demo corpus
    sources: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def source_of(self, fact: str) -> str | None:
        return self.sources.get(fact)


def normalise_name(name: str) -> str:
    """Casefolded, accents and punctuation dropped, a leading "the" dropped: "The Diplomat" ~ "diplomat"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def host_of(url: str) -> str | None:
    """The lower-case host of a URL (scheme optional), without "www." and port; None if none."""
    url = url.strip()
    if not url:
        return None
    if "://" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def parse_entry(raw: object, where: str) -> Outlet:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: an outlet entry must be a mapping, got {type(raw).__name__}")
    oid = raw.get("id")
    name = raw.get("name")
    if not isinstance(oid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", oid or ""):
        raise ConfigError(f"{where}: outlet id {oid!r} must be a lower-case slug")
    where = f"{where} (outlet {oid!r})"
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: a name is required")
    unknown = set(raw) - {*FACTS, "id", "aliases", "fictional", "source", "sources"}
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {sorted(unknown)}")
    default = raw.get("source")
    own = raw.get("sources") or {}
    if not isinstance(own, dict):
        raise ConfigError(f"{where}: `sources` must map a field to its source")
    sources: dict[str, str] = {}
    for fact in FACTS:
        value = raw.get(fact)
        if value in (None, "", []):
            continue
        src = own.get(fact) or default
        if not isinstance(src, str) or not src.strip():
            raise ConfigError(f"{where}: the fact {fact!r} has no source; add `source` or `sources.{fact}`")
        sources[fact] = src.strip()
    kind = raw.get("kind")
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    domains = tuple(str(d).lower().removeprefix("www.") for d in raw.get("domains") or ())
    for d in domains:
        if host_of(d) is None:
            raise ConfigError(f"{where}: {d!r} is not a domain")
    return Outlet(
        id=oid,
        name=name.strip(),
        domains=domains,
        aliases=tuple(str(a) for a in raw.get("aliases") or ()),
        country=raw.get("country"),
        language=raw.get("language"),
        sponsor=raw.get("sponsor"),
        slant=raw.get("slant"),
        kind=kind,
        fictional=bool(raw.get("fictional", False)),
        sources=sources,
    )


def read_registry(path: Path) -> list[Outlet]:
    """Parse and validate a registry file; ConfigError names the file and the bad entry."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the outlet registry: {exc}") from exc
    entries = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a top-level `outlets:` list")
    outlets = [parse_entry(raw, f"{path}: entry {i + 1}") for i, raw in enumerate(entries)]
    seen: dict[str, str] = {}
    for o in outlets:
        for key in (f"id {o.id}", *(f"domain {d}" for d in o.domains)):
            if key in seen:
                raise ConfigError(f"{path}: {key} is registered twice ({seen[key]} and {o.id})")
            seen[key] = o.id
    return outlets


def load_outlets(path: Path | None = None) -> list[Outlet]:
    """Every registered outlet (the shipped registry unless another file is given), read once
    per process and file (`load_outlets()` and `load_outlets(None)` share it)."""
    return _registry(path or REGISTRY)


@cache
def _registry(path: Path) -> list[Outlet]:
    return read_registry(path)


@dataclass(frozen=True)
class RegistryIndex:
    by_domain: dict[str, Outlet]
    by_name: dict[str, Outlet]
    by_id: dict[str, Outlet]


@cache
def registry_index(path: Path | None = None) -> RegistryIndex:
    outlets = load_outlets(path)
    by_name: dict[str, Outlet] = {}
    for o in outlets:
        for n in (o.name, *o.aliases):
            by_name.setdefault(normalise_name(n), o)
    return RegistryIndex(
        by_domain={d: o for o in outlets for d in o.domains},
        by_name=by_name,
        by_id={o.id: o for o in outlets},
    )


def get_outlet(outlet_id: str) -> Outlet | None:
    return registry_index().by_id.get(outlet_id)


def outlet_of_url(url: str) -> Outlet | None:
    """The outlet whose registered domain is the URL's host or a parent of it (longest wins)."""
    host = host_of(url)
    if host is None:
        return None
    by_domain = registry_index().by_domain
    parts = host.split(".")
    for i in range(len(parts) - 1):
        hit = by_domain.get(".".join(parts[i:]))
        if hit is not None:
            return hit
    return None


DOMAIN_LIKE = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")


def outlet_of_name(name: str) -> Outlet | None:
    """The outlet with this name or alias; a name that is a domain ("Reuters.com") by domain."""
    name = name.strip()
    if not name:
        return None
    hit = registry_index().by_name.get(normalise_name(name))
    if hit is None and DOMAIN_LIKE.match(name):
        hit = outlet_of_url(name)
    return hit


URL = re.compile(r"https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+", re.I)
CREDIT = re.compile(
    r"^\W*(?:source|sources|via|from|courtesy of|originally published (?:by|in|on|at)|"
    r"reprinted from|republished from|copyright|©|\(c\))\s*[:\-–]?\s*(?P<who>.+?)\s*\W*$",
    re.I,
)


def outlet_of_masthead(text: str) -> Outlet | None:
    """An outlet named alone on one of the first lines of a page (its masthead)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines[:HEADER_LINES]:
        if len(line) <= 80:
            hit = outlet_of_name(line)
            if hit is not None:
                return hit
    return None


def outlet_of_text(text: str) -> Outlet | None:
    """An outlet the passage itself declares: a credit line, a header line, or a closing URL."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for line in lines:
        m = CREDIT.match(line)
        if m and len(m["who"]) <= 80:
            who = m["who"]
            url = URL.search(who)
            hit = outlet_of_url(url.group()) if url else outlet_of_name(who)
            if hit is not None:
                return hit
    hit = outlet_of_masthead(text)
    if hit is not None:
        return hit
    for line in lines:
        if URL.fullmatch(line):
            hit = outlet_of_url(line)
            if hit is not None:
                return hit
    if lines:
        closing = URL.findall(lines[-1])
        if closing and lines[-1].rstrip(" .").endswith(closing[-1].rstrip(".")):
            return outlet_of_url(closing[-1].rstrip("."))
    return None


def find_outlet(
    url: str | None = None, name: str | None = None, text: str | None = None
) -> Outlet | None:
    """The registered outlet of an item from its URL, then its site name, then its own text."""
    for finder, value in ((outlet_of_url, url), (outlet_of_name, name), (outlet_of_text, text)):
        if value:
            hit = finder(value)
            if hit is not None:
                return hit
    return None
