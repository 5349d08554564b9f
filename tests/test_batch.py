"""Batch processing: workers, order, time limits, incremental and interrupted runs."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimpipe.run.local import run_ordered
from claimpipe.run.results import Failed
from claimpipe.run.scheduler import Done
from conftest import ROOT

ARTICLE = "Report {i}\nOfficials in Paris said on Monday that {n} people attended the summit in 2019.\n"


def _corpus(folder: Path, count: int, paragraphs: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        extra = "".join(ARTICLE.format(i=i, n=j).split("\n", 1)[1] for j in range(paragraphs - 1))
        (folder / f"a{i:03d}.txt").write_text(ARTICLE.format(i=i, n=100 + i) + extra)
    return folder


def _square(batch):
    return [("ok", x * x) for x in batch]


def _slow_on_7(batch):
    if 7 in batch:
        time.sleep(30)
    return [("ok", x) for x in batch]


def _die_on_5(batch):
    if 5 in batch:
        os._exit(3)
    return [("ok", x) for x in batch]


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_batch_results_in_input_order(workers):
    items = [Done(-1)] + list(range(20)) + [Done(-2)]
    out = list(run_ordered(items, _square, workers=workers, batch_size=3))
    assert [i for i, _ in out] == [-1] + list(range(20)) + [-2]
    assert [r[1] for i, r in out if r is not None] == [x * x for x in range(20)]


def test_batch_timeout_costs_only_the_slow_item():
    out = dict(run_ordered(list(range(10)), _slow_on_7, workers=2, batch_size=4, timeout=0.5))
    assert isinstance(out[7], Failed) and out[7].error == "Timeout"
    assert all(out[i] == ("ok", i) for i in range(10) if i != 7)


def test_batch_dead_worker_costs_only_its_item():
    out = dict(run_ordered(list(range(10)), _die_on_5, workers=2, batch_size=4, timeout=30))
    assert isinstance(out[5], Failed) and out[5].error == "WorkerDied"
    assert all(out[i] == ("ok", i) for i in range(10) if i != 5)


def test_batch_output_same_for_any_worker_count(cli, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 9)
    outputs = []
    for n in (0, 1, 2):
        out = tmp_path / f"out{n}"
        result = cli("extract", corpus, "--out", out, "--workers", n, "--batch-size", 2, "--quiet")
        assert result.exit_code == 0 and "9 articles read" in result.output
        outputs.append([(out / f).read_bytes() for f in ("documents.jsonl", "claims.jsonl")])
    assert outputs[0] == outputs[1] == outputs[2]


def test_batch_incremental_run_reuses_unchanged(cli, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 6)
    out = tmp_path / "out"
    first = cli("extract", corpus, "--out", out, "--workers", 0)
    assert "unchanged" not in first.output
    before = (out / "documents.jsonl").read_bytes()
    second = cli("extract", corpus, "--out", out, "--workers", 0)
    assert "(6 unchanged, reused)" in second.output
    assert (out / "documents.jsonl").read_bytes() == before
    (corpus / "a002.txt").write_text(ARTICLE.format(i=2, n=999))
    (corpus / "a004.txt").unlink()
    (corpus / "a009.txt").write_text(ARTICLE.format(i=9, n=5))
    third = cli("extract", corpus, "--out", out, "--workers", 0)
    assert "6 articles read (4 unchanged, reused)" in third.output
    docs = [json.loads(l) for l in (out / "documents.jsonl").read_text().splitlines()]
    assert [Path(d["source"]).name for d in docs] == ["a000.txt", "a001.txt", "a002.txt", "a003.txt", "a005.txt", "a009.txt"]
    assert "999 people" in docs[2]["text"]
    claims = [json.loads(l) for l in (out / "claims.jsonl").read_text().splitlines()]
    assert {c["doc_id"] for c in claims} == {d["doc_id"] for d in docs}
    full = cli("extract", corpus, "--out", out, "--workers", 0, "--full")
    assert "unchanged" not in full.output
    after_full = cli("extract", corpus, "--out", out, "--workers", 0)
    assert "(6 unchanged, reused)" in after_full.output  # a full run refreshes the cache too


def _run(args, **kw):
    return subprocess.Popen([sys.executable, "-m", "claimpipe", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (zombies excluded)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmdline = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
            with open(f"/proc/{entry}/stat") as fh:
                state = fh.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(entry))
    return found


def test_batch_sigkill_then_rerun_equals_uninterrupted(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 80, paragraphs=12)
    reference, killed = tmp_path / "reference", tmp_path / "killed"
    args = ["--workers", 1, "--batch-size", 2, "--quiet"]
    ref = _run(["extract", corpus, "--out", reference, *args])
    assert ref.wait(timeout=300) == 0, ref.stderr.read()
    proc = _run(["extract", corpus, "--out", killed, *args])
    cache = killed / ".claimpipe-cache.sqlite"
    deadline = time.monotonic() + 120
    import sqlite3

    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            with sqlite3.connect(cache) as db:
                if db.execute("SELECT count(*) FROM results").fetchone()[0] >= 4:
                    break
        except sqlite3.Error:
            continue
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (killed / "documents.jsonl").exists()  # killed before the atomic rename
    # the killed run's worker processes notice and exit (not left waiting for work for ever)
    deadline = time.monotonic() + 15
    while _processes_mentioning(str(killed)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _processes_mentioning(str(killed))
    rerun = _run(["extract", corpus, "--out", killed, *args])
    assert rerun.wait(timeout=300) == 0
    assert "unchanged, reused" in rerun.stderr.read()
    for name in ("documents.jsonl", "claims.jsonl", "errors.jsonl"):
        assert (killed / name).read_bytes() == (reference / name).read_bytes()
    assert not list(killed.glob(".*.tmp"))


def test_batch_workers_recycled_results_unchanged():
    out = list(run_ordered(list(range(30)), _square, workers=2, batch_size=3, recycle_after=4))
    assert [r[1] for _, r in out] == [x * x for x in range(30)]
