"""``claimpipe schema`` and ``claimpipe validate``: the records' JSON Schema, and checking JSONL files
against it (shells over :func:`claimpipe.schema.json_schema` and :func:`claimpipe.io.validate.validate_file`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from claimpipe.cli._options import fail


def schema_cli(
    record_type: Annotated[Optional[str], typer.Argument(help="document, claim, error or review; all when omitted.")] = None,
) -> None:
    """Print the JSON Schema of the records."""
    from claimpipe.schema import json_schema

    schemas = json_schema()
    if record_type is not None:
        if record_type not in schemas:
            fail(f"unknown record type {record_type!r}; choose from {', '.join(schemas)}")
        schemas = schemas[record_type]
    typer.echo(json.dumps(schemas, indent=2, ensure_ascii=False))


def validate_cli(
    files: Annotated[List[Path], typer.Argument(help="JSONL files of claimpipe records.")],
) -> None:
    """Check JSONL files against the schema; print [line:field] errors, exit 1 if any."""
    from claimpipe.io.validate import validate_file

    problems = 0
    for path in files:
        if not path.exists():
            fail(f"no such file: {path}")
        count = 0
        for problem in validate_file(path):
            typer.echo(problem)
            count += 1
        problems += count
        if count == 0:
            typer.echo(f"{path}: ok")
    if problems:
        raise typer.Exit(1)
