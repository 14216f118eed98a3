"""Decoding: the encodings Sphere reads, and the bytes it refuses with a reason."""

from __future__ import annotations

import codecs

import pytest

from sphere.errors import InputError
from sphere.ingest.decode import decode_bytes

RUSSIAN = "Министр обороны России Сергей Шойгу заявил во вторник, что база получит новые бронетранспортёры."
FRENCH = "Le ministre a déclaré à Genève que la coopération militaire était très étroite."


@pytest.mark.parametrize(
    "raw, encoding, text",
    [
        (RUSSIAN.encode("utf-8"), "utf-8", RUSSIAN),
        (RUSSIAN.encode("cp1251"), "cp1251", RUSSIAN),
        (RUSSIAN.encode("koi8_r"), "koi8-r", RUSSIAN),
        (FRENCH.encode("latin-1"), "cp1252", FRENCH),
        (codecs.BOM_UTF8 + FRENCH.encode(), "utf-8", FRENCH),
        (FRENCH.encode("utf-16"), "utf-16", FRENCH),
        (b"line one\r\nline two\r\n", "utf-8", "line one\nline two\n"),
    ],
)
def test_decode_bytes_encodings(raw, encoding, text):
    decoded = decode_bytes(raw, "x.txt")
    assert (decoded.encoding, decoded.text) == (encoding, text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia\u2019s \u201cnew\u201d base near Dushanbe \u2013 the 201st \u2013 hosts 7,000 troops\u2026",
        "The drills \u2014 five days of them \u2014 ended on Friday.\u00a0The ministry said so.",
        "\u2018Nothing has changed,\u2019 the envoy said \u2022 Moscow, 12 May",
    ],
)
@pytest.mark.parametrize("encoding", ["cp1252", "cp1251"])
def test_decode_bytes_english_with_windows_punctuation_is_read(text, encoding):
    # English saved on Windows: curly quotes, dashes, no-break spaces are its only high bytes;
    # they are not letters, so there is nothing to read as words, and the text is kept
    assert decode_bytes(text.encode(encoding), "x.txt").text == text


def test_decode_bytes_declared_legacy_encoding_is_used():
    assert decode_bytes(RUSSIAN.encode("koi8_r"), "x.html", declared="koi8-r").encoding == "koi8-r"


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "empty file (0 bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF document)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP archive"),
        (b"text\x00with\x00nuls\x00" * 10, "binary data (NUL bytes)"),
        ("Привет, мир".encode() + b"\xff\xfe tail", "invalid UTF-8 (mostly UTF-8, but byte 20 is bad"),
        (b"Hello \xff\xfe world \xc3\x28 and more", "not valid UTF-8, and not readable as cp1251, koi8-r or latin-1"),
    ],
)
def test_decode_bytes_refuses_with_a_reason(raw, reason):
    with pytest.raises(InputError) as err:
        decode_bytes(raw, "bad.txt")
    assert str(err.value).startswith("bad.txt: ") and reason in err.value.reason
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_decode_bytes_wrong_utf8_declaration_is_corrected(encoding):
    # a legacy page whose <meta charset> (or HTTP header) wrongly says UTF-8: it is not mostly
    # UTF-8 (koi8-r's "тё" is a valid UTF-8 pair by chance), and reads as Russian words
    decoded = decode_bytes(RUSSIAN.encode(encoding), "x.html", declared="utf-8")
    assert decoded.text == RUSSIAN


def test_decode_bytes_declared_utf8_that_reads_as_nothing_is_refused():
    raw = b"Hello \xff\xfe world \xc3\x28 and more"
    with pytest.raises(InputError, match="invalid UTF-8 \\(declared UTF-8"):
        decode_bytes(raw, "x.html", declared="utf-8")


@pytest.mark.parametrize("seed", range(50))
def test_decode_bytes_random_bytes_decode_or_are_refused(seed):
    import random

    rng = random.Random(seed)
    raw = bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000)))
    try:
        decoded = decode_bytes(raw, "random.bin")
    except InputError as exc:
        assert exc.origin == "random.bin" and exc.reason
    else:
        assert isinstance(decoded.text, str) and "\r" not in decoded.text
