"""What the words around a name say about it: general rules over the parse, no word lists of
particular names (the lexicons are in `kb/data/sector_terms.yaml`).

- `sector_after`: "Russian troops" -> MIL, "Kyrgyz President" -> GOV (the word after a demonym,
  skipping a coordinated demonym: "Russian and Tajik troops").
- `institution_after` / `institution_before`: "Russian Defence Ministry", "Ministry of Defense
  of Uzbekistan": a state word and a named organ make one mention.
- `title_before`: "French President [Jacques Chirac]": the title and the state word before a name.
- `used_as_location`: "in Dushanbe", "DUSHANBE --", "trip to Moscow" name a place; "Moscow said",
  "Moscow's influence", "talks with Moscow", "Moscow-led", "rallied around Moscow" stand for the
  government (capitals), and "Kant protects Bishkek" for the base (short names of bases).
The word lists are data (`data/context_words.yaml`, read by `words.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase, SectorTerm
from .words import words

MAX_TERM_TOKENS = 5
# the word lists these rules read (data/context_words.yaml: each with its use and source)
LOCATION_PREPS = words("location_preps")  # "in Dushanbe", "trip to Moscow" ...
PEOPLE_HEADS = words("people_heads")  # ... unless on people: "officials in Moscow" act
MOTION_VERBS = words("motion_verbs")  # "visited Moscow", "protects Bishkek": the place
PLACE_SUBJECT_VERBS = words("place_subject_verbs")  # "Kabul fell"
FROM_ACTOR_NOUNS = words("from_actor_nouns")  # "loans from Beijing": the government
GOVERNING_NOUNS = words("governing_nouns")  # "the Dushanbe government", "rulers of Kabul"
ALIGNMENT_WORDS = words("alignment_words")  # "rallied around Moscow", "loyal to Moscow"
LOCATED_WORDS = words("located_words")  # "Moscow-based", "Kabul-born"
DASHES = frozenset({"--", "—", "–", "-", ":"})
ARTICLES = frozenset({"the", "a", "an"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


CALENDAR_WORDS = words("calendar_words")
TIME_NOUNS = words("time_nouns")


def is_time_word(token: Token) -> bool:
    """A month, a day, a year or a stretch of time: what the NER calls DATE or TIME, told from
    the word too, since the NER skips sentences whose names the KB knows (gated_ner.py).
    Months and days only capitalised: "a march", "may" are not."""
    if token.ent_type_ in ("DATE", "TIME") or token.lower_ in TIME_NOUNS:
        return True
    if token.lower_ in CALENDAR_WORDS:
        return token.text[:1].isupper()
    text = token.text  # (the event rules pass their token views: plain attributes only)
    return len(text) == 4 and text.isascii() and text.isdigit() and 1800 <= int(text) <= 2100


def trim(span: Span) -> Span | None:
    """The name in an NER span: no leading article, no trailing possessive or punctuation,
    nothing past a line break (a name does not run across lines)."""
    start, end = span.start, span.end
    doc = span.doc
    words = _words_of(doc)  # (a token's trailing whitespace is one space or none: never a line break)
    text, lower, punct, space = words.text, words.lower, words.punct, words.space
    for i in range(start, end):
        if "\n" in text[i]:
            end = i
            break
    while start < end and (lower[start] in ARTICLES or punct[start] or space[start]):
        start += 1
    while end > start and (lower[end - 1] in POSSESSIVE or punct[end - 1] or space[end - 1]):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def term_at(doc: Doc, i: int, kb: KnowledgeBase, backwards: bool = False) -> tuple[SectorTerm, int] | None:
    """The longest sector term starting (or, backwards, ending) at token i: (term, other end).

    A pure function of the few tokens' text around i, asked for every name of a corpus with
    the same neighbours again and again: answers are remembered per (knowledge base, direction,
    those tokens' text and spacing)."""
    if not 0 <= i < len(doc):
        return None
    lo, hi = (max(0, i - MAX_TERM_TOKENS + 1), i + 1) if backwards else (i, min(len(doc), i + MAX_TERM_TOKENS))
    seen = _terms_seen(kb)
    words = _words_of(doc)
    key = (backwards, *words.with_ws[lo:hi])
    if key not in seen:
        if len(seen) >= MAX_TERMS_SEEN:
            seen.clear()
        seen[key] = _term_in_words(words, i, kb, backwards)
    found = seen[key]
    if found is None:
        return None
    term, n = found
    return term, (i - n + 1 if backwards else i + n)


MAX_TERMS_SEEN = 200_000
# the Docs last asked about, by id, each held with its tokens' strings (held, so `is` is exact):
# a document's units are read twice (context first, then mentions), a few Docs at a time
_WORDS: dict[int, tuple[Doc, DocWords]] = {}
MAX_WORDS_DOCS = 16
MAX_STRINGS = 300_000


class _Strings(dict):
    """StringStore hash -> string, looked up in `store` the first time (a string's hash is the
    same in every vocabulary)."""

    store = None

    def __missing__(self, h: int) -> str:
        s = self[h] = self.store[h]
        return s


_STRINGS = _Strings()


@dataclass(frozen=True)
class DocWords:
    """What `_longest_term` and `trim` read of each token: its text with and without its trailing
    space, lower-case form, whether it is punctuation, whether it is white space (read from the
    Doc's arrays, once per Doc)."""

    with_ws: list[str]
    text: list[str]
    lower: list[str]
    punct: list[int]  # 1 for punctuation, else 0
    space: list[int]  # 1 for white space, else 0

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        if not len(doc):
            return cls([], [], [], [], [])
        orth, lower, punct, is_space, space = doc.to_array([ORTH, LOWER, IS_PUNCT, IS_SPACE, SPACY]).T.tolist()
        known = _STRINGS
        if len(known) > MAX_STRINGS:
            known.clear()
        known.store = doc.vocab.strings
        texts = list(map(known.__getitem__, orth))
        return cls([t + " " if sp else t for t, sp in zip(texts, space, strict=True)], texts,
                   list(map(known.__getitem__, lower)), punct, is_space)

    def span_text(self, lo: int, hi: int) -> str:
        """`doc[lo:hi].text`: the tokens with their spaces, but the last one's."""
        return "".join(self.with_ws[lo:hi - 1]) + self.text[hi - 1]


def span_text(span: Span) -> str:
    """`span.text`, joined from its Doc's `DocWords` (spaCy makes each token again to join it)."""
    if span.end <= span.start:
        return span.text
    return _words_of(span.doc).span_text(span.start, span.end)


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined from its `DocWords`."""
    return "".join(_words_of(doc).with_ws)


def _words_of(doc: Doc) -> DocWords:
    """Each token's strings, read once per Doc (every name asks about its own neighbours, and
    spaCy makes a new Token for each token read)."""
    held = _WORDS.get(id(doc))
    if held is None or held[0] is not doc or len(held[1].text) != len(doc):
        if len(_WORDS) >= MAX_WORDS_DOCS:
            del _WORDS[next(iter(_WORDS))]  # the oldest
        _WORDS.pop(id(doc), None)
        held = _WORDS[id(doc)] = (doc, DocWords.of(doc))
    return held[1]


_TERMS_SEEN: dict[int, tuple[KnowledgeBase, dict]] = {}


def _terms_seen(kb: KnowledgeBase) -> dict:
    entry = _TERMS_SEEN.get(id(kb))
    if entry is None or entry[0] is not kb:  # the KB is kept with its answers: its id stays its own
        entry = _TERMS_SEEN[id(kb)] = (kb, {})
    return entry[1]


PUNCT_IN_TERMS = ("-", ".", "'")


def _term_in_words(words: DocWords, i: int, kb: KnowledgeBase, backwards: bool) -> tuple[SectorTerm, int] | None:
    """`_longest_term`, read from the Doc's `DocWords` instead of its tokens."""
    n_tokens = len(words.text)
    punct, text = words.punct, words.text
    for n in range(MAX_TERM_TOKENS, 0, -1):
        lo, hi = (i - n + 1, i + 1) if backwards else (i, i + n)
        if lo < 0 or hi > n_tokens:
            continue
        if any(punct[k] and text[k] not in PUNCT_IN_TERMS for k in range(lo, hi)) or words.lower[lo] in ARTICLES:
            continue
        term = kb.sector_term(words.span_text(lo, hi))
        if term is not None:
            return term, n
    return None


