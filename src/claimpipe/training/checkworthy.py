"""Train the check-worthiness model from CheckThat! 2024 (English) and ClaimBuster.

``claimpipe train checkworthy [--config configs/checkworthy.toml]`` or
``python -m claimpipe.training.checkworthy [CONFIG]``; the config's default path is relative to the current
folder (the repository root), and relative paths inside it are taken from the folder above the config's
own (the repository root too).
Reads the config, parses the training sentences with the configured spaCy pipeline, fits two
logistic regressions (``tensor``: sparse + pooled ``doc.tensor`` features; ``lexical``: sparse
only, for other pipelines), picks each one's threshold and writes them to
``src/claimpipe/models/checkworthy/{tensor,lexical}``. The data are read, never copied.

Threshold (``[model] threshold_rule``): ``dev`` is max F1 on CT24 dev. ``block-cv`` is max F1 of
out-of-fold scores on the training pool split into contiguous blocks of sentence ids (whole
debates held out, as in dev-test), because dev is a random sample of the training debates and its
positives score much higher than those of an unseen debate, so a dev threshold is too high there.
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from pathlib import Path
from typing import Optional

import numpy as np

from claimpipe.errors import ClaimpipeError
from claimpipe.evaluate.datasets import CT24_DEV, CT24_DEVTEST, CT24_TRAIN, read_claimbuster, read_tsv
from claimpipe.evaluate.metrics import best_threshold, binary_prf

DEFAULT_CONFIG = Path("configs") / "checkworthy.toml"  # relative to the current folder


class ConfigNotFound(ClaimpipeError, FileNotFoundError):
    """The training config is not where it was looked for."""


def read_config(path: Path, default: Path, paths: tuple[tuple[str, str], ...]) -> dict:
    """A training config (TOML) with its ``paths`` (``(section, key)`` pairs) made absolute: relative ones are
    taken from the folder above the config's own, the repository root for ``configs/*.toml``. ``default``
    is named in the error when there is no file at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise ConfigNotFound(f"no training config at {path.absolute()} (give its path, or run from the "
                             f"repository root, where {default} is)")
    with open(path, "rb") as f:
        cfg = tomllib.load(f)
    base = path.resolve().parent.parent
    for section, key in paths:
        p = Path(cfg[section][key])
        cfg[section][key] = p if p.is_absolute() else (base / p).resolve()
    return cfg


def load_config(path: Path = DEFAULT_CONFIG) -> dict:
    """The training config at ``path``, its data and output paths made absolute (see :func:`read_config`)."""
    return read_config(path, DEFAULT_CONFIG, (("data", "checkthat_dir"), ("data", "claimbuster_dir"), ("output", "dir")))


def training_pool(checkthat_dir: Path, claimbuster_dir: Optional[Path]) -> tuple[list, dict]:
    """CT24 train plus ClaimBuster sentences not already there; nothing that is in dev or dev-test."""
    train = read_tsv(checkthat_dir / CT24_TRAIN)
    held = []
    for name in (CT24_DEV, CT24_DEVTEST):
        p = checkthat_dir / name
        if p.exists():
            held += read_tsv(p)
    held_ids = {s.id for s in held}
    held_texts = {s.text for s in held}
    seen_ids = {s.id for s in train}
    seen_texts = {s.text for s in train}
    stats = {"ct24_train": len(train)}
    pool = [s for s in train if s.text not in held_texts]
    stats["ct24_train_dropped_also_in_dev_or_devtest"] = len(train) - len(pool)
    added = 0
    if claimbuster_dir is not None and claimbuster_dir.exists():
        for path in sorted(claimbuster_dir.glob("*.json")):
            for s in read_claimbuster(path):
                if s.id in held_ids or s.text in held_texts or s.id in seen_ids or s.text in seen_texts:
                    continue
                seen_ids.add(s.id)
                seen_texts.add(s.text)
                pool.append(s)
                added += 1
    stats["claimbuster_added"] = added
    stats["pool"] = len(pool)
    stats["pool_positive"] = sum(s.label for s in pool)
    return pool, stats


