"""Finding the predicates of a sentence that the lexicon types as PLOVER events.

A predicate is a verb ("signed", "visited"), an event nominal ("drills", "talks", "withdrawal")
or an adjective of willingness ("ready to"). A nominal under a light verb ("held talks",
"began drills", "paid a visit", "talks took place") takes its roles, tense and date from that
verb. Each lexicon entry may ask for a particle ("pull out"), a preposition ("call for"), an
object head from a word class ("sign + agreement"), negation ("does not provide for bases") or a
passive; the first entry whose conditions hold types the predicate.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..nlp.context import is_time_word
from .heads import children, is_passive
from .lexicon import POS, Lexicon, PredicateEntry
from .participants import TokenMentions, is_site
from .tokens import unit_words

NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Particles that turn a light verb against its nominal: "called off the talks", "turned down the offer".
UNDOING_PARTICLES = frozenset({"off", "down"})
OBLIGATION = frozenset({"must", "should"})
# "X said that Y must ...": a reported obligation is X's demand of Y (PLOVER REQUEST).
REPORTED_DEMAND = PredicateEntry(
    lemmas=frozenset(), pos="verb", event="REQUEST", speech=True,
    source="PLOVER REQUEST: requests, demands and orders, here reported as 'X said Y must ...'",
)


# "X said that Y remained a close ally" / "... that the move was unfortunate": a reported judgement
# of another party is X's praise (SUPPORT) or criticism (ACCUSE) of it (PLOVER SUPPORT, ACCUSE).
REPORTED_PRAISE = PredicateEntry(
    lemmas=frozenset(), pos="verb", event="SUPPORT", speech=True,
    source="PLOVER SUPPORT: commend an actor, here a reported judgement ('X said Y remained a close ally')",
)
REPORTED_BLAME = PredicateEntry(
    lemmas=frozenset(), pos="verb", event="ACCUSE", mode=("disapprove",), speech=True,
    source="PLOVER ACCUSE disapprove: criticism, here a reported judgement ('X wrote that Y is our enemy')",
)
COPULAS = frozenset({"be", "remain", "become", "stay", "constitute", "represent"})
# What a judgement can be about besides a named party: an act ("the move was unfortunate").
ACT_NOUNS = frozenset({"move", "decision", "step", "deployment", "action", "act", "statement", "attack", "policy",
                       "remark", "arrangement", "operation", "plan", "behaviour", "behavior", "conduct", "law", "vote",
                       "strike", "invasion", "annexation", "sanction", "sanctions", "presence", "support", "role"})


def evaluative_clause(verb, lex: Lexicon, tm: TokenMentions):
    """The entry and the complement clause of a reporting verb that judges a party or its act
    ("said that Armenia remained 'a close ally'", "wrote that 'Russia is our enemy'"), if any."""
    praise, blame = lex.classes.get("praise", frozenset()), lex.classes.get("blame", frozenset())
    for c in verb.children:
        if c.dep_ != "ccomp" or lemma(c) not in COPULAS or is_negated(c):
            continue
        subjects = children(c, "nsubj")
        if not any(tm.of(x) is not None or lemma(x) in ACT_NOUNS for s in subjects for x in s.subtree):
            continue  # "the situation is dangerous": no party judged
        for a in c.children:
            if a.dep_ not in ("attr", "acomp", "oprd", "xcomp"):
                continue
            words = {lemma(a)} | {lemma(x) for x in a.children if x.dep_ in ("amod", "conj", "compound", "advmod")}
            if words & blame:
                return REPORTED_BLAME, c
            if words & praise:
                return REPORTED_PRAISE, c
    return None


def obliged_clause(verb):
    """The complement clause of a reporting verb that states an obligation, if any."""
    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        if any(s.lower_ in ("we", "i") for s in c.children if s.dep_ in ("nsubj", "nsubjpass")):
            continue  # "'We must take care of them,' he said": a duty one takes on, asked of no one
        aux = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
        if aux & OBLIGATION or (c.lemma_.lower() in ("have", "need") and any(
            x.dep_ == "xcomp" and any(a.lower_ == "to" for a in x.children) for x in c.children
        )):
            return c
    return None


@dataclass(frozen=True)
class Candidate:
    """A typed predicate: the lexicon word, the clause head giving roles, and the object."""

    entry: PredicateEntry
    trigger: object  # spaCy Token of the lexicon word
    head: object  # the verb (or the nominal itself) whose dependents give roles, tense, date
    obj: object | None  # the object head that satisfied the entry, if any
    nominal: bool  # the trigger is an event nominal


def pos_of(t) -> str | None:
    for name, tags in POS.items():
        if t.pos_ in tags:
            if name == "adj" and t.pos_ == "VERB" and t.tag_ != "VBN":
                continue
            return name
    return None


def lemma(t) -> str:
    return t.lemma_.lower()


def has_no(t) -> bool:
    """'no troops', 'no talks': a phrase the determiner 'no' empties."""
    for c in t.children:
        if c.lower_ == "no" and c.dep_ == "det":
            return True
    return False


NO_PHRASE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def is_negated(t) -> bool:
    """A 'not'/'never' on the word, a 'no' emptying it or its subject or object, 'no longer'.
    (Each child's dependency and form are read once: this is asked of most predicates twice.)"""
    kids = [(c, c.dep_, c.lower_) for c in t.children]
    for _, dep, low in kids:
        if dep == "neg" or (dep == "advmod" and low == "never"):
            return True
    # "sent no troops", "no troops were sent", "held no talks", "there were no clashes"
    if t.pos_ in ("NOUN", "PROPN") and any(dep == "det" and low == "no" for _, dep, low in kids):
        return True
    for c, dep, _ in kids:
        if dep in NO_PHRASE_DEPS and has_no(c):
            return True
    # "no longer", "not ... any"
    return any(low == "longer" and any(g.lower_ == "no" for g in c.children) for c, _, low in kids)


def prep_children(t, entry: PredicateEntry) -> list:
    """The dependents of `t` where the entry's preposition may be: its children, "out of" read as
    "of" ("pulled out of the CSTO"), and for an object nominal the prepositions the parser hung on
    its verb ("ordered a halt [to flights]")."""
    out = list(t.children)
    if entry.prep and t.pos_ in ("NOUN", "PROPN") and t.dep_ == "dobj":
        out += [c for c in t.head.children if c.i > t.i]
    return [next(iter(children(c, "prep")), c) if c.dep_ == "prep" and c.lower_ == "out" and entry.prep else c for c in out]


def object_heads(t, entry: PredicateEntry) -> list:
    """Candidate object heads of a verb: direct object, passive subject, the noun a relative or
    participle clause modifies, the object of the entry's preposition, and their conjuncts."""
    heads = children(t, "dobj", "attr", "oprd")
    if is_passive(t):
        heads += children(t, "nsubjpass")
    if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN") and not children(t, "dobj"):
        heads.append(t.head)
    for c in prep_children(t, entry):
        if c.dep_ == "prep" and (not entry.prep or c.lower_ in entry.prep):
            if entry.prep or c.lower_ in ("for", "of", "to", "on"):
                heads += children(c, "pobj")
        if c.dep_ == "xcomp" and c.pos_ == "VERB":  # "agreed to deploy troops": objects of the complement
            heads += children(c, "dobj")
    more = []
    for h in heads:
        more += [c for c in h.children if c.dep_ == "conj"]
        # "the deployment of foreign military bases": look through an action nominal
        for p in children(h, "prep"):
            if p.lower_ == "of":
                more += children(p, "pobj")
    return heads + more


def has_particle(t, particles) -> bool:
    return any(c.dep_ == "prt" and c.lower_ in particles for c in t.children)


FORCES = frozenset({"troop", "soldier", "force", "army", "tank", "unit", "battalion", "brigade", "paratrooper",
                    "peacekeeper", "serviceman", "convoy", "militia", "contingent", "marine", "warship", "jet",
                    "aircraft", "bomber", "plane", "warplane", "helicopter", "ship", "fleet", "fighter", "reservist"})
PEOPLE_KINDS = frozenset({"person", "armed-group", "organisation", "group", "military-unit", "igo"})
PREDICATIVE = frozenset({"acomp", "attr", "ROOT", "oprd", "xcomp", "ccomp", "conj", "advcl", "amod"})


def subject_words(t) -> list:
    """The heads a verb's subject is made of: conjuncts and the 'of' complement of a quantity
    ("thousands of people", "crowds and students"), the number that counts it ("several thousand
    people"); a subject shared with a conjoined verb too, and for an event nominal the subject of
    the verb that carries it ("workers staged a strike")."""
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "attr"):
        t = t.head
    subs = children(t, "nsubj")
    if not subs and t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
        subs = children(t.head, "nsubj")
    out = []
    for s in subs:
        for x in (s, *(c for c in s.children if c.dep_ == "conj")):
            out.append(x)
            out += [n for n in x.children if n.dep_ == "nummod" and n.pos_ == "NUM"]
            out += [p for prep in children(x, "prep") if prep.lower_ == "of" for p in children(prep, "pobj")]
    return out


