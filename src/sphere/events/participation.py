"""Who: the actors and recipients of one predicate, from its clause (subject, agent, objects,
"with/to/against" complements), its nominal (possessor, demonym, "by/of/between"), and the
fallbacks English leaves (controller, speaker, antecedent); plus the checks that a predicate's
participants make it an event (officials travel, forces withdraw, commentators only comment).
"""

from __future__ import annotations

from ..types import Participant
from .heads import agent_heads, children, is_passive, prep_objects, subject_heads
from .lexicon import VERBAL_TYPES, Lexicon
from .participants import TokenMentions, is_site, unique
from .places import LOCATION_PREPS
from .predicates import Candidate, lemma
from .roles import (
    RECIPIENT_PREPS,
    antecedent,
    controller,
    domestic_actor,
    institution_of_topic,
    is_group_pronoun,
    left_neighbour_subject,
    nominal_participants,
    phrase_participants,
)

OFFICIAL_WORDS = frozenset({"delegation", "minister", "president", "leader", "official", "envoy",
                            "premier", "chancellor", "king", "secretary", "chief", "commander",
                            "ambassador", "diplomat", "head", "emir", "prime", "foreign", "speaker",
                            "senator", "lawmaker", "congressman", "congresswoman", "deputy", "governor",
                            "mayor", "general", "admiral", "spokesman", "spokeswoman", "representative"})
# verbs whose object nominal is a topic, not an act of the subject ("discussed the withdrawal")

REPORTING_GUARD = frozenset({"discuss", "condemn", "welcome", "report", "mention", "cite", "describe", "fear",
                             "document", "criticize", "criticise", "deny", "oppose", "support", "expect", "see",
                             "end", "stop", "halt", "finish", "conclude", "win", "lose", "survive", "avoid", "escape",
                             "insist", "argue", "believe", "think", "note", "stress", "say", "explain", "suggest", "blame"})
# Whose forecasts and readings are opinions (sources and reporters tell news; these interpret it).

COMMENTATORS = frozenset({"analyst", "expert", "observer", "commentator", "scholar", "researcher", "historian",
                          "critic", "pundit", "economist", "academic", "specialist", "columnist", "blogger"})

# Verbs of asking, whose conjoined refusal ("..., but X refused") rejects the one who asked.
REQUEST_VERBS = frozenset({"ask", "request", "urge", "demand", "appeal", "call", "invite", "beg", "press", "plead", "petition"})

TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})

NOMINAL_CONTROL_PREPS = frozenset({"after", "during", "from", "before", "following", "on", "since", "for", "at", "of", "in"})
# "at the time", "during this period": the date of the event told just before

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
        if lemma(head) == "be" and trig.dep_ in ("attr", "acomp"):
            heads = []  # "It was the highest-profile visit by the Taliban": the nominal says who
        if passive and not heads and entry.passive_actor:
            heads = children(head, "nsubjpass")  # "the guerrillas have been demobilized"
        for h in heads:
            if is_group_pronoun(h) and speaker:
                actors.extend(speaker)
            elif is_group_pronoun(h):
                actors.extend(antecedent(h, tm))
            else:
                actors.extend(phrase_participants(h, tm) or institution_of_topic(h, tm) or domestic_actor(h, tm))
        if head.i == trig.i or not c.nominal:
            objs = children(head, "dobj", "dative")
            if passive:
                objs += children(head, "nsubjpass")
            if head.dep_ in ("relcl", "acl") and not objs and head.head.pos_ in ("NOUN", "PROPN"):
                objs.append(head.head)
            for o in objs:
                if c.obj is not None and (o.i == c.obj.i or c.obj in o.subtree) and not entry.object_is_recipient:
                    continue  # "signed an agreement": the object is the deal, not a party
                if entry.object_is_recipient or c.obj is None:
                    recipients.extend(phrase_participants(o, tm))
                    # "refusing admittance to Ghanaians"
                    targets = {"to", "with", "against"} | ({"on"} if entry.event in ("THREATEN", "ASSAULT", "ACCUSE", "SANCTION", "COERCE") else set())
                    recipients.extend(p for x in prep_objects(o, targets) for p in phrase_participants(x, tm))
            if c.obj is not None and entry.prep and entry.object_is_recipient and c.obj.dep_ == "pobj":
                recipients.extend(phrase_participants(c.obj, tm))  # "pulled out of the CSTO", "fired at the convoy"
            if c.obj is not None:
                # "signed an agreement with China", "delivered aid to Tajikistan"
                preps = RECIPIENT_PREPS - {"from", "at", "on"} | ({"of", "on"} if entry.event in ("SANCTION", "COERCE", "CONCEDE", "THREATEN") else set()) | (
                    {"from"} if entry.inverse else set())
                recipients.extend(p for o in prep_objects(c.obj, preps) for p in phrase_participants(o, tm))
                # "approved the signing of an agreement with the leadership of Tajikistan"
                for inner in prep_objects(c.obj, {"of"}):
                    recipients.extend(p for o in prep_objects(inner, {"with", "between", "to"}) for p in phrase_participants(o, tm))
                if not entry.object_is_recipient and entry.event in ("MOBILIZE",):
                    pass
        # "received helicopters from Russia": with an inverse entry, 'from' names the giver
        preps = RECIPIENT_PREPS - ({"for"} if entry.event not in ("AID", "REQUEST", "SUPPORT") else set()) - (
            {"from"} if entry.event not in ("REQUEST", "COOPERATE") and not entry.inverse else set())
        if entry.event == "CONSULT":
            preps = preps - TOPIC_PREPS  # "talks on a troop pullback": the topic, not a party
            if "visit" in entry.mode and not c.nominal and not entry.inverse:
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
            if c.obj is not None and c.obj.i != trig.i:
                # "ordered a halt to flights to Georgia": whose flights the nominal stops
                recipients.extend(p for o in prep_objects(c.obj, RECIPIENT_PREPS - {"from", "at", "on"}) for p in phrase_participants(o, tm))
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
    if not actors and (entry.event in ("ASSAULT", "PROTEST") or "investigate" in entry.mode) and not speaker:
        # "three servicemen were killed by a roadside bomb outside the Iraqi city of Basra", "a
        # minefield explosion near Samarra killed two youths": an attack by no one named is coded
        # to the state where it happened (PLOVER GSR practice)
        nodes = [head, trig, *agent_heads(head), *subject_heads(head), *children(head, "dobj", "nsubjpass"),
                 *prep_objects(head, {"on", "against", "at"})]
        for node in nodes:
            for o in where(node):
                actors.extend(phrase_participants(o, tm, allow_places=True))
            if actors:
                break
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
            if entry.event in ("REQUEST", "ACCUSE", "REJECT", "SUPPORT") and comp.dep_ in ("ccomp", "acl"):
                # "demanded that Israel ease ...", "said that Armenia remained an ally": the addressee
                objs += children(comp, "nsubj", "nsubjpass")
                if lemma(comp) in ("be", "remain", "become", "stay"):
                    objs += [o for a in children(comp, "attr", "oprd") for o in prep_objects(a, {"of", "to", "for"})]
            for o in objs:
                if not is_group_pronoun(o):
                    recipients.extend(phrase_participants(o, tm))
    if entry.event == "REJECT" and not recipients and head.dep_ == "conj" and lemma(head.head) in REQUEST_VERBS:
        # "Kyrgyzstan asked Moscow to send troops, but Moscow refused": the refusal answers the requester
        recipients.extend(p for s_ in subject_heads(head.head) for p in phrase_participants(s_, tm))
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

