"""Line classes: furniture, metadata lines and text shapes."""

from __future__ import annotations

import pytest

from sphere.segment.lines import classify, is_outlet_name, split_lines


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Reply", "reply"),
        ("Like Reply", "reply"),
        ("Likes Received: 1,380", "forum"),
        ("Likes Received:", "forum"),
        ("Joined: Mar 3, 2016", "forum"),
        ("Messages: 2,114", "forum"),
        ("Sent from my iPhone using Tapatalk", "signature"),
        ("14 Comment(s)", "comments"),
        ("Comments (3)", "comments"),
        ("Comment Policy * Denotes Required Field 1500 / 1500", "comments"),
        ("Share This Page", "end"),
        ("No comments:", "end"),
        ("Tags:", "end"),
        ("(c) 2021 Steppe Herald. All rights reserved.", "end"),
        ("Subscribe to our newsletter", "boiler"),
        ("Views: 5508", "boiler"),
        ("Mon Tues Wed Thurs Fri Sat Total", "boiler"),
        ("6789101112", "boiler"),
        ("Forums > Regions > Central Asia >", "boiler"),
        ("About us | Advertise | Contact | Privacy", "boiler"),
        ("..............................", "separator"),
        ("—————————", "separator"),
        ("* * * * * *", "separator"),
        ("https://www.example.org/a/b", "url"),
        ("Source: https://www.example.org/a/b", "url"),
        ("19.05.2021 09:26", "date"),
        ("By Marat Seitkali", "byline"),
        ("Автор: Алексей Громов", "byline"),
        ("TermezWatcher, Aug 12, 2021", "byline"),
        ("Discussion in 'Central Asia' started by TermezWatcher, Aug 12, 2021.", "thread"),
        ("1. Yusuf", "postno"),
        ("#12", "postno"),
        ("Author column, Armed forces, Zen, CSTO, Policy, Russia, middle Asia", "tags"),
        ("Russia also participated in joint counter-terrorism exercises in March, Shoigu said.", "prose"),
        ("Drills on the Afghan frontier end with a show of allied firepower", "title"),
        ("Clara Weiss", "name"),
        ("kgz_observer", "name"),
    ],
)
def test_lines_classes(line, kind):
    assert classify(line)[0] == kind


@pytest.mark.parametrize(
    "name, outlet", [("Pamir Watch", True), ("STEPPE HERALD", True), ("Евразийский обозреватель", True), ("Clara Weiss", False), ("Ainur Kurmanov.", False)]
)
def test_lines_outlet_names(name, outlet):
    assert is_outlet_name(name) is outlet


def test_lines_offsets_point_into_the_text():
    text = "  Title here now\n\n\tBody line.  \n"
    for line in split_lines(text):
        assert text[line.start : line.end] == line.text


@pytest.mark.parametrize(("text", "message"), [
    ("cues: [{role: boiler, pattern: 'x', source: y}]\n", "cannot read the page cues (KeyError"),
    ("cues: [{role: nonsense, pattern: 'x', source: y}]\nmember_titles: {words: []}\noutlet_words: {words: []}\n", "cue 1: needs a role"),
    ("cues: [{role: boiler, pattern: '(x', source: y}]\nmember_titles: {words: []}\noutlet_words: {words: []}\n", "cue 1: bad pattern"),
])
def test_lines_bad_cue_file_names_itself(tmp_path, text, message):
    from sphere.errors import ConfigError
    from sphere.segment.lines import load_cues

    bad = tmp_path / "page_cues.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"page_cues\.yaml") as err:
        load_cues(bad)
    assert message in str(err.value)
