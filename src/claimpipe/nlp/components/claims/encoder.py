"""The accurate check-worthiness tier: a fine-tuned sentence encoder (all-MiniLM-L6-v2), int8 ONNX, on the CPU.

Shipped in ``claimpipe/models/checkworthy/encoder/``: ``model.onnx`` (int8, dynamic quantisation),
``tokenizer.json`` and ``meta.json`` (``threshold``, ``cascade_threshold``, ``max_len``, seeds, scores), trained
by :mod:`claimpipe.training.encoder`. Run time needs ``onnxruntime`` and ``tokenizers`` only (no torch).

The graph takes ``input_ids`` and ``attention_mask`` (int64, batch x length) and returns ``score`` (the
sigmoid of the classifier over the mean-pooled token states), one per sentence.

In the cascade (:meth:`EncoderModel.cascade`) the cheap model scores every sentence, and only the sentences it is
unsure of reach the encoder: those scoring at least ``cascade_threshold`` and below ``cascade_upper``. A sentence
under the lower cut scores 0 (no claim); one at or above the upper cut keeps the cheap model's score (a claim:
the upper cut is above the encoder's threshold). ``cascade_upper`` is absent from older meta.json files, and
then every sentence above the lower cut reaches the encoder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from claimpipe.nlp.components.claims.checkworthiness import MODEL_DIR

ENCODER_DIR = MODEL_DIR / "encoder"
FILES = ("model.onnx", "tokenizer.json", "meta.json")
NO_UPPER_CUT = 1.01  # a cascade_upper above every score: no sentence skips the encoder


def make_tokenizer(source, max_len: int):
    """The ``tokenizers`` tokenizer of ``source`` (a tokenizer.json's path, or its text), truncating at
    ``max_len``, without padding (:func:`encode` pads each batch to its longest sentence). Training uses the same."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(source)) if isinstance(source, Path) else Tokenizer.from_str(source)
    tok.enable_truncation(max_length=max_len)
    tok.no_padding()
    return tok


def encode(tokenizer, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``input_ids`` and ``attention_mask`` (int64) of ``texts``, padded with 0 to the longest."""
    encs = tokenizer.encode_batch(list(texts))
    width = max((len(e.ids) for e in encs), default=0)
    ids = np.zeros((len(encs), width), dtype=np.int64)
    mask = np.zeros((len(encs), width), dtype=np.int64)
    for i, e in enumerate(encs):
        ids[i, : len(e.ids)] = e.ids
        mask[i, : len(e.ids)] = 1
    return ids, mask


@dataclass
class EncoderModel:
    """The int8 ONNX encoder of ``folder``: :meth:`score` of texts; ``threads``: onnxruntime's intra-op threads.

    Its files are read when it is made (the folder may be a temporary one of ``from_bytes``); the ONNX session
    opens on first use (in the worker process, not in the parent that forks it).
    """

    folder: Path
    threads: int = 1
    meta: dict = field(init=False)
    files: dict = field(init=False, repr=False)
    _session: Any = field(init=False, default=None, repr=False)
    _tokenizer: Any = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        self.files = {name: (self.folder / name).read_bytes() for name in FILES}
        self.meta = json.loads(self.files["meta.json"])

    @property
    def fingerprint(self) -> str:
        """A hash of the encoder's files (the same files give the same scores)."""
        digest = hashlib.sha256()
        for name in FILES:
            digest.update(name.encode())
            digest.update(self.files[name])
        return digest.hexdigest()[:16]

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    @property
    def cascade_threshold(self) -> float:
        return float(self.meta["cascade_threshold"])

    @property
    def cascade_upper(self) -> float:
        """The cheap model's score from which a sentence is a claim without the encoder (above 1: none is)."""
        upper = self.meta.get("cascade_upper")
        return NO_UPPER_CUT if upper is None else float(upper)

    @property
    def max_len(self) -> int:
        return int(self.meta["max_len"])

    def _load(self) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads  # one per worker: --workers scales
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        self._session = ort.InferenceSession(self.files["model.onnx"], sess_options=options,
                                             providers=["CPUExecutionProvider"])
        self._tokenizer = make_tokenizer(self.files["tokenizer.json"].decode("utf-8"), self.max_len)

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """Check-worthiness of each of ``texts``, 0..1, in the given order: each sentence in a call of its own.

        Dynamic int8 quantisation scales a call's activations by the range of the whole input, so a sentence
        batched with others scores differently with other neighbours (on BBC news by up to 0.13, and 2.5% of
        the passed sentences crossed the threshold). Alone, a sentence's score depends on its text only: the
        same article gives the same claims in any batch, with any ``--workers``. On one CPU thread it is also
        no slower than batches sorted by length, and faster than batches padded to their longest
        (``benchmarks/bench_encoder.py --batching``).
        """
        return np.array([float(row[0]) for row in self.each(texts, "score")], dtype=np.float64)

    def each(self, texts: Sequence[str], output: str) -> list[np.ndarray]:
        """The graph's ``output`` for each of ``texts``, flattened, each text in an onnxruntime call of its own
        (see :meth:`score`)."""
        if self._session is None:
            self._load()
        out = []
        for encoding in self._tokenizer.encode_batch(list(texts)):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            (values,) = self._session.run([output], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            out.append(np.asarray(values, dtype=np.float64).reshape(-1))
        return out

    def score_batched(self, texts: Sequence[str], batch: int) -> np.ndarray:
        """:meth:`score` with ``batch`` sentences per call, sorted by length and padded to each call's longest:
        what :meth:`score` did before; kept for ``benchmarks/bench_encoder.py --batching`` to compare."""
        if self._session is None:
            self._load()
        out = np.zeros(len(texts), dtype=np.float64)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for k in range(0, len(order), batch):
            chunk = order[k : k + batch]
            ids, mask = encode(self._tokenizer, [texts[i] for i in chunk])
            (scores,) = self._session.run(["score"], {"input_ids": ids, "attention_mask": mask})
            out[chunk] = np.asarray(scores, dtype=np.float64).reshape(-1)
        return out

    def cascade(self, texts: Sequence[str], cheap: Sequence[float]) -> np.ndarray:
        """The accurate tier's scores: the encoder's where the cascade threshold ≤ ``cheap`` < the upper cut,
        ``cheap`` itself from the upper cut on, else 0."""
        cheap = np.asarray(cheap, dtype=np.float64)
        out = np.zeros(len(texts), dtype=np.float64)
        sure = cheap >= self.cascade_upper
        out[sure] = cheap[sure]
        passed = np.flatnonzero((cheap >= self.cascade_threshold) & ~sure)
        if len(passed):
            out[passed] = self.score([texts[i] for i in passed])
        return out

    def save(self, path: Path) -> None:
        """Copy the encoder's files into ``path`` (with the pipeline, for ``spacy.load``)."""
        path.mkdir(parents=True, exist_ok=True)
        for name, content in self.files.items():
            (path / name).write_bytes(content)


def available(folder: Optional[Path] = None) -> bool:
    """Whether the encoder's files are in ``folder`` (default: the shipped ones) and onnxruntime and tokenizers
    import."""
    folder = ENCODER_DIR if folder is None else Path(folder)
    if not all((folder / name).is_file() for name in FILES):
        return False
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=4)
def load_encoder(folder: Optional[str] = None, threads: int = 1) -> EncoderModel:
    """The encoder of ``folder`` (default: the shipped one); the ONNX session opens on first use."""
    return EncoderModel(Path(folder) if folder else ENCODER_DIR, threads=threads)
