"""A sentence among its neighbours in a unit: where its evidence line runs, whether a blank
line parts it from the one before, and the dates those just before it tell ("the next day",
"hours later", an undated act right after a dated one).

Sentence texts come from `sentence_texts` (by each sentence's first token), sliced once from
the parse's text: spaCy's `Span.text` builds a new Token for every token and joins their texts
on each access, and a sentence is read again for each of the few after it.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import DateValue, find_dates
from .timing import relative_phrases


def sentence_texts(sents: list, text: str) -> dict[int, str]:
    """Each sentence's text by its first token: the slice of the parse's `text` it covers, which
    is what `Span.text` joins from its tokens again on every access."""
    return {sent.start: text[sent.start_char:sent.end_char] for sent in sents}


def text_of(sent, texts: dict[int, str] | None) -> str:
    return texts[sent.start] if texts is not None else sent.text


def paragraph_break(text: str, prev_sent, sent, texts: dict[int, str] | None = None) -> bool:
    """Whether a blank line separates two sentences of a unit's parse (`text`: the parse's text)."""
    return text[prev_sent.start_char + len(text_of(prev_sent, texts).rstrip()):sent.start_char].count("\n") >= 2


def paragraph_day(sent, before: list, pub: date | None, text: str, texts: dict[int, str] | None = None) -> DateValue | None:
    """The day the sentence just before `sent`, in the same paragraph, tells (its last one)."""
    if not before:
        return None
    prev_sent = before[-1]
    if paragraph_break(text, prev_sent, sent, texts):
        return None
    told = [d.value for d in find_dates(text_of(prev_sent, texts), pub, -1) if d.value.date and d.value.precision == "day"]
    return told[-1] if told else None


def told_before(sent, before: list, previous: DateValue | None, pub: date | None, text: str,
                texts: dict[int, str] | None = None) -> DateValue | None:
    """The date "the next day" or "hours later" counts from: the last date of the nearest of the
    few sentences just `before` that tells one ("hours later" only inside its paragraph: a new
    paragraph counts from the event just told, whose date an aside's dates are not); None when
    they tell none."""
    own = text_of(sent, texts)
    next_day, same_day = relative_phrases(own)  # (RELATIVE_TOLD is their union)
    if next_day is None and same_day is None:
        return previous
    same_paragraph_only = next_day is None
    after = sent
    for prev_sent in reversed(before):
        if same_paragraph_only and paragraph_break(text, prev_sent, after, texts):
            break
        told = [d.value for d in find_dates(text_of(prev_sent, texts), pub, -1) if d.value.date]
        if told:
            return told[-1]
        after = prev_sent
    return None


# A definite reference to a meeting told before: "the summit", "the meeting", "on the sidelines".
OCCASION = re.compile(r"\b(?:(?:the|that|this)\s+(?:\w+\s+){0,2}?(?:meeting|summit|talks|conference|forum|session|ceremony|gathering|visit)\b|"
                      r"on\s+the\s+sidelines)", re.I)


DATELINE = re.compile(r"[A-Z][A-Z .,'-]{2,40}\s+(?:--|—|–)\s+")


SENTENCE_END = frozenset('.!?:;"”’)»')


def soft_wrap(doc_text: str, nl: int) -> bool:
    """Whether the line break at `nl` only wraps a long line of running text (hard-wrapped
    e-mail or forum text): the line before is long and unfinished, the next goes on in lower case."""
    line_start = doc_text.rfind("\n", 0, nl) + 1
    before = doc_text[line_start:nl].rstrip()
    after = doc_text[nl + 1:nl + 40].lstrip(" \t")
    return len(before) >= 50 and before[-1:] not in SENTENCE_END and bool(after) and (after[0].islower() or after[0].isdigit())


def line_span(doc_text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of [start, end) on the line holding document offset `at`, trimmed: a sentence
    the parser ran across a line break (a byline, a caption, a menu) keeps only its own line,
    unless the break only wraps running text; and a dateline ("DUSHANBE -- ") is not part of it."""
    lo = doc_text.rfind("\n", start, at)
    while lo >= start and soft_wrap(doc_text, lo):
        lo = doc_text.rfind("\n", start, lo)
    lo = start if lo < 0 or lo < start else lo + 1
    hi = doc_text.find("\n", at, end)
    while hi >= 0 and soft_wrap(doc_text, hi):
        hi = doc_text.find("\n", hi + 1, end)
    hi = end if hi < 0 else hi
    m = DATELINE.match(doc_text, lo, hi)
    if m and m.end() <= at:
        lo = m.end()
    while hi > lo and doc_text[hi - 1].isspace():
        hi -= 1
    while lo < hi and doc_text[lo].isspace():
        lo += 1
    return lo, hi
