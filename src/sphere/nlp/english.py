"""The English pipeline with Sphere's entity ruler, loaded once per process.

    en_core_web_sm: tok2vec, tagger, parser, attribute_ruler*, lemmatizer*, [sphere_kb_ruler], ner

The event stage needs lemmas and the dependency parse, so nothing of the model is disabled; the
ruler sits before `ner` so that the model respects the names the knowledge base knows.
*: the model's own components behind a memory of their answers per word form (`memo_tags`):
the same tags and lemmas at a sixth of the cost.
"""

from __future__ import annotations

from functools import cache

from .ruler import RULER_NAME

MAX_CHARS = 1_100_000  # spaCy's max_length; units are split into chunks far below it anyway


@cache
def load_nlp():
    """The English pipeline with the KB entity ruler (cached per process)."""
    import spacy

    from .memo_tags import use_remembered_tags
    from .model import model_package

    nlp = use_remembered_tags(spacy.load(model_package()))
    nlp.add_pipe(RULER_NAME, before="ner")
    nlp.max_length = MAX_CHARS
    return nlp
