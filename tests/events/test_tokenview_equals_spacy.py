"""The event rules' stand-ins for spaCy's tokens (`events.tokenview`) answer as spaCy does:
every attribute the rules read, children, subtree, ancestors, edges and sentence, on real
parses; and releasing a view leaves no references between its tokens."""

from __future__ import annotations

import numpy as np
import pytest

from sphere.events.tokenview import UnitView
from sphere.nlp.english import load_nlp

TEXTS = [
    "Russia and Tajikistan signed an agreement on the deployment of troops in Dushanbe on Friday, the ministry said.",
    "The base, which is stationed near Dushanbe, was not handed over to the Tajik side.  It hosts 7,000 troops!",
    "\"We will never accept it,\" Putin told reporters in Moscow on July 30 - hours after the talks. Kyrgyz "
    "border guards, meanwhile, clashed with Tajik forces.\n\nNo troops were sent.",
    "  Leading spaces, odd tokens: U.S.-led drills (CSTO) ... and 10-day-long exercises that began August 1st.",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def view_of(doc) -> UnitView:
    heads = (doc.to_array("HEAD").astype("int64") + np.arange(len(doc))).tolist()
    return UnitView(doc, heads, list(doc.sents))


def plain(t) -> tuple:
    return (t.i, t.idx, t.text, t.lower_, t.lemma_, t.pos_, t.tag_, t.dep_, t.ent_type_, t.is_punct, len(t), t.head.i)


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_answer_as_spacy(nlp, text):
    doc = nlp(text)
    view = view_of(doc)
    assert len(view) == len(doc)
    for t in doc:
        x = view[t.i]
        assert plain(x) == plain(t)
        for walk in ("children", "subtree", "ancestors", "lefts", "rights"):
            assert [c.i for c in getattr(x, walk)] == [c.i for c in getattr(t, walk)], walk
        assert (x.left_edge.i, x.right_edge.i) == (t.left_edge.i, t.right_edge.i)
        assert (x.sent.start, x.sent.end, x.sent.start_char, x.sent.end_char) == (t.sent.start, t.sent.end, t.sent.start_char, t.sent.end_char)
        assert x.head is view[t.head.i] and x.doc is view
        assert x.like_num == t.like_num  # anything else: spaCy's own token answers
    for sent, sv in zip(doc.sents, view.sents, strict=True):
        assert sv.root is view[sent.root.i]
        assert sv.text == sent.text and len(sv) == len(sent)
        assert [t.i for t in sv] == [t.i for t in sent]
        assert sv[0] is view[sent.start] and sv[-1] is view[sent.end - 1]
    if len(doc) > 3:
        assert view[1:3].text == doc[1:3].text
        assert view.char_span(0, len(doc[0].text)).text == doc[0].text


@pytest.mark.parametrize("text", TEXTS[:3])
def test_release_breaks_references(nlp, text):
    view = view_of(nlp(text))
    toks = list(view.toks)
    view.release()
    assert len(view) == 0 and view.sents == []
    assert all(t.head is None and t.children is None and t.sent is None and t.doc is None for t in toks)
