"""Which language a unit is in, and which stretches of it are Cyrillic.

The script decides (cheap, and all the models care about): Latin-script text goes to spaCy's
English pipeline, Cyrillic to the Russian recogniser (natasha), and text that is mostly neither
is in a script no Sphere model reads ("zh", "ar", ... by script, or "und") and is counted as
skipped with that language. Within a script, lingua (offline; restricted to the languages of
that script that matter here) tells English from French or Russian from Ukrainian
(`detect_language`); the pipeline does not ask it, because every answer it can give within a
script takes the same route (a unit's lingua call cost ~2.6 ms, about 4% of the workers' CPU).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

SAMPLE_CHARS = 2000  # lingua reads the start of a unit; enough to tell languages apart
MIN_LETTERS = 3
SCRIPTS = {
    "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "ARABIC": "ar",
    "HEBREW": "he", "DEVANAGARI": "hi", "GREEK": "el", "ARMENIAN": "hy", "GEORGIAN": "ka",
    "THAI": "th", "BENGALI": "bn", "TAMIL": "ta",
}


def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NOT_ASCII_LETTER = re.compile(r"[^A-Za-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def script_counts(text: str) -> dict[str, int]:
    """Letters per script, the scripts in the order they first occur (ties go to the first).
    ASCII letters are counted by a regex, the rest one by one: most text is mostly ASCII."""
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    ascii_letter = _ASCII_LETTER.search(text)
    if ascii_letter is not None:
        first["LATIN"] = ascii_letter.start()
        counts["LATIN"] = len(_NOT_ASCII_LETTER.sub("", text))
    for m in _NON_ASCII.finditer(text):
        char = m.group()
        if char.isalpha():
            script = script_of(char)
            first[script] = min(first.get(script, m.start()), m.start())
            counts[script] = counts.get(script, 0) + 1
    return {script: counts[script] for script in sorted(counts, key=first.__getitem__)}


@cache
def _detector(script: str):
    from lingua import Language, LanguageDetectorBuilder

    names = {
        "LATIN": ["ENGLISH", "FRENCH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "TURKISH",
                  "DUTCH", "POLISH", "INDONESIAN", "AZERBAIJANI", "CZECH", "ROMANIAN"],
        "CYRILLIC": ["RUSSIAN", "UKRAINIAN", "BELARUSIAN", "BULGARIAN", "KAZAKH", "SERBIAN",
                     "MACEDONIAN", "MONGOLIAN"],
    }[script]
    languages = [getattr(Language, n) for n in names]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _lingua(text: str, script: str, default: str) -> str:
    found = _detector(script).detect_language_of(text[:SAMPLE_CHARS])
    return found.iso_code_639_1.name.lower() if found is not None else default


def main_script(text: str) -> tuple[str, str]:
    """(script, language) as far as the script alone tells: ("LATIN", "en") and ("CYRILLIC",
    "ru") for text mostly in those scripts (lingua may tell it apart further), ("", "zh") and
    the like for the scripts of `SCRIPTS`, ("", "und") without letters or in another script."""
    counts = script_counts(text[: SAMPLE_CHARS * 4])
    letters = sum(counts.values())
    if letters < MIN_LETTERS:
        return "", "und"
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if script in ("LATIN", "CYRILLIC") and n * 2 >= letters:
        return script, "en" if script == "LATIN" else "ru"
    for prefix, code in SCRIPTS.items():
        if script.startswith(prefix):
            return "", code
    return "", "und"


def detect_language(text: str) -> str:
    """ISO 639-1 code of the unit's language ("en", "ru", "fr", ...), or "und" without letters.
    The pipeline routes by `main_script` alone; this is for whoever needs the language itself."""
    script, lang = main_script(text)
    return _lingua(text, script, lang) if script else lang


def cyrillic_stretches(text: str, min_letters: int = 12) -> list[tuple[int, int]]:
    """(start, end) of lines that are mostly Cyrillic: the Russian parts of a mixed unit."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        counts = script_counts(line)
        cyr = counts.get("CYRILLIC", 0)
        if cyr >= min_letters and cyr * 2 >= sum(counts.values()):
            start = pos + (len(line) - len(line.lstrip()))
            end = pos + len(line.rstrip())
            if out and start - out[-1][1] <= 2:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
        pos += len(line)
    return out
