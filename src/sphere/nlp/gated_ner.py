"""The model's NER, run only on the sentences where it can still find a name.

In `en_core_web_sm` the statistical NER costs more than the rest of the pipeline together (its
own embedding plus a transition parser over every token: ~55% of the pipeline's time here). But
what Sphere keeps of its output is names: persons, organisations and places (`resolve.py`
drops dates, numbers and NORP the KB does not know; the event rules tell a date object from
its words too: `context.is_time_word`), and in a sentence whose every proper noun the
KB ruler has already claimed, the model has nothing left to name. So the sentences run through
the model are those with a proper noun (by the tagger) or a capitalised open-class word the
ruler left (months, days, titles of address and the KB's office words do not count),
plus sentences without any capital letter (lower-cased text, where the tagger's proper nouns are
unreliable); each stretch of consecutive such sentences runs as one piece through the model's
own component, with the ruler's entities preset as they are in the full Doc, and the names found
are copied back. On the bench corpus that is 35% of the tokens (seeds 39%, held-out sets
40-50%), with the same event scores and coded mentions on the development sets (README, "Speed").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..kb import KnowledgeBase, load_kb
from .words import words

GATED_NER = "sphere_gated_ner"
PROPER_TAGS = frozenset({"NNP", "NNPS"})
# a capitalised word inside a sentence the tagger did not call a proper noun may still be a
# name it does not know ("shelled Tskhinval" tags it JJ): open-class tags only
OPEN_TAGS = frozenset({"NN", "NNS", "JJ", "FW", "VBN", "VBG", "UH", "ADD", "XX"})
PIECE_BATCH = 64  # pieces are a sentence or a few: the model batches them by the piece


def not_names(kb: KnowledgeBase) -> frozenset[str]:
    """Proper nouns that name nobody by themselves: months, days, titles of address, and the
    words of the KB's office terms ("President", "Defence", "Ministry"): the resolver reads
    those around the names, from the tokens."""
    office = {word for key in kb.sector_terms for word in key.split()}
    return frozenset(office) | words("calendar_words") | words("no_name_words")


def may_name(sentence: Span, covered: set[int], skip: frozenset[str]) -> bool:
    """Could the model find a name in this sentence that the ruler has not found?"""
    has_capital = False
    for token in sentence:
        if not token.text[:1].isupper():
            continue
        has_capital = True
        if token.i in covered or token.lower_ in skip:
            continue
        if token.tag_ in PROPER_TAGS or (token.tag_ in OPEN_TAGS and not token.is_sent_start):
            return True
    # lower-cased text: the tagger's proper nouns are unreliable there, the model decides
    return not has_capital and any(t.is_alpha for t in sentence)


def pieces_to_name(doc: Doc, skip: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges of the stretches of consecutive sentences that go through the model."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    if not doc.has_annotation("SENT_START"):  # a pipeline without the parser: the Doc is one sentence
        return [(0, len(doc))] if len(doc) and may_name(doc[:], covered, skip) else []
    ranges: list[tuple[int, int]] = []
    for sentence in doc.sents:
        if not may_name(sentence, covered, skip):
            continue
        if ranges and ranges[-1][1] == sentence.start:
            ranges[-1] = (ranges[-1][0], sentence.end)
        else:
            ranges.append((sentence.start, sentence.end))
    return ranges


class GatedNER:
    """Wraps the model's `ner` component (which stays in the pipeline, disabled)."""

    def __init__(self, ner, kb: KnowledgeBase):
        self.ner = ner
        self.skip = not_names(kb)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._name(batch)
                batch = []
        if batch:
            yield from self._name(batch)

    def _name(self, docs: list[Doc]) -> list[Doc]:
        jobs = [(doc, start, end) for doc in docs for start, end in pieces_to_name(doc, self.skip)]
        pieces = [piece_of(doc, start, end) for doc, start, end in jobs]
        found: dict[int, list[Span]] = {}
        for (doc, start, _), piece in zip(jobs, self.ner.pipe(pieces, batch_size=PIECE_BATCH), strict=True):
            found.setdefault(id(doc), []).extend(
                Span(doc, ent.start + start, ent.end + start, label=ent.label)
                for ent in piece.ents if doc[ent.start + start].ent_iob == 0  # not the ruler's
            )
        for doc in docs:
            if found.get(id(doc)):
                doc.set_ents(found[id(doc)], default="unmodified")
        return docs


def piece_of(doc: Doc, start: int, end: int) -> Doc:
    """Tokens [start, end) of `doc` as a new Doc with the ruler's entities preset (the rest of
    the tokens left for the model): all the NER reads is the words (cheaper than `as_doc`)."""
    tokens = doc[start:end]
    iob = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob in (1, 3) else t.ent_iob_ for t in tokens]
    if iob and iob[0].startswith("I-"):  # a name running across the sentence boundary
        iob[0] = "B" + iob[0][1:]
    return Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens], ents=iob)


@Language.factory(GATED_NER)
def make_gated_ner(nlp: Language, name: str) -> GatedNER:
    return GatedNER(nlp.get_pipe("ner"), load_kb())
