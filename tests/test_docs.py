"""Every command is documented in the README and has help; the README's two commands are the real ones."""

import re

import pytest
import typer.main

from claimpipe.cli import app
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    click_group = typer.main.get_command(group) if not hasattr(group, "commands") else group
    for name, command in sorted(click_group.commands.items()):
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


@pytest.mark.parametrize("path, command", list(_commands(app)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_docs_every_command_has_help_and_is_in_readme(path, command):
    assert (command.help or "").strip(), f"claimpipe {' '.join(path)} has no help"
    assert f"claimpipe {' '.join(path)}" in README, f"claimpipe {' '.join(path)} is not in the README"


def test_docs_readme_commands_match_scripts_and_ci():
    assert "./scripts/setup.sh && .venv/bin/claimpipe extract corpus/" in README
    assert "./scripts/test.sh" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_docs_no_placeholders_left():
    assert not re.search(r"[A-Z]+_PLACEHOLDER", README)
