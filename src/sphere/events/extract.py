"""From a parsed document to PLOVER events: sentence by sentence over each unit's parse.

    ParsedDocument --find_candidates--> typed predicates (lexicon over the parse)
                   --roles-----------> actors, recipients (dependency roles + mentions)
                   --status, dates---> status, date/enddate/precision (unit publication date)
                   --places----------> event_loc (place mentions + knowledge base)
                   --merge_events----> one record per real event, every evidence sentence

Pure: no database, no network, so it can run in worker processes. The knowledge base is
optional (places then keep their names without coordinates).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from ..ids import make_id
from ..nlp.parsed import ParsedDocument, ParsedUnit
from ..types import Event, Evidence, Location, Participant
from .context import contexts_of
from .dates import DateMention, DateValue, add_days, combine, estimate_anchor, find_dates, redate
from .lexicon import FUTURE_TO_AGREE, VERBAL_TYPES, Lexicon, load_lexicon
from .merge import merge_events
from .participants import TokenMentions, codes, is_site, unique
from .predicates import Candidate, find_candidates, lemma
from .roles import (
    RECIPIENT_PREPS,
    agent_heads,
    antecedent,
    children,
    controller,
    is_group_pronoun,
    is_passive,
    left_neighbour_subject,
    nominal_participants,
    phrase_participants,
    prep_objects,
    speaker_of,
    subject_heads,
)
from .status import Status, clause_status

COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
CONFLICT_MATERIAL = frozenset({"SANCTION", "COERCE", "ASSAULT"})
JOINT_WORDS = frozenset({"joint", "combined", "multinational", "bilateral", "trilateral", "multilateral", "mutual", "allied"})
OFFICIAL_WORDS = frozenset({"delegation", "minister", "president", "leader", "official", "envoy",
                            "premier", "chancellor", "king", "secretary", "chief", "commander",
                            "ambassador", "diplomat", "head", "emir", "prime", "foreign"})
# verbs whose object nominal is a topic, not an act of the subject ("discussed the withdrawal")
REPORTING_GUARD = frozenset({"discuss", "condemn", "welcome", "report", "mention", "cite", "describe", "fear",
                             "document", "criticize", "criticise", "deny", "oppose", "support", "expect", "see",
                             "end", "stop", "halt", "finish", "conclude", "win", "lose", "survive", "avoid", "escape"})
# Whose forecasts and readings are opinions (sources and reporters tell news; these interpret it).
COMMENTATORS = frozenset({"analyst", "expert", "observer", "commentator", "scholar", "researcher", "historian",
                          "critic", "pundit", "economist", "academic", "specialist", "columnist", "blogger"})
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
NOMINAL_CONTROL_PREPS = frozenset({"after", "during", "from", "before", "following", "on", "since", "for", "at", "of"})
# "at the time", "during this period": the date of the event told just before
ANAPHORIC_DATE = re.compile(r"\b(?:at\s+(?:the|that)\s+time|at\s+the\s+same\s+time|during\s+(?:this|that|the\s+same)\s+(?:period|time|visit|meeting|trip)|"
                            r"on\s+the\s+same\s+day|that\s+(?:day|week|month|year)|the\s+same\s+(?:day|week|month)|"
                            r"at\s+(?:the|that)\s+meeting|during\s+the\s+(?:visit|talks|meeting|trip))\b", re.I)
TEMPORAL_PREPS = frozenset({"during", "at", "on", "after", "following", "amid", "ahead", "before", "in"})
HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "likely", "hypothetical", "eventual", "probable", "prospective", "alleged", "rumoured", "rumored"})
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "to", "into", "across", "along", "around", "on"})
DURATION = re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen)[- ]day(?:s)?(?:[- ]long)?\b", re.I)
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15}
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
    heads = [t.head.i for t in pu.doc]
    keys = lex.trigger_keys
    # only sentences with a word the lexicon knows can hold an event
    wanted = {t.sent.start for t in pu.doc if t.lemma_.lower() in keys or t.lower_ in keys}
    out: list[Event] = []
    previous: DateValue | None = None  # the last date told in this unit, for "at the time"
    anchor = None
    if pu.unit.published is None and parsed.document.published is None:
        # an undated unit: relative dates resolve against the day its text implies, if any
        anchor = estimate_anchor(pu.doc.text)
    meeting: Event | None = None  # the last dated meeting told in this unit
    pending: list[tuple[int, int]] = []  # (index, sentences since) of events still without a date of the text's
    for sent in pu.doc.sents:
        if sent.start not in wanted:
            continue
        found, told, said = sentence_events(parsed, pu, sent, lex, tm, kb, options, previous, anchor, heads)
        # "Mr Putin told a summit ... [next sentence] Mr Putin said on Friday ...": a statement or
        # meeting left undated is dated by its speaker's dated words in the very next sentence
        for k, _age in pending:
            e = out[k]
            for who, when in said:
                if codes(e.actors) & who and when.date:
                    out[k] = replace(e, date=when.date, date_precision=when.precision, confidence=0.55)
                    break
        pending = [(k, age + 1) for k, age in pending if age < 2 and (out[k].date is None or out[k].confidence < 0.55)]
        for e in found:
            if meeting is not None and e.confidence < 0.6 and e.event_type in VERBAL_TYPES and codes(e.actors) & (
                codes(meeting.actors) | codes(meeting.recipients)
            ):
                # a statement told after a meeting its speaker took part in, with no date of its
                # own, was made there ("..., Bagheri declared" after the talks in Tehran)
                e = replace(e, date=meeting.date, date_precision=meeting.date_precision, confidence=0.55)
            out.append(e)
            if (e.date is None or e.confidence < 0.6) and e.event_type in VERBAL_TYPES | {"CONSULT"}:
                pending.append((len(out) - 1, 0))
            if e.event_type == "CONSULT" and e.date and e.confidence >= 0.6 and e.date_precision in ("day", "month"):
                meeting = e
        if told is not None:
            previous = told
    return out


def content_of(c: Candidate) -> set[int]:
    """Token positions a speech act reports: its subtree minus its subject and side clauses."""
    skip = {"nsubj", "nsubjpass", "csubj", "agent", "advcl", "relcl", "parataxis", "conj", "cc", "punct"}
    out: set[int] = set()
    for root in {c.trigger, c.head}:
        for child in root.children:
            if child.dep_ in skip:
                continue
            out.update(t.i for t in child.subtree)
    return out


def suppress_content(cands: list[Candidate]) -> tuple[list[Candidate], dict[int, list[Candidate]]]:
    """Drop predicates that are the content of a speech act in the same sentence ("threatened to
    cut off electricity" is one THREATEN, "agreed to hold drills" one AGREE); returns the kept
    predicates and, per speech act, the content it swallowed."""
    spans = [(c, content_of(c)) for c in cands if c.entry.speech]
    kept = []
    contents: dict[int, list[Candidate]] = {}
    for c in cands:
        owners = [other for other, span in spans if other is not c and c.trigger.i in span and other.trigger.i not in content_of(c)]
        if owners:
            for other in owners:
                contents.setdefault(id(other), []).append(c)
            continue
        kept.append(c)
    return kept, contents


def owners_map(sent, cands: list[Candidate], reporting: list, heads: list[int]) -> dict[int, object]:
    """For every token, the predicate (or reporting verb) it belongs to: the first one met
    walking up the dependency tree (`heads`: the head position of every token of the doc)."""
    owner_of_token: dict[int, object] = {}
    for c in cands:
        owner_of_token.setdefault(c.head.i, c)
        owner_of_token[c.trigger.i] = c
    for r in reporting:
        owner_of_token.setdefault(r.i, ("reporter", r.i))
    # any other verb stops the walk: a date on "became" is that verb's, not the reporter's above;
    # but a clause describing an event nominal ("the manoeuvres, which opened on August 5") is its
    triggers = {c.trigger.i for c in cands}
    for t in sent:
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


def participants_of(c: Candidate, tm: TokenMentions, speaker: tuple[Participant, ...]):
    """(actors, recipients) of a candidate from its clause, its nominal and the fallbacks."""
    entry, head, trig = c.entry, c.head, c.trigger
    actors: list[Participant] = []
    recipients: list[Participant] = []
    verbal_head = head.pos_ in ("VERB", "AUX", "ADJ") or head.i != trig.i
    if verbal_head:
        passive = is_passive(head)
        heads = agent_heads(head) if passive else subject_heads(head)
        heads = [h for h in heads if h.i != trig.i]  # "the drills will involve ...": the event is no actor
        if passive and not heads and entry.passive_actor:
            heads = children(head, "nsubjpass")  # "the guerrillas have been demobilized"
        for h in heads:
            if is_group_pronoun(h) and speaker:
                actors.extend(speaker)
            elif is_group_pronoun(h):
                actors.extend(antecedent(h, tm))
            else:
                actors.extend(phrase_participants(h, tm))
        if head.i == trig.i or not c.nominal:
            objs = children(head, "dobj", "dative")
            if passive:
                objs += children(head, "nsubjpass")
            if head.dep_ in ("relcl", "acl") and not objs and head.head.pos_ in ("NOUN", "PROPN"):
                objs.append(head.head)
            for o in objs:
                if c.obj is not None and (o.i == c.obj.i or c.obj in o.subtree) and not entry.object_mentions:
                    continue  # "signed an agreement": the object is the deal, not a party
                if entry.object_is_recipient or c.obj is None:
                    recipients.extend(phrase_participants(o, tm))
                    # "refusing admittance to Ghanaians"
                    targets = {"to", "with", "against"} | ({"on"} if entry.event in ("THREATEN", "ASSAULT", "ACCUSE", "SANCTION", "COERCE") else set())
                    recipients.extend(p for x in prep_objects(o, targets) for p in phrase_participants(x, tm))
            if c.obj is not None:
                # "signed an agreement with China", "delivered aid to Tajikistan"
                preps = RECIPIENT_PREPS - {"from", "at", "on"} | ({"of", "on"} if entry.event in ("SANCTION", "COERCE", "CONCEDE", "THREATEN") else set())
                recipients.extend(p for o in prep_objects(c.obj, preps) for p in phrase_participants(o, tm))
                # "approved the signing of an agreement with the leadership of Tajikistan"
                for inner in prep_objects(c.obj, {"of"}):
                    recipients.extend(p for o in prep_objects(inner, {"with", "between", "to"}) for p in phrase_participants(o, tm))
                if not entry.object_is_recipient and entry.event in ("MOBILIZE",):
                    pass
        preps = RECIPIENT_PREPS - ({"for"} if entry.event not in ("AID", "REQUEST", "SUPPORT") else set()) - ({"from"} if entry.event not in ("REQUEST", "COOPERATE") else set())
        if entry.event == "CONSULT":
            preps = preps - TOPIC_PREPS  # "talks on a troop pullback": the topic, not a party
            if "visit" in entry.mode and not c.nominal:
                preps = preps | {"in"}  # "arrived in Amman": the host
        for o in prep_objects(head, preps):
            if c.obj is not None and o.i == c.obj.i:
                continue
            if o.head.lower_ == "with" and o.lemma_.lower() in ("help", "support", "backing", "assistance", "participation", "aid", "cooperation"):
                continue  # helpers, taken as actors above
            recipients.extend(phrase_participants(o, tm))
        for p in children(head, "prep"):
            if p.lower_ == "with":
                for pobj in children(p, "pobj"):
                    if pobj.lemma_.lower() in ("help", "support", "backing", "assistance", "participation", "aid", "cooperation"):
                        # "retaken by Afghan forces, with the help of American air strikes": helpers act too
                        actors.extend(q for of in prep_objects(pobj, {"of"}) for q in phrase_participants(of, tm))
        if c.nominal:
            a2, r2 = nominal_participants(trig, tm, entry.patient_of)
            actors.extend(a2)
            recipients.extend(r2)
    else:
        a2, r2 = nominal_participants(trig, tm, entry.patient_of)
        actors.extend(a2)
        recipients.extend(r2)
        if entry.event == "CONSULT" and trig.dep_ in ("pobj", "dobj") and (actors or trig.head.lower_ in NOMINAL_CONTROL_PREPS or trig.dep_ == "dobj"):
            # "Putin told a summit of ...", "leaders pose ahead of the summit": they attend it
            actors.extend(controller(trig, tm))
    if verbal_head and not actors and head.pos_ in ("VERB", "AUX") and not subject_heads(head) and not is_passive(head):
        actors.extend(left_neighbour_subject(head, tm))
    if not actors and entry.event in ("COERCE", "SANCTION") and is_passive(head):
        # "banned in Russia", "arrested in Tajikistan": the state where it was done did it
        for o in prep_objects(head, {"in"}):
            actors.extend(phrase_participants(o, tm, allow_places=True))
    if entry.speech and not recipients and verbal_head:
        # "promised to deliver equipment to Tajikistan": the content's addressee
        comps = children(head, "xcomp", "ccomp") + children(trig, "acl", "ccomp")
        for comp in comps:
            # a content object is an addressee only when it names one ("to deliver aid to Tajikistan",
            # "to meet Putin"), not when it is a thing ("setting up a Nato-style task force")
            objs = [o for o in children(comp, "dobj", "dative") if tm.of(o) is not None] + prep_objects(comp, RECIPIENT_PREPS - {"from", "at", "on"})
            for thing in children(comp, "dobj"):
                if tm.of(thing) is None:  # "to resume attacks in Israel", "a centre in Tokyo"
                    objs += prep_objects(thing, {"in", "against", "on", "into"})
            for d in children(comp, "dobj"):
                objs += prep_objects(d, {"with", "to", "against", "for", "of"} if entry.event == "THREATEN" else {"with", "to", "against", "for"})
            if entry.event in ("REQUEST", "ACCUSE", "REJECT") and comp.dep_ in ("ccomp", "acl"):
                objs += children(comp, "nsubj", "nsubjpass")  # "demanded that Israel ease ...": the addressee
            for o in objs:
                if not is_group_pronoun(o):
                    recipients.extend(phrase_participants(o, tm))
    if entry.inverse:
        actors, recipients = recipients, actors
    governed_object = (trig.dep_ == "dobj" or (trig.dep_ == "conj" and trig.head.dep_ == "dobj")) and lemma(
        trig.head if trig.dep_ == "dobj" else trig.head.head) not in REPORTING_GUARD
    if not actors and governed_object and not verbal_head:
        # "Russia is maximizing the training of ...": the subject of the verb that governs it
        governor = trig.head if trig.dep_ == "dobj" else trig.head.head
        for s_ in subject_heads(governor):
            actors.extend(phrase_participants(s_, tm))
    elif not actors and (verbal_head or (entry.event in ("CONSULT", "PROTEST") and trig.dep_ == "pobj" and trig.head.lower_ in NOMINAL_CONTROL_PREPS)):
        # "agreed to hold ...", "after returning from a trip to ...": the controlling subject
        actors.extend(controller(head, tm))
    if c.nominal and entry.joint_event:
        # joint drills "in Tajikistan": the host state takes part
        for o in prep_objects(trig, {"in", "for"}) + (prep_objects(head, {"in", "for"}) if head.i != trig.i else []):
            recipients.extend(phrase_participants(o, tm))
    if not actors and speaker and (entry.event in VERBAL_TYPES or c.entry.speech or entry.only_negated):
        actors.extend(speaker)
    actors_u = unique(actors)
    seen = {(p.code, p.identifier_text, p.entity_text) for p in actors_u}
    recipients_u = unique(p for p in recipients if (p.code, p.identifier_text, p.entity_text) not in seen)
    return actors_u, recipients_u


def commentator(reporter) -> bool:
    """Whether a reporting verb's subject (or agent) is someone who comments, not acts."""
    heads = subject_heads(reporter) + agent_heads(reporter)
    return any(h.lemma_.lower() in COMMENTATORS for h in heads)


def located(head, tm: TokenMentions) -> bool:
    """Whether the clause says where it happened ("exploded bombs in the capital Kabul")."""
    for p in children(head, "prep"):
        if p.lower_ in LOCATION_PREPS:
            if any(tm.of(t) is not None and is_site(tm.of(t)) for t in p.subtree):
                return True
    return False


def is_official(actors: tuple[Participant, ...], head) -> bool:
    if any(p.identifier_text or p.sector in ("GOV", "MIL") for p in actors):
        return True
    return any(lemma(t) in OFFICIAL_WORDS for s in subject_heads(head) for t in s.subtree)


def has_forces(c: Candidate, lex: Lexicon) -> bool:
    """Whether armed forces are what moves: in the clause, or the main subject 'they' stands for."""
    forces = lex.classes.get("forces", frozenset())
    tokens = list(c.head.subtree)
    if any(is_group_pronoun(t) for t in subject_heads(c.head)):
        tokens += [t for s in subject_heads(c.head.sent.root) for t in s.subtree]
    return any(lemma(t) in forces for t in tokens)


def type_event(c: Candidate, st: Status, actors, recipients, speaker) -> tuple[str, tuple[str, ...], str, tuple, tuple] | None:
    """Event type, mode and status after PLOVER's rules for joint, future, hypothetical and
    negated predicates; None when the predicate is not an event."""
    entry = c.entry
    etype, mode, status = entry.event, entry.mode, st.status
    parties = codes(actors) | codes(recipients)
    joined = c.head.i != c.trigger.i and lemma(c.head) in ("join", "participate", "take", "partake")
    if entry.joint_event and (joined or len(parties) >= 2 or any(lemma(t) in JOINT_WORDS for t in c.trigger.subtree if t.i < c.trigger.i)):
        etype, mode = entry.joint_event, entry.joint_mode if entry.joint_mode is not None else ()
    if st.obligation and st.reported and speaker and not entry.speech:
        # "X said that Y must ...": X demands it of Y (PLOVER REQUEST)
        return "REQUEST", (), "occurred", speaker, actors
    if st.negated:
        if entry.only_negated:
            return etype, mode, "occurred", actors, recipients
        if etype in COOPERATIVE and (st.direction >= 0 or st.reported):
            return "REJECT", (), "occurred", actors, recipients
        return etype, mode, "negated", actors, recipients
    if st.prevented:
        return etype, mode, "hypothetical", actors, recipients
    if status in ("future", "hypothetical"):
        if entry.future_event:
            return entry.future_event, (), "occurred", actors, recipients
        if etype in FUTURE_TO_AGREE:
            return "AGREE", (), "occurred", actors, recipients
        if etype == "RETREAT":
            return "CONCEDE", (), "occurred", actors, recipients
        if etype in CONFLICT_MATERIAL:
            if st.reported and not speaker:
                return etype, mode, "hypothetical", actors, recipients  # a forecast by no one who acts
            return "THREATEN", (), "occurred", actors, recipients
    return etype, mode, status, actors, recipients


def refine_modes(etype: str, mode: tuple[str, ...], lemmas: set[str], lex: Lexicon) -> tuple[str, ...]:
    rules = lex.modes.get(etype)
    if not rules:
        return mode
    for rule in rules:
        if lemmas & rule.words:
            if etype == "CONSULT" and rule.mode == "multilateral" and "visit" in mode:
                continue
            return (rule.mode,) if etype != "ASSAULT" or not mode else tuple(dict.fromkeys((*mode, rule.mode)))
    return mode


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


def date_for(c: Candidate, own: list[DateMention], pub: date | None, st: Status,
             all_dates: list[DateMention] = ()) -> DateValue | None:
    values = [v for v in (redate(d, pub, st.direction) for d in own) if v is not None]
    if not values and c.head.dep_ == "relcl" and any(x.lower_ == "when" for x in c.head.children):
        # "until 2005, when they pulled out": the clause happened at the date it hangs on
        at = c.head.head.idx - c.head.sent.start_char
        for d in all_dates:
            if d.start <= at < d.end and d.value.date or (d.value.enddate and d.start <= at < d.end):
                v = redate(d, pub, st.direction)
                if v is not None:
                    values.append(DateValue(v.date or v.enddate, v.precision or "year", None, "point"))
    value = combine(values)
    if value and value.date and value.precision == "day" and not value.enddate:
        n = duration_days(c.trigger)
        if n and n > 1:
            value = replace(value, enddate=add_days(value.date, n - 1))
    return value


def location_for(c: Candidate, sent, owners, tm: TokenMentions, kb) -> Location | None:
    best = None
    for t in sent:
        m = tm.of(t)
        if m is None or not is_site(m) or owners.get(t.i) is not c:
            continue
        # the phrase must hang under a locative preposition ("in Dushanbe", "visit to Tehran")
        node, ok = t, False
        for _ in range(4):
            if node.dep_ == "prep" or (node.dep_ == "pobj" and node.head.lower_ in LOCATION_PREPS):
                ok = node.lower_ in LOCATION_PREPS or node.head.lower_ in LOCATION_PREPS
                break
            if node.head.i == node.i:
                break
            node = node.head
        if not ok and "visit" in c.entry.mode and t.dep_ == "dobj" and t.head.i in (c.head.i, c.trigger.i):
            ok = True  # "visited Tashkent"
        if not ok:
            continue
        best = m
        break
    if best is None:
        return None
    loc = None
    if kb is not None and hasattr(kb, "locate"):
        try:
            loc = kb.locate(best)
        except Exception:
            loc = None
    if loc is None:
        country = tm.state_of(best.code) if tm.state_of and best.code else None
        name = best.code[len("PLACE:"):] if best.code and best.code.startswith("PLACE:") else best.text
        loc = Location(name=name, country=country if country and not country.startswith("PLACE:") else None)
    return loc


DATELINE = re.compile(r"[A-Z][A-Z .,'-]{2,40}\s+(?:--|—|–)\s+")


def line_span(doc_text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of [start, end) on the line holding document offset `at`, trimmed: a sentence
    the parser ran across a line break (a byline, a caption, a menu) keeps only its own line,
    and a dateline ("DUSHANBE -- ") is not part of the sentence."""
    lo = doc_text.rfind("\n", start, at)
    lo = start if lo < 0 else lo + 1
    hi = doc_text.find("\n", at, end)
    hi = end if hi < 0 else hi
    m = DATELINE.match(doc_text, lo, hi)
    if m and m.end() <= at:
        lo = m.end()
    while hi > lo and doc_text[hi - 1].isspace():
        hi -= 1
    while lo < hi and doc_text[lo].isspace():
        lo += 1
    return lo, hi


def governing_status(c: Candidate, lex: Lexicon, reported: bool) -> Status | None:
    """A bare nominal ("attacks", "a possible redeployment") takes the modality of the verb it
    depends on ("may become a victim of attacks") and of modifiers like "possible"."""
    if any(lemma(t) in HYPOTHETICAL_MODIFIERS for t in c.trigger.children):
        return Status("hypothetical", 0, reported=reported)
    if c.trigger.dep_ in ("nsubj", "nsubjpass") and lemma(c.trigger.head) in lex.preventive:
        return Status("hypothetical", 0, reported=reported, prevented=True)  # "talks have stalled"
    node = c.trigger.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            st = clause_status(node, node, lex, reported)
            return st if st.status in ("hypothetical", "negated", "future") else None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


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


def sentence_events(parsed: ParsedDocument, pu: ParsedUnit, sent, lex: Lexicon, tm: TokenMentions, kb,
                    options: Options, previous: DateValue | None = None, anchor: date | None = None,
                    heads: list[int] | None = None) -> tuple[list[Event], DateValue | None, list]:
    if sent.text.rstrip().rstrip("\"'”’»)").endswith("?"):
        return [], None, []  # a question asks; it does not report an event
    cands = find_candidates(sent, lex, tm)
    if not cands:
        return [], None, []
    cands, contents = suppress_content(cands)
    reporting = [t for t in sent if t.pos_ in ("VERB", "AUX") and lemma(t) in lex.reporting_verbs]
    owners = owners_map(sent, cands, reporting, heads if heads is not None else [t.head.i for t in sent.doc])
    pub = pu.unit.published or parsed.document.published or anchor
    dates = find_dates(sent.text, pub, 0)
    by_owner = attached_dates(sent, dates, owners)
    doc_text = parsed.document.text
    s_start, s_end = pu.offset + sent.start_char, pu.offset + sent.end_char

    def run(c: Candidate, orphans: dict) -> Event | None:
        lo, hi = line_span(doc_text, s_start, s_end, pu.offset + c.trigger.idx)
        if hi <= lo:
            return None
        tm.window = (lo, hi)
        try:
            return candidate_event(parsed, pu, sent, c, lex, tm, kb, options, owners, by_owner, orphans, pub, (lo, hi), previous,
                                   contents.get(id(c), ()), anchor is not None and pub == anchor, dates)
        finally:
            tm.window = None

    cands = [c for c in cands if not is_topic(c, cands)]
    produced = [(c, e) for c in cands if (e := run(c, {})) is not None]
    told = next((d.value for d in reversed(dates) if d.value.date), None)  # for "at the time" later on
    # dates that hang under no predicate go to the nearest event still undated
    undated = [c for c, e in produced if e.date is None or e.confidence < 0.6]  # no date of the text's own
    orphans = orphan_dates(sent, dates, owners, undated) if undated and dates else {}
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


def is_topic(c: Candidate, others: list[Candidate]) -> bool:
    """A nominal that is what talks or demands are about ("negotiations on a troop pullback"),
    or the demand a protest makes ("began a hunger strike to demand ..."), is no event of its own."""
    t = c.trigger
    if c.nominal and c.head.i == t.i and t.dep_ == "pobj" and t.head.lower_ in TOPIC_PREPS:
        holder = t.head.head
        if any((o.trigger.i == holder.i or o.head.i == holder.i) and (o.nominal or o.entry.speech)
               for o in others if o.entry.event in ("CONSULT", "REQUEST", "REJECT", "ACCUSE", "AGREE")):
            return True
    if c.entry.event == "REQUEST" and not c.nominal and t.dep_ in ("xcomp", "advcl"):
        return any(o.entry.event == "PROTEST" and t.head.i in (o.head.i, o.trigger.i) for o in others)
    return False


def fold_adjuncts(pairs: list[tuple[Candidate, Event]]) -> list[Event]:
    """A nominal of the same type inside a verb's clause is the same event ("welcomed a delegation
    for a two-day visit", "flew to Tehran for talks with ..."): the verb's event keeps the roles,
    taking recipients only the nominal names."""
    out: list[Event] = []
    folded: set[int] = set()
    for i, (c, e) in enumerate(pairs):
        if not c.nominal or c.head.i != c.trigger.i or c.trigger.dep_ != "pobj" or c.trigger.head.lower_ not in ("for", "on"):
            continue
        purpose_of = c.trigger.head.head.i  # "... for talks", "... on a visit": the verb it serves
        for j, (v, ve) in enumerate(pairs):
            if j == i or j in folded or v.nominal or ve.event_type != e.event_type or v.head.i != purpose_of:
                continue
            known = codes(ve.actors) | codes(ve.recipients)
            extra = tuple(p for p in e.recipients if p.code not in known)
            pairs[j] = (v, replace(ve, recipients=ve.recipients + extra, date=ve.date or e.date,
                                   date_precision=ve.date_precision if ve.date else e.date_precision,
                                   enddate=ve.enddate or e.enddate, location=ve.location or e.location))
            folded.add(i)
            break
    for i, (_c, e) in enumerate(pairs):
        if i not in folded:
            out.append(e)
    return out


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


def candidate_event(parsed, pu, sent, c: Candidate, lex: Lexicon, tm: TokenMentions, kb, options: Options,
                    owners, by_owner, orphans, pub, span: tuple[int, int], previous: DateValue | None = None,
                    content: tuple | list = (), estimated: bool = False, sentence_dates: list = ()) -> Event | None:
    lo, hi = span
    if any(lemma(t) in lex.habitual for t in (*c.head.children, *c.trigger.children) if t.dep_ in ("advmod", "npadvmod", "neg")):
        return None  # "China traditionally conducts exercises": a practice, not an event
    if c.entry.event in ("SUPPORT", "AID") and not c.nominal and c.trigger.tag_ == "VBN" and c.trigger.dep_ in ("acl", "amod"):
        return None  # "forces backed by airstrikes", "the Soviet-backed government": a description
    evidence = Evidence(parsed.document.doc_id, pu.unit.unit_id, parsed.document.text[lo:hi], lo, hi)
    speaker, reporter = speaker_of(c.head, tm, lex.reporting_verbs)
    st = clause_status(c.head, c.trigger, lex, reported=reporter is not None)
    if c.nominal and c.head.i == c.trigger.i:
        st = governing_status(c, lex, reporter is not None) or st
    actors, recipients = participants_of(c, tm, speaker)
    if c.entry.requires_official and not is_official(actors, c.head):
        return None
    if reporter is not None and not speaker and st.status in ("future", "hypothetical") and commentator(reporter):
        return None  # "seen by analysts as a sign of Moscow's intent to deploy troops": an opinion
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
        tm.of(o) is not None or o.pos_ == "NUM" or lemma(o) in lex.classes.get("people", frozenset())
        for o in children(c.head, "dobj")
    ) and not located(c.head, tm):
        return None  # "struck a tougher tone": a transitive attack needs a target or a place
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
    promised = etype == "AGREE" and c.entry.event != "AGREE" and not c.entry.speech
    if promised:
        value = None  # a promise of a future act is dated when it was made (ANNOTATION)
    if (value is None or value.date is None) and not promised:
        # "agreed ... during his visit on April 27-28": the date of the event it is set in
        value = setting_date(c, owners, by_owner, pub, st) or value
    if (value is None or value.date is None) and previous is not None and ANAPHORIC_DATE.search(sent.text):
        value = previous
    if (value is None or value.date is None) and reporter is not None and (etype in VERBAL_TYPES or status == "future"):
        value = reporter_dates(reporter, by_owner, pub, owners) or value
    confidence = 0.6
    if (value is None or value.date is None) and pub is not None:
        if etype in VERBAL_TYPES and not (value and value.enddate):
            value, confidence = DateValue(pub.isoformat(), "day"), 0.5
        elif status == "ongoing":
            value, confidence = DateValue(pub.isoformat()[:7], "month", value.enddate if value else None), 0.5
    if value is not None and value.date and pub is not None and status == "occurred" and int(value.date[:4]) < pub.year - 1:
        status = "historical"
    words = {lemma(t) for t in sent} | {t.lower_ for t in sent}
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
