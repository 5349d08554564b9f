"""Shared fixtures. The spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMPIPE_SHARED", ROOT.parent / "shared"))
EVAL_DATA = SHARED / "eval-data"
GOLD = SHARED / "gold" / "000_a3aa516cbc634336.gold.json"
SEED = ROOT / "corpus" / "azerbaijan-pakistan-cooperation.txt"


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip, with the reason, when a file of ../shared (public eval data, not ours to commit) is absent."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not here (../shared is not checked out)")


@pytest.fixture(scope="session")
def nlp():
    from claimpipe.nlp.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def seed_doc(nlp):
    from claimpipe.nlp.pipeline import process
    from claimpipe.io.read import read_path

    article = next(iter(read_path(SEED)))
    (_, doc), = list(process(nlp, [article]))
    return doc


@pytest.fixture(scope="session")
def loaded_nlp(nlp, tmp_path_factory):
    """The session's pipeline saved with ``nlp.to_disk`` and loaded again with ``spacy.load``."""
    import spacy

    path = tmp_path_factory.mktemp("pipeline")
    nlp.to_disk(path)
    return spacy.load(path)


@pytest.fixture
def blank():
    """A blank English pipeline, for components whose point is not the trained model."""
    import spacy

    return spacy.blank("en")


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli(runner, nlp, monkeypatch):
    """Invoke the CLI as a user does, reusing the session's loaded pipeline to save start-up time."""
    import claimpipe.nlp.pipeline as pipeline
    from claimpipe.cli import app

    monkeypatch.setattr(pipeline, "build_pipeline", lambda model=None: nlp if model in (None, pipeline.DEFAULT_MODEL) else pipeline.add_claimpipe_components(pipeline.load_model(model)))

    def invoke(*args, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


# Hypothesis: a fixed seed and a few hundred examples in CI; `--hypothesis-profile=long` for thousands.
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "ci", max_examples=200, derandomize=True, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    settings.register_profile(
        "long", max_examples=3000, derandomize=False, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    settings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