def entry_matches(entry: PredicateEntry, t, tm: TokenMentions) -> tuple[bool, object | None]:
    """Whether `entry` types token `t`, and the object head that satisfied it."""
    if entry.pos == "adj" and (t.dep_ not in PREDICATIVE or (t.dep_ == "amod" and not children(t, "xcomp", "prep"))):
        return False, None
    if entry.intransitive and children(t, "ccomp", "xcomp", "dobj"):
        return False, None
    if entry.forces_subject and not any(lemma(x) in FORCES for x in subject_words(t)):
        return False, None
    if entry.subjects and not any(lemma(x) in entry.subjects for x in subject_words(t)):
        return False, None
    if entry.needs_complement and not (children(t, "ccomp", "xcomp", "dobj", "dative") or any(
        m.dep_ == "mark" and m.lower_ in ("for", "that") for a in children(t, "advcl") for m in a.children  # "pushing for the US to"
    ) or any(
        c.dep_ == "prep" and c.lower_ in ("of", "against", "with", "for", "to")
        and not any(is_time_word(p) for p in children(c, "pobj"))
        for c in (*t.children, *(g for a in children(t, "advmod") for g in a.children))  # "pushing hard for"
    )):
        return False, None  # "Armenia asked, and nobody came": asking for nothing of no one
    if entry.particle and not has_particle(t, entry.particle):
        return False, None
    if not entry.particle:
        prts = [c.lower_ for c in t.children if c.dep_ == "prt"]
        if prts and not set(prts) <= entry.particle_optional | {"up", "down", "back", "in", "over", "on"}:
            return False, None
    if entry.prep and not any(
        c.dep_ == "prep" and c.lower_ in entry.prep
        and not any(is_time_word(p) for p in c.children if p.dep_ == "pobj")
        for c in prep_children(t, entry)
    ):
        return False, None  # "called on the West", not "called up ... on Monday"
    negated = is_negated(t)
    if entry.only_negated and not negated:
        return False, None
    if entry.passive_only and not is_passive(t):
        return False, None
    if entry.xcomp_required and not children(t, "xcomp"):
        return False, None
    if entry.intransitive and children(t, "dobj"):
        return False, None
    if entry.modifiers and not any(c.lemma_.lower() in entry.modifiers for c in t.children if c.dep_ in ("amod", "compound")):
        return False, None
    if entry.unless_modifiers and any(lemma(c) in entry.unless_modifiers for c in t.children if c.dep_ in ("amod", "compound")):
        return False, None
    if entry.governed_by and lemma(t.head) not in entry.governed_by:
        return False, None
    if entry.complement_adj and any(c.dep_ in ("dobj", "nsubj") and c.lower_ in ("what", "whatever") for c in t.children):
        return False, None  # "fire at what he called terrorists": a name for something, not a judgement of a party
    if entry.complement_adj and not any(
        g.lemma_.lower() in entry.complement_adj for c in t.children for g in [c, *c.children]
    ):
        return False, None
    obj = None
    if entry.objects or entry.object_mentions or entry.object_igo or entry.object_places:
        for h in object_heads(t, entry):
            named = [h, *(c for c in h.children if c.dep_ in ("compound", "amod"))]
            if any(lemma(x) in entry.objects for x in named[1:]) and h.pos_ == "PROPN":
                obj = h  # "extradited suspected British militant Haroon Aswad"
                break
            if entry.object_mentions and h.ent_type_ == "PERSON":
                obj = h  # a person the knowledge base does not know is still a person
                break
            if entry.object_igo and tm.of(h) is not None and tm.of(h).kind == "igo":
                obj = h  # "left the CSTO"
                break
            if entry.object_places and tm.of(h) is not None and is_site(tm.of(h)):
                obj = h  # "took over Kabul"
                break
            if lemma(h) in entry.objects or h.lower_ in entry.objects or (
                entry.object_mentions and (h.pos_ == "NUM" or (tm.of(h) is not None and (
                    tm.of(h).kind in PEOPLE_KINDS or (tm.of(h).kind == "state" and h.tag_ in ("NNS", "NNPS")))))  # "arrested 100 Palestinians"
            ):
                obj = h
                break
        if obj is None:
            return False, None
    return True, obj


