"""Docs are tested: every command and option of the CLI is in docs/cli.md, and the README's
two commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

import typer.main

from newstrace.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text()
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert commands
    for name, command in _walk(commands, "newstrace"):
        assert f"`{name}" in doc, name
        for param in command.params:
            if type(param).__name__ == "TyperOption":
                assert any(f"`{opt}" in doc for opt in param.opts), (name, param.opts)


def _walk(commands: dict, prefix: str):  # type: ignore[type-arg]
    for name, command in commands.items():
        sub = getattr(command, "commands", None)
        if sub:
            yield from _walk(sub, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = ci.strip().splitlines()[-1]
    assert test_command in readme
