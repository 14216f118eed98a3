"""What: the PLOVER type, mode and status of a predicate once its roles are known, after the
manual's rules (joint drills are COOPERATE, future cooperation is AGREE, a future retreat is
CONCEDE, a negated cooperative act is REJECT, a hypothetical or future use of force is
THREATEN); and which predicates are no events of their own (the content of a speech act, the
topic of talks, a purpose folded into its verb).
"""

from __future__ import annotations

from dataclasses import replace

from ..types import Event
from .lexicon import FUTURE_TO_AGREE, Lexicon
from .participants import codes
from .participation import TOPIC_PREPS
from .predicates import Candidate, lemma
from .status import Status, clause_status

COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})

CONFLICT_MATERIAL = frozenset({"SANCTION", "COERCE", "ASSAULT"})

JOINT_WORDS = frozenset({"joint", "combined", "multinational", "bilateral", "trilateral", "multilateral", "mutual", "allied"})

HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "likely", "hypothetical", "eventual", "probable", "prospective", "alleged", "rumoured", "rumored"})

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
            return "REJECT", (), "occurred", actors or speaker, recipients
        if etype == "MOBILIZE" and st.reported and speaker and st.direction > 0:
            # "Lavrov said no Turkish peacekeepers will be sent": a deployment refused (PLOVER REJECT)
            return "REJECT", (), "occurred", speaker, tuple(p for p in actors + recipients if p.code not in codes(speaker))
        return etype, mode, "negated", actors, recipients
    if st.questioned:
        return etype, mode, "hypothetical", actors, recipients  # "whether X will ...": no promise, no threat
    if st.prevented and not (st.attempted and etype in CONFLICT_MATERIAL):
        return etype, mode, "hypothetical", actors, recipients
    if st.attempted and etype in CONFLICT_MATERIAL:
        return etype, mode, "occurred", actors, recipients  # "tried to hack", "attempted to kill"
    if status == "hypothetical" and not st.reported and not entry.future_event:
        # "Russia could send troops", "X may become a victim of attacks" in the writer's own voice:
        # a speculation, neither a promise (AGREE) nor a threat (THREATEN) of anyone's
        return etype, mode, "hypothetical", actors, recipients
    if status in ("future", "hypothetical"):
        if entry.future_event:
            return entry.future_event, (), "occurred", actors, recipients
        if etype in FUTURE_TO_AGREE:
            return "AGREE", (), "occurred", actors, recipients
        if etype == "RETREAT" and status == "future":
            return "CONCEDE", (), "occurred", actors, recipients  # announced, not conditional ("could return if ...")
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
    if c.entry.event == "REQUEST" and not c.nominal and any(
        lemma(s) in CROWD_DEMANDERS for s in t.children if s.dep_ == "nsubj"
    ):
        return True  # "the protesters are demanding the minister's resignation": what the protest is about
    return False


# Who demands as a protest: their demands are the protest's topic (PLOVER PROTEST), not a REQUEST.
CROWD_DEMANDERS = frozenset({"protester", "protestor", "demonstrator", "crowd", "rioter", "marcher", "striker"})

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
    # "The suicide bombing ..., claimed by X, killed 170 people": the verb whose subject is the
    # attack nominal tells the same attack; the nominal keeps the actor, the verb adds victims
    for i, (v, ve) in enumerate(pairs):
        if v.nominal or i in folded:
            continue
        for j, (n, ne) in enumerate(pairs):
            if j == i or j in folded or not n.nominal or ne.event_type != ve.event_type:
                continue
            if n.trigger.head.i == v.head.i and n.trigger.dep_ in ("nsubj", "nsubjpass"):
                known = codes(ne.actors) | codes(ne.recipients)
                extra = tuple(p for p in ve.recipients if p.code not in known)
                pairs[j] = (n, replace(ne, recipients=ne.recipients + extra, date=ne.date or ve.date,
                                       date_precision=ne.date_precision if ne.date else ve.date_precision,
                                       location=ne.location or ve.location))
                folded.add(i)
                break
    # "Police used tear gas to disperse the crowd", "opened fire to disperse ...": the dispersal is the
    # purpose of the assault, one act (PLOVER ASSAULT, e.g. crowd-control, not a second COERCE)
    for i, (v, ve) in enumerate(pairs):
        if ve.event_type != "COERCE" or i in folded or v.head.dep_ not in ("xcomp", "advcl"):
            continue
        for j, (a, ae) in enumerate(pairs):
            if j != i and j not in folded and ae.event_type == "ASSAULT" and a.head.i == v.head.head.i and "restrict" in ve.mode:
                known = codes(ae.actors) | codes(ae.recipients)
                pairs[j] = (a, replace(ae, recipients=ae.recipients + tuple(p for p in ve.recipients if p.code not in known),
                                       location=ae.location or ve.location, date=ae.date or ve.date,
                                       date_precision=ae.date_precision if ae.date else ve.date_precision))
                folded.add(i)
                break
    for i, (_c, e) in enumerate(pairs):
        if i not in folded:
            out.append(e)
    return out
