"""The NLP word lists are data: every list has its use and source, and a bad file says so."""

from __future__ import annotations

import pytest
import yaml

from sphere.errors import ConfigError
from sphere.nlp import words as words_module


def test_words_every_list_has_use_source_and_words():
    data = yaml.safe_load(words_module.WORDS_FILE.read_text(encoding="utf-8"))
    lists = {k: v for k, v in data.items() if k != "version"}
    assert len(lists) >= 10
    for name, entry in lists.items():
        assert entry["use"] and entry["source"] and entry["words"], name
        assert all(w == w.lower() for w in map(str, entry["words"])), f"{name}: words are lower case"


def test_words_lookup_and_a_missing_list():
    assert "visit" in words_module.words("motion_verbs")
    with pytest.raises(ConfigError, match="context_words.yaml: no word list 'nope'"):
        words_module.words("nope")


def test_words_bad_file_names_the_file(tmp_path, monkeypatch):
    bad = tmp_path / "context_words.yaml"
    bad.write_text("motion_verbs: {words: [visit]}\n", encoding="utf-8")  # no source
    monkeypatch.setattr(words_module, "WORDS_FILE", bad)
    words_module._lists.cache_clear()
    try:
        with pytest.raises(ConfigError, match="context_words.yaml: list 'motion_verbs' needs"):
            words_module.words("motion_verbs")
    finally:
        monkeypatch.undo()
        words_module._lists.cache_clear()
