"""The web sample database (tests/api/webdata.py: five events with outlets and a copy) for the
commands that read stored events."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # the sample database builder
from webdata import build_sample  # noqa: E402


@pytest.fixture(scope="session")
def events_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-events') / 'sample.db'}"
    build_sample(url)
    return url
