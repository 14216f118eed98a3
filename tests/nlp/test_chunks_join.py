"""A long unit parsed in pieces is one Doc again, with the entity ruler's blocked ranges kept."""

from __future__ import annotations

import warnings

from sphere.nlp.chunks import join_docs
from sphere.nlp.ruler import BLOCKED_KEY


def test_chunks_join_keeps_blocked_ranges_shifted(nlp):
    first = "Rahmon met Putin in Moscow on Monday.\n\n"
    second = "The Moscow Times and Asia-Plus reported the talks."
    docs = list(nlp.pipe([first, second]))
    own = [list(d.user_data.get(BLOCKED_KEY, ())) for d in docs]
    assert own[1], "the outlet names of the second piece are blocked phrases"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no W102 "Skipping unsupported user data"
        joined = join_docs(docs)
    assert joined.text == first + second
    shift = len(docs[0])
    assert joined.user_data[BLOCKED_KEY] == own[0] + [(s + shift, e + shift) for s, e in own[1]]
    for s, e in joined.user_data[BLOCKED_KEY]:
        assert joined[s:e].text in ("The Moscow Times", "Moscow Times", "Asia-Plus")
