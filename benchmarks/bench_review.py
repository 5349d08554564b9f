"""The claims desk at 100,000 claims: how long the queue takes to answer, and the memory it needs.

A corpus is generated (tests/desk_corpus.py: 10 claims an article, a tenth of them statements repeated
across articles, speakers, countries, dates), then, each in a fresh subprocess whose peak RSS is read
from ``wait4``:

* ``build``: ``claimpipe review`` starting on the folder for the first time: ``claimpipe load``'s
  loader into SQLite, the desk tables, the FTS5 index and the grouping of repeated claims;
* ``serve``: the review app started again on the built database (nothing to rebuild), then HTTP
  requests as a browser sends them (the token in a header): the first page (the very first request),
  filtered pages, a later page, a group, an article (read from its own lines), the list of articles,
  a group decision. Each is timed once cold (its first request)
  and as the median of ``--repeat`` more. The goals: each page under 300 ms, the server under 500 MB.

Usage: python benchmarks/bench_review.py [--claims 100000] [--repeat 5] [--dir DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

PAGES = [
    ("first page (most check-worthy)", "/"),
    ("filter: entity", "/?entity=GPE%3AArmenia"),
    ("search a phrase", "/?q=%22wheat+output%22"),
    ("entity + search + dates + pending", "/?entity=GPE%3AArmenia&q=exports&from=2010&to=2020-06&status=pending"),
    ("filter: speaker, newest first", "/?speaker=Tony+Blair&sort=date"),
    ("broad filters: kind + pending", "/?kind=quantity&status=pending"),
    ("page 100, by date", "/?sort=date&page=100"),
    ("a group", None),
    ("a claim in its article", "/doc/gen-004321"),
    ("the list of articles (10,000)", "/articles"),
]

CHILD_BUILD = r"""
import json, sys, time
from claimpipe.review.desk import open_desk
started = time.perf_counter()
desk = open_desk(sys.argv[1])
seconds = time.perf_counter() - started
claims, groups, grouped = desk.query("SELECT (SELECT count(*) FROM desk_claims), count(DISTINCT group_id), count(*) "
                                     "FROM desk_groups")[0]
print(json.dumps({"seconds": round(seconds, 1), "claims": claims, "groups": groups, "grouped_claims": grouped}))
"""

CHILD_SERVE = r"""
import json, statistics, sys, time, urllib.request
from claimpipe.review.server import ReviewServer
pages, repeat = json.loads(sys.argv[2]), int(sys.argv[3])
started = time.perf_counter()
srv = ReviewServer(sys.argv[1], reviewer="bench")
srv.start()
start_seconds = time.perf_counter() - started
gid = srv.desk.query("SELECT group_id FROM desk_groups ORDER BY group_id LIMIT 1")[0][0]
auth = {"X-Claimpipe-Token": srv.token}

def get(path):
    t = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(srv.base + path, headers=auth)) as res:
        body = res.read()
    return (time.perf_counter() - t) * 1000, len(body)

out = []
for name, path in pages:
    path = path or f"/group/{gid}"
    cold, size = get(path)
    warm = [get(path)[0] for _ in range(repeat)]
    out.append({"page": name, "path": path, "cold_ms": round(cold, 1), "median_ms": round(statistics.median(warm), 1),
                "max_ms": round(max(warm), 1), "kb": round(size / 1024, 1)})
body = json.dumps({"gkey": gid, "decision": "accept", "verdict": "true"}).encode()
t = time.perf_counter()
with urllib.request.urlopen(urllib.request.Request(srv.base + "/api/desk/decision", data=body,
                                                   headers={**auth, "Content-Type": "application/json"})) as res:
    members = json.loads(res.read())["members"]
decision_ms = (time.perf_counter() - t) * 1000
after, _ = get("/")
srv.stop()
print(json.dumps({"start_seconds": round(start_seconds, 2), "pages": out,
                  "group_decision": {"members": members, "ms": round(decision_ms, 1)},
                  "first_page_after_decision_ms": round(after, 1)}))
"""


def child(code: str, *args: str) -> tuple[dict, float]:
    """Run ``code`` in a fresh Python; (its JSON output, its peak RSS in MB)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"child failed with status {status}")
    return json.loads(out), usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, help="Where the corpus goes (kept); default: a temporary folder.")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_review.json")
    args = parser.parse_args()

    from desk_corpus import generate

    folder = args.dir or Path(tempfile.mkdtemp(prefix="claimpipe-bench-review-")) / "annotations"
    started = time.perf_counter()
    corpus = generate(folder, claims=args.claims)
    corpus["seconds"] = round(time.perf_counter() - started, 1)
    print(f"corpus: {corpus['articles']} articles, {corpus['claims']} claims in {corpus['seconds']} s -> {folder}")
    build, build_rss = child(CHILD_BUILD, str(folder))
    build["peak_rss_mb"] = round(build_rss)
    print(f"build: {build['seconds']} s, {build['groups']} groups of {build['grouped_claims']} claims, "
          f"peak RSS {build['peak_rss_mb']} MB")
    serve, serve_rss = child(CHILD_SERVE, str(folder), json.dumps(PAGES), str(args.repeat))
    serve["peak_rss_mb"] = round(serve_rss)
    print(f"serve: started in {serve['start_seconds']} s, peak RSS {serve['peak_rss_mb']} MB (goal < 500)")
    print(f"{'page':38} {'cold ms':>8} {'median ms':>10} {'max ms':>8} {'KB':>7}")
    for p in serve["pages"]:
        print(f"{p['page']:38} {p['cold_ms']:8.1f} {p['median_ms']:10.1f} {p['max_ms']:8.1f} {p['kb']:7.1f}")
    d = serve["group_decision"]
    print(f"group decision: {d['members']} claims in {d['ms']} ms; first page after it "
          f"{serve['first_page_after_decision_ms']} ms")
    result = {
        "command": "benchmarks/bench_review.py " + " ".join(sys.argv[1:]),
        "corpus": corpus, "build": build, "serve": serve,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {args.json}")
    if args.dir is None:
        shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
