"""``claimpipe train ...``: retrain the models shipped inside claimpipe (a shell over :mod:`claimpipe.training`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from claimpipe.cli._options import fail, has_sklearn

FAST_CONFIG = Path("configs/checkworthy.toml")
ENCODER_CONFIG = Path("configs/checkworthy_encoder.toml")
ATTRIBUTION_CONFIG = Path("configs/attribution.toml")
KINDS_CONFIG = Path("configs/kinds.toml")
KIND_ENCODER_CONFIG = Path("configs/kinds_encoder.toml")
SPEAKERS_CONFIG = Path("configs/speakers.toml")

app = typer.Typer(help="Train the models shipped inside claimpipe.", no_args_is_help=True)


@app.command("checkworthy")
def checkworthy_cli(
    config: Annotated[Path, typer.Option("--config", "-c", help="Training config (TOML); a relative path is taken "
                                                  "from the current folder (the repository root).")] = FAST_CONFIG,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the model here instead of the config's output dir.")] = None,
    encoder: Annotated[bool, typer.Option("--encoder", help="Train the accurate tier instead: fine-tune the sentence encoder "
                                          "and export it to int8 ONNX (needs torch, transformers, onnx; default config "
                                          "configs/checkworthy_encoder.toml).")] = False,
    cascade: Annotated[bool, typer.Option("--cascade", help="With --encoder: only choose the trained encoder's cascade "
                                          "threshold (needs the spaCy pipeline, not torch).")] = False,
) -> None:
    """Train the check-worthiness model on CheckThat! 2024 + ClaimBuster (needs scikit-learn), or with --encoder the
    accurate tier's sentence encoder."""
    if encoder:
        _encoder(ENCODER_CONFIG if config == FAST_CONFIG else config, out, cascade)
        return
    from claimpipe.training.checkworthy import train

    _check(config)
    train(config, out=out, log=typer.echo)


@app.command("attribution")
def attribution_cli(
    config: Annotated[Path, typer.Option("--config", "-c", help="Training config (TOML); a relative path is taken "
                                                  "from the current folder (the repository root).")] = ATTRIBUTION_CONFIG,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the model here instead of the config's output dir.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N PolNeAR train articles (a quick trial).")] = None,
) -> None:
    """Train the attribution cue model of the quotes component on PolNeAR train (needs scikit-learn); its C and
    threshold are chosen on held-out train articles, never on dev."""
    from claimpipe.training.attribution import train

    _run_sklearn(train, config, out=out, limit=limit)


@app.command("kinds")
def kinds_cli(
    config: Annotated[Path, typer.Option("--config", "-c", help="Training config (TOML); a relative path is taken "
                                                  "from the current folder (the repository root).")] = KINDS_CONFIG,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the model here instead of the config's output dir.")] = None,
    evaluative_lexicon: Annotated[bool, typer.Option("--evaluative-lexicon", help="Instead: write the evaluative word list "
                                                     "(src/claimpipe/lexicon/evaluative.txt, or --out) from VADER's "
                                                     "lexicon (needs vaderSentiment).")] = False,
    encoder: Annotated[bool, typer.Option("--encoder", help="Train the kind encoder instead: fine-tune the sentence "
                                          "encoder on the audit sets' kinds and stack it with the rules' blind kinds "
                                          "(needs torch, transformers, scikit-learn; config "
                                          "configs/kinds_encoder.toml).")] = False,
) -> None:
    """Train the claim-kind model on the kind labels of the audit sets (needs scikit-learn); its C is chosen by
    leave-one-set-out cross-validation, whose per-set accuracy is printed beside the rules'. With --encoder, the
    kind encoder of the accurate tier."""
    from claimpipe.training import kinds as training

    if encoder:
        _kind_encoder(KIND_ENCODER_CONFIG if config == KINDS_CONFIG else config, out)
        return

    if evaluative_lexicon:
        from claimpipe import lexicon

        target = out or lexicon.path("evaluative.txt")
        try:
            n = training.write_evaluative(target)
        except ValueError as exc:
            fail(str(exc))
        typer.echo(f"wrote {target} ({n} words)")
        return
    _run_sklearn(training.train, config, out=out)


@app.command("speakers")
def speakers_cli(
    config: Annotated[Path, typer.Option("--config", "-c", help="Training config (TOML); a relative path is taken "
                                                  "from the current folder (the repository root).")] = SPEAKERS_CONFIG,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the model here instead of the config's output dir.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N PolNeAR train articles (a quick trial).")] = None,
) -> None:
    """Train the speaker chooser of direct quotes on PolNeAR train (needs scikit-learn); its C and margin are
    chosen on held-out blocks of train articles, never on dev."""
    from claimpipe.training.speakers import train

    _run_sklearn(train, config, out=out, limit=limit)


def _check(config: Path) -> None:
    """Fail with a clear message when ``config`` is missing or scikit-learn is not installed."""
    if not config.is_file():
        fail(f"no such config: {config} (relative to {Path.cwd()}): run from the repository root or give --config PATH")
    if not has_sklearn():
        fail("training needs scikit-learn (pip install scikit-learn)")


def _run_sklearn(train, config: Path, **options) -> None:
    """``train(config, **options)`` after :func:`_check`; a bad config or missing data is a clear error."""
    _check(config)
    try:
        train(config, log=typer.echo, **options)
    except (ValueError, FileNotFoundError) as exc:
        fail(str(exc))


def _missing(config: Path, modules: tuple[str, ...]) -> None:
    """Fail with a clear message when ``config`` is missing or one of ``modules`` does not import."""
    import importlib.util

    if not config.is_file():
        fail(f"no such config: {config} (relative to {Path.cwd()}): run from the repository root or give --config PATH")
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        fail(f"training the encoder needs {', '.join(missing)} (see the header of {config})")


def _kind_encoder(config: Path, out: Optional[Path]) -> None:
    """``kinds --encoder``: fine-tune, stack and export the kind encoder."""
    from claimpipe.training import kind_encoder as training

    _missing(config, ("torch", "transformers", "onnx", "onnxruntime", "tokenizers", "sklearn"))
    try:
        training.train(config, out=out, log=typer.echo)
    except (ValueError, FileNotFoundError) as exc:
        fail(str(exc))


def _encoder(config: Path, out: Optional[Path], cascade: bool) -> None:
    """``--encoder``: fine-tune and export (or, with ``--cascade``, choose the cascade threshold)."""
    from claimpipe.training import encoder as training

    _missing(config, () if cascade else ("torch", "transformers", "onnx", "onnxruntime", "tokenizers"))
    if cascade:
        training.choose_cascade(config, out=out, log=typer.echo)
        return
    training.train(config, out=out, log=typer.echo)