def match_token(t, lex: Lexicon, tm: TokenMentions) -> tuple[PredicateEntry, object | None] | None:
    keys = {lemma(t), t.lower_}
    if not keys & lex.trigger_keys:
        return None
    pos = pos_of(t)
    if pos is None:
        return None
    # (each entry once, by its place in the file: hashing an entry hashes its every field)
    entries = [e for _, e in sorted({e.index: e for k in keys for e in lex.candidates(k, pos)}.items())]
    for entry in entries:
        ok, obj = entry_matches(entry, t, tm)
        if ok:
            return entry, obj
    return None


def light_head(noun, lex: Lexicon):
    """The light verb carrying an event nominal, if any: "held [talks]", "[talks] took place",
    "took part in [drills]", "paid a [visit]"; else None."""
    h = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd") and lemma(h) in lex.light_verbs and h.pos_ in ("VERB", "AUX"):
        return h
    if noun.dep_ in ("nsubj", "nsubjpass") and (lemma(h) in lex.subject_light or lemma(h) in lex.light_verbs):
        return h
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in ("in", "into") and lemma(h.head) in (
        "participate", "take", "engage", "join", "involve", "embroil", "partake", "be",
    ):
        return h.head
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ == "under" and lemma(h.head) in (
        "put", "place", "come", "be", "remain", "keep", "bring",
    ):
        return h.head  # "was put under investigation", "came under attack"
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ == "of" and lemma(h.head) in lex.partitive and h.head.pos_ == "NOUN":
        return light_head(h.head, lex)  # "held two rounds of [talks]", "concluded five days of [drills]"
    if noun.dep_ == "conj":
        return light_head(noun.head, lex) if noun.head.pos_ in ("NOUN", "PROPN") else None
    return None


