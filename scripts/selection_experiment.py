"""Issue 21's selection floor: can one threshold keep the seed's gold claims and select <= 45% of BBC news?

An experiment, not part of claimpipe. It compares the current check-worthiness scores (fast tier, accurate
cascade, the encoder on every sentence, min(fast, encoder)) with small re-rankers (logistic regressions over
the fast and/or encoder score and the claim features the pipeline already computes: kind evidence, kind,
modality, source, amounts, length, position in the article), trained on the audit sets' sentence labels
(``tests/data/audit*/fields.jsonl``, ``checkworthy``) and evaluated leave-one-set-out.

For each scorer and held-out set it prints:

- ``held-out 45%``: precision and recall against the held-out set's labels at the cut that claims 45% of its
  candidate sentences (share, precision, recall per labelled sentence, as ``eval fields --sweep`` counts them);
- ``BBC 45%``: the same at the cut that claims 45% of the candidates of the BBC share sample, and how many of
  the seed's 18 gold claims that cut keeps;
- ``floor``: the highest cut that keeps all the seed's gold claims (the seed is only this check, never trained
  on): the worst gold claim's rank among the seed's candidates, the share of the BBC sample claimed at it,
  and the held-out figures at it.

The BBC share sample: every 8th file (sorted names) of each category, leaving out the audit sets' files and
the first 40 positions of the guidelines' fixed shuffle (later audit sets take them; their articles are not
read). Shares are per candidate sentence (the pipeline's) on that sample.

Usage (from the repository root, the pipeline and scikit-learn installed):
    python scripts/selection_experiment.py [--shared ../shared] [--cache /tmp/selection_cands.jsonl]
Extraction runs once (about a minute) and is cached outside the repository; nothing of the data is written here.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SETS = ["audit", "audit_unseen", "audit_heldout", "audit_fresh"] + [f"audit_set{n}" for n in range(5, 16)]
SEED = ROOT / "corpus" / "azerbaijan-pakistan-cooperation.txt"
GOLD = "gold/000_a3aa516cbc634336.gold.json"
RESERVED_POSITIONS = 60  # of random.Random(21).shuffle(sorted names) per category: the audit sets' articles (1-52) and a margin


def share_sample(bbc: Path, labelled: set[str]) -> list[str]:
    out = []
    for cat in ("business", "entertainment", "sport"):
        names = sorted(p.name for p in (bbc / cat).glob("*.txt"))
        shuffled = list(names)
        random.Random(21).shuffle(shuffled)
        reserved = set(shuffled[:RESERVED_POSITIONS])
        out += [f"{cat}/{n}" for n in names[::8] if n not in reserved and f"{cat}/{n}" not in labelled]
    return out


def extract(shared: Path, cache: Path) -> list[dict]:
    """Every candidate sentence of the audit articles, the seed and the share sample, scored (cached)."""
    if cache.exists():
        return [json.loads(line) for line in cache.open(encoding="utf-8")]
    from claimpipe.io.read import read_path
    from claimpipe.nlp.components.claims.encoder import load_encoder
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, build_pipeline, process

    bbc = shared / "eval-data" / "bbc-fulltext"
    items = [(s, json.loads(line)["file"]) for s in SETS
             for line in (ROOT / "tests" / "data" / s / "fields.jsonl").open(encoding="utf-8")]
    items += [("share", f) for f in share_sample(bbc, {f for _, f in items})]
    paths = [(g, f, SEED if g == "seed" else bbc / f) for g, f in items + [("seed", "seed")]]
    articles = [(g, f, next(iter(read_path(p)))) for g, f, p in paths]
    by_source = {a.source: (g, f) for g, f, a in articles}
    nlp, encoder, rows = build_pipeline(DEFAULT_MODEL), load_encoder(), []
    cfg = {"claimpipe_claims": {"min_checkworthiness": 0.0, "checkworthiness": "fast"}}  # the fast scores; the encoder below
    for item in process(nlp, [a for _, _, a in articles], component_cfg=cfg):
        if isinstance(item, tuple):
            article, doc = item
            rows.append(_article_row(*by_source[article.source], list(doc._.claimpipe_claims), encoder))
    cache.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def _article_row(group: str, name: str, claims: list, encoder) -> dict:
    texts, fast = [c.text for c in claims], [c.checkworthiness for c in claims]
    enc = encoder.score(texts).tolist() if texts else []
    cascade = encoder.cascade(texts, fast).tolist() if texts else []
    cands = [{"start": c.start, "end": c.end, "text": c.text, "fast": fast[i], "enc": enc[i], "cascade": cascade[i],
              "kf": list(c.kind_features), "nq": len(c.quantities), "i": i, "n": len(claims)}
             for i, c in enumerate(claims)]
    return {"group": group, "file": name, "cands": cands}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def features(c: dict, variant: str) -> dict[str, float]:
    """The re-ranker's features of one candidate: ``variant`` names the parts (fast, enc, min, kf)."""
    f = {}
    for part, value in (("fast", c["fast"]), ("enc", c["enc"]), ("min", min(c["fast"], c["enc"]))):
        if part in variant.split("+"):
            f["z_" + part] = logit(value)
    if "kf" in variant.split("+"):
        f.update({k: 1.0 for k in c["kf"]})
        f.update(pos=c["i"] / max(1, c["n"] - 1), first=float(c["i"] == 0), amounts=float(c["nq"] > 0),
                 logtok=math.log(1 + len(c["text"].split())))
    return f


