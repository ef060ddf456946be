"""Every command's ``--help`` renders as plain text a user can read: no type labels such
as ``<bool>``, no reStructuredText backticks, no markup eaten, and the main commands show
examples."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from newstrace.cli import app

#: What must never reach a help screen: typer's type labels, RST, unbalanced markup.
_RESIDUE = ("``", "<bool>", "<str>", "<int>", "<float>", "<path>", "<dir>", "<list",
            "{PATH", "[/", "\b")


def _commands() -> list[list[str]]:
    found: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        found.append(path)
        if hasattr(command, "commands"):  # a group (typer vendors click's classes)
            for name, sub in sorted(command.commands.items()):
                walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "newstrace")
def test_help_has_no_markup_residue(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert not [r for r in _RESIDUE if r in result.output], result.output


def test_help_keeps_square_brackets_and_shows_examples() -> None:
    runner = CliRunner()
    trace = runner.invoke(app, ["trace", "--help"], terminal_width=100).output
    assert "extra [minilm]" in trace  # once eaten as a rich style tag: "extra )."
    assert "Usage: newstrace trace [OPTIONS] PATH..." in trace
    for command in ("trace", "add", "query"):
        text = runner.invoke(app, [command, "--help"], terminal_width=100).output
        assert "Examples:" in text and f"newstrace {command} " in text.split("Examples:")[1]


def test_query_help_does_not_promise_to_create_the_index() -> None:
    text = CliRunner().invoke(app, ["query", "--help"], terminal_width=100).output
    assert "created if missing" not in text
