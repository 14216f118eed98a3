"""Which command lines start the workers' fork server before the command line is imported."""

from __future__ import annotations

import pytest
import typer

from sphere.cli.early import NOT_ANALYSING, VALUE_OPTIONS, ingest_inputs


@pytest.mark.parametrize(("argv", "inputs"), [
    (["/venv/bin/sphere", "ingest", "corpus/", "more.txt"], ["corpus/", "more.txt"]),
    (["sphere", "ingest", "--db", "sqlite:///x.db", "corpus/", "--max-size", "5MB"], ["corpus/"]),
    (["sphere", "ingest", "--db=sqlite:///x.db", "--no-progress", "corpus/"], ["corpus/"]),
    (["sphere", "ingest", "corpus/", "--no-analyse"], None),  # nothing to analyse
    (["sphere", "ingest", "--help"], None),
    (["sphere", "events", "--db", "x"], None),  # another command
    (["/usr/bin/pytest", "ingest", "corpus/"], None),  # not the sphere script
    (["sphere"], None),
])
def test_ingest_inputs_of_a_command_line(argv, inputs):
    assert ingest_inputs(argv) == inputs


def test_the_options_taking_a_value_are_those_of_the_ingest_command():
    from sphere.cli.app import app

    command = typer.main.get_command(app).commands["ingest"]
    given = [p for p in command.params if p.param_type_name == "option"]  # Typer's own click: no isinstance
    options = {o for p in given if not p.is_flag for o in p.opts}
    flags = {o for p in given if p.is_flag for o in (*p.opts, *p.secondary_opts)}
    assert options == VALUE_OPTIONS
    assert NOT_ANALYSING - {"--help"} <= flags
