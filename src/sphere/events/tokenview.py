"""Plain-Python stand-ins for spaCy's Token, sentence Span and Doc, made once per unit, for the
event rules.

The rules walk the parse again and again (subjects, objects, negation, speakers, dates, places:
each a pass over a predicate's children), and spaCy makes a new Token on every `doc[i]`,
`token.head` or `token.children`, and looks each attribute's string up again on every access.
`UnitView` reads the attributes the rules use from the Doc's arrays once, and holds one `Tok`
per token with its head, children and sentence as plain references, so a pass is attribute
reads. The stand-ins answer exactly as spaCy does (children in spaCy's order, the subtree in
spaCy's order, a sentence's root as spaCy finds it); anything else a rule asks of a token, its
sentence or its Doc goes to the spaCy object itself (`__getattr__`).

One `Tok` per token and view, so identity is spaCy's equality within a unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate
from operator import add

from spacy.attrs import DEP, ENT_TYPE, IS_PUNCT, LEMMA, LENGTH, LOWER, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES

from .tokens import UnitWords

ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, LENGTH, SPACY]
MAX_STRINGS = 300_000
_STRINGS: dict[int, str] = {}  # StringStore hash -> string (the same in every vocabulary)


def _strings(strings, hashes: list[int]) -> list[str]:
    """The strings of these StringStore hashes (looked up once per process)."""
    known = _STRINGS
    missing = set(hashes).difference(known)
    if missing:
        if len(known) > MAX_STRINGS:
            known.clear()
            missing = set(hashes)
        for h in missing:
            known[h] = strings[h]
    return [known[h] for h in hashes]


class Tok:
    """A token of a `UnitView`: spaCy's attributes as plain values."""

    __slots__ = ("i", "text", "lower_", "lemma_", "pos_", "tag_", "dep_", "head", "children", "sent", "doc")

    # (asked of few tokens: read from the view's columns when asked)
    @property
    def idx(self) -> int:
        return self.doc.idx[self.i]

    @property
    def ent_type_(self) -> str:
        return self.doc.ent_types()[self.i]

    @property
    def is_punct(self) -> bool:
        return self.doc.puncts()[self.i]

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return self.text

    @property
    def lefts(self) -> Iterator[Tok]:
        return (c for c in self.children if c.i < self.i)

    @property
    def rights(self) -> Iterator[Tok]:
        return (c for c in self.children if c.i > self.i)

    @property
    def subtree(self) -> Iterator[Tok]:
        """The token and its descendants in spaCy's order (left subtrees, itself, right ones)."""
        for c in self.children:
            if c.i < self.i:
                yield from c.subtree
        yield self
        for c in self.children:
            if c.i > self.i:
                yield from c.subtree

    @property
    def ancestors(self) -> Iterator[Tok]:
        node, n = self, len(self.doc)
        for _ in range(n):
            if node.head is node:
                return
            node = node.head
            yield node

    @property
    def left_edge(self) -> Tok:
        return self.doc.toks[self.doc.doc[self.i].left_edge.i]

    @property
    def right_edge(self) -> Tok:
        return self.doc.toks[self.doc.doc[self.i].right_edge.i]

    def __getattr__(self, name: str):
        return getattr(self.doc.doc[self.i], name)


class SentView:
    """A sentence of a `UnitView` (a spaCy sentence Span's bounds, tokens as `Tok`s)."""

    __slots__ = ("span", "doc", "start", "end", "start_char", "end_char", "_root")

    def __init__(self, span, view: UnitView):
        self.span, self.doc = span, view
        self.start, self.end, self.start_char, self.end_char = span.start, span.end, span.start_char, span.end_char
        self._root = None

    @property
    def root(self) -> Tok:
        if self._root is None:
            self._root = self.doc.toks[self.span.root.i]
        return self._root

    @property
    def text(self) -> str:
        return self.span.text

    def __iter__(self) -> Iterator[Tok]:
        return iter(self.doc.toks[self.start:self.end])

    def __len__(self) -> int:
        return self.end - self.start

    def __getitem__(self, key):
        return self.doc.toks[self.start:self.end][key]

    def __getattr__(self, name: str):
        return getattr(self.span, name)


class UnitView:
    """A unit's Doc with a `Tok` for each token and a `SentView` for each sentence."""

    __slots__ = ("doc", "toks", "sents", "idx", "words", "_ents", "_puncts")

    def __init__(self, doc, heads: list[int], sents: list):
        self.doc = doc
        n = len(doc)
        if n:
            orth, lower, lem, pos, tag, dep, length, space = doc.to_array(ATTRS).T.tolist()
        else:
            orth = lower = lem = pos = tag = dep = length = space = []
        strings = doc.vocab.strings
        toks = self.toks = [Tok.__new__(Tok) for _ in range(n)]
        kids: list[list[Tok]] = [[] for _ in range(n)]
        lemmas, lowers = _strings(strings, lem), _strings(strings, lower)
        for i, t, text, low, lemma_, p, tg, d, h in zip(
            range(n), toks, _strings(strings, orth), lowers, lemmas, pos,
            _strings(strings, tag), _strings(strings, dep), heads, strict=True,
        ):
            t.i, t.doc, t.text, t.lower_, t.lemma_, t.pos_, t.tag_, t.dep_ = i, self, text, low, lemma_, POS_NAMES[p], tg, d
            t.head = toks[h]
            if h != i:
                kids[h].append(t)  # ascending: spaCy's lefts then rights
        for t, k in zip(toks, kids, strict=True):
            t.children = tuple(k)
        self.words = (lemmas, lowers)  # (for `unit_words`: read once)
        # offsets: a Doc's text is its tokens' texts and trailing spaces, in order
        self.idx = list(accumulate(map(add, length, space), initial=0))[:n]
        if n and self.idx[-1] != doc[n - 1].idx:  # not so: spaCy's own offsets
            self.idx = [t.idx for t in doc]
        self._ents = self._puncts = None
        self.sents = [SentView(s, self) for s in sents]
        for s in self.sents:
            for i in range(s.start, s.end):
                toks[i].sent = s

    def unit_words(self, keys: frozenset[str]) -> UnitWords:
        """The unit's `tokens.UnitWords` from what the view read."""
        lemmas, lowers = self.words
        return UnitWords.of_words([t.pos_ for t in self.toks], [s.lower() for s in lemmas], lowers, keys)

    def ent_types(self) -> list[str]:
        if self._ents is None:
            self._ents = _strings(self.doc.vocab.strings, self.doc.to_array(ENT_TYPE).tolist()) if len(self.toks) else []
        return self._ents

    def puncts(self) -> list[bool]:
        if self._puncts is None:
            self._puncts = [bool(p) for p in self.doc.to_array(IS_PUNCT).tolist()] if len(self.toks) else []
        return self._puncts

    def release(self) -> None:
        """Break the references between the tokens (head, children, sentence, view), so that
        they are freed when the unit is done, not left to the cyclic garbage collector."""
        for t in self.toks:
            t.head = t.children = t.sent = t.doc = None
        for s in self.sents:
            s.doc = s._root = None
        self.toks, self.sents = [], []

    def __getitem__(self, key):
        if isinstance(key, int):
            return self.toks[key]
        return self.doc[key]

    def __len__(self) -> int:
        return len(self.toks)

    def __iter__(self) -> Iterator[Tok]:
        return iter(self.toks)

    def __getattr__(self, name: str):
        return getattr(self.doc, name)
