"""Status of an event from modality, negation and tense: occurred, ongoing, future,
hypothetical, negated (PLOVER's auxiliary modes), and the tense direction used to place bare
dates ("in November": the last one for a past verb, the next one for a future one).

Cues: future "will", "shall", "is set to", "plans to", "is due to", "is going to", "intention
of"; hypothetical "would", "could", "might", "may", "if", "unless", "whether" (but "would" in reported
speech is the future of the past: "said it would withdraw"); negated "not", "never"; ongoing a
present progressive or "continue to". `historical` is decided later, from the resolved date.
"""

from __future__ import annotations

from dataclasses import dataclass

from .predicates import is_negated, lemma

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "'d"})
OBLIGATION_AUX = frozenset({"must", "should"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
CLIMB_DEPS = frozenset({"xcomp", "pcomp", "pobj", "prep", "acl"})


@dataclass(frozen=True)
class Status:
    status: str  # occurred | ongoing | future | hypothetical | negated
    direction: int  # -1 past, +1 future, 0 unknown
    negated: bool = False
    obligation: bool = False  # "must", "should": a demand when reported
    reported: bool = False  # under a reporting verb
    prevented: bool = False  # governed by "prevent", "stop", ...: it did not and may not happen
    attempted: bool = False  # governed by "try", "attempt": an attack tried is an attack
    questioned: bool = False  # "whether X will ...", "if X attacks": asked about or a condition, neither promised nor done


def aux_lemmas(t) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}


def tense_direction(t) -> int:
    aux = aux_lemmas(t)
    if aux & FUTURE_AUX:
        return 1
    if t.tag_ == "VBD" or aux & {"did", "had", "has", "have", "was", "were"}:
        return -1
    if t.tag_ == "VBN" and t.dep_ in ("acl", "relcl", "amod"):
        return -1
    return 0


def clause_status(head, trigger, lex, reported: bool) -> Status:
    """The status of the predicate whose clause head is `head`; `reported` when it sits in the
    complement of a reporting verb."""
    negated = is_negated(head) or (trigger.i != head.i and is_negated(trigger))
    aux = aux_lemmas(head)
    obligation = bool(aux & OBLIGATION_AUX) or any(
        c.lemma_.lower() in ("have", "need") and any(g.lower_ == "to" for g in c.children) for c in head.children if c.dep_ == "aux"
    )
    direction = tense_direction(head)
    future = bool(aux & FUTURE_AUX)
    hypothetical = bool(aux & HYPOTHETICAL_AUX)
    if "would" in aux and reported:
        future, hypothetical = True, False
    # "if they attack Tajikistan": the condition of a promise or threat, not one itself; and
    # "whether Russia can deliver ... is another question", "unclear whether it will send troops"
    questioned = any(c.dep_ == "mark" and c.lower_ == "whether" for c in head.children) or (
        head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in head.children))
    hypothetical = hypothetical or questioned
    # "to prevent militants from infiltrating ...": the act is kept from happening
    node, prevented, attempted = head, False, False
    for _ in range(3):
        if node.head.i == node.i or node.dep_ not in ("xcomp", "pcomp", "prep", "advcl", "ccomp", "conj"):
            break  # through clauses only: "countering the threat of ..." does not prevent it
        node = node.head
        if lemma(node) in lex.preventive:
            hypothetical = prevented = True
            attempted = lemma(node) in ("try", "attempt", "seek", "strive")
            break
    # "going to", "set to", "plans to", "intention of increasing", "exercises are planned"
    if (head.i != trigger.i or trigger.pos_ in ("VERB", "AUX") and trigger.tag_ == "VBN" and aux & {"is", "are", "was", "were", "be", "been"}) and lemma(head) in lex.future_markers:
        future = True
    node = head
    for _ in range(4):
        if node.dep_ not in CLIMB_DEPS:
            break
        node = node.head
        if lemma(node) in lex.future_markers or node.lower_ in lex.future_markers:  # "is going to": lemma 'go'
            future = True
            break
    if trigger.i != head.i or trigger.pos_ in ("NOUN", "PROPN"):
        if any(c.lemma_.lower() in lex.future_markers for c in trigger.children if c.dep_ in ("amod", "compound")):
            future = True  # "the planned drills", "upcoming talks"
    if head.tag_ == "VBG" and head.dep_ == "pcomp" and head.head.lower_ == "for" and head.head.head.pos_ == "NOUN":
        future = True  # "many areas for expanding cooperation", "plans for deepening ties": a prospect
    if future:
        direction = 1
    ongoing = (head.tag_ == "VBG" and bool(aux & {"is", "are", "am", "'s", "'re", "be", "was", "were", "been"})) or any(
        lemma(node) == "continue" for node in [head.head] if head.dep_ == "xcomp"
    )
    if negated:
        status = "negated"
    elif hypothetical and not future:
        status = "hypothetical"
    elif future:
        status = "future"
    elif ongoing:
        status = "ongoing"
    else:
        status = "occurred"
    return Status(status, direction, negated, obligation, reported, prevented, attempted, questioned)
