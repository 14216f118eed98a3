"""From a parsed document to PLOVER events: sentence by sentence over each unit's parse.

    ParsedDocument --predicates.find_candidates--> typed predicates (lexicon over the parse)
                   --participation---------------> actors, recipients (roles + mentions)
                   --coding, status--------------> PLOVER type, mode, status
                   --timing, dates---------------> date/enddate/precision (unit publication date)
                   --places----------------------> event_loc (place mentions + knowledge base)
                   --merge.merge_events----------> one record per real event, every evidence

Pure: no database, no network, so it can run in worker processes. The knowledge base is
optional (places then keep their names without coordinates).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from ..ids import make_id
from ..kb.filecache import collector_paused
from ..nlp.context import doc_text
from ..nlp.parsed import ParsedDocument, ParsedUnit
from ..types import Event, Evidence
from .anchor import estimate_anchor
from .coding import (
    CONFLICT_MATERIAL,
    fold_adjuncts,
    governing_status,
    is_topic,
    refine_modes,
    suppress_content,
    type_event,
)
from .context import contexts_of
from .dates import DateValue, combine, find_dates, redate
from .heads import agent_heads, children, is_passive, prep_objects, subject_heads
from .lexicon import VERBAL_TYPES, Lexicon, load_lexicon
from .merge import merge_events
from .neighbours import OCCASION, line_span, paragraph_day, sentence_texts, told_before
from .participants import TokenMentions, codes, unique
from .participation import (
    commentator,
    has_forces,
    is_official,
    located,
    opinion_held,
    participants_of,
)
from .places import location_for
from .predicates import Candidate, find_candidates, lemma
from .roles import phrase_participants, speaker_of
from .status import clause_status
from .timing import (
    ANAPHORIC_DATE,
    attached_dates,
    date_for,
    orphan_dates,
    owners_map,
    participle_dates,
    reporter_dates,
    setting_date,
    told_relative,
    trailing_dates,
)
from .tokens import unit_words
from .tokenview import UnitView

STAGE = "events-1"


@dataclass
class Options:
    keep_negated: bool = False  # negated events ("fighting has not resumed") are not events
    keep_hypothetical: bool = False


def _kb():
    """The knowledge base when the entities stage provides one (None otherwise)."""
    try:
        from ..kb import load_kb  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        return load_kb()
    except Exception:  # a broken KB must not stop event extraction
        return None


def extract_events(parsed: ParsedDocument, options: Options | None = None, kb=None) -> list[Event]:
    """Events of one parsed document, merged so that one real event is one record."""
    options = options or Options()
    kb = kb if kb is not None else _kb()
    lex = load_lexicon()
    drafts: list[Event] = []
    for pu in parsed.units:
        if pu.doc is None:
            continue
        drafts.extend(unit_events(parsed, pu, lex, kb, options))
    return merge_events(drafts)


def pipe_events(items: Iterable[ParsedDocument], batch_size: int = 16) -> Iterator[list[Event]]:
    """`extract_events` over a stream (the stage's `pipe` shape; batch_size kept for symmetry)."""
    for parsed in items:
        yield extract_events(parsed)


def unit_events(parsed: ParsedDocument, pu: ParsedUnit, lex: Lexicon, kb, options: Options) -> list[Event]:
    state_of = getattr(kb, "state_of", None) if kb is not None else None
    tm = TokenMentions.build(pu.doc, pu.offset, pu.mentions, state_of)
    heads = (pu.doc.to_array("HEAD").astype("int64") + np.arange(len(pu.doc))).tolist()  # t.head.i of each
    # spaCy finds the sentence bounds again on every `doc.sents`; the rules read the parse
    # through plain stand-ins for its tokens (`tokenview`)
    # the collector paused: the unit's token views would outlive young collections and be
    # promoted, and count towards full collections of everything the worker holds
    with collector_paused():
        view = UnitView(pu.doc, heads, list(pu.doc.sents))
        tm.words = view.unit_words(lex.trigger_keys)
        try:
            return _unit_events(parsed, pu, lex, kb, options, tm, heads, view.sents)
        finally:
            view.release()


def _unit_events(parsed: ParsedDocument, pu: ParsedUnit, lex: Lexicon, kb, options: Options, tm: TokenMentions,
                 heads: list[int], sents: list) -> list[Event]:
    wanted = unit_words(tm, pu.doc, lex.trigger_keys).trigger_sentences(sents)
    out: list[Event] = []
    previous: DateValue | None = None  # the last date told in this unit, for "at the time"
    anchor = None
    unit_text = doc_text(pu.doc)  # (spaCy builds `doc.text` anew from its tokens on every access)
    if pu.unit.published is None and parsed.document.published is None:
        # an undated unit: relative dates resolve against the day its text implies, if any
        anchor = estimate_anchor(unit_text)
    pub = pu.unit.published or parsed.document.published or anchor  # what relative dates count from
    meeting: Event | None = None  # the last dated meeting told in this unit
    pending: list[tuple[int, int]] = []  # (index, sentences since) of events still without a date of the text's
    recent: list = []  # the last three sentences, for "the next day"
    texts = sentence_texts(sents, unit_text)
    for sent in sents:
        if sent.start not in wanted:
            tm.topic = main_subject(sent, tm) or tm.topic
            recent = [*recent[-2:], sent]
            continue
        last_date = told_before(sent, recent, previous, pub, unit_text, texts)
        recent = [*recent[-2:], sent]
        found, told, said = sentence_events(parsed, pu, sent, lex, tm, kb, options, previous, anchor, heads, last_date, texts[sent.start])
        tm.topic = main_subject(sent, tm) or tm.topic
        # "Mr Putin told a summit ... [next sentence] Mr Putin said on Friday ...": a statement or
        # meeting left undated is dated by its speaker's dated words in the very next sentence
        for k, _age in pending:
            e = out[k]
            for who, when in said:
                if codes(e.actors) & who and when.date:
                    out[k] = replace(e, date=when.date, date_precision=when.precision, confidence=0.55)
                    break
        pending = [(k, age + 1) for k, age in pending if age < 2 and (out[k].date is None or out[k].confidence < 0.55)]
        occasion = paragraph_day(sent, recent[:-1], pub, unit_text, texts) if any(
            (e.confidence == 0.5 and e.event_type in VERBAL_TYPES) or (e.date is None and e.status == "occurred") for e in found) else None
        for e in found:
            if occasion is not None and e.confidence == 0.5 and e.event_type in VERBAL_TYPES - {"AGREE"} and e.date != occasion.date:
                # a statement the text does not date, told right after a dated one in the same
                # paragraph, was made on that occasion ("Putin, who spoke before him, had called ...")
                e = replace(e, date=occasion.date, date_precision=occasion.precision, confidence=0.55)
            elif occasion is not None and e.date is None and e.status == "occurred" and not find_dates(texts[sent.start], pub, -1):
                # an act told undated right after a dated sentence of its paragraph happened then
                # ("Protesters gathered on Thursday. Outside, thousands rallied ...")
                e = replace(e, date=occasion.date, date_precision=occasion.precision, confidence=0.55)
            if meeting is not None and (e.date is None or e.confidence == 0.5) and OCCASION.search(e.evidence[0].text):
                # "On the sidelines of the meeting he held talks ...", "at the summit, X said ...": the
                # occasion the text already dated
                e = replace(e, date=meeting.date, date_precision=meeting.date_precision, confidence=0.55)
            elif meeting is not None and e.confidence < 0.6 and e.event_type in VERBAL_TYPES and codes(e.actors) & (
                codes(meeting.actors) | codes(meeting.recipients)
            ):
                # a statement told after a meeting its speaker took part in, with no date of its
                # own, was made there ("..., Bagheri declared" after the talks in Tehran)
                e = replace(e, date=meeting.date, date_precision=meeting.date_precision, confidence=0.55)
            out.append(e)
            if (e.date is None or e.confidence < 0.55) and e.event_type in VERBAL_TYPES | {"CONSULT"}:
                pending.append((len(out) - 1, 0))
            if e.event_type == "CONSULT" and e.date and e.confidence >= 0.6 and e.date_precision in ("day", "month"):
                meeting = e
            if e.event_type == "CONSULT" and "multilateral" in e.mode:
                tm.meeting = unique(e.actors + e.recipients)
        if told is not None:
            previous = told
    return out


def sentence_events(parsed: ParsedDocument, pu: ParsedUnit, sent, lex: Lexicon, tm: TokenMentions, kb,
                    options: Options, previous: DateValue | None = None, anchor: date | None = None,
                    heads: list[int] | None = None, last_date: DateValue | None = None,
                    sent_text: str | None = None) -> tuple[list[Event], DateValue | None, list]:
    sent_text = sent.text if sent_text is None else sent_text
    if sent_text.rstrip().rstrip("\"'”’»)").endswith("?"):
        return [], None, []  # a question asks; it does not report an event
    cands = find_candidates(sent, lex, tm)
    if not cands:
        return [], None, []
    cands, contents = suppress_content(cands)
    uw = unit_words(tm, sent.doc, lex.trigger_keys)
    reporting = [sent.doc[i] for i in range(sent.start, sent.end)
                 if uw.pos[i] in ("VERB", "AUX") and uw.lemma[i] in lex.reporting_verbs]
    owners = owners_map(sent, cands, reporting, heads if heads is not None else [t.head.i for t in sent.doc], uw.pos)
    pub = pu.unit.published or parsed.document.published or anchor
    dates = find_dates(sent_text, pub, 0)
    by_owner = attached_dates(sent, dates, owners)
    doc_text = parsed.document.text
    s_start, s_end = pu.offset + sent.start_char, pu.offset + sent.end_char
    words: set[str] = set()  # the sentence's lemmas and forms, read once for all its candidates

    def run(c: Candidate, orphans: dict) -> Event | None:
        lo, hi = line_span(doc_text, s_start, s_end, pu.offset + c.trigger.idx)
        if hi <= lo:
            return None
        tm.window = (lo, hi)
        try:
            return candidate_event(parsed, pu, sent, c, lex, tm, kb, options, owners, by_owner, orphans, pub, (lo, hi), previous,
                                   contents.get(id(c), ()), anchor is not None and pub == anchor, dates, last_date,
                                   sent_text, words)
        finally:
            tm.window = None

    cands = [c for c in cands if not is_topic(c, cands)]
    produced = [(c, e) for c in cands if (e := run(c, {})) is not None]
    told = next((d.value for d in reversed(dates) if d.value.date), None)  # for "at the time" later on
    # dates that hang under no predicate go to the nearest event still undated
    undated = [c for c, e in produced if e.date is None or e.confidence < 0.6]  # no date of the text's own
    orphans = orphan_dates(sent, dates, owners, undated) if undated and dates else {}
    if undated and dates:
        orphans = {**participle_dates(undated, cands, by_owner), **trailing_dates(sent, undated, cands, by_owner), **orphans}
    pairs = []
    for c, e in produced:
        if id(c) in orphans:
            e = run(c, orphans) or e
        pairs.append((c, e))
    said = []  # (speaker codes, date) of each dated reporting verb: "Mr Putin said on Friday"
    for r in reporting:
        rep = by_owner.get(("reporter", r.i), [])
        when = combine([v for v in (redate(d, pub, -1) for d in rep) if v is not None])
        if when is not None and when.date:
            who = codes(p for h in subject_heads(r) + agent_heads(r) for p in phrase_participants(h, tm))
            if who:
                said.append((who, when))
    return fold_adjuncts(pairs), told, said


def main_subject(sent, tm: TokenMentions) -> tuple:
    """The states or groups a sentence's main clause is about ("Russia has shown once more ...")."""
    for s in subject_heads(sent.root):
        found = phrase_participants(s, tm)
        if found:
            return found
    return ()


def candidate_event(parsed, pu, sent, c: Candidate, lex: Lexicon, tm: TokenMentions, kb, options: Options,
                    owners, by_owner, orphans, pub, span: tuple[int, int], previous: DateValue | None = None,
                    content: tuple | list = (), estimated: bool = False, sentence_dates: list = (),
                    last_date: DateValue | None = None, sent_text: str | None = None,
                    words: set[str] | None = None) -> Event | None:
    """The event candidate `c` of `sent` makes, if any; `words`, when given, is filled with
    the sentence's lemmas and forms the first time they are needed (and then reused)."""
    lo, hi = span
    sent_text = sent.text if sent_text is None else sent_text
    if any(lemma(t) in lex.habitual for t in (*c.head.children, *c.trigger.children) if t.dep_ in ("advmod", "npadvmod", "neg")):
        return None  # "China traditionally conducts exercises": a practice, not an event
    if c.entry.event in ("SUPPORT", "AID") and not c.nominal and c.trigger.tag_ == "VBN" and c.trigger.dep_ in ("acl", "amod"):
        return None  # "forces backed by airstrikes", "the Soviet-backed government": a description
    if c.entry.passive_only and {a.lower_ for a in c.head.children if a.dep_ == "auxpass"} <= {"is", "are", "'s", "'re"} and not any(
        a.dep_ == "aux" for a in c.head.children
    ):
        return None  # "the base, which is stationed in Dushanbe": a state of affairs, not a move
    evidence = Evidence(parsed.document.doc_id, pu.unit.unit_id, parsed.document.text[lo:hi], lo, hi)
    speaker, reporter = speaker_of(c.head, tm, lex.reporting_verbs)
    st = clause_status(c.head, c.trigger, lex, reported=reporter is not None)
    if c.nominal and c.head.i == c.trigger.i:
        st = governing_status(c, lex, reporter is not None) or st
    actors, recipients = participants_of(c, tm, speaker)
    if not actors and c.entry.event == "AID" and is_passive(c.head) and not agent_heads(c.head) and tm.topic:
        # "Russia stands by its friends. ... equipment was handed over to Tajik border troops":
        # a passive delivery with no agent is by the one the text was just talking about
        actors = tuple(p for p in tm.topic if p.code not in codes(recipients)) or actors
    if c.entry.requires_official and not is_official(actors, c.head):
        return None
    if reporter is not None and not speaker and st.status in ("future", "hypothetical") and commentator(reporter):
        return None  # "seen by analysts as a sign of Moscow's intent to deploy troops": an opinion
    if opinion_held(c.head):
        return None  # "analysts expect Russia to deploy more troops": a forecast, not news
    if c.entry.forces_required and not has_forces(c, lex):
        return None
    typed = type_event(c, st, actors, recipients, speaker)
    if typed is None:
        return None
    etype, mode, status, actors, recipients = typed
    if etype == "AGREE" and c.entry.speech and any(
        x.entry.event in CONFLICT_MATERIAL and x.head.dep_ in ("xcomp", "ccomp") and x.head.head.i in (c.trigger.i, c.head.i)
        for x in content
    ):
        etype, mode = "THREATEN", ()  # "is prepared to impose martial law", "vowed to strike"
    if not actors:
        return None
    recipients = tuple(p for p in recipients if not (p.code in codes(actors) and p.sector is None and p.identifier_text is None))
    n_parties = len(codes(actors) | codes(recipients))
    if c.entry.requires_recipient and not recipients:
        return None
    if etype == "ASSAULT" and not c.nominal and not recipients and children(c.head, "dobj") and not any(
        tm.of(o) is not None or o.pos_ == "NUM" or lemma(o) in lex.classes.get("people", frozenset()) | lex.classes.get("crowd", frozenset())
        for o in children(c.head, "dobj") + prep_objects(c.head, {"against", "at", "into", "on"})
        + [x for comp in children(c.head, "xcomp") for x in children(comp, "dobj")]  # "used tear gas to disperse the crowd"
    ) and not located(c.head, tm) and not any(located(o, tm) for o in children(c.head, "dobj")):
        # "struck a tougher tone": a transitive attack needs a target ("used tear gas against
        # protesters") or a place ("blew up power lines near Termez")
        return None
    if c.entry.requires_participants and n_parties < c.entry.requires_participants and not (
        c.entry.requires_participants == 2 and len(actors) >= 2
    ):
        return None
    if status == "negated" and not options.keep_negated:
        return None
    if status == "hypothetical" and not options.keep_hypothetical:
        return None
    own = by_owner.get(id(c), []) or orphans.get(id(c), [])
    # against an estimated anchor (an undated unit) a bare day goes to the nearest year
    value = date_for(c, own, pub, replace(st, direction=0) if estimated else st, sentence_dates)
    # a promise of a future act, or a withdrawal announced, is dated when it was made (ANNOTATION)
    promised = (etype == "AGREE" and c.entry.event != "AGREE" or etype == "CONCEDE" and c.entry.event == "RETREAT") and not c.entry.speech
    if promised:
        value = None
    if (value is None or value.date is None) and not promised:
        # "arrived on September 17 and condemned the next day", "Hours later the ministry said"
        value = told_relative(sent_text, sentence_dates, last_date, c.trigger.idx - sent.start_char) or value
    if (value is None or value.date is None) and not promised:
        # "agreed ... during his visit on April 27-28": the date of the event it is set in
        value = setting_date(c, owners, by_owner, pub, st) or value
    if (value is None or value.date is None) and previous is not None and ANAPHORIC_DATE.search(sent_text):
        value = previous
    if (value is None or value.date is None) and reporter is not None and (etype in VERBAL_TYPES or status == "future"):
        value = reporter_dates(reporter, by_owner, pub, owners) or value
    elif (value is None or value.date is None) and reporter is not None and status == "occurred":
        # "Last month the Taliban said they had sent fighters": an act reported as done, dated by
        # no more than the month or year of its report, happened then
        told = reporter_dates(reporter, by_owner, pub, owners)
        if told is not None and told.date and told.precision in ("month", "year"):
            value = told
    confidence = 0.6
    if (value is None or value.date is None) and pub is not None:
        if etype in VERBAL_TYPES and not (value and value.enddate):
            value, confidence = DateValue(pub.isoformat(), "day"), 0.5
        elif status == "ongoing":
            value, confidence = DateValue(pub.isoformat()[:7], "month", value.enddate if value else None), 0.5
    if value is not None and value.date and pub is not None and status == "occurred" and int(value.date[:4]) < pub.year - 1:
        status = "historical"
    if words is None:
        words = set()
    if not words:
        words |= unit_words(tm, sent.doc, lex.trigger_keys).sentence_words(sent)
    mode = refine_modes(etype, tuple(mode), words, lex)
    context = contexts_of(words, etype, c.entry.context)
    loc = location_for(c, sent, owners, tm, kb)
    eid = make_id("event", etype, ",".join(sorted(codes(actors))), ",".join(sorted(codes(recipients))),
                  value.date if value else None, evidence.doc_id, evidence.start, c.trigger.i)
    return Event(
        event_id=eid, event_type=etype, actors=actors, recipients=recipients, mode=mode,
        context=context, date=value.date if value else None,
        enddate=value.enddate if value else None,
        date_precision=value.precision if value and value.date else None, status=status,
        location=loc, evidence=(evidence,), sources=(), confidence=confidence,
    )
