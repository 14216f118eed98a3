"""Where the dependency parse puts a predicate's parties: its subjects (through relative
pronouns and conjoined verbs), its passive agents, its prepositional objects, and the
possessors, modifiers and complements of an event nominal. Tree navigation only: which of
those words name an actor or a recipient is `roles`' business.
"""

from __future__ import annotations

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
NOMINAL_ACTOR_PREPS = frozenset({"by", "of", "between", "among", "from"})


def children(t, *deps):
    return [c for c in t.children if c.dep_ in deps]


def is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )


def subject_heads(verb) -> list:
    """The grammatical subjects of a verb, following 'which'/'who' to the noun they stand for
    and sharing the subject of the first of two conjoined verbs."""
    subs = children(verb, *SUBJECT_DEPS)
    if not subs and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        subs = children(verb.head, *SUBJECT_DEPS)
    if not subs and verb.dep_ in ("acomp", "attr", "oprd") and verb.head.pos_ in ("VERB", "AUX"):
        subs = children(verb.head, *SUBJECT_DEPS)  # "France is ready to ...": the copula's subject
    out = []
    for s in subs:
        if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            out.append(verb.head)
        else:
            out.append(s)
    return out


def agent_heads(verb) -> list:
    return [p for a in children(verb, "agent") for p in children(a, "pobj")]


def prep_objects(t, preps) -> list:
    """Objects of the given prepositions under `t` ("talks with X", "aid to Y")."""
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend(children(c, "pobj"))
            # "together with", "along with": the preposition hangs under an adverb
        elif c.dep_ == "advmod" and c.lower_ in ("together", "along"):
            for p in children(c, "prep"):
                if p.lower_ == "with":
                    out.extend(children(p, "pobj"))
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(c)
    return out


def nominal_actor_heads(noun) -> list:
    """Possessors, name compounds and demonyms of an event nominal ("Russia's aid", "the US troop
    withdrawal", "Russian military aid"), plus 'by'/'of'/'between' complements and who claimed or
    carried it out ("the bombing, claimed by the Islamic State")."""
    heads = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i]
    for c in noun.children:
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in GATHERING_VERBS:
            heads.extend(children(c, "dobj"))  # "the drills, which involved troops from X and Y"
    for c in noun.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ("claim", "carry", "stage", "organise", "organize", "commit", "perpetrate", "launch", "conduct", "lead"):
            heads.extend(p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj")
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in NOMINAL_ACTOR_PREPS:
            heads.extend(children(c, "pobj"))
        if c.dep_ == "agent":
            heads.extend(children(c, "pobj"))
    return heads + claimants(noun)


# Verbs by which an event nominal names who takes part in it ("drills involving troops from ...").
GATHERING_VERBS = frozenset({"involve", "include", "bring", "gather", "unite", "feature", "engage"})
CLAIM_VERBS = frozenset({"claim", "accept", "admit", "take", "assume", "bear"})


def claimants(noun) -> list:
    """Who claimed an attack: "X claimed responsibility for the bombing", "the bombing, for which
    X claimed responsibility"."""
    def claimed(verb) -> bool:
        return verb.lemma_.lower() in CLAIM_VERBS and any(o.lemma_.lower() in ("responsibility", "credit") for o in children(verb, "dobj"))

    out = []
    h = noun.head
    if noun.dep_ == "pobj" and h.lower_ == "for" and h.head.lemma_.lower() in ("responsibility", "credit") and claimed(h.head.head):
        out += children(h.head.head, "nsubj")
    for verb in noun.sent:
        # "..., for which X claimed responsibility": the parser hangs the clause anywhere
        if verb.pos_ == "VERB" and claimed(verb) and any(
            p.lower_ == "for" and any(w.lower_ in ("which", "it", "this", "that") for w in children(p, "pobj")) for p in children(verb, "prep")
        ):
            out += children(verb, "nsubj")
    return out


def is_demonym(t) -> bool:
    """'Russian', 'Chinese', 'Uzbek': a word for a people or its state's adjective, not a place name."""
    return t.ent_type_ == "NORP" or t.pos_ == "ADJ" or t.tag_ == "JJ"
