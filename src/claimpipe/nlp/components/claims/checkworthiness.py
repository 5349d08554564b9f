"""The check-worthiness model: features of a sentence span and a logistic-regression score.

A sentence is described by hashed sparse features (lower-cased words and bigrams, entity labels,
numbers, reporting and hedging cues, sentence length) and, in the ``tensor`` variant, by the mean and
max of the pipeline's own ``doc.tensor`` rows over the span (contextual token vectors the model computes
anyway, so they cost nothing at run time). :func:`choose` takes that variant when the pipeline's token
vectors have the width it was trained on.
The score is ``sigmoid(w · x + b)``. Weights ship in ``claimpipe/models/checkworthy/`` and are
trained by :mod:`claimpipe.training.checkworthy`; the same :func:`features` serves both.

The reporting and hedging cues are part of the model's feature definition, not of claimpipe's lexicon:
their words (:class:`FeatureWords`) are stored in each variant's ``meta.json`` (``features``), read when the
model loads, and passed to the feature functions (the shipped model's, when none are given).
"""

from __future__ import annotations

import json
import math
import operator
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import numpy as np
from spacy.tokens import Span

_DIGIT = re.compile(r"\d")
MODEL_DIR = Path(str(resources.files("claimpipe").joinpath("models", "checkworthy")))
FEATURES_VERSION = 1
VARIANTS = ("tensor", "lexical")


@dataclass(frozen=True)
class FeatureWords:
    """The words of the cue features: ``reporting`` lemmas (feature ``report``) and ``hedges`` (``hedge``)."""

    reporting: frozenset[str]
    hedges: frozenset[str]

    @classmethod
    def from_meta(cls, meta: dict) -> "FeatureWords":
        """From a model's ``meta.json`` (its ``features`` entry)."""
        return cls(frozenset(meta["features"]["reporting"]), frozenset(meta["features"]["hedges"]))

    def as_meta(self) -> dict[str, list[str]]:
        return {"reporting": sorted(self.reporting), "hedges": sorted(self.hedges)}


def shipped_words() -> FeatureWords:
    """The feature words of the shipped model (both variants share them)."""
    return load_model("lexical").words


def token_table(doc, words: Optional[FeatureWords] = None) -> tuple[list, ...]:
    """What :func:`features` reads of every token of ``doc``, read at once (pass it to score many spans).

    Per token: lower-cased text, is white space, entity label if it begins an entity (else None),
    looks like a number, lemma is a reporting verb (of ``words``, default :func:`shipped_words`), text has a digit.
    """
    from spacy.attrs import ENT_IOB, ENT_TYPE, IS_SPACE, LEMMA, LIKE_NUM, LOWER

    reporting = (words or shipped_words()).reporting
    if not len(doc):
        return [], [], [], [], [], []
    strings = doc.vocab.strings
    rows = doc.to_array([LOWER, IS_SPACE, ENT_IOB, ENT_TYPE, LIKE_NUM, LEMMA])
    lowers, inverse = np.unique(rows[:, 0], return_inverse=True)
    names = [strings[h] for h in lowers.tolist()]
    low = [names[k] for k in inverse.tolist()]
    digit = np.array([_DIGIT.search(w) is not None for w in names], dtype=bool)[inverse].tolist()
    lemmas, lemma_inverse = np.unique(rows[:, 5], return_inverse=True)
    report = np.array([strings[h].lower() in reporting for h in lemmas.tolist()], dtype=bool)[lemma_inverse].tolist()
    begins: list = [None] * len(low)
    for i in np.flatnonzero(rows[:, 2] == 3).tolist():
        begins[i] = strings[int(rows[i, 3])]
    return low, (rows[:, 1] != 0).tolist(), begins, (rows[:, 4] != 0).tolist(), report, digit


def _table_slice(span: Span, table: tuple[list, ...]) -> tuple[list[str], list[str], int, bool, bool]:
    """What :func:`_feature_strings` needs of ``span``, read from its doc's :func:`token_table`."""
    lo, hi = span.start, span.end
    low_all, space_all, begins_all, num_all, report_all, digit_all = table
    keep = [not x for x in space_all[lo:hi]]
    low = [w for w, k in zip(low_all[lo:hi], keep) if k]
    ents = [b for b, k in zip(begins_all[lo:hi], keep) if k and b is not None]
    n_num = sum(1 for x, k in zip(num_all[lo:hi], keep) if k and x)
    report = any(x for x, k in zip(report_all[lo:hi], keep) if k)
    has_digit = any(digit_all[lo:hi])  # white space between the tokens has no digits either
    return low, ents, n_num, report, has_digit


