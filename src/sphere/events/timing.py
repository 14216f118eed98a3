"""When: which predicate each date phrase of a sentence belongs to, and the dates a predicate
inherits when it has none of its own.

A date phrase belongs to the first predicate met walking up the dependency tree from it (any
other verb stops the walk: its date is its own). A predicate left undated takes the date of the
clause or occasion it is told in ("agreed ... during his visit on April 27-28"), of the
statement that reports it, or of a date phrase that hangs under no predicate but governs it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from .calendar_math import add_days
from .dates import DateMention, DateValue, combine, redate
from .heads import children
from .predicates import Candidate
from .status import Status

ANAPHORIC_DATE = re.compile(r"\b(?:at\s+(?:the|that)\s+time|at\s+the\s+same\s+time|during\s+(?:this|that|the\s+same)\s+(?:period|time|visit|meeting|trip)|"
                            r"on\s+the\s+same\s+day|that\s+(?:day|week|month|year)|the\s+same\s+(?:day|week|month)|"
                            r"at\s+(?:the|that)\s+meeting|during\s+the\s+(?:visit|talks|meeting|trip))\b", re.I)

# "The next day", "a day later": the day after the date told before (in the sentence, or earlier)
NEXT_DAY = re.compile(r"\b(?:the\s+(?:next|following)\s+(?:day|morning|evening|night)|a\s+day\s+later|"
                      r"the\s+day\s+after|next\s+morning)\b", re.I)
# "Hours later", "that evening", "within hours": the same day as the date told before
SAME_DAY = re.compile(r"\b(?:(?:hours|minutes)\s+later|later\s+that\s+(?:day|evening|night)|that\s+(?:evening|night|morning|afternoon)|"
                      r"the\s+same\s+(?:evening|night|morning|afternoon)|within\s+(?:hours|minutes)|by\s+(?:the|that)\s+(?:evening|afternoon|night))\b", re.I)

RELATIVE_TOLD = re.compile(NEXT_DAY.pattern + "|" + SAME_DAY.pattern, re.I)
# Each NEXT_DAY and SAME_DAY phrase holds one of these words, in any case as re.I reads it:
# str.lower reads it so too but for 'ı' and 'İ' (which re.I takes for 'i'; no word has the 's'
# or 'k' it takes 'ſ' and 'K' for)
TOLD_WORDS = ("day", "morning", "evening", "night", "hour", "minute", "afternoon")


@lru_cache(maxsize=4096)  # asked for each predicate of a sentence, and of the sentence before
def relative_phrases(text: str) -> tuple[re.Match | None, re.Match | None]:
    """`NEXT_DAY.search(text)` and `SAME_DAY.search(text)` (their union is RELATIVE_TOLD)."""
    low = text.lower().replace("ı", "i").replace("i\u0307", "i")  # ('İ'.lower() is 'i' + a dot)
    if not any(w in low for w in TOLD_WORDS):
        return None, None
    return NEXT_DAY.search(text), SAME_DAY.search(text)


def told_relative(text: str, sentence_dates, previous: DateValue | None, at: int = 0) -> DateValue | None:
    """The date a sentence gives relative to one told before it: "the next day" is the day after
    the last day-precise date before those words (in the sentence, else `previous`); "hours
    later" is that same day. `at` is the predicate's offset in the sentence: a predicate before
    the date the phrase counts from is not dated by it."""
    for m, shift in zip(relative_phrases(text), (1, 0), strict=True):
        if m is None:
            continue
        before = [d for d in sentence_dates if d.end <= m.start() and d.value.date]
        if before and at < before[-1].end:
            return None
        base = before[-1].value if before else previous
        if base is None or not base.date:
            return None
        if base.precision != "day":
            return DateValue(base.date, base.precision) if shift == 0 else None
        return DateValue(add_days(base.date, shift), "day")
    return None


TEMPORAL_PREPS = frozenset({"during", "at", "on", "after", "following", "amid", "ahead", "before", "in"})

DURATION = re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen)[- ]day(?:s)?(?:[- ]long)?\b", re.I)

WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15}

def owners_map(sent, cands: list[Candidate], reporting: list, heads: list[int],
               pos: list[str] | None = None) -> dict[int, object]:
    """For every token, the predicate (or reporting verb) it belongs to: the first one met
    walking up the dependency tree (`heads`: the head position of every token of the doc;
    `pos`, when given, each token's `pos_`, so that only verbs are made Tokens)."""
    owner_of_token: dict[int, object] = {}
    for c in cands:
        owner_of_token.setdefault(c.head.i, c)
        owner_of_token[c.trigger.i] = c
    for r in reporting:
        owner_of_token.setdefault(r.i, ("reporter", r.i))
    # any other verb stops the walk: a date on "became" is that verb's, not the reporter's above;
    # but a clause describing an event nominal ("the manoeuvres, which opened on August 5") is its
    triggers = {c.trigger.i for c in cands}
    doc = sent.doc
    for t in (doc[i] for i in range(sent.start, sent.end) if pos[i] in ("VERB", "AUX")) if pos is not None else sent:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and t.i not in owner_of_token:
            if t.dep_ in ("relcl", "acl") and t.head.i in triggers:
                continue
            owner_of_token[t.i] = None
    result: dict[int, object] = {}
    for i in range(sent.start, sent.end):
        node, steps = i, 0
        while steps < 30:
            if node in owner_of_token:
                if owner_of_token[node] is not None:
                    result[i] = owner_of_token[node]
                break
            up = heads[node]
            if up == node:
                break
            node, steps = up, steps + 1
    return result

def attached_dates(sent, dates: list[DateMention], owners: dict[int, object]) -> dict[int, list[DateMention]]:
    by_owner: dict[int, list[DateMention]] = {}
    base = sent.start_char
    for d in dates:
        span = sent.doc.char_span(base + d.start, base + d.end, alignment_mode="expand")
        if span is None:
            continue
        owner = owners.get(span.root.i)
        if owner is None:
            # the root of a date phrase may be its own head ("Friday, July 30"): try each token
            owner = next((owners[t.i] for t in span if t.i in owners), None)
        if owner is not None:
            by_owner.setdefault(owner_key(owner), []).append(d)
    return by_owner

def owner_key(owner) -> object:
    """Candidates are keyed by identity; reporting verbs by token position (spaCy makes a new
    Token object on every access)."""
    return owner if isinstance(owner, tuple) else id(owner)

def orphan_dates(sent, dates: list[DateMention], owners: dict[int, object], cands: list[Candidate]) -> dict[int, list[DateMention]]:
    """Date expressions that hang under no predicate ("... became concerned after the assault
    on Kunduz, last month") go to the nearest predicate in the sentence."""
    out: dict[int, list[DateMention]] = {}
    base = sent.start_char
    for d in dates:
        span = sent.doc.char_span(base + d.start, base + d.end, alignment_mode="expand")
        if span is None or any(t.i in owners for t in span):
            continue
        # the verb the date hangs on ("became ... last month") must govern the predicate: a date
        # in a relative clause ("which walked out in 2012") is that clause's own
        verb = next((a for a in span.root.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("aux", "auxpass")), None)
        if span.root.pos_ in ("VERB", "AUX"):
            verb = span.root
        fits = [c for c in cands if verb is None or any(a.i == verb.i for a in c.head.ancestors) or c.head.i == verb.i]
        if not fits:
            continue
        nearest = min(fits, key=lambda c: min(abs(c.trigger.i - span.start), abs(c.trigger.i - span.end)))
        out.setdefault(id(nearest), []).append(d)
        for c in fits:  # "when he declared X and ordered Y": conjoined acts share the date
            if c is not nearest and c.head.dep_ == "conj" and c.head.head.i == nearest.head.i:
                out.setdefault(id(c), []).append(d)
    return out

def trailing_dates(sent, undated: list[Candidate], cands: list[Candidate], by_owner: dict) -> dict[int, list[DateMention]]:
    """A date closing a chain of conjoined acts of one subject is the date of them all ("declared a
    state of emergency and mobilised reservists on Monday"): an undated first conjunct takes the
    dates its last conjunct holds after itself, at the end of the clause."""
    out: dict[int, list[DateMention]] = {}
    base = sent.start_char
    for c in undated:
        for later in cands:
            if later is c or later.head.dep_ != "conj" or later.head.head.i != c.head.i or children(later.head, "nsubj", "nsubjpass"):
                continue  # "X declared A and Y did B on Monday": B's date is B's own
            clause_end = max(t.idx + len(t) for t in later.head.subtree if not t.is_punct)
            own = [d for d in by_owner.get(id(later), []) if base + d.start > later.head.idx and base + d.end >= clause_end]
            if own:
                out[id(c)] = own
    return out


def participle_dates(undated: list[Candidate], cands: list[Candidate], by_owner: dict) -> dict[int, list[DateMention]]:
    """A participle clause with no subject of its own happens when its main clause does ("police
    opened fire on Monday, killing one person and arresting 12"): an undated act in such a clause
    (or conjoined to one) takes the dates of the predicate it hangs on."""
    out: dict[int, list[DateMention]] = {}
    for c in undated:
        node, participle = c.head, False
        while node.dep_ in ("conj", "advcl") and not children(node, "nsubj", "nsubjpass") and node.head.i != node.i:
            participle = participle or (node.dep_ == "advcl" and node.tag_ == "VBG")
            node = node.head
            # the main predicate's dates, or those of its purpose clause ("opened fire to disperse ... on Monday")
            own = next((by_owner[id(g)] for g in cands if g is not c and by_owner.get(id(g)) and (
                g.head.i == node.i or (g.head.dep_ in ("xcomp", "advcl") and g.head.tag_ == "VB" and g.head.head.i == node.i))), None)
            if own and participle:
                out[id(c)] = own
                break
    return out


def reporter_dates(reporter, by_owner, pub, owners=None):
    """When a statement was made: dates on the reporting verb (or the verbs above it), else the
    date of the occasion it was made at ("During a conference in April, Shoigu announced")."""
    node = reporter
    for _ in range(3):
        rep = by_owner.get(("reporter", node.i), [])
        value = combine([v for v in (redate(d, pub, -1) for d in rep) if v is not None])
        if value is not None:
            return value
        if owners is not None:
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ in TEMPORAL_PREPS:
                    for pobj in children(child, "pobj"):
                        other = owners.get(pobj.i)
                        if other is not None and not isinstance(other, tuple):
                            got = combine([v for v in (redate(d, pub, -1) for d in by_owner.get(id(other), [])) if v is not None])
                            if got is not None and got.date:
                                return got
        if node.head.i == node.i:
            break
        node = node.head
    return None

def setting_date(c: Candidate, owners, by_owner, pub, st: Status) -> DateValue | None:
    """The date of a predicate in whose setting this one is told: a temporal phrase ("during his
    visit on April 27-28", "at the July meeting") or the clause it depends on."""
    for child in (*c.head.children, *c.trigger.children):
        if child.dep_ == "prep" and child.lower_ in TEMPORAL_PREPS:
            for pobj in children(child, "pobj"):
                other = owners.get(pobj.i)
                if other is not None and other is not c:
                    got = combine([v for v in (redate(d, pub, st.direction) for d in by_owner.get(owner_key(other), [])) if v is not None])
                    if got is not None and got.date:
                        return got
    node, coarse = c.head, False
    for _ in range(6):
        if node.head.i == node.i or node.dep_ not in ("relcl", "xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "pobj", "prep", "npadvmod"):
            break
        if node.dep_ == "prep" and node.lower_ in ("after", "before", "following", "ahead", "prior"):
            coarse = True  # "days after returning from a trip": near that date, not on it
        node = node.head
        other = owners.get(node.i)
        if other is not None and other is not c and not isinstance(other, tuple):
            got = combine([v for v in (redate(d, pub, st.direction) for d in by_owner.get(owner_key(other), [])) if v is not None])
            if got is not None and got.date:
                if coarse and got.precision == "day":
                    got = DateValue(got.date[:7], "month")
                return got
    return None

def date_for(c: Candidate, own: list[DateMention], pub: date | None, st: Status,
             all_dates: list[DateMention] = ()) -> DateValue | None:
    values = [v for v in (redate(d, pub, st.direction) for d in own) if v is not None]
    clause = c.head
    while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # "..., when he declared X and ordered Y": both at that date
    if not values and clause.dep_ == "relcl" and any(x.lower_ == "when" for x in clause.children):
        # "until 2005, when they pulled out": the clause happened at the date it hangs on
        at = clause.head.idx - clause.sent.start_char
        for d in all_dates:
            if d.start <= at < d.end and d.value.date or (d.value.enddate and d.start <= at < d.end):
                v = redate(d, pub, st.direction)
                if v is not None:
                    values.append(DateValue(v.date or v.enddate, v.precision or "year", None, "point"))
    if not values:
        # "When the leaders gathered in Yerevan on November 23 ..., Pashinyan refused": the date of
        # the clause that says when
        for clause in children(c.head, "advcl"):
            if not any(m.lower_ in ("when", "as", "while") for m in children(clause, "mark", "advmod")):
                continue
            lo = clause.left_edge.idx - clause.sent.start_char
            hi = clause.right_edge.idx + len(clause.right_edge.text) - clause.sent.start_char
            values += [v for d in all_dates if lo <= d.start and d.end <= hi for v in [redate(d, pub, st.direction)] if v is not None]
    value = combine(values)
    if value and value.date and value.precision == "day" and not value.enddate:
        n = duration_days(c.trigger)
        if n and n > 1:
            value = replace(value, enddate=add_days(value.date, n - 1))
    return value

def duration_days(trigger) -> int | None:
    """"10-day-long drills", "a three-day visit": the length in days the nominal states."""
    left = [t for t in trigger.subtree if t.i <= trigger.i]
    if not left:
        return None
    text = trigger.doc[left[0].i:trigger.i + 1].text
    m = DURATION.search(text)
    if m:
        n = m.group(1).lower()
        return int(n) if n.isdigit() else WORD_NUMBERS.get(n)
    return None
