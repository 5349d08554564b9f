"""The kind encoder: a fine-tuned sentence encoder's kind probabilities, stacked with the rules' kind.

Shipped in ``claimpipe/models/kinds/encoder/`` (``model.onnx``: all-MiniLM-L6-v2 fine-tuned on the audit sets'
kind labels, int8; ``tokenizer.json``; ``meta.json``: the kinds in column order and the stacker's weights), trained
by :mod:`claimpipe.training.kind_encoder`. Run time needs ``onnxruntime`` and ``tokenizers`` only.

:meth:`KindEncoder.decide` takes the text of a claim in the author's voice and the kind the rules (or the kind
model of :mod:`.kind_model`) gave it: the stacker, a multinomial logistic regression over the log of the
encoder's seven probabilities and that kind one-hot, gives every kind's probability (``kind_scores``) and the
most probable is the kind, never ``attribution`` (a reported statement is a claim with a speaker, and the
claims with a speaker keep the rules' kind, so kind and source never contradict each other). The stacker was
fitted on the kinds the rules gave each audit set before it was studied, so it weighs the rules as they are on
unseen text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from claimpipe.nlp.components.claims.encoder import EncoderModel, available
from claimpipe.nlp.components.claims.kind_model import MODEL_DIR

KIND_ENCODER_DIR = MODEL_DIR / "encoder"


class KindEncoder(EncoderModel):
    """The int8 ONNX kind encoder of ``folder`` and its stacker (see the module)."""

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.meta["kinds"])

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """The encoder's probability of each kind (columns in :attr:`kinds` order) for each of ``texts``; each
        text in an onnxruntime call of its own, so a claim's kind depends on its own text only (see
        :meth:`EncoderModel.score`)."""
        if self._session is None:
            self._load()
        out = np.zeros((len(texts), len(self.kinds)), dtype=np.float64)
        for i, encoding in enumerate(self._tokenizer.encode_batch(list(texts))):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            (probs,) = self._session.run(["probs"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
            out[i] = np.asarray(probs, dtype=np.float64).reshape(-1)
        return out

    def stacked(self, probs: np.ndarray, rules: str) -> dict[str, float]:
        """Every kind's probability from the encoder's ``probs`` (one row) and the rules' kind ``rules``."""
        stacker = self.meta["stacker"]
        onehot = np.array([float(k == rules) for k in self.kinds])
        x = np.concatenate([np.log(np.asarray(probs, dtype=np.float64) + float(stacker["epsilon"])), onehot])
        z = np.asarray(stacker["coef"], dtype=np.float64) @ x + np.asarray(stacker["intercept"], dtype=np.float64)
        z = np.exp(z - z.max())
        return {k: float(v) for k, v in zip(stacker["classes"], z / z.sum())}

    def decide(self, text: str, rules: str) -> tuple[str, dict[str, float]]:
        """The kind of a claim in the author's voice and every kind's probability (rounded to 4 places), given the
        rules' kind: the stacker's, with ``attribution`` at 0 and the others scaled to sum to 1 (a claim is a
        reported statement only with a speaker, whose claims keep the rules' kind: see the module)."""
        scores = self.stacked(self.probabilities([text])[0], rules)
        scores["attribution"] = 0.0
        total = sum(scores.values())
        scores = {k: round(v / total, 4) for k, v in scores.items()}
        return max(scores, key=scores.get), scores


def kind_encoder_available(folder: Optional[Path] = None) -> bool:
    """Whether the kind encoder's files are in ``folder`` (default: the shipped ones) and its runtime imports."""
    return available(KIND_ENCODER_DIR if folder is None else Path(folder))


@lru_cache(maxsize=4)
def load_kind_encoder(folder: Optional[str] = None, threads: int = 1) -> KindEncoder:
    """The kind encoder of ``folder`` (default: the shipped one); the ONNX session opens on first use."""
    return KindEncoder(Path(folder) if folder else KIND_ENCODER_DIR, threads=threads)