def featurize(nlp, sentences, n_buckets: int, *, batch_size: int = 256):
    """Sparse matrix of hashed features and the dense pooled tensors of ``sentences``."""
    import scipy.sparse as sp

    from claimpipe.nlp.components.claims.checkworthiness import features, hash_features, tensor_features

    rows, cols, vals, dense = [], [], [], []
    width = None
    for i, doc in enumerate(nlp.pipe((s.text for s in sentences), batch_size=batch_size)):
        vec = hash_features(features(doc[:]), n_buckets)
        norm = float(np.sqrt(sum(v * v for v in vec.values()))) or 1.0
        for h, v in vec.items():
            rows.append(i)
            cols.append(h)
            vals.append(v / norm)
        if width is None:
            width = doc.tensor.shape[1] if doc.tensor is not None and doc.tensor.ndim == 2 else 0
        t = tensor_features(doc[:], width) if width else None
        dense.append(t if t is not None else np.zeros(2 * width, dtype=np.float32))
    X = sp.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(len(sentences), n_buckets))
    return X, np.array(dense, dtype=np.float32)


def block_cv_scores(fit_score, n: int, ids, k: int) -> np.ndarray:
    """Out-of-fold scores over ``k`` contiguous blocks of sentence ids; ``fit_score(train_idx, test_idx)``."""
    order = np.argsort(np.asarray(ids), kind="stable")
    oof = np.zeros(n, dtype=np.float64)
    for block in np.array_split(order, k):
        keep = np.ones(n, dtype=bool)
        keep[block] = False
        oof[block] = fit_score(np.flatnonzero(keep), block)
    return oof


