"""The web layer reads the store: importing it never loads the NLP models' libraries."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_web_layer_loads_no_nlp_library():
    code = ("import sys, sphere.api, sphere.export, sphere.cli.serve, sphere.cli.export; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'thinc', 'torch', 'natasha', 'pymorphy2'}))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
