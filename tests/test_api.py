"""The public API: ``import claimpipe`` is cheap, every name of ``__all__`` resolves, docs/api.md's examples run."""

from __future__ import annotations

import doctest
import importlib
import re
import subprocess
import sys

import pytest

import claimpipe
from conftest import ROOT

API_DOC = ROOT / "docs" / "api.md"


def test_api_import_does_not_import_spacy():
    code = "import sys, claimpipe; print('spacy' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("name", claimpipe.__all__)
def test_api_every_public_name_resolves_to_its_home(name):
    value = getattr(claimpipe, name)
    home = importlib.import_module(claimpipe._LAZY.get(name, "claimpipe.errors"))
    assert value is getattr(home, name)
    assert name in dir(claimpipe)


def test_api_other_names_stay_submodules_or_fail():
    from claimpipe import lexicon  # a submodule, not a public name: imported as usual

    assert lexicon.__name__ == "claimpipe.lexicon"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        claimpipe.nope  # noqa: B018


def test_api_docs_examples_run(monkeypatch):
    """The ``pycon`` blocks of docs/api.md, run in order as one doctest from the repository root."""
    monkeypatch.chdir(ROOT)
    text = API_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"^```pycon\n(.*?)^```", text, re.S | re.M)
    assert len(blocks) >= 6
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "docs/api.md", str(API_DOC), 0)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_api_docs_name_every_public_name():
    text = API_DOC.read_text(encoding="utf-8")
    assert all(f"`{name}" in text or f"claimpipe.{name}" in text for name in claimpipe.__all__)


@pytest.mark.parametrize("folder", ["evaluate", "training"])
def test_api_no_data_found_by_repository_paths(folder):
    """Evaluation and training get data and configs from arguments or CLAIMPIPE_SHARED, package data from
    importlib.resources: never from where the source happens to sit."""
    for path in (ROOT / "src" / "claimpipe" / folder).glob("*.py"):
        assert "__file__" not in path.read_text(encoding="utf-8"), path


def test_api_every_error_derives_from_the_root_and_is_in_its_table():
    """Every error class claimpipe defines derives from ClaimpipeError and is listed in errors.py's table."""
    import pkgutil

    import claimpipe.errors

    for info in pkgutil.walk_packages(claimpipe.__path__, "claimpipe."):
        if not info.name.startswith(("claimpipe.cli", "claimpipe.__main__")):
            importlib.import_module(info.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = {f"{c.__module__}.{c.__qualname__}" for c in subclasses(claimpipe.errors.ClaimpipeError)}
    listed = set(re.findall(r":class:`(claimpipe\.[\w.]+)`", claimpipe.errors.__doc__))
    assert len(found) >= 11
    assert found - listed == set(), "errors missing from the table in claimpipe/errors.py"
    assert listed - found == set(), "the table in claimpipe/errors.py names errors that do not exist"
