"""The few attributes the event rules test on every token of a unit, read once per unit.

spaCy makes a new Token object on every `doc[i]` or iteration and looks each attribute's
string up again, and the rules pass over each sentence several times (verbs, reporting verbs,
nominals, the sentence's words). `UnitWords` holds each token's POS, lower-cased lemma and
lower-case form, and whether the lexicon knows the word, so those passes test plain lists
and make a Token only for the few tokens that may hold an event. They are read from the Doc's
arrays (`Doc.to_array`), not token by token: a word's strings are looked up once per process.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import NAMES as POS_NAMES

# StringStore hash -> lower-cased lemma / form, remembered across units (a hash is the same
# string in every vocabulary); forgotten past MAX_STRINGS
MAX_STRINGS = 300_000
_LEMMAS: dict[int, str] = {}
_FORMS: dict[int, str] = {}


def _strings(hashes: list[int], strings, known: dict[int, str], norm) -> list[str]:
    if len(known) > MAX_STRINGS:
        known.clear()
    out = []
    for h in hashes:
        s = known.get(h)
        if s is None:
            s = known[h] = norm(strings[h])
        out.append(s)
    return out


@dataclass(frozen=True)
class UnitWords:
    pos: list[str]  # token.pos_
    lemma: list[str]  # token.lemma_.lower()
    lower: list[str]  # token.lower_
    trigger: list[bool]  # lemma or form is one of the lexicon's trigger keys
    keys: frozenset[str]  # those keys

    @classmethod
    def of(cls, doc, keys: frozenset[str]) -> UnitWords:
        pos_ids, lemma_ids, lower_ids = doc.to_array([POS, LEMMA, LOWER]).T.tolist() if len(doc) else ([], [], [])
        strings = doc.vocab.strings
        pos = [POS_NAMES[p] for p in pos_ids]
        lemma = _strings(lemma_ids, strings, _LEMMAS, str.lower)
        lower = _strings(lower_ids, strings, _FORMS, str)
        return cls.of_words(pos, lemma, lower, keys)

    @classmethod
    def of_words(cls, pos: list[str], lemma: list[str], lower: list[str], keys: frozenset[str]) -> UnitWords:
        """From the tokens' POS names, lower-cased lemmas and forms (read already elsewhere)."""
        return cls(pos, lemma, lower, [a in keys or b in keys for a, b in zip(lemma, lower, strict=True)], keys)

    def trigger_sentences(self, sents: list) -> set[int]:
        """Starts of the sentences with a word the lexicon knows: only they can hold an event."""
        before = np.concatenate(([0], np.cumsum(np.array(self.trigger, dtype=bool)))).tolist()
        return {sent.start for sent in sents if before[sent.end] > before[sent.start]}

    def sentence_words(self, sent) -> set[str]:
        """The lemmas and forms of a sentence's tokens."""
        return set(self.lemma[sent.start:sent.end]) | set(self.lower[sent.start:sent.end])


def unit_words(tm, doc, keys: frozenset[str]) -> UnitWords:
    """The unit's words kept on its TokenMentions (built on first use, or for other keys)."""
    words = tm.words
    if words is None or words.keys is not keys or len(words.pos) != len(doc):
        words = tm.words = UnitWords.of(doc, keys)
    return words
