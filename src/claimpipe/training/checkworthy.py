"""Train the check-worthiness model from CheckThat! 2024 (English) and ClaimBuster.

``python -m claimpipe.training.checkworthy [configs/checkworthy.toml]`` or ``claimpipe train checkworthy``.
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

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_CONFIG = ROOT / "configs" / "checkworthy.toml"


def load_config(path: Path = DEFAULT_CONFIG) -> dict:
    with open(path, "rb") as f:
        cfg = tomllib.load(f)
    base = path.resolve().parent.parent
    for section, key in (("data", "checkthat_dir"), ("data", "claimbuster_dir"), ("output", "dir")):
        p = Path(cfg[section][key])
        cfg[section][key] = p if p.is_absolute() else (base / p).resolve()
    return cfg


def training_pool(checkthat_dir: Path, claimbuster_dir: Optional[Path]) -> tuple[list, dict]:
    """CT24 train plus ClaimBuster sentences not already there; nothing that is in dev or dev-test."""
    from claimpipe.evaluate.checkworthy import read_claimbuster, read_tsv

    train = read_tsv(checkthat_dir / "CT24_checkworthy_english_train.tsv")
    held = []
    for name in ("CT24_checkworthy_english_dev.tsv", "CT24_checkworthy_english_dev-test.tsv"):
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


def best_threshold(y: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """The threshold (on a 0.01 grid) that maximises F1 of the positive class, and that F1."""
    from claimpipe.evaluate.checkworthy import prf

    best = (0.5, -1.0)
    for th in np.round(np.arange(0.05, 0.951, 0.01), 2):
        f1 = prf(y, scores >= th)[2]
        if f1 > best[1]:
            best = (float(th), f1)
    return best


def block_cv_scores(fit_score, n: int, ids, k: int) -> np.ndarray:
    """Out-of-fold scores over ``k`` contiguous blocks of sentence ids; ``fit_score(train_idx, test_idx)``."""
    order = np.argsort(np.asarray(ids), kind="stable")
    oof = np.zeros(n, dtype=np.float64)
    for block in np.array_split(order, k):
        keep = np.ones(n, dtype=bool)
        keep[block] = False
        oof[block] = fit_score(np.flatnonzero(keep), block)
    return oof


def train(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, log=print) -> dict:
    """Train both variants as configured; return the metrics written to their meta.json."""
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    from claimpipe.nlp.components.claims.checkworthiness import FEATURES_VERSION, CheckworthyModel
    from claimpipe.evaluate.checkworthy import prf, read_tsv
    from claimpipe.nlp.pipeline import load_model, model_label

    started = time.perf_counter()
    cfg = load_config(config_path)
    data, mcfg = cfg["data"], cfg["model"]
    out = Path(out) if out else cfg["output"]["dir"]
    ct = data["checkthat_dir"]
    pool, stats = training_pool(ct, data["claimbuster_dir"])
    dev = read_tsv(ct / "CT24_checkworthy_english_dev.tsv")
    devtest_path = ct / "CT24_checkworthy_english_dev-test.tsv"
    devtest = read_tsv(devtest_path) if devtest_path.exists() else []
    log(f"training pool: {json.dumps(stats)}")

    nlp = load_model(mcfg["spacy_pipeline"])
    label = model_label(nlp)
    nb = int(mcfg["n_buckets"])
    parts = {}
    for name, sents in (("train", pool), ("dev", dev), ("dev-test", devtest)):
        if sents:
            parts[name] = featurize(nlp, sents, nb) + (np.array([s.label for s in sents]),)
        log(f"parsed {name}: {len(sents)} sentences ({time.perf_counter() - started:.0f} s)")

    Xs, D, y = parts["train"]
    mean = D.mean(0)
    scale = (1.0 / (D.std(0) + 1e-6) * float(mcfg["tensor_scale"])).astype(np.float32)
    rule = mcfg.get("threshold_rule", "dev")
    if rule not in ("dev", "block-cv"):
        raise ValueError(f"threshold_rule must be 'dev' or 'block-cv', not {rule!r}")
    pool_ids = [s.id for s in pool]
    results = {}
    for variant in ("tensor", "lexical"):
        use_dense = variant == "tensor" and D.shape[1] > 0

        def design(X, Dx, mean=mean, scale=scale):
            return sp.hstack([X, sp.csr_matrix((Dx - mean) * scale)]).tocsr() if use_dense else X

        def new_clf():
            return LogisticRegression(C=float(mcfg["C"]), max_iter=int(mcfg["max_iter"]))

        clf = new_clf()
        clf.fit(design(Xs, D), y)
        cv_th = cv_f1 = None
        if rule == "block-cv":
            def fit_score(tr, te):
                m = D[tr].mean(0)
                sc = (1.0 / (D[tr].std(0) + 1e-6) * float(mcfg["tensor_scale"])).astype(np.float32)
                c = new_clf().fit(design(Xs[tr], D[tr], m, sc), y[tr])
                return c.predict_proba(design(Xs[te], D[te], m, sc))[:, 1]

            oof = block_cv_scores(fit_score, len(y), pool_ids, int(mcfg.get("cv_blocks", 5)))
            cv_th, cv_f1 = best_threshold(y, oof)
            log(f"{variant}: block-cv threshold {cv_th:.2f} (out-of-fold F1 {cv_f1:.4f})")
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
        scores = {}
        for name in ("dev", "dev-test"):
            if name in parts:
                X, Dx, _ = parts[name]
                # score through the shipped float16 weights, exactly as at run time
                z = X @ model.sparse.astype(np.float16).astype(np.float32) + model.bias
                if use_dense:
                    z = z + ((Dx - mean) * scale) @ model.dense
                scores[name] = 1.0 / (1.0 + np.exp(-z))
        dev_th, dev_f1 = best_threshold(parts["dev"][2], scores["dev"])
        th = cv_th if rule == "block-cv" else dev_th
        metrics = {}
        for name, s in scores.items():
            p, r, f1 = prf(parts[name][2], s >= th)
            metrics[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}
        model.threshold = th
        model.meta = {
            "name": "claimpipe-checkworthy",
            "variant": variant,
            "features_version": FEATURES_VERSION,
            "spacy_pipeline": label if use_dense else None,
            "trained_on": stats,
            "config": {k: v for k, v in mcfg.items()},
            "threshold_chosen_on": (
                f"CT24 English train+ClaimBuster pool, {int(mcfg.get('cv_blocks', 5))} contiguous id blocks "
                "(max out-of-fold F1 of the positive class)" if rule == "block-cv"
                else "CT24 English dev (max F1 of the positive class)"),
            "threshold_dev_max_f1": dev_th,
            "threshold_block_cv": cv_th,
            "block_cv_f1": None if cv_f1 is None else round(cv_f1, 4),
            "metrics": metrics,
        }
        model.save(out / variant)
        results[variant] = {"threshold": th, **metrics}
        log(f"{variant}: threshold {th:.2f} {json.dumps(metrics)}")
    log(f"done in {time.perf_counter() - started:.0f} s -> {out}")
    return results


def main(argv: Optional[list[str]] = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    train(Path(argv[0]) if argv else DEFAULT_CONFIG)


if __name__ == "__main__":
    main()
