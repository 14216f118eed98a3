"""Every command of the ingest, documents and entities groups explains itself and each option."""

from __future__ import annotations

import re

import click
import pytest
import typer

from sphere.cli import app

COMMANDS = ["ingest", "resegment", "analyse", "docs", "show", "units", "stats", "entities", "entity",
            "extract-entities"]


def command(name: str) -> click.Command:
    group = typer.main.get_command(app)
    return group.commands[name]


@pytest.mark.parametrize("name", COMMANDS)
def test_ingest_help_command_says_what_it_does(name):
    cmd = command(name)
    assert cmd.help and len(cmd.help.split()) >= 5
    for paragraph in cmd.help.split("\n\n"):  # rich help keeps line breaks: one line per paragraph
        assert "\n" not in paragraph.strip(), f"{name}: a paragraph broken over lines: {paragraph[:60]!r}"


@pytest.mark.parametrize("name", COMMANDS)
def test_ingest_help_every_option_explained(name):
    for param in command(name).params:
        assert getattr(param, "help", None), f"{name} {param.name}: no help"
        if isinstance(param, click.Option) and param.default not in (None, False) and not param.is_flag:
            assert param.show_default is not False, f"{name} {param.name}: default hidden"


@pytest.mark.parametrize("name", COMMANDS)
def test_ingest_help_renders(name):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0 and re.search(r"Usage: .*" + re.escape(name), result.output)