def _standardiser(D: np.ndarray, tensor_scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The mean and scale that standardise the pooled tensor features ``D`` (weighted by ``tensor_scale``)."""
    return D.mean(0), (1.0 / (D.std(0) + 1e-6) * tensor_scale).astype(np.float32)


def _design(X, D: np.ndarray, mean: np.ndarray, scale: np.ndarray, use_dense: bool):
    """The classifier's input: the sparse features, with the standardised tensor features beside them."""
    import scipy.sparse as sp

    return sp.hstack([X, sp.csr_matrix((D - mean) * scale)]).tocsr() if use_dense else X


def _fit(X, D: np.ndarray, y: np.ndarray, mcfg: dict, use_dense: bool):
    """A logistic regression fitted on ``X`` (and ``D``) and ``y``; with the mean and scale of ``D``."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = _standardiser(D, float(mcfg["tensor_scale"]))
    clf = LogisticRegression(C=float(mcfg["C"]), max_iter=int(mcfg["max_iter"]))
    clf.fit(_design(X, D, mean, scale, use_dense), y)
    return clf, mean, scale


def _block_cv_threshold(train_part: tuple, ids: list, mcfg: dict, use_dense: bool) -> tuple[float, float]:
    """The threshold that maximises the out-of-fold F1 over contiguous blocks of sentence ids, and that F1."""
    Xs, D, y = train_part

    def fit_score(tr, te):
        clf, mean, scale = _fit(Xs[tr], D[tr], y[tr], mcfg, use_dense)
        return clf.predict_proba(_design(Xs[te], D[te], mean, scale, use_dense))[:, 1]

    return best_threshold(y, block_cv_scores(fit_score, len(y), ids, int(mcfg.get("cv_blocks", 5))))


def _shipped_scores(model, X, D: np.ndarray) -> np.ndarray:
    """Scores through the shipped float16 weights, exactly as at run time."""
    z = X @ model.sparse.astype(np.float16).astype(np.float32) + model.bias
    if model.dense is not None:
        z = z + ((D - model.mean) * model.scale) @ model.dense
    return 1.0 / (1.0 + np.exp(-z))


def _train_variant(variant: str, parts: dict, ids: list, mcfg: dict, log):
    """Fit one variant (``tensor`` or ``lexical``) and choose its threshold: the model and its metrics,
    and the thresholds and F1 the choice saw (for its meta.json)."""
    from claimpipe.nlp.components.claims.checkworthiness import CheckworthyModel

    Xs, D, y = parts["train"]
    use_dense = variant == "tensor" and D.shape[1] > 0
    clf, mean, scale = _fit(Xs, D, y, mcfg, use_dense)
    cv_th = cv_f1 = None
    if mcfg.get("threshold_rule", "dev") == "block-cv":
        cv_th, cv_f1 = _block_cv_threshold(parts["train"], ids, mcfg, use_dense)
        log(f"{variant}: block-cv threshold {cv_th:.2f} (out-of-fold F1 {cv_f1:.4f})")
    nb = int(mcfg["n_buckets"])
    coef = clf.coef_[0]
    model = CheckworthyModel(
        sparse=coef[:nb].astype(np.float32),
        bias=float(clf.intercept_[0]),
        threshold=0.5,
        meta={},
        dense=coef[nb:].astype(np.float32) if use_dense else None,
        mean=mean if use_dense else None,
        scale=scale if use_dense else None,
    )
    scores = {name: _shipped_scores(model, *parts[name][:2]) for name in ("dev", "dev-test") if name in parts}
    dev_th, _ = best_threshold(parts["dev"][2], scores["dev"])
    model.threshold = cv_th if cv_th is not None else dev_th
    metrics = {}
    for name, s in scores.items():
        p, r, f1 = binary_prf(parts[name][2], s >= model.threshold)
        metrics[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}
    chosen = {"threshold_dev_max_f1": dev_th, "threshold_block_cv": cv_th,
              "block_cv_f1": None if cv_f1 is None else round(cv_f1, 4)}
    return model, metrics, chosen


def _meta(variant: str, mcfg: dict, label: Optional[str], stats: dict, chosen: dict, metrics: dict,
          fingerprint: Optional[str] = None) -> dict:
    """What a variant's meta.json says of it (the tensor variant: which network's token vectors it read)."""
    from claimpipe.nlp.components.claims.checkworthiness import FEATURES_VERSION

    return {
        "name": "claimpipe-checkworthy",
        "variant": variant,
        "features_version": FEATURES_VERSION,
        "spacy_pipeline": label,
        **({"vectors_fingerprint": fingerprint} if variant == "tensor" and fingerprint else {}),
        "trained_on": stats,
        "config": {k: v for k, v in mcfg.items()},
        "threshold_chosen_on": (
            f"CT24 English train+ClaimBuster pool, {int(mcfg.get('cv_blocks', 5))} contiguous id blocks "
            "(max out-of-fold F1 of the positive class)" if mcfg.get("threshold_rule", "dev") == "block-cv"
            else "CT24 English dev (max F1 of the positive class)"),
        **chosen,
        "metrics": metrics,
    }


def train(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, log=print) -> dict:
    """Train both variants as configured; return the metrics written to their meta.json."""
    from claimpipe.nlp.components.claims.checkworthiness import token_vectors, vectors_fingerprint
    from claimpipe.nlp.pipeline import load_model, model_label

    started = time.perf_counter()
    cfg = load_config(config_path)
    data, mcfg = cfg["data"], cfg["model"]
    out = Path(out) if out else cfg["output"]["dir"]
    ct = data["checkthat_dir"]
    pool, stats = training_pool(ct, data["claimbuster_dir"])
    dev = read_tsv(ct / CT24_DEV)
    devtest_path = ct / CT24_DEVTEST
    devtest = read_tsv(devtest_path) if devtest_path.exists() else []
    log(f"training pool: {json.dumps(stats)}")

    nlp = load_model(mcfg["spacy_pipeline"])
    label = model_label(nlp)
    parts = {}
    for name, sents in (("train", pool), ("dev", dev), ("dev-test", devtest)):
        if sents:
            parts[name] = featurize(nlp, sents, int(mcfg["n_buckets"])) + (np.array([s.label for s in sents]),)
        log(f"parsed {name}: {len(sents)} sentences ({time.perf_counter() - started:.0f} s)")

    rule = mcfg.get("threshold_rule", "dev")
    if rule not in ("dev", "block-cv"):
        raise ValueError(f"threshold_rule must be 'dev' or 'block-cv', not {rule!r}")
    results = {}
    for variant in ("tensor", "lexical"):
        model, metrics, chosen = _train_variant(variant, parts, [s.id for s in pool], mcfg, log)
        model.meta = _meta(variant, mcfg, label if model.dense is not None else None, stats, chosen, metrics,
                           vectors_fingerprint(token_vectors(nlp)))
        model.save(out / variant)
        results[variant] = {"threshold": model.threshold, **metrics}
        log(f"{variant}: threshold {model.threshold:.2f} {json.dumps(metrics)}")
    log(f"done in {time.perf_counter() - started:.0f} s -> {out}")
    return results


def main(argv: Optional[list[str]] = None) -> None:
    """``python -m claimpipe.training.checkworthy [CONFIG]``."""
    argv = sys.argv[1:] if argv is None else argv
    train(Path(argv[0]) if argv else DEFAULT_CONFIG)


if __name__ == "__main__":
    main()
