"""Keys under which aliases are indexed: case, accents, quotes and dashes do not matter;
`translit_key` also folds the usual romanisation variants of Russian and Central Asian names
(Zheenbekov/Jeenbekov, Rakhmon/Rahmon, Mirziyoev/Mirziyoyev), for fuzzy matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTES = re.compile(r"[\u2018\u2019\u201b\u02bc\u02bb`´]")
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^the\s+")


def fold_accents(text: str) -> str:
    """'Erdoğan' -> 'Erdogan'; Cyrillic letters are kept (й, ё are folded to и, е)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=262_144)  # asked again and again for the same few thousand spans of a corpus
def alias_key(text: str) -> str:
    """The index key of an alias: lower case, no accents, plain quotes and dashes, one space."""
    text = _QUOTES.sub("'", _DASHES.sub("-", text))
    text = fold_accents(text).casefold().strip()
    text = _SPACES.sub(" ", text)
    return _ARTICLE.sub("", text)


_TRANSLIT = [
    (re.compile(r"dzh|zh|dj"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"yo|yu|ya|ye"), lambda m: m.group(0)[1]),
    (re.compile(r"iy|yi"), "i"),
    (re.compile(r"y"), "i"),
    (re.compile(r"q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"(.)\1"), r"\1"),
    (re.compile(r"[-' .]"), ""),
]


def translit_key(text: str) -> str:
    """A coarse key for romanisation variants: alias_key, then common transliteration folds."""
    key = alias_key(text)
    for pattern, repl in _TRANSLIT:
        key = pattern.sub(repl, key)
    return key
