"""The layout's rules (docs/architecture.md), checked on the source: only ``nlp/`` imports spaCy at module level,
the TIMEX3 grammar and the quote-mark pairing import it nowhere, no import cycles, modules and functions of
a readable size."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "claimpipe"
MAX_MODULE_LINES = 650
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _top_level_imports(path: Path) -> set[str]:
    """The modules ``path`` imports when it is imported (not inside functions, not under TYPE_CHECKING)."""
    found: set[str] = set()
    body = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while body:
        node = body.pop(0)
        if isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
            body[:0] = node.body + node.orelse
        elif isinstance(node, ast.Try):
            body[:0] = node.body
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names
                         if f"{node.module}.{alias.name}" in MODULES)
    return found


def _all_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_layout_only_the_nlp_layer_imports_spacy_when_imported():
    outside = {name for name, path in MODULES.items()
               if not name.startswith("claimpipe.nlp")
               and any(m.split(".")[0] in {"spacy", "thinc"} for m in _top_level_imports(path))}
    assert outside == set()
    # and the layer does: the check is not vacuous
    assert "spacy" in {m.split(".")[0] for m in _top_level_imports(MODULES["claimpipe.nlp.pipeline"])}


@pytest.mark.parametrize("prefix", ["claimpipe.timex", "claimpipe.nlp.components.quotes.marks", "claimpipe.io"])
def test_layout_pure_text_modules_never_import_spacy(prefix):
    modules = [name for name in MODULES if name == prefix or name.startswith(prefix + ".")]
    assert modules
    for name in modules:
        assert not any(m.split(".")[0] in {"spacy", "thinc"} for m in _all_imports(MODULES[name])), name


def test_layout_no_import_cycles():
    graph = {name: {m for m in _top_level_imports(path) if m in MODULES and m != name}
             for name, path in MODULES.items()}
    # a package's __init__ importing its own submodules is how packages work, not a cycle
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not (d.startswith(name + ".") and MODULES[name].name == "__init__.py")}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append(trail[trail.index(dep):] + [dep] if dep in trail else [node, dep])
            elif dep not in state:
                visit(dep, trail + [dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_layout_modules_and_functions_stay_readable():
    long_modules = {name: n for name, path in MODULES.items()
                    if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    long_functions = [
        f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long_modules == {}
    assert long_functions == []
