"""``claimpipe eval ...``: quality against public gold data, one command per dataset (shells over
:mod:`claimpipe.evaluate`: ``entities``, ``timeml``, ``polnear``, ``checkworthy``, ``fields``)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from claimpipe.cli._options import ModelOption, check_kinds, fail, has_sklearn

app = typer.Typer(help="Measure quality against public gold data.", no_args_is_help=True)
ErrorsOption = Annotated[Optional[Path], typer.Option("--errors", help="Write one JSON line per error to this file.")]


@app.command("entities")
def entities_cli(
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
        fail("give --conll FILE and/or --gold FILE --article FILE")
    if gold is not None:
        if article is None:
            fail("--gold needs --article")
        typer.echo(ev.format_gold(ev.eval_gold(gold, article, model=model, raw=raw)))
    if conll is not None:
        typer.echo(ev.format_conll(ev.eval_conll(conll, model=model, raw=raw, limit=limit)))


@app.command("timeml")
def timeml_cli(
    directory: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files (searched recursively).")],
    model: ModelOption = None,
    errors: ErrorsOption = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N files (sorted by path).")] = None,
) -> None:
    """Date quality on TimeML (TempEval-3): extraction P/R/F1, type and value accuracy, value F1, per type."""
    from claimpipe.evaluate import timeml as ev
    from claimpipe.evaluate.datasets import tml_files

    if not directory.is_dir():
        fail(f"no such folder: {directory}")
    if not tml_files(directory):
        fail(f"no .tml files in {directory}")
    result = ev.eval_timeml(directory, model=model, limit=limit)
    typer.echo(ev.format_result(result))
    if errors is not None:
        n = ev.write_errors(result, errors)
        typer.echo(f"{n} errors written to {errors}")


@app.command("checkworthy")
def checkworthy_cli(
    file: Annotated[Path, typer.Argument(help="A CheckThat!-style TSV: Sentence_id, Text, class_label (Yes/No).")],
    baseline: Annotated[bool, typer.Option("--baseline", help="Also train and score the TF-IDF + logistic-regression "
                                           "baseline (CT24 train, threshold chosen on CT24 dev) on the same sentences.")] = False,
    model: ModelOption = None,
    dev_threshold: Annotated[bool, typer.Option("--dev-threshold/--no-dev-threshold",
                                                help="Also report claimpipe at the threshold that maximises its F1 "
                                                "on CT24 dev (when that file is present).")] = True,
    ct24_dir: Annotated[Optional[Path], typer.Option("--ct24-dir", help="The folder of the CT24 train and dev files. "
                                                     "Default: FILE's folder when they are there, else $CLAIMPIPE_SHARED/eval-data/checkthat2024-en.")] = None,
) -> None:
    """Check-worthiness quality: P/R/F1 of the check-worthy class and the score distribution."""
    from claimpipe.evaluate import checkworthy as ev
    from claimpipe.evaluate.datasets import CT24_TRAIN, SHARED_ENV

    if not file.is_file():
        fail(f"no such file: {file}")
    folder = ev.ct24_folder(ct24_dir, beside=file)
    if baseline and folder is None:
        fail(f"--baseline needs the CT24 train and dev files: give --ct24-dir DIR or set {SHARED_ENV}")
    if baseline and not (folder / CT24_TRAIN).is_file():
        fail(f"--baseline needs the CT24 train and dev files in {folder}")
    if baseline and not has_sklearn():
        fail("--baseline needs scikit-learn (pip install scikit-learn)")
    if dev_threshold and folder is None:
        typer.echo(f"note: no row at the CT24 dev threshold: give --ct24-dir DIR or set {SHARED_ENV}", err=True)
    try:
        report = ev.evaluate(file, baseline=baseline, model=model, ct24_dir=folder, at_dev_threshold=dev_threshold)
    except ValueError as exc:
        fail(str(exc))
    typer.echo(ev.format_report(report))


@app.command("polnear")
def polnear_cli(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR split folder holding text/ and attributions/.")],
    model: ModelOption = None,
    errors: ErrorsOption = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N articles (sorted by name).")] = None,
    attribution: Annotated[str, typer.Option("--attribution", help="What decides reported speech: the trained cue "
                                             "model (trained) or the word-list rules (rules).")] = "trained",
) -> None:
    """Quote quality on PolNeAR: direct-quote and all-attribution P/R/F1, speaker accuracy; with --errors, the
    errors by category too."""
    from claimpipe.evaluate import polnear as ev

    if attribution not in ("trained", "rules"):
        fail(f"--attribution must be trained or rules, not {attribution}")
    if not (directory / "text").is_dir() or not (directory / "attributions").is_dir():
        fail(f"{directory} has no text/ and attributions/ folders")
    result = ev.evaluate(directory, model=model, limit=limit, keep_errors=errors is not None, attribution=attribution)
    if not result.articles:
        fail(f"no article in {directory} has both a text and an .ann file")
    typer.echo(ev.format_result(result))
    if errors is not None:
        typer.echo(ev.format_errors(result))
        ev.write_errors(result, errors)
        typer.echo(f"{len(result.errors)} errors written to {errors}")


@app.command("fields")
def fields_cli(
    directory: Annotated[Path, typer.Argument(help="The BBC folder (bbc-fulltext) holding business/, entertainment/, sport/.")],
    audit: Annotated[Path, typer.Option("--audit", help="The hand-labelled audit file (JSONL, labels by offset).")]
    = Path("tests/data/audit/fields.jsonl"),
    model: ModelOption = None,
    errors: ErrorsOption = None,
    checkworthiness: Annotated[Optional[str], typer.Option("--checkworthiness", help="The claims' tier: 'fast' or 'accurate' (default: the component's).")] = None,
    min_checkworthiness: Annotated[Optional[float], typer.Option("--min-checkworthiness", min=0.0, max=1.0, help="Score the claims cut here, as extract's option of that name.")] = None,
    sweep: Annotated[bool, typer.Option("--sweep", help="Instead: the share of sentences claimed and sentence-level P/R at each cut from 0.2 to 0.9.")] = False,
    agreed_with: Annotated[Optional[Path], typer.Option("--agreed-with", help="A second labeller's file of the same articles: score only the labels both agree on (see 'eval agreement').")] = None,
    kinds: Annotated[Optional[str], typer.Option("--kinds", help="What decides the claim kinds, as extract's option of that name.")] = None,
) -> None:
    """Claim fields on the audit set: sentence-level claim P/R, share of sentences claimed, source/kind/quantity
    accuracy over the labelled claims, fragments, and the claims no label covers."""
    from claimpipe.evaluate import fields as ev

    if not directory.is_dir():
        fail(f"no such folder: {directory}")
    if not audit.is_file():
        fail(f"no such audit file: {audit}")
    if checkworthiness is not None and checkworthiness not in ("fast", "accurate"):
        fail(f"--checkworthiness must be 'fast' or 'accurate', not {checkworthiness!r}")
    if agreed_with is not None and not agreed_with.is_file():
        fail(f"no such audit file: {agreed_with}")
    check_kinds(kinds)
    if sweep:
        rows, missing = ev.sweep(directory, audit, model=model, checkworthiness=checkworthiness,
                                 agreed_with=agreed_with)
        if not rows[0].sentences:
            fail("no audit article could be scored: " + "; ".join(missing))
        typer.echo(ev.format_sweep(rows))
        for m in missing:
            typer.echo(f"skipped {m}")
        return
    result = ev.evaluate(directory, audit, model=model, checkworthiness=checkworthiness,
                         min_checkworthiness=min_checkworthiness, agreed_with=agreed_with, kinds=kinds)
    if not result.articles:
        fail("no audit article could be scored: " + "; ".join(result.missing))
    typer.echo(ev.format_result(result))
    if errors is not None:
        ev.write_errors(result, errors)
        typer.echo(f"{len(result.errors)} errors written to {errors}")


@app.command("agreement")
def agreement_cli(
    first: Annotated[Path, typer.Argument(help="An audit file (JSONL, labels by offset), e.g. tests/data/audit_set14/fields.jsonl.")],
    second: Annotated[Path, typer.Argument(help="A second labeller's file of the same articles and sentences.")],
    articles: Annotated[Optional[Path], typer.Option("--articles", help="The BBC folder the files label: puts each disagreement's text in --disagreements.")] = None,
    disagreements: Annotated[Optional[Path], typer.Option("--disagreements", help="Write one JSON line per disagreement to this file.")] = None,
) -> None:
    """How far two labellers of the same audit articles agree: check-worthiness and kind (with Cohen's kappa),
    fragments, sources and quantities. No extraction runs."""
    from claimpipe.evaluate import agreement as ev
    from claimpipe.evaluate.fields import read_audit

    for path in (first, second):
        if not path.is_file():
            fail(f"no such audit file: {path}")
    if articles is not None and not articles.is_dir():
        fail(f"no such folder: {articles}")
    try:
        labels = read_audit(first), read_audit(second)
    except ValueError as exc:
        fail(f"not an audit file (one JSON object per line): {exc}")
    result = ev.compare(*labels, texts=None if articles is None else ev.article_texts(articles, labels[0]))
    if not result.articles:
        fail("the two files share no article with the same text: " + "; ".join(result.missing))
    typer.echo(ev.format_result(result))
    if disagreements is not None:
        ev.write_disagreements(result, disagreements)
        typer.echo(f"{len(result.disagreements)} disagreements written to {disagreements}")
