"""The English pipeline with Sphere's entity ruler, loaded once per process.

    en_core_web_sm: tok2vec, tagger, parser, attribute_ruler*, lemmatizer*, [sphere_kb_ruler],
                    ner** -> [sphere_gated_ner]

The event stage needs lemmas and the dependency parse, so the tagger and parser run everywhere;
the ruler sits before the NER so that the model respects the names the knowledge base knows.
*: the model's own components behind a memory of their answers per word form (`memo_tags`):
the same tags and lemmas at a sixth of the cost.
**: the model's NER (more than half of the pipeline's time) runs only on the sentences where a
proper noun is left once the ruler has named what the KB knows (`gated_ner`); with
SPHERE_NER=all (`config.ner_everywhere`) it runs on every sentence, as the model ships.
"""

from __future__ import annotations

from functools import cache

from ..config import ner_everywhere
from .gated_ner import GATED_NER
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
    if not ner_everywhere():
        nlp.add_pipe(GATED_NER, after="ner")
        nlp.disable_pipe("ner")  # the gated component runs it, on its sentences
    nlp.max_length = MAX_CHARS
    return nlp