def find_candidates(sent, lex: Lexicon, tm: TokenMentions) -> list[Candidate]:
    """Typed predicates of one sentence, verbs first; a nominal that is the object of a typed
    verb ("delivered aid") is part of that verb's event, not a second one."""
    found: list[Candidate] = []
    consumed: set[int] = set()
    doc = sent.doc
    uw = unit_words(tm, doc, lex.trigger_keys)  # tokens are made only where an event may be
    for i in range(sent.start, sent.end):
        if uw.pos[i] not in ("VERB", "AUX", "ADJ", "ADP"):
            continue
        t = None
        if uw.lemma[i] in lex.light_verbs:
            t = doc[i]
            if not has_particle(t, UNDOING_PARTICLES) and any(
                c.dep_ == "dobj" and c.pos_ == "NOUN" and match_token(c, lex, tm) for c in t.children
            ):
                continue  # "gave a warm welcome", "made an offer": the nominal is the event ("called off a meeting" undoes it)
        if not uw.trigger[i]:
            continue  # no entry has this word
        t = t or doc[i]
        hit = match_token(t, lex, tm)
        if hit:
            entry, obj = hit
            found.append(Candidate(entry, t, t, obj, nominal=False))
            if obj is not None:
                consumed.add(obj.i)
            for c in t.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    consumed.add(c.i)
    for i in range(sent.start, sent.end):
        if uw.pos[i] in ("VERB", "AUX") and uw.lemma[i] in lex.reporting_verbs and not any(c.trigger.i == i for c in found):
            t = doc[i]
            clause = obliged_clause(t)
            if clause is not None:
                found.append(Candidate(REPORTED_DEMAND, t, t, clause, nominal=False))
                continue
            judged = evaluative_clause(t, lex, tm)
            if judged is not None:
                found.append(Candidate(judged[0], t, t, judged[1], nominal=False))
    for i in range(sent.start, sent.end):
        if uw.pos[i] not in ("NOUN", "PROPN") or i in consumed or not uw.trigger[i]:
            continue  # (a word no entry has is no event)
        t = doc[i]
        if t.dep_ in ("compound", "amod"):
            continue  # "strike aircraft", "attack helicopters": modifiers, not events
        if is_time_word(t) or t.ent_type_ in ("CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY") or tm.of(t) is not None:
            continue  # "in March", "the Summit Hotel": part of a date or a name
        hit = match_token(t, lex, tm)
        if not hit:
            continue
        entry, obj = hit
        head = light_head(t, lex) or (t.head if entry.governed_by else t)
        if entry.speech and head.i == t.i and not children(t, "poss"):
            continue  # "the threat of invasion": a speech nominal is an act when someone makes it
        if entry.support and head.i == t.i and not any(
            lemma(x) in entry.support for x in t.subtree if x.i < t.i
        ) and t.dep_ != "pobj":
            continue
        if head.i != t.i and any(c.trigger.i == head.i for c in found):
            continue  # the verb itself is typed ("agreed to talks"): one event
        found.append(Candidate(entry, t, head, obj, nominal=True))
    return found
