"""The outlet registry: every fact sourced, outlets found by URL, name and text, never guessed."""

from __future__ import annotations

import pytest

from sphere.errors import ConfigError
from sphere.kb.outlets import FACTS, find_outlet, load_outlets, read_registry


def test_outlets_registry_every_fact_has_a_source():
    outlets = load_outlets()
    assert len(outlets) >= 40
    for o in outlets:
        for fact in FACTS:
            value = getattr(o, fact)
            if value not in (None, (), ""):
                assert o.source_of(fact), (o.id, fact)
        if o.fictional:
            assert o.source_of("name") == "Sphere demo corpus"


@pytest.mark.parametrize(
    "outlet_id, fact, words",
    [
        ("caravanserai", "sponsor", "central command"),
        ("politnavigator", "slant", "pro-kremlin"),
        ("wsws", "sponsor", "fourth international"),
    ],
)
def test_outlets_registry_states_the_known_sponsors_and_slants(outlet_id, fact, words):
    o = {o.id: o for o in load_outlets()}[outlet_id]
    assert words in getattr(o, fact).lower()


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"url": "http://central.asia-news.com/en_GB/articles/cnmi_ca/features/2018/01/29/feature-03"}, "caravanserai"),
        ({"url": "https://www.newyorker.com/news/news-desk/x"}, "new-yorker"),
        ({"url": "https://en.inform.kz/news/x"}, "kazinform"),
        ({"url": "rus.azattyq.org/a/123.html"}, "rferl"),
        ({"url": "https://www.eurasiawire.net/security/2021/08/10/x"}, "demo-eurasia-wire"),
        ({"name": "STEPPE HERALD"}, "demo-steppe-herald"),
        ({"name": "The Daily Telegraph"}, "the-telegraph"),
        ({"name": "Газета.Ru"}, "gazeta-ru"),
        ({"name": "ria.ru"}, "ria-novosti"),
        ({"text": "Caravanserai\nPolitics\n\nSome headline"}, "caravanserai"),
        ({"text": "A quoted paragraph.\nSource: Steppe Herald"}, "demo-steppe-herald"),
        ({"text": "Long quote ends here, the report said. https://thediplomat.com/2018/04/x/"}, "the-diplomat"),
        # the URL outranks a name that disagrees with it
        ({"url": "https://wsws.org/en/articles/x", "name": "Reuters"}, "wsws"),
    ],
)
def test_outlets_find_by_url_name_and_text(kwargs, expected):
    hit = find_outlet(**kwargs)
    assert hit is not None and hit.id == expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"url": "https://example.org/news/1"},
        {"url": "not a url"},
        {"name": "Some Local Blog"},
        # a name inside the prose is a quotation, not a byline
        {"text": "Parviz Rasulov, a former army captain, told Caravanserai that it was so, and more words."},
        {"text": "Putin called Kazinform reported on the talks with many other words in one line."},
        # a URL in the middle of prose is a citation, not the item's own address
        {"text": "As https://tass.com/politics/1 reported, the talks went on.\nMore text follows here."},
    ],
)
def test_outlets_unknown_is_none_never_a_guess(kwargs):
    assert find_outlet(**kwargs) is None


@pytest.mark.parametrize(
    "yaml_text, problem",
    [
        ("outlets:\n- id: x\n  name: X\n  country: USA\n", "no source"),
        ("outlets:\n- id: X Y\n  name: X\n", "slug"),
        ("outlets:\n- id: x\n  name: X\n  colour: red\n  source: s\n", "unknown field"),
        ("outlets:\n- {id: a, name: A, domains: [a.com], source: s}\n- {id: b, name: B, domains: [a.com], source: s}\n", "twice"),
        ("- just a list\n", "outlets:"),
        ("outlets: [\n", "cannot read"),
    ],
)
def test_outlets_bad_registry_names_file_and_problem(tmp_path, yaml_text, problem):
    path = tmp_path / "outlets.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_registry(path)
    assert str(path) in str(err.value) and problem in str(err.value)
