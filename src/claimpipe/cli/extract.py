"""``claimpipe extract``: articles in, JSONL records out (and, with ``--db``, into a database as they come).

A shell over :func:`claimpipe.run.extract.extract` and :class:`claimpipe.store.sink.Sink`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from claimpipe.cli._options import DctOption, ModelOption, check_kinds, fail


def _check_dct(dct: Optional[str]) -> Optional[str]:
    if dct is None:
        return None
    from claimpipe.io.read import parse_date

    parsed = parse_date(dct)
    if parsed is None or parsed != dct:
        fail(f"--dct must be a date written YYYY-MM-DD, not {dct!r}")
    return parsed


def _open_sink(db: Optional[str]):
    """A :class:`claimpipe.store.sink.Sink` for ``extract --db``, or None."""
    if db is None:
        return None
    from claimpipe.store.database import DatabaseError
    from claimpipe.store.sink import Sink

    try:
        return Sink(db, on_failure=lambda f: typer.echo(f"not loaded {f}", err=True))
    except DatabaseError as exc:
        fail(str(exc))


def _report_sink(sink) -> None:
    """After ``extract --db``: what went into the database; exit 1 if a document failed to load."""
    if sink is None:
        return
    report = sink.close()
    typer.echo(f"claimpipe: {report.line()}", err=True)
    if report.failures:
        raise typer.Exit(1)


def _report_errors(summary, out: Path) -> None:
    """The first 20 articles skipped or written with a warning, and how many more ``errors.jsonl`` holds."""
    for rec in summary.error_records[:20]:
        if rec.level == "error":
            typer.echo(f"skipped {rec.source}: {rec.message}", err=True)
        else:
            part = f"{rec.component}: " if rec.component else ""
            typer.echo(f"warning {rec.source}: {part}{rec.error}: {rec.message}", err=True)
    if summary.errors + summary.warnings > 20:
        typer.echo(f"... and {summary.errors + summary.warnings - 20} more in {out / 'errors.jsonl'}", err=True)


def extract_cli(
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
    checkworthiness: Annotated[Optional[str], typer.Option("--checkworthiness", help="The check-worthiness tier: 'fast' (a linear "
                                                           "model) or 'accurate' (a fine-tuned int8 sentence encoder on the sentences the fast one passes). "
                                                           "Default: the pipeline's own.")] = None,
    kinds: Annotated[Optional[str], typer.Option("--kinds", help="What decides the claim kinds: 'encoder' (the default: a fine-tuned "
                                                 "int8 sentence encoder stacked with the kind model, for claims in the author's voice: better kinds, about three "
                                                 "quarters of the spaCy model's time again), 'trained' (the kind model over the rules' evidence alone: faster) or 'rules'.")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Articles longer than this many characters are recorded as errors, not processed.")] = 5_000_000,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 3 when any article could not be processed, or was written with a warning "
                                                   "(a part lost to an internal error, or its text repaired).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Also load the records into this database as they are "
                                              "produced: sqlite:///PATH.db or postgresql://... (see claimpipe load).")] = None,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Run on a Dask cluster: the scheduler's address (tcp://HOST:8786), "
                                                     "or 'local' for a local cluster of --workers processes. Needs claimpipe[dask].")] = None,
) -> None:
    """Extract entities, dates, quotes and claims from articles into JSONL records."""
    from claimpipe.run.extract import extract
    from claimpipe.run.progress import make_progress

    dct = _check_dct(dct)
    if checkworthiness is not None and checkworthiness not in ("fast", "accurate"):
        fail(f"--checkworthiness must be 'fast' or 'accurate', not {checkworthiness!r}")
    check_kinds(kinds)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")
    if scheduler is not None:  # say how to install the extra
        from claimpipe.run.cluster import DaskMissing, require_dask

        try:
            require_dask()
        except DaskMissing as exc:
            fail(str(exc))
    sink = _open_sink(db)
    progress = None if quiet else make_progress()
    try:
        summary = extract(
            paths, out=out, model=model, dct=dct, stdout=sys.stdout if stdout else None, batch_size=batch_size,
            workers=workers, timeout=timeout, incremental=not full, min_checkworthiness=min_checkworthiness,
            checkworthiness=checkworthiness, kinds=kinds, max_chars=max_chars, progress=progress, sink=sink, scheduler=scheduler,
        )
    except OSError as exc:
        fail(str(exc))
    finally:
        if progress is not None:
            progress.close()
    _report_errors(summary, out)
    where = "" if stdout else f" -> {out}/"
    typer.echo(f"claimpipe: {summary.line()}{where}", err=True)
    _report_sink(sink)
    if strict and (summary.errors or summary.warnings):
        raise typer.Exit(3)
