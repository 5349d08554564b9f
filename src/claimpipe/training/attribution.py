"""Train the attribution cue model from PolNeAR train.

``claimpipe train attribution [--config configs/attribution.toml]`` or
``python -m claimpipe.training.attribution [CONFIG]``. Parses the PolNeAR train articles with the configured
spaCy pipeline; every candidate cue (every verb, and what the word lists take as a cue) outside the direct
quotes the rules find makes one example: the features of :func:`claimpipe.nlp.components.quotes.learned.features`,
labelled positive when it lies in the cue of a gold attribution and what it proposes matches that attribution's
content (the overlap PolNeAR's scoring counts): a clause nested in another's content is no example of it.
A logistic regression over hashed features is fitted on the first articles and its settings chosen on the
held-out last ones (``heldout_share``), end to end: the threshold (and C) that maximise all-attribution F1
on the held-out block with precision at least ``min_precision`` (else the best F1). The model is then refitted
on all of train with those settings and written to ``src/claimpipe/models/attribution``. PolNeAR dev is
never read. The data are read, never copied.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Optional

import numpy as np

from claimpipe.training.checkworthy import read_config

DEFAULT_CONFIG = Path("configs") / "attribution.toml"  # relative to the current folder
Log = Callable[[str], None]


def load_config(path: Path = DEFAULT_CONFIG) -> dict:
    """The training config at ``path``, its data and output paths made absolute (see :func:`read_config`)."""
    return read_config(path, DEFAULT_CONFIG, (("data", "train_dir"), ("output", "dir")))


def parse(articles: list, pipeline: str, log: Log) -> list:
    """The articles' docs, parsed as ``claimpipe eval polnear`` parses them (claimpipe's quotes, dates and
    claims off)."""
    from claimpipe.nlp.pipeline import build_pipeline

    nlp = build_pipeline(pipeline)
    off = [n for n in ("claimpipe_dates", "claimpipe_claims", "claimpipe_quotes") if n in nlp.pipe_names]
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=off):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=8))
    log(f"parsed {len(docs)} articles in {time.perf_counter() - t0:.0f}s")
    return docs


def examples(doc, gold: list) -> tuple[list[list[str]], list[bool]]:
    """The feature lists and labels of the candidate cues of one parsed article with its gold attributions."""
    from claimpipe.evaluate.polnear import spans_match
    from claimpipe.nlp.components.quotes import learned
    from claimpipe.nlp.components.quotes.indirect import proposed
    from claimpipe.nlp.components.quotes.extract import rule_context

    ctx, taken, used, rule_candidates = rule_context(doc)
    feats, labels = [], []
    for i in learned.candidates(doc, rule_candidates):
        tok = doc[i]
        if i in used or tok.text == ":" or tok.lower_ == "according":
            continue
        found = proposed(ctx, tok, taken)
        if found is None:
            continue
        prop, bounds = found
        feats.append(learned.features(ctx.cues, tok, prop))
        labels.append(any(spans_match([bounds], g.content) and any(a <= tok.idx < b for a, b in g.cue) for g in gold))
    return feats, labels


def design(rows: Iterable[list[str]], n_buckets: int):
    """The sparse matrix of hashed feature counts (what :meth:`CueModel.score` sums over)."""
    from scipy.sparse import csr_matrix

    from claimpipe.nlp.components.quotes.hashed import bucket_ids

    indptr, indices = [0], []
    for feats in rows:
        indices.extend(bucket_ids(feats, n_buckets))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    X = csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(indptr) - 1, n_buckets))
    X.sum_duplicates()
    return X


def matrix(rows: list[tuple[list[list[str]], list[bool]]], n_buckets: int):
    """The hashed design matrix and the labels of per-article ``(features, labels)`` rows, in order."""
    feats = [f for fs, _ in rows for f in fs]
    labels = np.array([y for _, ys in rows for y in ys], dtype=bool)
    return design(feats, n_buckets), labels


def fit_hashed(model_class, X, y: np.ndarray, C: float, setting: float, meta: dict):
    """A :class:`~claimpipe.nlp.components.quotes.hashed.HashedLogistic` of ``model_class`` with its decision
    ``setting``, fitted by scikit-learn's logistic regression on the hashed design ``X``."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=2000, solver="liblinear")
    clf.fit(X, y)
    return model_class(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]), setting, dict(meta))


def fit(X, y: np.ndarray, C: float, meta: dict):
    """A :class:`CueModel` (threshold 0.5 until chosen)."""
    from claimpipe.nlp.components.quotes.learned import CueModel

    return fit_hashed(CueModel, X, y, C, 0.5, meta)