def _longest_term(doc: Doc, i: int, kb: KnowledgeBase, backwards: bool) -> tuple[SectorTerm, int] | None:
    """(term, its length in tokens) of the longest sector term at i, looked up in the KB
    (the plain computation `_term_in_words` makes from the Doc's arrays)."""
    for n in range(MAX_TERM_TOKENS, 0, -1):
        lo, hi = (i - n + 1, i + 1) if backwards else (i, i + n)
        if lo < 0 or hi > len(doc):
            continue
        if any(t.is_punct and t.text not in PUNCT_IN_TERMS for t in doc[lo:hi]) or doc[lo].lower_ in ARTICLES:
            continue
        term = kb.sector_term(doc[lo:hi].text)
        if term is not None:
            return term, n
    return None


def _skip_coordinated(doc: Doc, i: int, is_state_word) -> int:
    """Past ', Uzbek and Tajik' in 'Russian, Uzbek and Tajik troops' (and '-' compounds)."""
    while i < len(doc):
        tok = doc[i]
        if tok.text in (",", "and", "or", "&", "-", "/") or tok.lower_ in ("and", "or"):
            i += 1
            continue
        if is_state_word(tok.i):
            i += 1
            continue
        break
    return i


def sector_after(span: Span, kb: KnowledgeBase, is_state_word) -> str | None:
    """The sector a demonym takes from the noun it modifies ("Russian troops" -> MIL)."""
    doc = span.doc
    i = _skip_coordinated(doc, span.end, is_state_word)
    while i < len(doc) and doc[i].pos_ == "ADJ" and kb.sector_term(doc[i].text) is None and i - span.end < 3:
        i += 1  # "Russian new weapons", "Tajik armed forces" (the term itself wins)
    found = term_at(doc, i, kb)
    return found[0].sector if found else None


