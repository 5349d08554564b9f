"""Check-worthiness quality: P/R/F1 of the check-worthy class on a CheckThat!-style TSV.

``claimpipe eval checkworthy FILE.tsv [--baseline]``. The TSV has the columns
``Sentence_id, Text, class_label`` (Yes/No), as in CLEF CheckThat! 2024 Task 1. Each sentence is
parsed by the spaCy pipeline and scored by the shipped model, at the threshold stored with the model
(block cross-validation on the training pool or max F1 on CT24 dev; see its ``meta.json``), and again
at the threshold that maximises its F1 on CT24 dev (row ``claimpipe, dev threshold``). Row ``claimpipe fast``
is that fast tier; ``claimpipe accurate`` the accurate tier from the same run (the fast scores cascaded into the
int8 sentence encoder, at the encoder's own threshold), when the encoder and onnxruntime are there. ``--baseline``
trains the TF-IDF + logistic-regression baseline on CT24 train in the same run and scores the same
sentences, its threshold also chosen on CT24 dev. CT24 train and dev are read from the folder given
(``--ct24-dir``), else from the evaluated file's folder when they are there, else from
``$CLAIMPIPE_SHARED/eval-data/checkthat2024-en``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from claimpipe.evaluate.datasets import CT24, CT24_DEV, CT24_TRAIN, SHARED_ENV, DataNotFound, eval_data, read_tsv
from claimpipe.evaluate.metrics import best_threshold, binary_prf


def ct24_folder(ct24_dir: Optional[Path] = None, *, beside: Optional[Path] = None) -> Optional[Path]:
    """The folder of the CT24 train and dev files: ``ct24_dir``; else the folder of the file evaluated
    (``beside``) when CT24 train is in it, as in the CT24 release; else ``$CLAIMPIPE_SHARED/eval-data/checkthat2024-en``;
    None when none of these is there."""
    if ct24_dir is not None:
        return Path(ct24_dir)
    if beside is not None and (Path(beside).parent / CT24_TRAIN).is_file():
        return Path(beside).parent
    return eval_data(CT24)


@dataclass
class SystemResult:
    """One system's figures: at its threshold, P/R/F1; its score histogram and mean scores."""

    name: str
    threshold: float
    precision: float
    recall: float
    f1: float
    histogram: list[int] = field(default_factory=list)  # counts of scores in [0, .1), ..., [.9, 1]
    mean_pos: float = 0.0
    mean_neg: float = 0.0


@dataclass
class Report:
    """The evaluation of one TSV: its sentences and each system's figures."""

    path: str
    sentences: int
    positives: int
    systems: list[SystemResult]


def _result(name: str, y: np.ndarray, scores: np.ndarray, threshold: float) -> SystemResult:
    p, r, f1 = binary_prf(y, scores >= threshold)
    hist = np.histogram(scores, bins=10, range=(0.0, 1.0))[0].tolist()
    return SystemResult(
        name, threshold, p, r, f1, hist,
        float(scores[y].mean()) if y.any() else 0.0,
        float(scores[~y].mean()) if (~y).any() else 0.0,
    )


def score_sentences(texts: Sequence[str], *, nlp=None, model: Optional[str] = None) -> tuple[np.ndarray, float]:
    """Scores of the shipped model for ``texts`` (each parsed alone), and its threshold."""
    from claimpipe.nlp.components.claims.checkworthiness import for_pipeline
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, load_model

    if nlp is None:
        nlp = load_model(model or DEFAULT_MODEL)
    cw = for_pipeline(nlp)
    scores = np.array([cw.score(doc[:]) for doc in nlp.pipe(texts, batch_size=256)], dtype=np.float64)
    return scores, cw.threshold


def cheap_scores(texts: Sequence[str], *, nlp=None, model: Optional[str] = None) -> np.ndarray:
    """The fast tier's scores of ``texts`` (:func:`score_sentences` without the threshold)."""
    return score_sentences(texts, nlp=nlp, model=model)[0]


def accurate_scores(texts: Sequence[str], cheap: np.ndarray, *, encoder=None) -> tuple[np.ndarray, float]:
    """The accurate tier's scores of ``texts`` (the encoder on those whose ``cheap`` score passes the cascade
    threshold, 0 for the others) and its threshold. ``encoder``: default, the shipped one."""
    from claimpipe.nlp.components.claims.encoder import load_encoder

    encoder = encoder or load_encoder(None, 1)
    return encoder.cascade(list(texts), cheap), encoder.threshold


