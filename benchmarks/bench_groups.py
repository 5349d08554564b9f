"""The groups pass at the write edge of a run (``group_id`` in claims.jsonl) at 100,000 claims: its time and memory.

A corpus is generated (tests/desk_corpus.py: 10 claims an article, a tenth of them statements repeated across
articles), then, each in a fresh subprocess whose peak RSS is read from ``wait4``:

* ``first``: :func:`claimpipe.run.regroup.regroup_folder` on records without group ids (what the end of an
  ``extract`` run does with its claims: read them, group them, write claims.jsonl again atomically);
* ``again``: the same pass over its own output (every claim has its id already): claims.jsonl must come out
  byte-identical;
* ``later``: ``--later`` new articles appended, each with copies of statements already grouped (and new ones),
  then the pass: every group keeps its id, the copies join them;
* ``claims desk``: ``claimpipe review``'s database built on the grouped folder, then brought up to date after
  the later run (only the articles whose lines changed are loaded again);
* ``load``: ``claimpipe load``'s loader into a fresh SQLite file, and the time of making ``claim_groups`` from
  ``claims.group_id`` again on it.

Usage: python benchmarks/bench_groups.py [--claims 100000] [--later 100] [--dir DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bench_review import child  # noqa: E402 - one way to run a measured child (benchmarks/ is on sys.path)

CHILD_PASS = r"""
import hashlib, json, sys, time
from pathlib import Path
from claimpipe.run.regroup import regroup_folder
folder = Path(sys.argv[1])
before = hashlib.sha256((folder / "claims.jsonl").read_bytes()).hexdigest()
started = time.perf_counter()
ids = regroup_folder(folder)
seconds = time.perf_counter() - started
after = hashlib.sha256((folder / "claims.jsonl").read_bytes()).hexdigest()
groups = [g for g in ids.values() if g]
print(json.dumps({"seconds": round(seconds, 2), "claims": len(ids), "groups": len(set(groups)),
                  "grouped_claims": len(groups), "unchanged": before == after}))
"""

CHILD_DESK = r"""
import json, sys, time
from claimpipe.review.desk import open_desk
started = time.perf_counter()
desk = open_desk(sys.argv[1])
seconds = time.perf_counter() - started
print(json.dumps({"seconds": round(seconds, 1), **desk.last_build}))
"""

CHILD_LOAD = r"""
import json, sys, time
from claimpipe.store.load import load
from claimpipe.store.sink import Sink
url = sys.argv[2]
started = time.perf_counter()
report = load(sys.argv[1], db=url)
seconds = time.perf_counter() - started
sink = Sink(url)
started = time.perf_counter()
sink.refresh_groups()
refresh = time.perf_counter() - started
sink.close()
print(json.dumps({"seconds": round(seconds, 1), "claims": report.claims, "claim_groups": report.groups,
                  "claim_groups_seconds": round(refresh, 2), "failed": len(report.failures)}))
"""


def ids(folder: Path) -> dict[str, str]:
    out = {}
    with open(folder / "claims.jsonl", encoding="utf-8") as fh:
        for line in fh:
            c = json.loads(line)
            out[c["claim_id"]] = (c["group_id"], c["text"], (c["source"] or {}).get("name"), c["source"]["type"])
    return out


def add_later(folder: Path, articles: int, seed: int = 7) -> dict:
    """Append ``articles`` articles, each with two copies of grouped statements and new ones."""
    from desk_corpus import Sentence, random_sentence, write_article

    rng = random.Random(seed)
    held = ids(folder)
    grouped = sorted({(t, name if kind == "speaker" else None) for g, t, name, kind in held.values() if g})
    written = 0
    for i in range(articles):
        sentences = [Sentence(t, s) for t, s in rng.sample(grouped, 2)]
        texts = {s.text for s in sentences}
        while len(sentences) < 10:
            s = random_sentence(rng)
            if s.text not in texts:
                texts.add(s.text)
                sentences.append(s)
        written += len(write_article(folder, f"later-{i:05d}", f"Later piece {i}", "2019-01-01", sentences,
                                     author="Desk Writer"))
    return {"articles": articles, "claims": written, "copies_of_grouped": 2 * articles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--later", type=int, default=100, help="Articles a later run adds.")
    parser.add_argument("--dir", type=Path, help="Where the corpus goes (kept); default: a temporary folder.")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_groups.json")
    args = parser.parse_args()

    from desk_corpus import generate

    folder = args.dir or Path(tempfile.mkdtemp(prefix="claimpipe-bench-groups-")) / "annotations"
    corpus = generate(folder, claims=args.claims)
    print(f"corpus: {corpus['articles']} articles, {corpus['claims']} claims -> {folder}")
    result: dict = {"command": "benchmarks/bench_groups.py " + " ".join(sys.argv[1:]), "corpus": corpus}
    for name in ("first", "again"):
        run, rss = child(CHILD_PASS, str(folder))
        run["peak_rss_mb"] = round(rss)
        result[name] = run
        print(f"{name}: {run['seconds']} s for {run['claims']} claims, {run['groups']} groups of "
              f"{run['grouped_claims']} claims, claims.jsonl unchanged: {run['unchanged']}, peak RSS {run['peak_rss_mb']} MB")
    desk, rss = child(CHILD_DESK, str(folder))
    result["desk_build"] = {**desk, "peak_rss_mb": round(rss)}
    print(f"claims desk, first build: {desk['seconds']} s, peak RSS {round(rss)} MB")
    before = {cid: g for cid, (g, *_rest) in ids(folder).items()}
    later = add_later(folder, args.later)
    run, rss = child(CHILD_PASS, str(folder))
    run["peak_rss_mb"] = round(rss)
    after = ids(folder)
    grouped = {cid: g for cid, g in before.items() if g}
    kept = sum(after[cid][0] == g for cid, g in grouped.items())
    joined = sum(1 for cid, (g, *_r) in after.items() if cid not in before and g in set(grouped.values()))
    run.update(later, grouped_before=len(grouped), kept_ids=kept, new_claims_in_old_groups=joined,
               groups_before=len(set(grouped.values())))
    result["later"] = run
    print(f"later: +{later['articles']} articles ({later['claims']} claims, {later['copies_of_grouped']} copies of grouped "
          f"statements, dated before all others): {run['seconds']} s, {kept}/{len(grouped)} grouped claims kept their "
          f"group id, {joined} new claims joined existing groups, {run['groups_before']} -> {run['groups']} groups, "
          f"peak RSS {run['peak_rss_mb']} MB")
    desk, rss = child(CHILD_DESK, str(folder))
    result["desk_refresh"] = {**desk, "peak_rss_mb": round(rss)}
    print(f"claims desk after the later run: {desk['seconds']} s ({desk['loaded']} articles loaded again, full build: "
          f"{desk['full']}), peak RSS {round(rss)} MB")
    db = folder.parent / "bench-groups.db"
    loaded, rss = child(CHILD_LOAD, str(folder), f"sqlite:///{db}")
    loaded["peak_rss_mb"] = round(rss)
    result["load"] = loaded
    print(f"load: {loaded['seconds']} s, {loaded['claims']} claims, {loaded['claim_groups']} rows of claim_groups "
          f"(made again from claims.group_id in {loaded['claim_groups_seconds']} s), peak RSS {loaded['peak_rss_mb']} MB")
    result["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                         "load_average_after": [round(x, 2) for x in os.getloadavg()]}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {args.json}")
    if args.dir is None:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
