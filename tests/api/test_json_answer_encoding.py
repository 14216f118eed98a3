"""API answers are encoded by orjson, with the json module behind it: the same JSON either way."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from sphere.api.payloads import encode_json


@pytest.mark.parametrize(
    "content",
    [
        {"items": [{"id": "e1", "date": date(2021, 8, 5), "text": "Душанбе — «учения»"}], "total": 1},
        {"nested": [[1, 2.5, None, True], {"when": datetime(2021, 8, 5, 12, 30)}], "empty": {}},
        ["a", ("tuple", "as", "list"), 0],
    ],
)
def test_orjson_answers_match_the_json_module(content):
    expected = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=lambda v: v.isoformat())
    assert encode_json(content) == expected.encode()


@pytest.mark.parametrize("content", [{1: "a non-string key"}, {"big": 2**70}])
def test_what_orjson_refuses_goes_through_json(content):
    assert json.loads(encode_json(content)) == json.loads(json.dumps(content))


def test_unencodable_values_still_fail():
    with pytest.raises(TypeError):
        encode_json({"x": object()})