def baseline_scores(texts: Sequence[str], *, ct24_dir: Path) -> tuple[np.ndarray, float]:
    """TF-IDF + logistic regression (scikit-learn defaults) trained on CT24 train; threshold by F1 on dev."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    train = read_tsv(ct24_dir / CT24_TRAIN)
    dev = read_tsv(ct24_dir / CT24_DEV)
    vec = TfidfVectorizer()
    clf = LogisticRegression(max_iter=2000)
    clf.fit(vec.fit_transform([s.text for s in train]), [s.label for s in train])
    dev_scores = clf.predict_proba(vec.transform([s.text for s in dev]))[:, 1]
    threshold, _ = best_threshold(np.array([s.label for s in dev]), dev_scores)
    return clf.predict_proba(vec.transform(list(texts)))[:, 1], threshold


def dev_threshold(*, ct24_dir: Path, nlp=None, model: Optional[str] = None) -> Optional[float]:
    """The threshold that maximises the shipped model's F1 on CT24 dev (None when dev is absent)."""
    path = ct24_dir / CT24_DEV
    if not path.is_file():
        return None
    dev = read_tsv(path)
    scores, _ = score_sentences([s.text for s in dev], nlp=nlp, model=model)
    return best_threshold(np.array([s.label for s in dev], dtype=bool), scores)[0]


def evaluate(path: Path, *, baseline: bool = False, nlp=None, model: Optional[str] = None,
             ct24_dir: Optional[Path] = None, at_dev_threshold: bool = True, accurate: Optional[bool] = None) -> Report:
    """Score the sentences of ``path`` with the shipped model's tiers (and the baseline, when asked).

    ``claimpipe fast`` is the fast tier; ``claimpipe accurate`` the cascade of the fast tier and the encoder
    (``accurate``: None adds it when the encoder and onnxruntime are there; True requires them).

    ``at_dev_threshold``: also report the shipped model at the threshold that maximises its F1 on CT24
    dev (when that file is present), as the baseline's threshold is chosen. ``ct24_dir``: the folder of
    the CT24 train and dev files (see :func:`ct24_folder`); without it there is no dev-threshold row, and
    the baseline raises :class:`~claimpipe.evaluate.datasets.DataNotFound`.
    """
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, load_model

    ct24_dir = ct24_folder(ct24_dir)
    if baseline and (ct24_dir is None or not (ct24_dir / CT24_TRAIN).is_file()):
        where = f"in {ct24_dir}" if ct24_dir else f"(give their folder or set {SHARED_ENV})"
        raise DataNotFound(f"the baseline needs the CT24 train and dev files {where}")
    sents = read_tsv(path)
    if not sents:
        raise ValueError(f"{path}: no sentences")
    texts = [s.text for s in sents]
    y = np.array([s.label for s in sents], dtype=bool)
    if nlp is None:
        nlp = load_model(model or DEFAULT_MODEL)
    from claimpipe.nlp.components.claims.encoder import available

    scores, th = score_sentences(texts, nlp=nlp)
    systems = [_result("claimpipe fast", y, scores, th)]
    if at_dev_threshold and ct24_dir is not None:
        dev_th = dev_threshold(ct24_dir=ct24_dir, nlp=nlp)
        if dev_th is not None:
            systems.append(_result("claimpipe, dev threshold", y, scores, dev_th))
    if accurate or (accurate is None and available()):
        systems.append(_result("claimpipe accurate", y, *accurate_scores(texts, scores)))
    if baseline:
        b_scores, b_th = baseline_scores(texts, ct24_dir=ct24_dir)
        systems.append(_result("tfidf-logreg baseline", y, b_scores, b_th))
    return Report(str(path), len(sents), int(y.sum()), systems)


def format_report(report: Report) -> str:
    """The figures, as printed by ``claimpipe eval checkworthy``."""
    width = max([len("system")] + [len(s.name) for s in report.systems]) + 2
    lines = [f"{report.path}: {report.sentences} sentences, {report.positives} check-worthy",
             f"{'system':<{width}} {'thresh':>6} {'P':>6} {'R':>6} {'F1':>6}  mean score pos/neg"]
    for s in report.systems:
        lines.append(f"{s.name:<{width}} {s.threshold:>6.2f} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}  "
                     f"{s.mean_pos:.3f}/{s.mean_neg:.3f}")
    lines.append("score distribution (count per 0.1 bin, 0.0-0.1 ... 0.9-1.0):")
    for s in report.systems:
        lines.append(f"  {s.name:<{width - 2}} " + " ".join(f"{c:>4}" for c in s.histogram))
    return "\n".join(lines)
