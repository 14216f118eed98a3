"""Who acts and who is acted on: actor and recipient phrases from the dependency parse.

A verb's subject is its actor ("by" agent in a passive), its object and its "with/to/against/
on" complements are recipients; an event nominal takes its actor from a possessive, a compound
or demonym modifier, "by" or "of", and "between X and Y" makes every party an actor. Conjoined
names ("Russia and Tajikistan signed") stay together as one compound actor (PLOVER style). When a
clause names no actor of its own, the actor is found where English leaves it: the controller of
an infinitive or participle ("agreed to ...", "after returning from a trip"), the head of a
relative clause ("the ministry, which stated ..."), or the speaker of reported speech ("Iraq said
it would ...").
"""

from __future__ import annotations

from ..types import Participant
from .heads import (
    agent_heads,
    children,
    is_demonym,
    is_passive,
    nominal_actor_heads,
    prep_objects,
    subject_heads,
)
from .participants import TokenMentions, is_place, unique

# Dependents that leave the phrase: clauses and adjuncts, which name other things.
PHRASE_STOP = frozenset({
    "relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "parataxis", "mark", "cc", "prep",
    "advmod", "npadvmod", "det", "case", "nummod", "quantmod", "aux", "auxpass", "neg", "dep",
})
KEEP_PREPS = frozenset({"of"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "they", "we", "its", "their", "our", "them", "us", "i", "itself", "themselves"})
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "toward", "towards", "into", "upon", "for", "from", "over", "at"})
# Nouns that frame a clause rather than name a party: "against the backdrop of", "in the wake of".
FRAME_NOUNS = frozenset({"backdrop", "background", "wake", "light", "context", "face", "framework",
                         "course", "basis", "pretext", "guise", "cover", "eve", "midst", "aftermath",
                         "fear", "concern", "threat", "prospect", "spite", "view", "result", "part",
                         "purpose", "name", "absence", "lack", "case", "event", "period", "time"})
# One person "from Kyrgyzstan" does not act for Kyrgyzstan (police or protesters "in" a place do).
INDIVIDUALS = frozenset({"man", "woman", "boy", "girl", "person", "individual", "child", "teenager", "youth",
                         "resident", "native", "citizen", "national", "student", "worker", "tourist"})
VISIT_NOMINALS = frozenset({"trip", "visit", "tour", "journey", "voyage", "stopover"})
# Nominals of a situation whose demonym says where it is, not who acts.
SETTING_NOMINALS = frozenset({"war", "conflict", "fighting", "violence", "insurgency", "unrest", "hostility", "crisis", "civil"})
# People who comment rather than act: "analysts in Nur-Sultan said ..." names no actor.
NON_ACTORS = frozenset({"analyst", "expert", "observer", "commentator", "journalist", "reporter", "correspondent",
                        "source", "scholar", "researcher", "historian", "critic", "blogger", "writer", "author",
                        "columnist", "editor", "pundit", "economist", "academic", "specialist", "user", "reader"})
FRAME_OR_NON_ACTORS = FRAME_NOUNS | NON_ACTORS
CONTROL_DEPS = frozenset({"xcomp", "advcl", "pcomp", "acl", "conj", "prep", "pobj", "ccomp", "dobj", "oprd", "attr", "npadvmod"})


def phrase_tokens(head) -> list:
    """Tokens of the noun phrase headed by `head`: modifiers, conjuncts, appositions and 'of'
    complements; not clauses, other prepositions or adverbials."""
    out = [head]
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in PHRASE_STOP and not (c.dep_ == "prep" and c.lower_ in KEEP_PREPS):
                continue
            out.append(c)
            stack.append(c)
    return out


