"""The command line: a thin Typer shell over the library, one module per command group.

=====================  ===========================================================================
module                 commands (each a shell over a plain function of the library)
=====================  ===========================================================================
``extract``            ``claimpipe extract`` (:func:`claimpipe.run.extract.extract`)
``records``            ``claimpipe schema``, ``claimpipe validate`` (:mod:`claimpipe.schema`, :mod:`claimpipe.io.validate`)
``store``              ``claimpipe load`` (:func:`claimpipe.store.load.load`)
``review``             ``claimpipe review``, ``report``, ``export``, ``import`` (:mod:`claimpipe.review`)
``evaluate``           ``claimpipe eval entities|timeml|checkworthy|polnear`` (:mod:`claimpipe.evaluate`)
``train``              ``claimpipe train checkworthy|attribution|kinds`` (:mod:`claimpipe.training`)
``_options``           what several commands share (``--model``, ``--dct``, failing with a message)
=====================  ===========================================================================

Heavy imports (spaCy, models, database drivers) happen inside the commands, so ``claimpipe --help``
and ``claimpipe schema`` answer without importing spaCy.
"""

from __future__ import annotations

import typer

from claimpipe.cli import evaluate, extract, records, review, store, train

app = typer.Typer(
    name="claimpipe",
    help="Claims, quotes, dates and entities from news articles, as validated JSONL records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("extract")(extract.extract_cli)
app.command("schema")(records.schema_cli)
app.command("validate")(records.validate_cli)
app.command("load")(store.load_cli)
app.command("review")(review.review_cli)
app.command("report")(review.report_cli)
app.command("export")(review.export_cli)
app.command("import")(review.import_cli)
app.add_typer(evaluate.app, name="eval")
app.add_typer(train.app, name="train")


def main() -> None:
    """The ``claimpipe`` console script."""
    app()
