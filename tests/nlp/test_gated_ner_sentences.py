"""The model's NER runs only on the sentences where a name the KB does not know may be
(nlp/gated_ner.py), and the stage's coded mentions stay what the NER on every sentence gives."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from sphere.config import ner_everywhere
from sphere.nlp.gated_ner import GATED_NER, pieces_to_name


@contextmanager
def ner_on_every_sentence(nlp):
    """The session's pipeline with the model's own NER instead of the gated one, for a while."""
    nlp.disable_pipe(GATED_NER)
    nlp.enable_pipe("ner")
    try:
        yield nlp
    finally:
        nlp.disable_pipe("ner")
        nlp.enable_pipe(GATED_NER)


def sent_to_model(nlp, text: str) -> bool:
    with nlp.select_pipes(disable=[GATED_NER]):
        doc = nlp(text)
    return bool(pieces_to_name(doc, nlp.get_pipe(GATED_NER).skip))


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia and Tajikistan signed an agreement in Dushanbe on Friday.", False),  # all KB names, a day
    ("Russian Defence Minister Sergei Shoigu met President Emomali Rahmon in Moscow.", False),  # office words
    ("Mr Putin said in March that the CSTO would send troops.", False),
    ("Lithuanian President Gitanas Nauseda visited Dushanbe.", True),  # a person the KB does not know
    ("Georgian troops shelled Tskhinval.", True),  # a name the tagger calls an adjective
    ("the troops shelled tskhinval and left.", True),  # lower-cased text: the model decides
    ("Russia sent troops. Then Olga Petrenko spoke.", True),  # one sentence of two is enough
])
def test_gated_ner_sends_sentences_with_unknown_names(nlp, text, expected):
    assert sent_to_model(nlp, text) is expected


def test_gated_ner_pieces_are_the_sentences_with_names(nlp):
    text = "Russia sent troops to Tajikistan. Olga Petrenko said so. Kyrgyzstan agreed. Ivan Sidorov left."
    with nlp.select_pipes(disable=[GATED_NER]):
        doc = nlp(text)
    pieces = [doc[s:e].text for s, e in pieces_to_name(doc, nlp.get_pipe(GATED_NER).skip)]
    assert pieces == ["Olga Petrenko said so.", "Ivan Sidorov left."]


@pytest.mark.parametrize("text", [
    "Lithuanian President Gitanas Nauseda met Vladimir Putin in Moscow. Russia and Kazakhstan signed a pact.",
    "The Kremlin said Olga Petrenko of the Eurasian Institute for Steppe Studies would visit Almaty on Monday.",
    "Troops of the 201st base held drills near Kulob; commander Rustam Nazarov and Abdullo Karimov watched.",
])
def test_gated_ner_finds_the_names_the_full_ner_finds(nlp, text):
    names = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
    gated = {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents if e.label_ in names}
    with ner_on_every_sentence(nlp):
        full = {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents if e.label_ in names}
    assert gated == full


def test_gated_ner_same_coded_mentions_as_full_ner_on_demo_corpus(nlp, corpus_documents):
    from sphere.nlp import pipe_documents

    def coded(parsed):
        return sorted((m.doc_id, m.start, m.end, m.code, m.kind) for p in parsed for m in p.mentions() if m.code)

    gated = coded(pipe_documents(corpus_documents))
    with ner_on_every_sentence(nlp):
        full = coded(pipe_documents(corpus_documents))
    assert len(gated) > 500
    assert gated == full


def test_gated_ner_off_with_sphere_ner_all(monkeypatch):
    from sphere.nlp.english import load_nlp

    monkeypatch.setenv("SPHERE_NER", "all")
    assert ner_everywhere()
    nlp = load_nlp.__wrapped__()  # a fresh pipeline, not the session's cached one
    assert "ner" in nlp.pipe_names and GATED_NER not in nlp.pipe_names
    monkeypatch.setenv("SPHERE_NER", "")
    assert not ner_everywhere()


def test_gated_ner_reads_a_doc_without_sentence_boundaries_as_one_sentence(nlp):
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):  # no parser: no sentence boundaries
        doc = nlp("the troops shelled tskhinval and left. then they came back.")
    assert not doc.has_annotation("SENT_START")
    assert pieces_to_name(doc, nlp.get_pipe(GATED_NER).skip) == [(0, len(doc))]