class Data:
    """The candidates (flat), each audit candidate labelled by the labelled sentence it overlaps most."""

    def __init__(self, rows: list[dict], gold: list[dict]):
        self.labels = {}
        for s in SETS:
            for line in (ROOT / "tests" / "data" / s / "fields.jsonl").open(encoding="utf-8"):
                d = json.loads(line)
                self.labels[d["file"]] = d["sentences"]
        self.cands = []
        for r in rows:
            for c in r["cands"]:
                y = None
                if r["group"] in SETS:
                    span = (c["start"], c["end"])
                    best = max(self.labels[r["file"]], key=lambda s: overlap((s["start"], s["end"]), span))
                    y = int(best["checkworthy"] and overlap((best["start"], best["end"]), span) > 0)
                self.cands.append({"group": r["group"], "file": r["file"], "c": c, "y": y})
        self.seed = [k for k, x in enumerate(self.cands) if x["group"] == "seed"]
        self.gold = [next(k for k in self.seed if self.cands[k]["c"]["start"] <= g["start"]
                          and g["end"] <= self.cands[k]["c"]["end"]) for g in gold]
        self.share = [k for k, x in enumerate(self.cands) if x["group"] == "share"]

    def of(self, groups) -> list[int]:
        return [k for k, x in enumerate(self.cands) if x["group"] in groups]

    def counts(self, group: str, scores, cut: float) -> np.ndarray:
        """(sentences, claimed, check-worthy, claimed check-worthy) of ``group``'s labelled sentences."""
        spans = collections.defaultdict(list)
        for k in self.of([group]):
            if scores[k] >= cut:
                spans[self.cands[k]["file"]].append((self.cands[k]["c"]["start"], self.cands[k]["c"]["end"]))
        out = np.zeros(4, dtype=int)
        for f in {self.cands[k]["file"] for k in self.of([group])}:
            for s in self.labels[f]:
                claimed = any(overlap((s["start"], s["end"]), sp) for sp in spans[f])
                out += (1, claimed, s["checkworthy"], claimed and s["checkworthy"])
        return out

    def floor(self, scores) -> tuple[float, int]:
        """The highest cut keeping every gold claim of the seed, and the worst one's rank among its candidates."""
        order = sorted(self.seed, key=lambda k: -scores[k])
        return min(scores[k] for k in self.gold), max(order.index(k) + 1 for k in self.gold)

    def bbc_share(self, scores, cut: float) -> float:
        return sum(scores[k] >= cut for k in self.share) / len(self.share)


def fit_scores(data: Data, train: list[int], variant: str, C: float) -> list[float]:
    """A logistic regression on ``train``'s labels; its probability for every candidate."""
    from sklearn.linear_model import LogisticRegression

    seen = collections.Counter(f for k in train for f in features(data.cands[k]["c"], variant))
    keys = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= 2))}

    def matrix(ks):
        X = np.zeros((len(ks), len(keys)))
        for i, k in enumerate(ks):
            for f, v in features(data.cands[k]["c"], variant).items():
                if f in keys:
                    X[i, keys[f]] = v
        return X

    X = matrix(train)
    mu, sd = X.mean(0), X.std(0) + 1e-9
    clf = LogisticRegression(C=C, max_iter=5000).fit((X - mu) / sd, [data.cands[k]["y"] for k in train])
    return clf.predict_proba((matrix(range(len(data.cands))) - mu) / sd)[:, 1].tolist()


