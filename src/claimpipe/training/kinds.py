"""Train the claim-kind model from the audit sets' kind labels.

``claimpipe train kinds [--config configs/kinds.toml]`` or ``python -m claimpipe.training.kinds [CONFIG]``.
The audit articles (``tests/data/audit*/fields.jsonl``, labels by offset, see
:mod:`claimpipe.evaluate.fields`) are read from the BBC folder and run through the pipeline with the kind
model off (the rules decide, as they would without it); each of the tool's claims whose offsets carry a
non-fragment label makes one example: the features of
:func:`claimpipe.nlp.components.claims.kinds.kind_features` (its kind evidence, main verb tag, modality, source,
...) and the labelled kind. A multinomial logistic regression is fitted; its C, and ``min_score``, the
probability its kind needs to overrule the rules', are chosen by leave-one-set-out cross-validation (each audit set held out in turn, the model fitted on the others), whose per-set accuracy is
reported beside the rules' on the same claims (the honest figure: the shipped model is then refitted on all
the sets, so its accuracy on them is in-sample). The model is written to ``src/claimpipe/models/kinds``
(``weights.npz``, ``meta.json``). The articles' texts are read, never copied.

``--evaluative-lexicon``: write instead ``src/claimpipe/lexicon/evaluative.txt``, the evaluative words the
opinion evidence reads, from the lexicon of VADER (``vaderSentiment``, MIT licence; Hutto and Gilbert 2014),
which must then be installed.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from claimpipe.training.checkworthy import read_config

DEFAULT_CONFIG = Path("configs") / "kinds.toml"  # relative to the current folder
Log = Callable[[str], None]


def load_config(path: Path = DEFAULT_CONFIG) -> dict:
    """The training config at ``path``, its data and output paths made absolute (see :func:`read_config`)."""
    cfg = read_config(path, DEFAULT_CONFIG, (("data", "bbc_dir"), ("output", "dir")))
    root = Path(path).resolve().parent.parent
    cfg["data"]["audits"] = [str(a if Path(a).is_absolute() else (root / a).resolve()) for a in cfg["data"]["audits"]]
    return cfg


# ---- the evaluative lexicon (from VADER)

WORD = re.compile(r"^[a-z]+(?:-[a-z]+)?$")


def evaluative_words(min_valence: float = 1.0, source: Optional[Path] = None) -> list[tuple[str, float]]:
    """The single words (letters, one hyphen at most) of VADER's lexicon whose mean valence is at least
    ``min_valence`` either way, with it; ``source``: the lexicon file (default the installed package's)."""
    if source is None:
        from importlib import resources

        try:
            text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
        except ModuleNotFoundError as exc:
            raise ValueError("the evaluative lexicon is made from vaderSentiment: pip install vaderSentiment") from exc
    else:
        text = Path(source).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and WORD.match(parts[0]) and abs(float(parts[1])) >= min_valence:
            out.append((parts[0], float(parts[1])))
    return sorted(out)


def write_evaluative(path: Path, min_valence: float = 1.0, source: Optional[Path] = None) -> int:
    """Write the evaluative lexicon file (tags ``pos`` / ``neg``); return how many words it lists."""
    words = evaluative_words(min_valence, source)
    header = (
        "# Evaluative words: the opinion evidence of the claim kinds (claims: kinds.evaluative_cues), read only\n"
        "# where the parse makes them an adjective or an adverb. Made by `claimpipe train kinds --evaluative-lexicon`\n"
        f"# from the lexicon of VADER (vaderSentiment 3.3.2, vader_lexicon.txt; MIT licence, (c) 2016 C.J. Hutto):\n"
        f"# the single words whose mean valence is at least {min_valence} either way. Tag: pos or neg.\n"
    )
    body = "".join(f"{w}  {'pos' if v > 0 else 'neg'}\n" for w, v in words)
    Path(path).write_text(header + body, encoding="utf-8")
    return len(words)


# ---- the examples


def examples(cfg: dict, log: Log) -> list[dict]:
    """One example per labelled non-fragment claim the tool makes on the audit articles: ``{"set", "article",
    "features", "rules", "gold"}`` (``rules``: the kind the rules give it)."""
    from claimpipe.evaluate.fields import FieldsResult, _labelled, read_audit
    from claimpipe.nlp.components.claims.kinds import KINDS, rule_kind

    out = []
    for audit in cfg["data"]["audits"]:
        audit = Path(audit)
        name = audit.parent.name
        result = FieldsResult()
        n = 0
        for lab, _, claims, _ in _labelled(Path(cfg["data"]["bbc_dir"]), read_audit(audit), result,
                                        model=cfg["model"]["spacy_pipeline"]):
            labels = {(c["start"], c["end"]): c for c in lab["claims"]}
            for c in claims:
                gold = labels.get((c.start, c.end))
                if gold is None or gold["fragment"] or gold.get("kind") not in KINDS:
                    continue
                out.append({"set": name, "article": lab["file"], "features": list(c.kind_features),
                            "rules": rule_kind(c.kind_evidence), "gold": gold["kind"], "text": c.text})
                n += 1
        for m in result.missing:
            log(f"{name}: skipped {m}")
        log(f"{name}: {n} labelled claims")
    return out


def design(rows: list[list[str]], vocab: dict[str, int]):
    """The binary matrix (scipy CSR) of ``rows``' features (those in ``vocab``)."""
    from scipy.sparse import csr_matrix

    cols = [sorted({vocab[f] for f in feats if f in vocab}) for feats in rows]
    indptr = np.cumsum([0] + [len(c) for c in cols])
    indices = np.array([j for c in cols for j in c], dtype=np.int64)
    return csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))