def institution_after(span: Span, kb: KnowledgeBase) -> tuple[SectorTerm, int] | None:
    """'Russian Defence Ministry', "Russia's Foreign Ministry": (term, end token) or None."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ in POSSESSIVE:
        i += 1
    found = term_at(doc, i, kb)
    if found and found[0].institution and doc[i].is_title:
        return found  # ("the Russian defence ministry" in lower case is a demonym and a noun)
    return None


def institution_before(span: Span, kb: KnowledgeBase) -> tuple[SectorTerm, int] | None:
    """'Ministry of Defense of Uzbekistan', 'the Air Force and Air Defense of Tajikistan':
    (term, start token) or None."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return None
    found = term_at(doc, i - 1, kb, backwards=True)
    if not (found and found[0].institution and doc[found[1]].is_title):
        return None
    term, lo = found
    while lo >= 2 and doc[lo - 1].lower_ == "and":  # "the Air Force and Air Defense of Tajikistan"
        more = term_at(doc, lo - 2, kb, backwards=True)
        if not (more and more[0].institution and doc[more[1]].is_title):
            break
        lo = more[1]
    return term, lo


def title_before(span: Span, kb: KnowledgeBase) -> tuple[SectorTerm, int] | None:
    """The title right before a person's name ("Defence Minister [Sherali Mirzo]"): (term,
    first token of the title), allowing a comma or a rank between ("commander, Gen.")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0:
        return None
    found = term_at(doc, i, kb, backwards=True)
    if found and found[0].title:
        return found
    return None


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def used_as_location(span: Span) -> bool:
    """Does this name stand for a place here (True) or for the actor it houses (False)?"""
    doc = span.doc
    first, last = span[0], span[-1]
    line_start = first.i == 0 or "\n" in doc[first.i - 1].text_with_ws
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if span.text.isupper() and len(span.text) > 3 and (line_start or (after is not None and after.text in DASHES | {","})):
        return True  # dateline: "DUSHANBE --", "BISHKEK, Aug 3"
    if line_start and (after is None or "\n" in last.text_with_ws or after.is_space):
        return True  # a name alone on its line: a label, a breadcrumb, a list of places
    nxt = doc[last.i + 2] if after is not None and after.text == "-" and last.i + 2 < len(doc) else after
    if nxt is not None and nxt.lower_ in LOCATED_WORDS:
        return True  # "a Moscow-based expert", "Dushanbe-born"
    if after is not None and after.text == "-" and nxt is not None and nxt.pos_ in ("VERB", "ADJ"):
        return False  # "Moscow-led", "Beijing-backed"
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ in POSSESSIVE:
        return False  # "Moscow's influence"
    root = _first_conjunct(span.root)
    if root.dep_ == "appos" and root.head is not root:  # "Nur-Sultan (Tselinograd)": as its head
        root = _first_conjunct(root.head)
    dep, head = root.dep_, root.head
    if dep in ("nsubj", "nsubjpass") and head.lemma_ in PLACE_SUBJECT_VERBS:
        return True  # "Kabul falls to the Taliban"
    if dep in ("nsubj", "nsubjpass", "csubj", "agent", "poss", "npadvmod") and head is not root:
        return False
    if dep == "compound":  # "the Dushanbe government" acts; "Kabul airport" is a place
        return not (head.pos_ in ("NOUN", "PROPN") and head.lower_ in GOVERNING_NOUNS)
    if dep == "pobj" and head is not root:
        prep, governor = head.lower_, head.head
        if prep in ("with", "against", "by", "between", "on", "for", "than"):
            return False  # "talks with Moscow", "pressure on Dushanbe", "backed by Beijing"
        if prep == "from" and governor.lower_ in FROM_ACTOR_NOUNS:
            return False  # "loans from Beijing"
        if prep == "of" and (governor.lower_ in GOVERNING_NOUNS or governor.lower_ in FROM_ACTOR_NOUNS):
            return False  # "the new rulers of Kabul", "the support of Tashkent"
        if prep in LOCATION_PREPS and (governor.lemma_.lower() in ALIGNMENT_WORDS or governor.lower_ in ALIGNMENT_WORDS):
            return False  # "rallied around Moscow", "drifted towards Beijing", "loyal to Moscow"
        if prep in LOCATION_PREPS:  # "officials in Moscow", "the government in Kabul" act
            return governor.lower_ not in PEOPLE_HEADS and governor.lower_ not in GOVERNING_NOUNS
        return True
    if dep in ("dobj", "obj", "dative", "attr"):
        return head.lemma_ in MOTION_VERBS
    return True
