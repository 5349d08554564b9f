"""The claim-kind model: a multinomial logistic regression over the kind evidence and a few parse features
(:func:`claimpipe.nlp.components.claims.kinds.kind_features`), scored with numpy. Its kind overrules the
rules' (:func:`claimpipe.nlp.components.claims.kinds.rule_kind`, one of its features) only when its
probability reaches ``min_score`` (meta), chosen with C by cross-validation.

Trained by ``claimpipe train kinds`` (:mod:`claimpipe.training.kinds`) and shipped in
``claimpipe/models/kinds/`` (``weights.npz``: ``weights`` [features x kinds] and ``bias`` [kinds];
``meta.json``: the feature names, the kinds in column order, and how it was trained). Without it the rules
decide (:func:`claimpipe.nlp.components.claims.kinds.rule_kind`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

import numpy as np

MODEL_DIR = Path(str(resources.files("claimpipe").joinpath("models", "kinds")))


OPINION_CUE = "kind=opinion"  # the feature of any opinion evidence (kinds.kind_features)


class KindModel:
    """Weights over named binary features; :meth:`scores` gives each kind's probability."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, meta: dict):
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.meta = dict(meta)
        self.kinds: tuple[str, ...] = tuple(meta["kinds"])
        self.index = {f: i for i, f in enumerate(meta["features"])}
        if self.weights.shape != (len(self.index), len(self.kinds)) or self.bias.shape != (len(self.kinds),):
            raise ValueError(f"kind model weights {self.weights.shape} do not fit {len(self.index)} features x "
                             f"{len(self.kinds)} kinds")

    def scores(self, features: list[str]) -> dict[str, float]:
        """Each kind's probability given the features (unknown ones are ignored)."""
        rows = [self.index[f] for f in features if f in self.index]
        z = self.bias + self.weights[rows].sum(axis=0)
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {k: float(v) for k, v in zip(self.kinds, p)}

    @property
    def min_score(self) -> float:
        """The probability the model's kind needs to overrule the rules (:meth:`decide`)."""
        return float(self.meta.get("min_score", 0.0))

    def decide(self, features: list[str], rules: Optional[str] = None) -> tuple[str, dict[str, float]]:
        """The most probable kind and every kind's probability (rounded to 4 places); when that probability
        is below :attr:`min_score`, the rules' kind ``rules`` (if given) instead. ``opinion`` only with
        evaluative language: without opinion evidence (feature ``kind=opinion``) its score is 0 and the
        others are scaled to sum to 1."""
        scores = self.scores(features)
        if OPINION_CUE not in features and "opinion" in scores:
            rest = 1.0 - scores["opinion"]
            scores = {k: (0.0 if k == "opinion" else v / rest if rest > 0 else 1.0 / (len(scores) - 1))
                      for k, v in scores.items()}
        best = max(self.kinds, key=lambda k: scores[k])
        if rules is not None and scores[best] < self.min_score:
            best = rules
        return best, {k: round(v, 4) for k, v in scores.items()}

    def save(self, path: Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        np.savez(path / "weights.npz", weights=self.weights, bias=self.bias)
        (path / "meta.json").write_text(json.dumps(self.meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "KindModel":
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz") as data:
            return cls(data["weights"], data["bias"], meta)


def load_kind_model(path: Optional[Path] = None) -> Optional[KindModel]:
    """The model at ``path`` (default the shipped one, read once), or None when there is none."""
    if path is None:
        return _shipped()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> Optional[KindModel]:
    return _load(MODEL_DIR)


def _load(path: Path) -> Optional[KindModel]:
    if not (path / "meta.json").is_file() or not (path / "weights.npz").is_file():
        return None
    return KindModel.load(path)
