"""``claimpipe review``, ``report``, ``export`` and ``import``: people's decisions on claims (shells over
:mod:`claimpipe.review`: the review app, the static report, and the annotation tools' formats)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from claimpipe.cli._options import AnnotationsArg, fail


def _annotations(folder: Path) -> Path:
    """``folder``, once it holds ``documents.jsonl``."""
    if not (folder / "documents.jsonl").is_file():
        fail(f"no documents.jsonl in {folder} (run `claimpipe extract` first)")
    return folder


def review_cli(
    annotations: AnnotationsArg = Path("annotations"),
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port on 127.0.0.1; 0 takes a free one.")] = 0,
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Name recorded with each decision. Default: your login name.")] = None,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open the page in a browser.")] = False,
    allow_reviewer_names: Annotated[bool, typer.Option("--allow-reviewer-names", help="Record the reviewer name a client sends instead of --reviewer.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="The claims desk's SQLite database (sqlite:///PATH.db), built or refreshed from the folder on start. Default: sqlite:///ANNOTATIONS/claimpipe.db.")] = None,
) -> None:
    """Review claims in a local web page (127.0.0.1, token in the printed URL); decisions go to reviews.jsonl."""
    import getpass

    from claimpipe.review.server import serve
    from claimpipe.store.database import DatabaseError

    _annotations(annotations)
    if reviewer is None:
        try:
            reviewer = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name: decisions carry none
            reviewer = None
    try:
        serve(annotations, port=port, reviewer=reviewer, open_browser=open_browser,
              allow_reviewer_names=allow_reviewer_names, announce=typer.echo, db=db)
    except DatabaseError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}")


def report_cli(
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


def export_cli(
    annotations: AnnotationsArg = Path("annotations"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="claimreview, labelstudio, prodigy or doccano.")] = "claimreview",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write; standard output when omitted.")] = None,
    url_base: Annotated[Optional[str], typer.Option("--url-base", help="claimreview: where reviews are published; url = URL_BASE + claim id.")] = None,
    org: Annotated[Optional[str], typer.Option("--org", help="claimreview: the organisation that authors the reviews (default: each reviewer).")] = None,
    where: Annotated[Optional[str], typer.Option("--where", help="Only the claims the claims desk's filters leave, as in its URL: 'entity=GPE:Armenia&status=accept'.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="With --where: the claims desk's SQLite database. Default: sqlite:///ANNOTATIONS/claimpipe.db.")] = None,
) -> None:
    """Export claims and decisions: schema.org ClaimReview, Label Studio, Prodigy or doccano (character offsets)."""
    from claimpipe.review.export import FORMATS, export_text
    from claimpipe.review.store import load_corpus

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    corpus = load_corpus(_annotations(annotations))
    if where is not None:
        from claimpipe.review.desk_export import select
        from claimpipe.store.database import DatabaseError

        try:
            corpus = select(corpus, where, db)
        except (ValueError, DatabaseError) as exc:
            fail(str(exc))
        n_claims, n_docs = sum(len(c) for c in corpus.claims.values()), len(corpus.documents)
        typer.echo(f"claimpipe: {n_claims} claim{'' if n_claims == 1 else 's'} in {n_docs} "
                   f"article{'' if n_docs == 1 else 's'} match {where!r}", err=True)
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


def import_cli(
    annotations: AnnotationsArg,
    file: Annotated[Path, typer.Argument(help="The annotation tool's export (JSON or JSONL).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="labelstudio, prodigy or doccano.")],
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="Name recorded with each decision. Default: the tool's annotator.")] = None,
) -> None:
    """Import accept/reject (and verdict) labels on claim spans as decisions appended to reviews.jsonl."""
    from claimpipe.review.export import IMPORT_FORMATS, import_decisions
    from claimpipe.review.store import load_corpus

    if fmt not in IMPORT_FORMATS:
        fail(f"cannot import {fmt!r}; choose from {', '.join(IMPORT_FORMATS)}")
    if not file.is_file():
        fail(f"no such file: {file}")
    corpus = load_corpus(_annotations(annotations))
    try:
        result = import_decisions(corpus, fmt, file, reviewer=reviewer)
    except (ValueError, KeyError, TypeError) as exc:
        fail(str(exc))
    written = corpus.store.append(result.decisions)
    for line in result.skipped[:20]:
        typer.echo(f"skipped {line}", err=True)
    typer.echo(f"claimpipe: {written} decisions imported, {result.unchanged} unchanged, "
               f"{len(result.skipped)} spans matched no claim -> {corpus.store.path}", err=True)