def phrase_participants(head, tm: TokenMentions, allow_places: bool = True) -> tuple[Participant, ...]:
    """Participants named in the phrase of `head` (pronouns resolved to a person seen before)."""
    if head.lemma_.lower() in FRAME_OR_NON_ACTORS and tm.of(head) is None:
        return ()
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in head.children) or head.lower_ in ("nobody", "none", "no-one"):
        return ()  # "nobody in Washington", "no country": nobody acts
    found: list[Participant] = []
    seen = set()
    for t in sorted(phrase_tokens(head), key=lambda t: t.i):
        m = tm.of(t)
        if m is not None and is_pro_anti(t):
            continue  # "the pro-Iranian Hizbollah": Iran is who they side with, not who acts
        if m is None:
            if t.lower_ in PERSONAL_PRONOUNS and t.pos_ == "PRON":
                prev = tm.last_person_before(tm.offset + t.idx)
                if prev is not None and id(prev) not in seen:
                    seen.add(id(prev))
                    p = tm.participant(prev)
                    if p:
                        found.append(p)
            continue
        if id(m) in seen:
            continue
        seen.add(id(m))
        p = tm.participant(m, allow_places=allow_places)
        if p is not None:
            found.append(p)
    if not found:
        # "a delegation led by the Taliban's deputy head": who leads it; "a newspaper based in
        # Beirut": where it is
        for c in head.children:
            if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head", "led", "command", "send", "dispatch", "operate", "run", "own", "manage",
                                                         "commit", "perpetrate", "carry", "stage", "organise", "organize"):
                for a in children(c, "agent"):
                    for pobj in children(a, "pobj"):
                        found.extend(phrase_participants(pobj, tm))
            if c.dep_ == "acl" and c.lemma_.lower() in ("base", "locate", "headquarter", "station"):
                for p in children(c, "prep"):
                    if p.lower_ in ("in", "at"):
                        for pobj in children(p, "pobj"):
                            found.extend(phrase_participants(pobj, tm))
    if not found:
        # "police in Kyrgyzstan", "demonstrators in Baghdad": the place names who they are;
        # "a statement by the ministry": the author.
        individual = head.lemma_.lower() in INDIVIDUALS and head.tag_ in ("NN", "NNP")
        for c in (x for t in phrase_tokens(head) for x in t.children if not individual):
            if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "from", "by", "throughout", "across", "around") and not found:
                for pobj in c.children:
                    if pobj.dep_ == "pobj":
                        found.extend(phrase_participants(pobj, tm, allow_places=True))
    if not found:
        found = group_anaphor(head, tm) or described_before(head, tm)
    elif head.pos_ in ("NOUN", "PROPN"):
        remember(head, unique(found), tm)
    return unique(found)


def count_of(head) -> int | None:
    """The number a plural phrase counts ("the two leaders", "all five presidents", "both sides")."""
    for c in head.children:
        if c.dep_ in ("nummod", "det", "predet", "quantmod") and c.lower_ in COUNT_WORDS:
            return COUNT_WORDS[c.lower_]
        if c.dep_ == "nummod" and c.text.isdigit():
            return int(c.text)
    return None


def remember(head, found: tuple[Participant, ...], tm: TokenMentions) -> None:
    """Keep what a phrase named for later references to it: a counted group whose members are
    all named ("all five Central Asian presidents, Tokayev of Kazakhstan, ..."), and a noun named
    with its party ("Russian long-range bombers": 'the bombers' later)."""
    at = tm.offset + head.idx
    n = count_of(head)
    if n and n >= 2 and len({p.code for p in found}) == n:
        tm.groups.append((at, found))
    if tm.of(head) is None and head.tag_ in ("NNS", "NN") and any(
        tm.of(c) is not None for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod")
    ):
        tm.described[head.lemma_.lower()] = (at, found)