def _features_from_table(span: Span, table: tuple[list, ...], hedges: frozenset[str]) -> list[str]:
    return _feature_strings(*_table_slice(span, table), hedges)


def _word_feature(word: str) -> str:
    return "w:" + word


def _pair_feature(pair: tuple[str, str]) -> str:
    return "b:" + pair[0] + " " + pair[1]


def _pairs(low: list[str]) -> Iterable[tuple[str, str]]:
    """The word pairs of a sentence, with its start and end as words."""
    return zip(["<s>"] + low, low + ["</s>"])


def _feature_strings(low: list[str], ents: list[str], n_num: int, report: bool, has_digit: bool,
                     hedges: frozenset[str]) -> list[str]:
    """The feature strings from what a sentence's tokens say (read by either path of :func:`features`)."""
    out = [_word_feature(w) for w in low]
    out += map(_pair_feature, _pairs(low))
    return out + _other_features(low, ents, n_num, report, has_digit, hedges)


def _other_features(low: list[str], ents: list[str], n_num: int, report: bool, has_digit: bool,
                    hedges: frozenset[str]) -> list[str]:
    """The features after the word unigrams and bigrams (see :func:`_feature_strings`)."""
    out = ["ent:" + e for e in dict.fromkeys(ents)]  # first-mention order: a set's order changes with the hash seed
    out.append("nents:%d" % min(len(ents), 4))
    out.append("num:%d" % min(n_num, 3))
    out.append("len:%d" % min(len(low) // 4, 10))
    if report:
        out.append("report")
    if any(w in hedges for w in low):
        out.append("hedge")
    if low and low[-1] == "?":
        out.append("question")
    if has_digit:
        out.append("digit")
    if "%" in low or "percent" in low:
        out.append("pct")
    return out


def features(span: Span, table: Optional[tuple[list, ...]] = None, *, words: Optional[FeatureWords] = None) -> list[str]:
    """The sparse feature strings of a sentence span (hashed by the model).

    ``table``: :func:`token_table` of its doc (made with the same ``words``); ``words``: the model's
    feature words (default :func:`shipped_words`).
    """
    words = words or shipped_words()
    if table is not None:
        return _features_from_table(span, table, words.hedges)
    low: list[str] = []
    ents: list[str] = []
    n_num = 0
    report = False
    for t in span:
        if t.is_space:
            continue
        low.append(t.lower_)
        if t.ent_iob == 3:  # "B"
            ents.append(t.ent_type_)
        if t.like_num:
            n_num += 1
        if not report and t.lemma_.lower() in words.reporting:
            report = True
    return _feature_strings(low, ents, n_num, report, _DIGIT.search(span.text) is not None, words.hedges)


class _Buckets(dict):
    """feature key -> bucket, computed on first use (``name`` makes the feature string of a key).

    Emptied when it holds ``limit`` keys, so that memory stays flat over a long run.
    """

    def __init__(self, n_buckets: int, name: Callable[[Any], str], limit: int):
        super().__init__()
        self.n_buckets, self.name, self.limit = n_buckets, name, limit

    def __missing__(self, key) -> int:
        if len(self) >= self.limit:
            self.clear()
        bucket = self[key] = zlib.crc32(self.name(key).encode("utf-8")) % self.n_buckets
        return bucket


@lru_cache(maxsize=16)
def _buckets(n_buckets: int, kind: str) -> _Buckets:
    """The bucket caches: of whole feature strings, of words (``w:``) and of word pairs (``b:``).

    Most features and words recur; most word pairs do not (they would fill the memory of a long run:
    their cache is kept small, for the common ones).
    """
    names: dict[str, Callable[[Any], str]] = {"feature": str, "w": _word_feature, "b": _pair_feature}
    return _Buckets(n_buckets, names[kind], limit=20_000 if kind == "b" else 100_000)


_LOG1P = tuple(math.log1p(c) for c in range(256))


def _damped(counts: dict) -> dict[int, float]:
    return {h: _LOG1P[c] if c < 256 else math.log1p(c) for h, c in counts.items()}


def hash_features(feats: Iterable[str], n_buckets: int) -> dict[int, float]:
    """Bucket counts, damped with log1p (crc32, so stable across runs and platforms), in first-seen order."""
    return _damped(Counter(map(_buckets(n_buckets, "feature").__getitem__, feats)))


def _hash_table_features(span: Span, table: tuple[list, ...], n_buckets: int,
                         words: Optional[FeatureWords] = None) -> dict[int, float]:
    """``hash_features(features(span, table, words=words), n_buckets)`` without building the word and bigram strings.

    The buckets of words and word pairs are cached by the words themselves, and counted in the order
    :func:`hash_features` counts them, so the result is the same to the last bit.
    """
    low, ents, n_num, report, has_digit = _table_slice(span, table)
    buckets = list(map(_buckets(n_buckets, "w").__getitem__, low))
    buckets += map(_buckets(n_buckets, "b").__getitem__, _pairs(low))
    hedges = (words or shipped_words()).hedges
    buckets += map(_buckets(n_buckets, "feature").__getitem__,
                   _other_features(low, ents, n_num, report, has_digit, hedges))
    return _damped(Counter(buckets))


def _doc_tensor(doc, width: int) -> Optional[np.ndarray]:
    """``doc.tensor`` when it has one row of ``width`` per token, else None."""
    tensor = getattr(doc, "tensor", None)
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(doc) or tensor.shape[1] != width:
        return None
    return tensor


def tensor_features(span: Span, width: int) -> Optional[np.ndarray]:
    """Mean and max of ``doc.tensor`` over the span's tokens, or None when the doc has no tensor of ``width``."""
    tensor = _doc_tensor(span.doc, width)
    if tensor is None:
        return None
    rows = np.asarray(tensor[span.start : span.end], dtype=np.float32)
    if not len(rows):
        return np.zeros(2 * width, dtype=np.float32)
    return np.concatenate([rows.mean(0), rows.max(0)])


def _pooled_tensors(spans: list[Span], width: int) -> Optional[np.ndarray]:
    """:func:`tensor_features` of every span at once: (len(spans), 2 * width), or None without a tensor."""
    tensor = _doc_tensor(spans[0].doc, width)
    if tensor is None:
        return None
    starts = np.array([s.start for s in spans], dtype=np.int64)
    ends = np.array([s.end for s in spans], dtype=np.int64)
    out = np.zeros((len(spans), 2 * width), dtype=np.float32)
    full = ends > starts
    if not full.any():
        return out
    a, b = starts[full], ends[full]
    # reduceat over [a0, b0, a1, b1, ...]: the even results reduce [a_i, b_i); a zero row lets b_i be len(doc)
    padded = np.vstack([np.asarray(tensor, dtype=np.float32), np.zeros((1, width), np.float32)])
    bounds = np.ravel(np.column_stack([a, b]))
    sums = np.add.reduceat(padded, bounds, axis=0)[::2]
    maxes = np.maximum.reduceat(padded, bounds, axis=0)[::2]
    out[full, :width] = sums / (b - a)[:, None]
    out[full, width:] = maxes
    return out


def _normalised(vec: dict[int, float]) -> dict[int, float]:
    values = vec.values()
    norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
    return {h: v / norm for h, v in vec.items()}


@dataclass
class CheckworthyModel:
    """Logistic-regression weights over hashed sparse features and (optionally) pooled tensors."""

    sparse: np.ndarray  # (n_buckets,)
    bias: float
    threshold: float
    meta: dict
    dense: Optional[np.ndarray] = None  # (2 * width,) weights over standardised tensor features
    mean: Optional[np.ndarray] = None
    scale: Optional[np.ndarray] = None  # 1 / std * tensor_scale
    words: FeatureWords = field(default_factory=shipped_words)  # the words of its cue features

    @property
    def n_buckets(self) -> int:
        return int(self.sparse.shape[0])

    @property
    def width(self) -> Optional[int]:
        """The width of the token vectors it was trained on (None for a model without tensor features)."""
        return None if self.dense is None else int(self.dense.shape[0]) // 2

    def sparse_vector(self, feats: Iterable[str]) -> dict[int, float]:
        """Hashed features, L2-normalised (as at training)."""
        return _normalised(hash_features(feats, self.n_buckets))

    def _sparse_z(self, sparse: dict[int, float]) -> float:
        if not sparse:
            return 0.0
        return float(self.sparse[np.fromiter(sparse.keys(), dtype=np.int64, count=len(sparse))]
                     @ np.fromiter(sparse.values(), dtype=np.float32, count=len(sparse)))

    def score_parts(self, sparse: dict[int, float], tensor: Optional[np.ndarray]) -> float:
        z = self.bias + self._sparse_z(sparse)
        if self.dense is not None and tensor is not None:
            z += float(((tensor - self.mean) * self.scale) @ self.dense)
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, span: Span, table: Optional[tuple[list, ...]] = None) -> float:
        """Check-worthiness of a sentence span, 0..1 (``table``: :func:`token_table` of its doc, to score many)."""
        tensor = None
        if self.width is not None:
            tensor = tensor_features(span, self.width)
        return self.score_parts(self.sparse_vector(features(span, table, words=self.words)), tensor)

    def score_many(self, spans: list[Span], table: Optional[tuple[list, ...]] = None) -> list[float]:
        """:meth:`score` of each of ``spans`` (sentences of one doc, in order, not overlapping), computed together.

        ``table``: :func:`token_table` of their doc made with this model's :attr:`words`. The pooled tensors
        come from one pass over the doc's tensor; equal to :meth:`score` to about 1e-6.
        """
        if not spans:
            return []
        if table is None:
            sparse = [self.sparse_vector(features(span, words=self.words)) for span in spans]
        else:
            sparse = [_normalised(_hash_table_features(span, table, self.n_buckets, self.words)) for span in spans]
        z = np.array([self.bias + self._sparse_z(vec) for vec in sparse])
        pooled = None if self.width is None else _pooled_tensors(spans, self.width)
        if pooled is not None:
            z += (((pooled - self.mean) * self.scale) @ self.dense).astype(np.float64)
        return (1.0 / (1.0 + np.exp(-z))).tolist()

    def save(self, path: Path) -> None:
        """Write ``weights.npz`` and ``meta.json`` (with the feature words and the threshold) into ``path``."""
        path.mkdir(parents=True, exist_ok=True)
        arrays = {"sparse": self.sparse.astype(np.float16), "bias": np.array([self.bias])}
        if self.dense is not None:
            arrays.update(dense=self.dense.astype(np.float32), mean=self.mean.astype(np.float32),
                          scale=self.scale.astype(np.float32))
        np.savez_compressed(path / "weights.npz", **arrays)
        meta = {**self.meta, "features": self.words.as_meta(), "threshold": self.threshold}
        (path / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")

    @classmethod
    def load(cls, path: Path) -> "CheckworthyModel":
        """The model :meth:`save` wrote into ``path``."""
        meta = json.loads((path / "meta.json").read_text())
        with np.load(path / "weights.npz") as z:
            dense = z["dense"] if "dense" in z else None
            return cls(
                sparse=z["sparse"].astype(np.float32),
                bias=float(z["bias"][0]),
                threshold=float(meta["threshold"]),
                meta=meta,
                dense=dense,
                mean=z["mean"] if dense is not None else None,
                scale=z["scale"] if dense is not None else None,
                words=FeatureWords.from_meta(meta),
            )


@lru_cache(maxsize=4)
def load_model(variant: str = "tensor") -> CheckworthyModel:
    """The shipped model: ``tensor`` (uses the spaCy model's tensors) or ``lexical`` (any pipeline)."""
    return CheckworthyModel.load(MODEL_DIR / variant)


def token_vectors(nlp):
    """The component that writes ``doc.tensor`` in ``nlp`` (its last ``Tok2Vec``), or None."""
    from spacy.pipeline import Tok2Vec

    found = [pipe for _, pipe in nlp.pipeline if isinstance(pipe, Tok2Vec)]
    return found[-1] if found else None


def vectors_fingerprint(tok2vec) -> Optional[str]:
    """A hash of the weights of ``tok2vec`` (a ``Tok2Vec`` component): the same for the same trained network,
    whatever the pipeline is called. None without one."""
    import hashlib

    if tok2vec is None:
        return None
    digest = hashlib.sha256()
    for node in tok2vec.model.walk():
        for name in node.param_names:
            if node.has_param(name):
                param = node.get_param(name)
                digest.update(f"{node.name}.{name}{param.shape}".encode())
                digest.update(np.ascontiguousarray(param).tobytes())
    return digest.hexdigest()[:16]


def choose(variant: str, fingerprint: Optional[str], models: dict[str, CheckworthyModel]) -> CheckworthyModel:
    """The model of ``variant`` among ``models``; ``auto``: the tensor variant when the pipeline's token vectors
    come from the very network it was trained on (same :func:`vectors_fingerprint`), else the lexical one (a
    network of the same width but other weights, like the medium model's, would feed it meaningless features)."""
    if variant == "auto":
        tensor = models.get("tensor")
        trained_on = tensor.meta.get("vectors_fingerprint") if tensor is not None else None
        variant = "tensor" if trained_on is not None and trained_on == fingerprint else "lexical"
    return models[variant]


def for_pipeline(nlp, variant: str = "auto") -> CheckworthyModel:
    """The shipped model of ``variant`` for the pipeline ``nlp`` (see :func:`choose`)."""
    return choose(variant, vectors_fingerprint(token_vectors(nlp)), {v: load_model(v) for v in VARIANTS})

