"""The held-out event sets stay valid: schema, verbatim evidence at its offsets, gold rebuilt
from its annotations. Only validity is checked here; their scores are a measure, never a floor
(a floor would invite tuning to them: see eval/heldout*/README.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[2] / "eval"


@pytest.mark.parametrize("folder", ["heldout", "heldout2"])
def test_heldout_set_passes_its_checker(folder):
    checker = EVAL / folder / "check.py"
    if not checker.exists():
        pytest.skip(f"{checker} is not there")
    proc = subprocess.run([sys.executable, str(checker)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
