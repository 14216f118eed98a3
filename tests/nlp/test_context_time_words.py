"""is_time_word: a date told from its words, for sentences the NER did not read."""

import pytest

from sphere.nlp.context import is_time_word


@pytest.mark.parametrize(("text", "index", "expected"), [
    ("The drills began in March .", 4, True),
    ("They staged a march in Bishkek .", 3, False),  # lower case: the protest, not the month
    ("Talks went on for years .", 4, True),
    ("The war ended in 2008 .", 4, True),
    ("They sent 300 soldiers .", 2, False),
    ("Troops arrived on Friday .", 3, True),
    ("Troops arrived in Dushanbe .", 3, False),
])
def test_is_time_word(nlp, text, index, expected):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=text.split())
    assert is_time_word(doc[index]) is expected