def prf(a: np.ndarray) -> str:
    n, claimed, cw, both = a
    return f"share {claimed / n:.3f} P {both / claimed:.3f} R {both / cw:.3f}"


def run(data: Data, name: str, score_fn) -> None:
    """Leave-one-set-out: score_fn(train indices) -> scores of every candidate."""
    at_held, at_bbc, at_floor = (np.zeros(4, dtype=int) for _ in range(3))
    ranks, shares, kept = [], [], []
    for held in SETS:
        scores = score_fn(data.of([s for s in SETS if s != held]))
        held_scores = sorted((scores[k] for k in data.of([held])), reverse=True)
        at_held += data.counts(held, scores, held_scores[int(0.45 * len(held_scores))])
        bbc_cut = float(np.quantile([scores[k] for k in data.share], 0.55))
        at_bbc += data.counts(held, scores, bbc_cut)
        kept.append(sum(scores[k] >= bbc_cut for k in data.gold))
        cut, rank = data.floor(scores)
        at_floor += data.counts(held, scores, cut)
        ranks.append(rank)
        shares.append(round(data.bbc_share(scores, cut), 3))
    print(f"{name}\n  held-out 45%: {prf(at_held)}\n  BBC 45%:      {prf(at_bbc)}; seed gold kept {kept} of "
          f"{len(data.gold)}\n  floor:        worst gold rank {ranks} of {len(data.seed)}; BBC share {shares}; "
          f"held-out {prf(at_floor)}")


def floor_detail(data: Data, name: str, scores) -> None:
    """At the floor cut: the BBC sample's share per category and its 95% bootstrap interval over articles."""
    cut, _ = data.floor(scores)
    per_file = collections.defaultdict(lambda: np.zeros(2))
    for k in data.share:
        per_file[data.cands[k]["file"]] += (scores[k] >= cut, 1)
    files = sorted(per_file)
    table = np.array([per_file[f] for f in files])
    rng = np.random.default_rng(0)
    boot = [table[d].sum(0) for d in (rng.integers(0, len(files), len(files)) for _ in range(2000))]
    low, high = np.quantile([a / b for a, b in boot], [0.025, 0.975])
    cats = {c: table[[f.startswith(c) for f in files]].sum(0) for c in ("business", "entertainment", "sport")}
    print(f"{name}: floor cut {cut:.3f}, BBC share {table[:, 0].sum() / table[:, 1].sum():.3f} (95% {low:.3f}-"
          f"{high:.3f}); " + ", ".join(f"{c} {a / b:.3f}" for c, (a, b) in cats.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/selection_cands.jsonl"))
    args = parser.parse_args()
    rows = extract(args.shared, args.cache)
    data = Data(rows, json.loads((args.shared / GOLD).read_text(encoding="utf-8"))["claims"])
    print(f"{len(data.of(SETS))} audit candidates, {len(data.seed)} seed candidates, {len(data.share)} BBC "
          f"sample candidates ({len({data.cands[k]['file'] for k in data.share})} articles)")
    for field in ("fast", "cascade", "enc"):
        run(data, f"current {field}", lambda _, f=field: [x["c"][f] for x in data.cands])
    run(data, "min(fast, enc)", lambda _: [min(x["c"]["fast"], x["c"]["enc"]) for x in data.cands])
    for field in ("fast", "cascade", "enc"):
        floor_detail(data, field, [x["c"][field] for x in data.cands])
    floor_detail(data, "min(fast, enc)", [min(x["c"]["fast"], x["c"]["enc"]) for x in data.cands])
    for variant in ("fast+enc", "fast+kf", "enc+kf", "fast+enc+kf", "min+kf"):
        for C in (0.03, 0.3):
            run(data, f"re-ranker {variant} C={C}", lambda train, v=variant, c=C: fit_scores(data, train, v, c))


if __name__ == "__main__":
    main()
