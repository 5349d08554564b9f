"""A logistic regression over hashed feature strings, the form of the quotes component's trained parts (the
attribution cue model of :mod:`.learned`, the speaker chooser of :mod:`.chooser`): scored with plain Python and
numpy, saved as ``weights.npz`` (float16 weights, the bias) and ``meta.json`` (training settings and the one
decision setting the subclass names in ``SETTING``)."""

from __future__ import annotations

import json
import math
import zlib
from pathlib import Path
from typing import ClassVar

import numpy as np

MEMO_SIZE = 200_000  # feature strings whose weight is remembered before the memo is emptied


class HashedLogistic:
    """Scoring, saving and loading for a dataclass with ``weights`` (n_buckets,), ``bias``, its decision setting
    (the field named by ``SETTING``), ``meta`` and a ``_memo`` dict."""

    SETTING: ClassVar[str] = "threshold"

    @property
    def n_buckets(self) -> int:
        return int(self.weights.shape[0])

    def score(self, feats: list[str]) -> float:
        """The probability of the positive class for the feature strings ``feats`` (each string's weight is looked
        up once and remembered)."""
        memo = self._memo
        z = self.bias
        for f in feats:
            w = memo.get(f)
            if w is None:
                if len(memo) > MEMO_SIZE:
                    memo.clear()
                w = memo[f] = float(self.weights[zlib.crc32(f.encode("utf-8")) % self.n_buckets])
            z += w
        return 1.0 / (1.0 + math.exp(-z))

    def save(self, path: Path) -> None:
        """Write ``weights.npz`` and ``meta.json`` (the decision setting and training settings) into ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path / "weights.npz", weights=self.weights.astype(np.float16), bias=np.array([self.bias]))
        meta = {**self.meta, self.SETTING: getattr(self, self.SETTING)}
        (path / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")

    @classmethod
    def load(cls, path: Path):
        """The model :meth:`save` wrote into ``path``."""
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text())
        with np.load(path / "weights.npz") as z:
            return cls(z["weights"].astype(np.float32), float(z["bias"][0]), float(meta[cls.SETTING]), meta)


_BUCKETS: dict[tuple[str, int], int] = {}


def bucket_ids(feats: list[str], n_buckets: int) -> list[int]:
    """crc32 buckets of feature strings (stable across runs), remembered (the memo is emptied past ``MEMO_SIZE``)."""
    memo = _BUCKETS
    if len(memo) > MEMO_SIZE:
        memo.clear()
    out = []
    for f in feats:
        key = (f, n_buckets)
        b = memo.get(key)
        if b is None:
            b = memo[key] = zlib.crc32(f.encode("utf-8")) % n_buckets
        out.append(b)
    return out
