"""The model's attribute ruler and lemmatizer, remembered per word form: same output, less work.

In `en_core_web_sm` the `attribute_ruler` (tag -> POS and morphology, 179 Matcher patterns) cost
as much as the whole shared tok2vec, and the lemmatizer a fifth of that, for answers that depend
on a handful of things: a one-token pattern looks at the token's form, tag and dependency label
only, and a lemma is a function of the form, POS and morphology. So each answer is worked out
once, by the model's own components, and remembered:

- `MemoAttributeRuler`: the matches of the one-token patterns per (form, tag, dep); the few
  patterns spanning two tokens ("gon na", "there is") still run in a small Matcher; all matches
  are applied by the model's ruler itself (`set_annotations`), in its order.
- `MemoLemmatizer`: the lemma per (form, POS, morphology), asked of the model's lemmatizer the
  first time (its own cache skips base forms, the most common case, so it recomputes them); its
  word index is made of sets instead of lists, which it searches one by one.

tests/nlp/test_memo_tags_same_output.py checks every token of the seeds, the demo corpus and the
GSR sentences against the model's components.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs  # what the AttributeRuler itself applies

# a cap on remembered answers per process (a word form, tag and label each: ~100 bytes)
MAX_REMEMBERED = 500_000


class MemoAttributeRuler:
    """The model's AttributeRuler, with its one-token patterns matched once per word form."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.single = Matcher(ruler.vocab)
        self.spanning = Matcher(ruler.vocab)
        for index in range(len(ruler.attrs)):
            key = str(index)
            _, patterns = ruler.matcher.get(key)
            ones = [p for p in patterns if len(p) == 1]
            longer = [p for p in patterns if len(p) != 1]
            if ones:
                self.single.add(key, ones)
            if longer:
                self.spanning.add(key, longer)
        # (form, tag, dep) -> (its one-token matches in the ruler's order, what they set together)
        self.remembered: dict[tuple[int, int, int], tuple[tuple[tuple[int, int], ...], dict]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not (doc.has_annotation("TAG") and doc.has_annotation("DEP")):
            return self.ruler(doc)  # what the one-token answers assume is missing
        spanning = [(int(self.vocab.strings[m]), m, s, e) for m, s, e in self.spanning(doc, allow_missing=True)]
        # the tokens a two-token pattern sets: all their matches go through the ruler, in its order
        touched = {self.target(attr_id, s, e) for attr_id, _, s, e in spanning}
        matches = [m for m in spanning if self.target(m[0], m[2], m[3]) in touched]
        for token in doc:
            key = (token.orth, token.tag, token.dep)
            found = self.remembered.get(key) or self.one_token_matches(token.text, token.tag, token.dep)
            if token.i in touched:
                matches += [(attr_id, match_id, token.i, token.i + 1) for attr_id, match_id in found[0]]
            elif found[1]:
                # the other tokens get what their one-token matches set, later ones winning: each
                # attribute is one assignment (`set_token_attrs`), so all at once is the same
                set_token_attrs(token, found[1])
        if matches:
            matches.sort()  # the ruler's order: later patterns take precedence
            self.ruler.set_annotations(doc, matches)
        return doc

    def target(self, attr_id: int, start: int, end: int) -> int:
        """The token a match of pattern `attr_id` over [start, end) sets (its index may count from the end)."""
        index = self.ruler.indices[attr_id]
        return start + index if index >= 0 else end + index

    def one_token_matches(self, text: str, tag: int, dep: int) -> tuple[tuple[tuple[int, int], ...], dict]:
        probe = Doc(self.vocab, words=[text], spaces=[False])
        probe[0].tag, probe[0].dep = tag, dep
        found = tuple(sorted((int(self.vocab.strings[m]), m) for m, _, _ in self.single(probe, allow_missing=True)))
        merged: dict = {}
        for attr_id, _ in found:
            merged.update(self.ruler.attrs[attr_id])
        answer = (found, merged)
        if len(self.remembered) < MAX_REMEMBERED:
            self.remembered[(probe[0].orth, tag, dep)] = answer
        return answer

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


class MemoLemmatizer:
    """The model's rule lemmatizer, remembered per (form, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.remembered: dict[tuple[int, int, int], int] = {}
        # the rule lemmatizer asks `form in index` of word lists of up to 57,000 entries: as
        # sets, the same answers without a scan (a first-seen word cost ~100 microseconds)
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos, words in list(index.items()):
                if isinstance(words, list):
                    index[pos] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.lemma != 0:  # set by the attribute ruler ("gonna"): kept, as the model does
                continue
            key = (token.orth, token.pos, token.morph.key)
            lemma = self.remembered.get(key)
            if lemma is None:
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]
                if len(self.remembered) < MAX_REMEMBERED:
                    self.remembered[key] = token.lemma
            else:
                token.lemma = lemma
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


MEMO_FACTORIES = {"attribute_ruler": "sphere_memo_attribute_ruler", "lemmatizer": "sphere_memo_lemmatizer"}


@Language.factory("sphere_memo_attribute_ruler", default_config={"model_component": "model_attribute_ruler"})
def make_memo_attribute_ruler(nlp: Language, name: str, model_component: str) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.get_pipe(model_component))


@Language.factory("sphere_memo_lemmatizer", default_config={"model_component": "model_lemmatizer"})
def make_memo_lemmatizer(nlp: Language, name: str, model_component: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe(model_component))


def use_remembered_tags(nlp: Language) -> Language:
    """Put the remembering wrappers in place of the model's attribute ruler and lemmatizer
    (same names, same positions); the model's own stay loaded, disabled, under `model_<name>`."""
    for name, factory in MEMO_FACTORIES.items():
        if name not in nlp.pipe_names or nlp.get_pipe_meta(name).factory == factory:
            continue
        original = f"model_{name}"
        nlp.rename_pipe(name, original)
        nlp.add_pipe(factory, name=name, after=original, config={"model_component": original})
        nlp.disable_pipe(original)
    return nlp
