"""The kind encoder: a fine-tuned sentence encoder's kind probabilities, stacked with the rules' kind.

Shipped in ``claimpipe/models/kinds/encoder/`` (``model.onnx``: all-MiniLM-L6-v2 fine-tuned on the audit sets'
kind labels, int8; ``tokenizer.json``; ``meta.json``: the kinds in column order and the stacker's weights), trained
by :mod:`claimpipe.training.kind_encoder`. Run time needs ``onnxruntime`` and ``tokenizers`` only.

:meth:`KindEncoder.decide` takes the text of a claim in the author's voice and the kind the rules (or the kind
model of :mod:`.kind_model`) gave it: the stacker, a multinomial logistic regression over the log of the
encoder's seven probabilities and that kind one-hot, gives every kind's probability (``kind_scores``) and the
most probable is the kind, never ``attribution`` (a reported statement is a claim with a speaker, and the
claims with a speaker keep the rules' kind, so kind and source never contradict each other). A cascade spares the
encoder where it gains nothing: a claim whose rules' kind is one of :attr:`KindEncoder.rules_kept` keeps it
(:meth:`KindEncoder.consults`). The stacker was
fitted on the kinds the rules gave each audit set before it was studied, so it weighs the rules as they are on
unseen text.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from claimpipe.nlp.components.claims.encoder import EncoderModel, available
from claimpipe.nlp.components.claims.kind_model import MODEL_DIR

KIND_ENCODER_DIR = MODEL_DIR / "encoder"
EPSILON = 1e-4  # added to the encoder's probabilities before their log (the stacker's inputs)


def stack_features(probs: np.ndarray, rules: Sequence[str], kinds: Sequence[str], epsilon: float = EPSILON) -> np.ndarray:
    """The stacker's inputs, one row per claim: the log of each kind's encoder probability (``probs``, a row per
    claim, columns in ``kinds`` order), then the rules' kind one-hot. Training fits on these rows
    (:mod:`claimpipe.training.kind_encoder`) and :meth:`KindEncoder.stacked` reads the same."""
    probs = np.atleast_2d(np.asarray(probs, dtype=np.float64))
    onehot = np.array([[float(k == rule) for k in kinds] for rule in rules]).reshape(len(rules), len(kinds))
    return np.hstack([np.log(probs + epsilon), onehot])


class KindEncoder(EncoderModel):
    """The int8 ONNX kind encoder of ``folder`` and its stacker (see the module)."""

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.meta["kinds"])

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """The encoder's probability of each kind (columns in :attr:`kinds` order) for each of ``texts``; each
        text in an onnxruntime call of its own, so a claim's kind depends on its own text only (see
        :meth:`EncoderModel.score`)."""
        return np.array(self.each(texts, "probs")).reshape(len(texts), len(self.kinds))

    @cached_property
    def rules_kept(self) -> frozenset[str]:
        """The rules' kinds that stand without the encoder (the cascade: on claims the rules give these kinds, the
        encoder's overrulings gained nothing held out, so it is not run on them; ``meta.json``'s
        ``stacker.rules_kept``, chosen by :func:`claimpipe.training.kind_encoder.rules_kept`)."""
        return frozenset(self.meta["stacker"].get("rules_kept", ()))

    def consults(self, rules: str) -> bool:
        """Whether a claim in the author's voice whose rules' kind is ``rules`` goes to the encoder."""
        return rules not in self.rules_kept

    @cached_property
    def _stacker(self) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], float]:
        """The stacker's weights, bias, classes and epsilon, read from meta.json once."""
        stacker = self.meta["stacker"]
        return (np.asarray(stacker["coef"], dtype=np.float64), np.asarray(stacker["intercept"], dtype=np.float64),
                tuple(stacker["classes"]), float(stacker["epsilon"]))

    def stacked(self, probs: np.ndarray, rules: str) -> dict[str, float]:
        """Every kind's probability from the encoder's ``probs`` (one row) and the rules' kind ``rules``."""
        coef, intercept, classes, epsilon = self._stacker
        z = coef @ stack_features(probs, [rules], self.kinds, epsilon)[0] + intercept
        z = np.exp(z - z.max())
        return {k: float(v) for k, v in zip(classes, z / z.sum())}

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
