"""``claimpipe train ...``: retrain the models shipped inside claimpipe (a shell over :mod:`claimpipe.training`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from claimpipe.cli._options import fail, has_sklearn

app = typer.Typer(help="Train the models shipped inside claimpipe.", no_args_is_help=True)


@app.command("checkworthy")
def checkworthy_cli(
    config: Annotated[Path, typer.Option("--config", "-c", help="Training config (TOML); a relative path is taken "
                                                  "from the current folder (the repository root).")] = Path("configs/checkworthy.toml"),
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the model here instead of the config's output dir.")] = None,
) -> None:
    """Train the check-worthiness model on CheckThat! 2024 + ClaimBuster (needs scikit-learn)."""
    from claimpipe.training.checkworthy import train

    if not config.is_file():
        fail(f"no such config: {config} (relative to {Path.cwd()}): run from the repository root or give --config PATH")
    if not has_sklearn():
        fail("training needs scikit-learn (pip install scikit-learn)")
    train(config, out=out, log=typer.echo)
