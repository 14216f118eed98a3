"""`sphere events` and `sphere export` check --since/--until as `sphere docs` does: a value that
is not a real YYYY, YYYY-MM or YYYY-MM-DD date is a usage error naming the option and the value
(exit 2), not a silent filter that matches the wrong events."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sphere.cli import app

COMMANDS = {"events": ["events", "--format", "jsonl"], "export": ["export", "--format", "jsonl"]}
BAD = {
    "garbage": "is not a date",
    "2021-13": "month 13 does not exist",
    "2021/05": "is not a date",
    "2021-02-30": "has no day 30",
    "2021-00": "month 0 does not exist",
    "2021-8": "is not a date",
    "21": "is not a date",
}


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # Typer's error box is not wrapped mid-message


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("value", sorted(BAD))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_bad_date_option_is_a_usage_error(events_db, command, option, value):
    result = CliRunner().invoke(app, [*COMMANDS[command], option, value, "--db", events_db])
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert option in out and repr(value) in out and BAD[value] in out
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in out
    assert '"id"' not in result.output  # nothing was written


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("since,until,expected", [
    ("2021-08", "2021-08", {"ev-drills", "ev-aid"}),
    ("2021", "2021-02-24", {"ev-call", "ev-warn"}),
    ("2021-08-11", None, {"ev-aid", "ev-attack"}),  # a month-precise event may fall on or after the day
    ("2020-02-29", "2021-02-28", {"ev-call", "ev-warn"}),  # a leap day is a day
])  # fmt: skip
def test_good_date_options_filter(events_db, command, since, until, expected):
    args = [*COMMANDS[command], "--since", since, *(["--until", until] if until else []), "--db", events_db]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    ids = {json.loads(line)["id"] for line in result.stdout.splitlines() if line.startswith("{")}
    assert ids == expected