def where(node) -> list:
    """Objects of the locative prepositions under `node`, "outside of X" included."""
    out = prep_objects(node, {"in", "near", "outside", "at", "inside"})
    for p in node.children:
        if p.lower_ in ("outside", "near", "inside") and p.dep_ in ("prep", "advmod"):
            out += prep_objects(p, {"of"})
    return out


def commentator(reporter) -> bool:
    """Whether a reporting verb's subject (or agent) is someone who comments, not acts."""
    heads = subject_heads(reporter) + agent_heads(reporter)
    return any(h.lemma_.lower() in COMMENTATORS for h in heads)

# Verbs of belief and expectation: what they govern is an opinion of their subject, not news.
OPINION_VERBS = frozenset({"think", "believe", "expect", "predict", "suspect", "doubt", "guess", "reckon", "suppose",
                           "assume", "imagine", "speculate", "forecast", "anticipate", "bet", "wonder", "fear"})


def opinion_held(head) -> bool:
    """Whether the clause of `head` is what a commentator or the writer believes or forecasts
    ("analysts expect Russia to deploy ...", "I think Moscow will send troops"): ANNOTATION, the
    opinions and forecasts of commentators are no events."""
    node = head
    for _ in range(4):
        if node.dep_ not in ("ccomp", "xcomp", "dobj", "conj") or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in OPINION_VERBS:
            holders = subject_heads(node) + agent_heads(node)
            return any(h.lemma_.lower() in COMMENTATORS or h.lower_ == "i" for h in holders)
    return False


def located(head, tm: TokenMentions) -> bool:
    """Whether the clause says where it happened ("exploded bombs in the capital Kabul")."""
    for p in children(head, "prep"):
        if p.lower_ in LOCATION_PREPS:
            if any(tm.of(t) is not None and is_site(tm.of(t)) for t in p.subtree):
                return True
    return False

def is_official(actors: tuple[Participant, ...], head) -> bool:
    if any(p.identifier_text or p.sector in ("GOV", "MIL", "LEG") for p in actors):
        return True
    return any(lemma(t) in OFFICIAL_WORDS for s in subject_heads(head) for t in s.subtree)

def has_forces(c: Candidate, lex: Lexicon) -> bool:
    """Whether armed forces are what moves: in the clause, or the main subject 'they' stands for."""
    forces = lex.classes.get("forces", frozenset())
    tokens = list(c.head.subtree)
    if any(is_group_pronoun(t) for t in subject_heads(c.head)):
        tokens += [t for s in subject_heads(c.head.sent.root) for t in s.subtree]
    return any(lemma(t) in forces for t in tokens)