def vocabulary(rows: list[list[str]], min_count: int) -> dict[str, int]:
    counts = Counter(f for feats in rows for f in set(feats))
    return {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}


def fit(rows: list[list[str]], gold: list[str], C: float, min_count: int, max_iter: int = 5000):
    """A :class:`~claimpipe.nlp.components.claims.kind_model.KindModel` fitted on ``rows`` (feature lists) and
    their kinds; a kind no example has gets a bias that never wins."""
    from sklearn.linear_model import LogisticRegression

    from claimpipe.nlp.components.claims.kind_model import KindModel
    from claimpipe.nlp.components.claims.kinds import KINDS

    vocab = vocabulary(rows, min_count)
    X = design(rows, vocab)
    clf = LogisticRegression(C=C, max_iter=max_iter)
    clf.fit(X, gold)
    weights = np.zeros((len(vocab), len(KINDS)), dtype=np.float32)
    bias = np.full(len(KINDS), -30.0, dtype=np.float32)
    classes = list(clf.classes_)
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: p(second) = sigmoid(w.x + b)
        coef = np.vstack([-clf.coef_[0] / 2, clf.coef_[0] / 2])
        intercept = np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
    else:
        coef, intercept = clf.coef_, clf.intercept_
    for r, k in enumerate(classes):
        weights[:, KINDS.index(k)] = coef[r]
        bias[KINDS.index(k)] = intercept[r]
    return KindModel(weights, bias, {"kinds": list(KINDS), "features": list(vocab)})


def cross_validate(data: list[dict], C: float, min_count: int, max_iter: int,
                   min_scores: tuple[float, ...] = (0.0,)) -> dict[float, dict[str, tuple[int, int, int]]]:
    """Leave-one-set-out, for each ``min_score``: each set's (model right, rules right, claims) with the model
    fitted on the others (its kind taken when its probability reaches ``min_score``, else the rules')."""
    out: dict[float, dict[str, tuple[int, int, int]]] = {float(m): {} for m in min_scores}
    for held in sorted({d["set"] for d in data}):
        train = [d for d in data if d["set"] != held]
        test = [d for d in data if d["set"] == held]
        model = fit([d["features"] for d in train], [d["gold"] for d in train], C, min_count, max_iter)
        rules_right = sum(d["rules"] == d["gold"] for d in test)
        for m in out:
            model.meta["min_score"] = m
            right = sum(model.decide(d["features"], d["rules"])[0] == d["gold"] for d in test)
            out[m][held] = (right, rules_right, len(test))
    return out


def choose(data: list[dict], Cs: list[float], min_scores: tuple[float, ...], min_count: int, max_iter: int,
           log: Optional[Log] = None) -> tuple[float, float, float, dict]:
    """(C, min_score, accuracy, folds) with the best leave-one-set-out accuracy on ``data``; on a tie the higher
    min_score (fewer changes to the rules), then the smaller C."""
    tried = []
    for C in Cs:
        for m, folds in cross_validate(data, float(C), min_count, max_iter, min_scores).items():
            right = sum(f[0] for f in folds.values())
            total = sum(f[2] for f in folds.values())
            tried.append((float(C), m, right / total, folds))
            if log is not None:
                log(f"C {C} min_score {m}: cross-validated kind accuracy {right / total:.3f} ({right}/{total})   "
                    + "  ".join(f"{s} {r}/{n}" for s, (r, _, n) in folds.items()))
    C, m, accuracy, folds = max(tried, key=lambda t: (t[2], t[1], -t[0]))
    return C, m, accuracy, {"folds": folds, "tried": tried}