def polnear_train(cfg: dict, limit: Optional[int], docs: Optional[list], log: Log) -> tuple[list, list]:
    """The PolNeAR train articles of ``cfg`` (the first ``limit``) and their parses (``docs`` when given)."""
    from claimpipe.evaluate.datasets import polnear_articles

    articles = list(polnear_articles(cfg["data"]["train_dir"], limit))
    if len(articles) < 5:
        raise ValueError(f"too few PolNeAR articles in {cfg['data']['train_dir']} to train and hold out ({len(articles)})")
    return articles, parse(articles, cfg["model"]["spacy_pipeline"], log) if docs is None else docs


def end_to_end(model, docs: list, articles: list) -> tuple[float, float, float]:
    """All-attribution P/R/F1 of ``claimpipe eval polnear``'s scoring with ``model`` over ``docs``."""
    from claimpipe.evaluate.polnear import ScoreSet, score_article
    from claimpipe.nlp.components.quotes import extract_quotes

    scores = ScoreSet()
    for doc, article in zip(docs, articles):
        score_article(article.text, article.gold, extract_quotes(doc, model=model), direct_only=False, scores=scores)
    m = scores.content
    return m.precision, m.recall, m.f1


def choose(candidates: list[tuple[float, float, float, float, float]], min_precision: float) -> tuple:
    """The (C, threshold, P, R, F1) with the best F1 at precision >= ``min_precision`` (else the best F1)."""
    ok = [c for c in candidates if c[2] >= min_precision] or candidates
    return max(ok, key=lambda c: (c[4], c[2]))


def select(parts: tuple, mcfg: dict, log: Log) -> tuple[float, float, list]:
    """C and threshold chosen on the held-out block: (C, threshold, every (C, threshold, P, R, F1) tried)."""
    X_fit, y_fit, held_docs, held_articles = parts
    tried = []
    base = end_to_end(None, held_docs, held_articles)
    log(f"held-out block, rules only: P {base[0]:.3f} R {base[1]:.3f} F1 {base[2]:.3f}")
    for C in mcfg["C"]:
        model = fit(X_fit, y_fit, float(C), {})
        for threshold in mcfg["thresholds"]:
            model.threshold = float(threshold)
            p, r, f = end_to_end(model, held_docs, held_articles)
            tried.append((float(C), float(threshold), p, r, f))
            log(f"C {C} threshold {threshold:.3f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    best = choose(tried, float(mcfg["min_precision"]))
    return best[0], best[1], tried


def train(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, limit: Optional[int] = None,
          docs: Optional[list] = None, log: Log = print) -> dict:
    """Train as configured (``limit``: only the first N train articles; ``docs``: their parses, if already
    made) and write the model; return its meta."""
    cfg = load_config(config_path)
    mcfg = cfg["model"]
    articles, docs = polnear_train(cfg, limit, docs, log)
    per_doc = [examples(doc, a.gold) for doc, a in zip(docs, articles)]
    n_fit = int(round(len(articles) * (1 - float(mcfg["heldout_share"]))))
    n_buckets = int(mcfg["n_buckets"])

    X_fit, y_fit = matrix(per_doc[:n_fit], n_buckets)
    log(f"examples: {len(y_fit)} in the first {n_fit} articles ({int(y_fit.sum())} positive)")
    C, threshold, tried = select((X_fit, y_fit, docs[n_fit:], articles[n_fit:]), mcfg, log)
    X, y = matrix(per_doc, n_buckets)
    meta = {"trained_on": f"PolNeAR train ({len(articles)} articles, {len(y)} candidate cues, {int(y.sum())} positive)",
            "spacy_pipeline": mcfg["spacy_pipeline"], "n_buckets": n_buckets, "C": C,
            "threshold_rule": f"max all-attribution F1 at P >= {mcfg['min_precision']} on the last "
                              f"{len(articles) - n_fit} train articles (model fitted on the first {n_fit})",
            "heldout": [dict(zip(("C", "threshold", "P", "R", "F1"), (c, t, round(p, 4), round(r, 4), round(f, 4))))
                        for c, t, p, r, f in tried if c == C]}
    model = fit(X, y, C, meta)
    model.threshold = threshold
    target = Path(out) if out is not None else Path(cfg["output"]["dir"])
    model.save(target)
    log(f"C {C} threshold {threshold:.3f}: written to {target}")
    return model.meta


def main(argv: Optional[list[str]] = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    train(Path(argv[0]) if argv else DEFAULT_CONFIG)


if __name__ == "__main__":
    main()
