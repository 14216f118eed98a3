"""Bytes to text: refuse what is not text, then find the encoding.

Order of the checks, each only engaging if the previous one did not decide:

1. zero bytes -> refused ("empty file");
2. a byte-order mark -> UTF-8 / UTF-16 / UTF-32 as it says;
3. a binary signature (PNG, PDF, ZIP, GIF, JPEG, ...) or NUL / control bytes -> refused;
4. strict UTF-8 -> accepted;
5. bytes that are *mostly* UTF-8 (they hold valid multi-byte sequences) but do not decode ->
   refused as invalid UTF-8, naming the first bad byte: guessing a legacy code page for a
   damaged UTF-8 file would store mojibake;
6. a declared legacy encoding that decodes -> accepted;
7. charset-normalizer among the legacy encodings Sphere supports (cp1251, koi8-r, cp1252 /
   latin-1), accepted only when the result reads as words (non-ASCII letters inside words), so
   random high bytes are refused rather than turned into Cyrillic. This also corrects a wrong
   declaration (a cp1251 page whose <meta charset> or HTTP header says UTF-8, which is common):
   bytes that are not mostly UTF-8 and read as words in a legacy code page are that code page,
   whatever the page says;
8. anything else declared UTF-8 -> refused as invalid UTF-8.

Line ends are normalised to "\n" (as Python's text mode does), so offsets into the stored text
match what `Path.read_text()` gives.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ..errors import InputError

LEGACY_ENCODINGS = ("cp1251", "koi8_r", "cp1252", "latin_1")

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Leading bytes of binary formats people rename or mistake for pages.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name: "utf-8", "cp1251", "koi8-r", "cp1252", ...


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def binary_kind(raw: bytes) -> str | None:
    """What binary format the bytes are, or None when they may be text."""
    for magic, kind in SIGNATURES:
        if raw.startswith(magic):
            return kind
    head = raw[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    if len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        return "binary data (control bytes)"
    return None


def codec_name(encoding: str | None) -> str | None:
    """The canonical Python codec name for a declared charset, or None when unknown."""
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding.strip().strip("\"'")).name
    except LookupError:
        return None


def reads_as_words(text: str) -> bool:
    """True when the non-ASCII letters of a legacy-decoded text sit inside real words.

    Only letters count: the curly quotes, dashes and no-break spaces of an English text saved
    on Windows are not letters, and make the text no less readable."""
    high = sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
    if high == 0:
        return True
    in_words = sum(
        sum(1 for ch in w if ord(ch) > 127 and ch.isalpha()) for w in _WORD.findall(text) if len(w) >= 3
    )
    return in_words / high >= 0.6


def mostly_utf8(raw: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences: a damaged UTF-8 file.

    Legacy Cyrillic text makes a valid two-byte sequence now and then by chance, never for most
    of its bytes.
    """
    high = sum(1 for b in raw if b > 127)
    covered = sum(len(m.group()) for m in _UTF8_MULTIBYTE.finditer(raw))
    return high > 0 and covered / high >= 0.5


def first_bad_byte(raw: bytes) -> tuple[int, str]:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start, exc.reason
    return -1, ""


def decode_bytes(raw: bytes, origin: str, declared: str | None = None) -> Decoded:
    """The text of `raw`, or an InputError naming `origin` and why it is not readable text."""
    if not raw:
        raise InputError(origin, "empty file (0 bytes)")
    for bom, enc in BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(normalise_newlines(raw.decode(enc)), enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"starts with a {enc} byte-order mark but does not decode as {enc}: {exc.reason} at byte {exc.start}") from exc
    kind = binary_kind(raw)
    if kind:
        raise InputError(origin, f"binary file ({kind}), not text or HTML")
    try:
        return Decoded(normalise_newlines(raw.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    declared_codec = codec_name(declared)

    def invalid_utf8(why: str) -> InputError:
        pos, reason = first_bad_byte(raw)
        return InputError(origin, f"invalid UTF-8 ({why}, but byte {pos} is bad: {reason}); re-save the file as UTF-8")

    if mostly_utf8(raw):
        raise invalid_utf8("mostly UTF-8")
    if declared_codec and declared_codec != "utf-8":
        try:
            return Decoded(normalise_newlines(raw.decode(declared_codec)), declared_codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: detect instead
    match = from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if match is not None:
        text = str(match)
        if reads_as_words(text):
            return Decoded(normalise_newlines(text), codec_name(match.encoding) or match.encoding)
    if declared_codec == "utf-8":
        raise invalid_utf8("declared UTF-8")
    raise InputError(origin, "not valid UTF-8, and not readable as cp1251, koi8-r or latin-1 text")