def nested(data: list[dict], Cs: list[float], min_scores: tuple[float, ...], min_count: int,
           max_iter: int) -> dict[str, tuple[int, int, int, float, float]]:
    """The unbiased estimate: each set held out in turn, C and min_score chosen by leave-one-set-out on the
    others alone, the model fitted on them: (model right, rules right, claims, C, min_score) per set."""
    out = {}
    for held in sorted({d["set"] for d in data}):
        inner = [d for d in data if d["set"] != held]
        test = [d for d in data if d["set"] == held]
        C, m, _, _ = choose(inner, Cs, min_scores, min_count, max_iter)
        model = fit([d["features"] for d in inner], [d["gold"] for d in inner], C, min_count, max_iter)
        model.meta["min_score"] = m
        right = sum(model.decide(d["features"], d["rules"])[0] == d["gold"] for d in test)
        out[held] = (right, sum(d["rules"] == d["gold"] for d in test), len(test), C, m)
    return out


def train(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, data: Optional[list[dict]] = None,
          log: Log = print) -> dict:
    """Train as configured (``data``: the examples, if already made) and write the model; return its meta."""
    cfg = load_config(config_path)
    mcfg = cfg["model"]
    if data is None:
        data = examples(cfg, log)
    sets = sorted({d["set"] for d in data})
    if len(sets) < 2:
        raise ValueError(f"leave-one-set-out needs two audit sets or more with labelled claims, not {len(sets)}")
    min_count, max_iter = int(mcfg["min_count"]), int(mcfg["max_iter"])
    min_scores = tuple(float(m) for m in mcfg.get("min_score", [0.0]))
    Cs = [float(c) for c in mcfg["C"]]
    C, min_score, accuracy, detail = choose(data, Cs, min_scores, min_count, max_iter, log)
    folds, tried = detail["folds"], detail["tried"]
    rules_right = sum(f[1] for f in folds.values())
    total = sum(f[2] for f in folds.values())
    log(f"chosen C {C}, min_score {min_score}: cross-validated {accuracy:.3f}; the rules on the same claims "
        f"{rules_right / total:.3f}")
    for s, (r, rr, n) in folds.items():
        log(f"  held out {s}: model {r / n:.3f} ({r}/{n})   rules {rr / n:.3f} ({rr}/{n})")
    honest = nested(data, Cs, min_scores, min_count, max_iter) if len(sets) >= 3 else {}
    if honest:
        right = sum(h[0] for h in honest.values())
        log(f"nested (C and min_score chosen without the held-out set): model {right / total:.3f} "
            f"({right}/{total}); rules {rules_right / total:.3f}")
        for s, (r, rr, n, c, m) in honest.items():
            log(f"  held out {s}: model {r / n:.3f} ({r}/{n}, C {c}, min_score {m})   rules {rr / n:.3f} ({rr}/{n})")
    model = fit([d["features"] for d in data], [d["gold"] for d in data], C, min_count, max_iter)
    model.meta.update({
        "min_score": min_score,
        "trained_on": f"the kind labels of {len(data)} claims of the audit sets {', '.join(sets)} "
                      f"(labelled kinds: {dict(sorted(Counter(d['gold'] for d in data).items()))})",
        "spacy_pipeline": mcfg["spacy_pipeline"],
        "C": C,
        "min_count": min_count,
        "selection": "C and min_score (the probability the model's kind needs to overrule the rules) by "
                     "leave-one-set-out cross-validated kind accuracy (each audit set held out in turn)",
        "cross_validation": {
            "chosen": {s: {"model": round(r / n, 4), "rules": round(rr / n, 4), "claims": n}
                       for s, (r, rr, n) in folds.items()},
            "model": round(accuracy, 4),
            "rules": round(rules_right / total, 4),
            "tried": {f"C {c} min_score {m}": round(a, 4) for c, m, a, _ in tried},
            "nested": {s: {"model": round(r / n, 4), "rules": round(rr / n, 4), "claims": n, "C": c, "min_score": m}
                       for s, (r, rr, n, c, m) in honest.items()},
        },
    })
    target = Path(out) if out is not None else Path(cfg["output"]["dir"])
    model.save(target)
    log(f"wrote {target} ({len(model.index)} features)")
    return model.meta


def main(argv: Optional[list[str]] = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    train(Path(argv[0]) if argv else DEFAULT_CONFIG)


if __name__ == "__main__":
    main()
