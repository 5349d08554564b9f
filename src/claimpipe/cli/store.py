"""``claimpipe load``: an annotations folder into SQLite or PostgreSQL (a shell over :func:`claimpipe.store.load.load`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from claimpipe.cli._options import fail


def load_cli(
    annotations: Annotated[Path, typer.Argument(help="Folder with documents.jsonl, claims.jsonl and, if any, reviews.jsonl.")] = Path("annotations"),
    db: Annotated[Optional[str], typer.Option("--db", envvar="CLAIMPIPE_DB", help="sqlite:///PATH.db or postgresql://user@host/dbname. "
                                              "Default: sqlite:///ANNOTATIONS/claimpipe.db.")] = None,
) -> None:
    """Load annotation records into SQLite or PostgreSQL: idempotent upserts, one transaction per document."""
    from claimpipe.store.database import DatabaseError
    from claimpipe.store.load import load

    if not (annotations / "documents.jsonl").is_file():
        fail(f"no documents.jsonl in {annotations}")
    try:
        report = load(annotations, db=db, on_failure=lambda f: typer.echo(f"not loaded {f}", err=True))
    except DatabaseError as exc:
        fail(str(exc))
    typer.echo(f"claimpipe: {report.line()}", err=True)
    if report.failures:
        raise typer.Exit(1)