def described_before(head, tm: TokenMentions) -> tuple[Participant, ...]:
    """'The bombers' after 'Russian long-range bombers': the party the text named them with."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children):
        return ()
    at, found = tm.described.get(head.lemma_.lower(), (None, ()))
    return found if at is not None and at < tm.offset + head.idx else ()


# Plural nouns that stand for parties named before, and the mention kinds they can stand for.
PERSON_KINDS = frozenset({"person"})
STATE_KINDS = frozenset({"state", "person", "organ", "demonym"})
GROUP_NOUNS = {
    **dict.fromkeys(("leader", "president", "man", "minister", "premier", "head", "counterpart", "delegation"), PERSON_KINDS),
    **dict.fromkeys(("country", "state", "nation", "republic", "capital", "neighbour", "neighbor", "government"), STATE_KINDS),
    **dict.fromkeys(("side", "party", "army", "foe", "rival", "belligerent"), STATE_KINDS | {"group", "armed-group"}),
}
# Uncounted plurals that stand for those at the meeting just told ("the leaders", "the ministers").
MEETING_NOUNS = frozenset({"leader", "president", "minister", "premier", "head", "delegation", "participant", "delegate"})
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11, "twelve": 12, "both": 2}


def group_anaphor(head, tm: TokenMentions) -> tuple[Participant, ...]:
    """'The two leaders', 'both sides', 'the six presidents': the parties named just before the
    sentence, as many as the phrase counts (those the sentence names before the phrase left out:
    'Russia sells weapons to both sides')."""
    if head.lemma_.lower() not in GROUP_NOUNS or head.tag_ not in ("NNS", "NNPS"):
        return ()
    n = count_of(head)
    if n is None and tm.meeting and head.lemma_.lower() in MEETING_NOUNS and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "all") for c in head.children
    ) and not children(head, "prep"):
        return tm.meeting  # "The CSTO summit opened ... The leaders agreed ...": those who met
    if n is None or n < 2 or not any(c.lower_ in ("the", "both", "these", "those", "all") for c in head.children):
        return ()
    sent = head.sent
    start = tm.offset + sent.start_char
    named = frozenset(m.code for t in sent if t.i < head.i for m in [tm.by_token.get(t.i)] if m is not None and m.code)
    kinds = GROUP_NOUNS[head.lemma_.lower()]
    # a group counted and named before ("all five presidents, X, Y, ...") is "the five leaders";
    # "the six presidents" are those five and the one named after them
    group = next((g for at, g in reversed(tm.groups) if at < start and len(g) <= n), ())
    if group:
        more = tm.recent_parties(start, n - len(group), named | {p.code for p in group}, kinds) if len(group) < n else ()
        if len(group) + len(more) == n:
            return group + more
    return tm.recent_parties(start, n, named, kinds)


def is_pro_anti(t) -> bool:
    """'pro-Iranian', 'anti-Syria', 'post-Soviet', 'former Soviet states', 'ethnic Uzbeks': a side,
    a past or a people, not a state acting."""
    doc = t.doc
    if t.lower_.startswith(("pro-", "anti-", "post-", "ex-")):
        return True
    if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in ("pro", "anti", "post", "ex"):
        return True
    if t.i >= 1 and doc[t.i - 1].lower_ in ("ethnic", "ethnically"):
        return True  # "ethnic Albanians in Serbia": a people, not the Albanian state
    return t.i >= 1 and doc[t.i - 1].lower_ == "former" and t.head.lemma_.lower() in ("state", "republic", "country", "nation")


def is_group_pronoun(t) -> bool:
    return t.pos_ == "PRON" and t.lower_ in GROUP_PRONOUNS


def antecedent(pron, tm: TokenMentions) -> tuple[Participant, ...]:
    """'they' / 'it' outside reported speech: the subject of the sentence's main clause, when it
    comes first ("Russian troops guarded the border until 2005, when they pulled out")."""
    root = pron.sent.root
    for s in subject_heads(root):
        if s.i < pron.i and not is_group_pronoun(s):
            return phrase_participants(s, tm)
    if pron.lower_ in ("it", "they") and pron.i - pron.sent.start <= 1:
        return tm.topic  # a sentence opening with "It" or "They": who the last one was about
    return ()


INSTITUTIONS = {"government": "GOV", "ministry": "GOV", "cabinet": "GOV", "president": "GOV",
                "presidency": "GOV", "administration": "GOV", "authorities": "GOV", "authority": "GOV",
                "officials": "GOV", "official": "GOV", "parliament": "LEG", "army": "MIL",
                "military": "MIL", "troops": "MIL", "forces": "MIL", "police": "COP", "guards": "MIL"}


def institution_of_topic(head, tm: TokenMentions) -> tuple[Participant, ...]:
    """'The government said ...', 'the ministry announced ...' with no country named: the state
    the text was just about (its last main subject), with the sector the noun gives."""
    key = head.lemma_.lower() if head.lemma_.lower() in INSTITUTIONS else head.lower_
    if key not in INSTITUTIONS or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return ()
    if any(tm.of(t) is not None for t in head.subtree):
        return ()
    states = [p for p in tm.topic if len(p.code) == 3 and p.code.isupper()]
    return tuple(Participant(code=p.code, sector=INSTITUTIONS[key], entity_text=head.text) for p in states[:1])


# Domestic actors named without their country ("crowds", "riot police", "opposition parties"):
# PLOVER codes them to the state where the text is set, with the sector the noun gives.
DOMESTIC = {"crowd": "CVL", "protester": "CVL", "protestor": "CVL", "demonstrator": "CVL", "rioter": "CVL",
            "mob": "CVL", "resident": "CVL", "student": "CVL", "thousand": "CVL",
            "hundred": "CVL", "marcher": "CVL", "villager": "CVL", "police": "COP", "policeman": "COP",
            "opposition": "OPP", "lawmaker": "LEG", "parliament": "LEG", "mp": "LEG"}


def domestic_actor(head, tm: TokenMentions) -> tuple[Participant, ...]:
    """'Crowds stormed ...', 'riot police fired ...', 'opposition parties accused ...' with no
    country named: the state where the sentence is set (its places, else the text's last one)."""
    words = {head.lemma_.lower(), head.lower_} | {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod", "nummod")}
    if head.lemma_.lower() in ("thousand", "hundred", "dozen", "ten"):
        words |= {p.lemma_.lower() for prep in children(head, "prep") if prep.lower_ == "of" for p in children(prep, "pobj")}
    sector = next((DOMESTIC[w] for w in ("opposition", "police") if w in words), None) or next(
        (DOMESTIC[w] for w in sorted(words) if w in DOMESTIC), None)
    if sector is None or any(tm.of(t) is not None and tm.of(t).code for t in head.subtree):
        return ()
    sent = head.sent
    state = tm.setting_state(tm.offset + sent.start_char, tm.offset + sent.end_char)
    return (Participant(code=state, sector=sector, entity_text=head.text),) if state else ()


def controller(t, tm: TokenMentions, depth: int = 0) -> tuple[Participant, ...]:
    """The actor English leaves implicit: the subject (or possessor) of the nearest governing
    clause ("X agreed to hold ...", "X's intention of increasing ...", "after returning ...")."""
    if depth > 5 or t.dep_ not in CONTROL_DEPS or t.head.i == t.i:
        return ()
    if t.pos_ in ("VERB", "AUX") and children(t, "nsubj", "nsubjpass", "csubj", "expl"):
        return ()  # a clause with a subject of its own controls itself
    h = t.head
    if t.dep_ == "acl" and h.pos_ in ("NOUN", "PROPN"):
        return phrase_participants(h, tm)  # "citizens fighting with ...": the noun acts
    if h.pos_ in ("VERB", "AUX", "ADJ"):
        subs = subject_heads(h) if not is_passive(h) else agent_heads(h)
        for s in subs:
            found = phrase_participants(s, tm) or domestic_actor(s, tm)  # "police used gas to disperse ..."
            if found:
                return found
        if subs:
            return ()
        if not is_passive(h):
            found = left_neighbour_subject(h, tm)  # a parse that lost the subject
            if found:
                return found
    if h.pos_ in ("NOUN", "PROPN"):
        for c in h.children:
            if c.dep_ in ("poss", "compound", "amod") and c.i != t.i:
                found = phrase_participants(c, tm)
                if found:
                    return found
    return controller(h, tm, depth + 1)


def left_neighbour_subject(verb, tm: TokenMentions) -> tuple[Participant, ...]:
    """When the parser gives a verb no subject, the names right before it ("..., Kazakhstani
    President Nazarbayev conversed with ...") are its subject; nothing across a verb or comma."""
    found: list[Participant] = []
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start and i >= verb.i - 6:
        t = doc[i]
        if t.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "SCONJ", "CCONJ", "PRON") and t.text not in ("-", "'s"):
            break
        m = tm.of(t)
        if m is not None:
            p = tm.participant(m)
            if p is not None:
                found.append(p)
        i -= 1
    return unique(found)


def nominal_participants(noun, tm: TokenMentions, patient_of: bool = False) -> tuple[tuple[Participant, ...], tuple[Participant, ...]]:
    """(actors, recipients) named inside an event nominal's own phrase; with `patient_of`,
    "training of the armies of X" makes X a recipient."""
    actors: list[Participant] = []
    recipients: list[Participant] = []
    for h in nominal_actor_heads(noun):
        if noun.lemma_.lower() in SETTING_NOMINALS and h.dep_ in ("amod", "compound") and tm.of(h) is not None and tm.of(h).kind == "state":
            continue  # "the Afghan war", "the Syrian conflict": where, not who
        if patient_of and h.dep_ == "pobj" and h.head.lower_ == "of":
            recipients.extend(phrase_participants(h, tm))
            continue
        m = tm.of(h)
        if noun.lemma_.lower() in VISIT_NOMINALS and h.dep_ == "compound" and m is not None and (
            is_place(m) or (m.code and m.kind == "state" and m.label in ("GPE", "LOC", "KB"))
        ) and not is_demonym(h):
            recipients.extend(phrase_participants(h, tm))  # "the Moscow trip": where to, not who ("the Russian trip": who)
            continue
        if h.dep_ in ("compound", "amod") and h.i > noun.i:
            continue
        if h.dep_ == "pobj" and h.head.lower_ == "from" and noun.lemma_ not in ("withdrawal", "visit", "delegation"):
            continue
        actors.extend(phrase_participants(h, tm))
    for h in prep_objects(noun, RECIPIENT_PREPS - {"from", "at"}):
        recipients.extend(phrase_participants(h, tm))
    return unique(actors), unique(recipients)


def speaker_of(t, tm: TokenMentions, reporting: frozenset[str], depth: int = 0):
    """The participants who report the clause of `t`: subject of the reporting verb it hangs
    under ("X said ...", "..., X said"), or the complement of 'according to'."""
    node = t
    for _ in range(8):
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in children(c, "prep"):
                    for pobj in children(to, "pobj"):
                        found = phrase_participants(pobj, tm)
                        if found:
                            return found, c
        if node.lemma_.lower() in reporting and node.i != t.i:
            subs = subject_heads(node) or agent_heads(node)
            for s in subs:
                found = phrase_participants(s, tm) or institution_of_topic(s, tm)
                if found:
                    return found, node
            return (), node
        # "..., Shoigu said": the reporting verb is a parataxis or ccomp-taking child of the root
        for c in node.children:
            if c.lemma_.lower() not in reporting or c.i == t.i:
                continue  # (tested first: the rest walks the clause)
            # (the parser sometimes hangs a trailing ", Putin said" as a ccomp of the clause it reports)
            trailing = c.dep_ == "ccomp" and c.i > node.i and any(
                x.left_edge.i > 0 and c.doc[x.left_edge.i - 1].text == "," for x in children(c, "nsubj"))
            if c.dep_ in ("parataxis", "advcl", "conj") or trailing:
                subs = subject_heads(c)
                for s in subs:
                    found = phrase_participants(s, tm)
                    if found:
                        return found, c
        if node.head.i == node.i:
            break
        node = node.head
    return (), None


def mentions_in(tokens, tm: TokenMentions):
    seen = set()
    for t in tokens:
        m = tm.of(t)
        if m is not None and id(m) not in seen:
            seen.add(id(m))
            yield m


def place_mentions(tokens, tm: TokenMentions):
    return [m for m in mentions_in(tokens, tm) if is_place(m)]
