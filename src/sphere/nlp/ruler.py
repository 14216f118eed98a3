"""The knowledge-base entity ruler: a spaCy component that finds every KB alias in a Doc.

It runs before the statistical NER and sets the names it finds as entities, so the model keeps
them and fills in around them (spaCy's NER respects preset entities). It finds what the model
misses or splits: demonyms ("Tajiks"), organs ("Kremlin", "Pentagon"), transliterations ("ODKB"),
bases ("201st base"), old names ("Kurgan-Tyube").

Matching is on lower-cased tokens; a match must then keep the alias's case where case matters:
short acronyms only as written ("US" but not "us"), capitalised aliases only capitalised
("Turkey" the state, not "turkey"), all-caps text allowed ("DUSHANBE --" datelines), and names
of organs, units and organisations of three words or more in lower case too ("the central
military district"). Matches inside a blocked phrase (an outlet's name, "Russian roulette") are
dropped, unless the phrase is itself a KB name; then the longest of overlapping matches wins. Each entity carries the alias key in `kb_id_` for the resolver.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..kb import KnowledgeBase, load_kb
from ..kb.normalise import alias_key, fold_accents
from .words import words

RULER_NAME = "sphere_kb_ruler"

# spaCy labels for what an alias stands for (the resolver decides the code; this is for NER)
ROLE_LABELS = {
    "name": "GPE", "demonym": "NORP", "capital": "GPE", "place": "GPE", "organ": "ORG",
    "igo": "ORG", "group": "ORG", "org": "ORG", "person": "PERSON", "unit": "FAC",
    "short-unit": "GPE",
}
BLOCK = "BLOCK"
# a name of this many words or more may be written in lower case ("the central military
# district"): for organs, units and organisations, whose long names are no common phrase
LOWER_NAME_TOKENS = 3
LOWER_ROLES = frozenset({"organ", "unit", "igo", "group"})
BLOCKED_KEY = "sphere_blocked"  # Doc.user_data: token ranges of blocked phrases
# capitalised words that follow a place name without making it a person's first name
PLACE_NOUNS = words("place_nouns")


def case_fits(alias: str, text: str, case_sensitive: bool) -> bool:
    """Does the matched text keep the alias's case where it matters?"""
    if case_sensitive:
        return text == alias or fold_accents(text) == fold_accents(alias)
    if text.isupper() and len(text) > 3:
        return True
    # every word the alias capitalises is capitalised in the text: "Turkey" not "turkey",
    # "Panj River" (a name) not "Panj river" (the Panj, then a common noun)
    # ("central Asia" passes: a lower-case first word is fine when a later word is a name)
    words, got = alias.split(), text.split()
    if len(words) != len(got):
        words, got = words[:1], got[:1]

    def initial(word: str) -> bool:
        return next((c for c in word if c.isalpha()), "").isupper()

    wanted = [initial(w) for w in words]
    have = [initial(w) for w in got]
    if any(w and not h for w, h in zip(wanted[1:], have[1:], strict=True)):
        return False
    return not wanted[0] or have[0] or any(wanted[1:])


class KBRuler:
    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, str] = {}
        surfaces: dict[str, list] = {}
        for surface in kb.patterns():
            for variant in {surface, fold_accents(surface), surface.replace("'", "\u2019")}:
                surfaces.setdefault(alias_key(surface), []).append(variant)
        for key, variants in surfaces.items():
            docs = list(nlp.tokenizer.pipe(dict.fromkeys(variants)))
            self.matcher.add(key, docs)
            self.keys[nlp.vocab.strings[key]] = key
        blockers = list(nlp.tokenizer.pipe(sorted(kb.blockers)))
        self.matcher.add(BLOCK, blockers)

    def __call__(self, doc: Doc) -> Doc:
        spans, blocked = [], []
        for match_id, start, end in self.matcher(doc):
            if match_id == doc.vocab.strings[BLOCK]:
                if alias_key(doc[start:end].text) not in self.kb.alias_targets:
                    blocked.append((start, end))  # an outlet named like an organ hides nothing
                continue
            key = self.keys[match_id]
            targets = self.kb.alias_targets[key]
            text = doc[start:end].text
            forms = self.kb.surfaces[key]
            if not any(case_fits(form, text, t.case_sensitive) for t in targets for form in forms) and not (
                end - start >= LOWER_NAME_TOKENS and text.islower() and any(t.role in LOWER_ROLES for t in targets)
            ):
                continue
            if end - start == 1 and key in self.kb.given_names and self._first_name(doc, start):
                continue
            label = ROLE_LABELS.get(targets[0].role, "ORG")
            spans.append(Span(doc, start, end, label=label, kb_id=key))
        if blocked:
            # a blocked phrase hides the names inside it; one that is itself a KB alias (an
            # outlet named after an organ, "Russian Defence Ministry") stays an entity
            spans = [
                s for s in spans
                if not any(b <= s.start and s.end <= e and (s.start, s.end) != (b, e) for b, e in blocked)
            ]
        spans = filter_spans(spans)
        doc.set_ents(spans, default="unmodified")
        doc.user_data[BLOCKED_KEY] = blocked  # the resolver ignores what the model finds there
        return doc

    def _first_name(self, doc: Doc, i: int) -> bool:
        """A place name that is also a given name (`given_names` in blockers.yaml) right before
        a capitalised proper noun that is neither a KB name, a title nor a place word is a first
        name ("By Sofia Lebedeva", "Chad Smith"): the model may then tag the person."""
        if i + 1 >= len(doc):
            return False
        nxt = doc[i + 1]
        return (
            nxt.is_title and nxt.pos_ == "PROPN" and not nxt.is_sent_start
            and nxt.lower_ not in PLACE_NOUNS and not doc[i].whitespace_ == ""
            and self.kb.sector_term(nxt.text) is None and not self.kb.targets(nxt.text)
        )


@Language.factory(RULER_NAME)
def make_kb_ruler(nlp: Language, name: str) -> KBRuler:
    return KBRuler(nlp, load_kb())
