"""Extraction on a Dask cluster: a real scheduler and two worker processes on 127.0.0.1."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED

distributed = pytest.importorskip("distributed")

OUTPUTS = ("documents.jsonl", "claims.jsonl", "errors.jsonl")
ARTICLE = ("Report {i}\nOfficials in Paris said on Monday that {n} people attended the summit in 2019. "
           "\"We will double the budget next year,\" the minister, Jean Dupont, told reporters.\n")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _corpus(folder: Path, count: int) -> Path:
    """The seed article, ``count`` small articles and an empty file (a read error)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, folder / SEED.name)
    for i in range(count):
        (folder / f"a{i:03d}.txt").write_text(ARTICLE.format(i=i, n=100 + i))
    (folder / "empty.txt").write_text("")
    return folder


class Cluster:
    """A scheduler and worker processes started with Dask's own command line, one thread each.

    Each worker runs under a nanny (``dask worker``'s default), which restarts it if it dies.
    """

    def __init__(self, logs: Path):
        self.logs = logs
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        # the workers can import this module (for the plain work functions below) by reference
        path = os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")]))
        self.env = dict(os.environ, PYTHONPATH=path, DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="2")
        self.scheduler = self._spawn("scheduler", [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host",
                                                   "127.0.0.1", "--port", self.address.rsplit(":", 1)[1],
                                                   "--no-dashboard"])
        self.nannies: list[subprocess.Popen] = []
        self.client = None

    def _spawn(self, name: str, cmd: list[str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "wb")
        return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env, start_new_session=True)

    def ensure(self, n: int) -> None:
        """Start workers until ``n`` are connected."""
        self.nannies = [proc for proc in self.nannies if proc.poll() is None]
        while len(self.nannies) < n:
            self.nannies.append(self._spawn(f"worker{len(self.nannies)}-{time.monotonic():.0f}", [
                sys.executable, "-m", "distributed.cli.dask_worker", self.address, "--host", "127.0.0.1",
                "--nworkers", "1", "--nthreads", "1", "--no-dashboard"]))
        if self.client is None:
            self.client = distributed.Client(self.address, timeout=60, set_as_default=False)
        deadline = time.monotonic() + 60
        while len(self.client.scheduler_info()["workers"]) != n:
            assert time.monotonic() < deadline, f"workers did not connect; see {self.logs}"
            time.sleep(0.2)

    def stats(self) -> dict:
        from claimpipe.run.cluster import worker_stats

        return self.client.run(worker_stats)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        for proc in [*self.nannies, self.scheduler]:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the nanny and its worker process
            except ProcessLookupError:
                pass
            proc.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    started = Cluster(tmp_path_factory.mktemp("dask-logs"))
    try:
        started.ensure(2)
        yield started
    finally:
        started.close()


def _outputs(folder: Path) -> list[bytes]:
    return [(folder / name).read_bytes() for name in OUTPUTS]


def test_distributed_output_equals_local_byte_for_byte(cli, cluster, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 9)
    local = cli("extract", corpus, "--out", tmp_path / "local", "--workers", 0, "--batch-size", 2, "--quiet")
    assert local.exit_code == 0
    cluster.ensure(2)
    before = cluster.stats()
    result = cli("extract", corpus, "--out", tmp_path / "dask", "--scheduler", cluster.address, "--batch-size", 2, "--quiet")
    assert result.exit_code == 0, result.output
    assert "10 articles read" in result.output and "written, 1 error," in result.output
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    documents = (tmp_path / "dask" / "documents.jsonl").read_text().splitlines()
    assert len(documents) == 10 and b"EmptyFile" in _outputs(tmp_path / "dask")[2]
    after = cluster.stats()
    # the pipeline is set up once per worker for the run (the plugin), not once per partition
    assert all(after[w]["setups"] - before[w]["setups"] == 1 for w in after)
    assert sum(after[w]["partitions"] - before[w]["partitions"] for w in after) == 5  # 10 articles, 2 a partition


def test_distributed_local_cluster_equals_local(cli, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 4)
    local = cli("extract", corpus, "--out", tmp_path / "local", "--workers", 0, "--quiet")
    assert local.exit_code == 0
    result = cli("extract", corpus, "--out", tmp_path / "dask", "--scheduler", "local", "--workers", 1,
                 "--batch-size", 2, "--quiet")
    assert result.exit_code == 0, result.output
    assert "5 articles read" in result.output
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")


def test_distributed_rerun_reuses_cache_without_work(cli, cluster, tmp_path, monkeypatch):
    monkeypatch.setattr("claimpipe.run.cache.code_fingerprint", lambda: "code")  # steady while the code is being edited
    corpus = _corpus(tmp_path / "corpus", 3)
    out = tmp_path / "dask"
    cluster.ensure(2)
    first = cli("extract", corpus, "--out", out, "--scheduler", cluster.address, "--quiet")
    assert first.exit_code == 0 and "unchanged" not in first.output
    before, outputs = cluster.stats(), _outputs(out)
    second = cli("extract", corpus, "--out", out, "--scheduler", cluster.address, "--quiet")
    assert "4 unchanged, reused" in second.output
    assert _outputs(out) == outputs
    assert cluster.stats() == before  # nothing was sent to the cluster


def test_distributed_interrupted_run_keeps_finished_partitions(cli, cluster, tmp_path, monkeypatch):
    import sqlite3

    import claimpipe.run.progress

    monkeypatch.setattr("claimpipe.run.cache.code_fingerprint", lambda: "code")  # steady while the code is being edited
    corpus = _corpus(tmp_path / "corpus", 11)
    out = tmp_path / "dask"
    cluster.ensure(2)

    class Stop(Exception):
        pass

    def stop_after_two(done, total):
        if done == 2:
            time.sleep(1)  # let partitions finish out of order
            raise Stop

    stop_after_two.close = lambda: None
    make_progress = claimpipe.run.progress.make_progress
    monkeypatch.setattr(claimpipe.run.progress, "make_progress", lambda *a, **k: stop_after_two)
    with pytest.raises(Stop):
        cli("extract", corpus, "--out", out, "--scheduler", cluster.address, "--batch-size", 2)
    assert not (out / "documents.jsonl").exists()  # outputs are replaced only by a complete run
    with sqlite3.connect(out / ".claimpipe-cache.sqlite") as db:
        (cached,), = db.execute("SELECT COUNT(*) FROM results")
    assert cached >= 2
    monkeypatch.setattr(claimpipe.run.progress, "make_progress", make_progress)
    again = cli("extract", corpus, "--out", out, "--scheduler", cluster.address, "--batch-size", 2, "--quiet")
    assert f"({cached} unchanged, reused)" in again.output
    local = cli("extract", corpus, "--out", tmp_path / "local", "--workers", 0, "--quiet")
    assert local.exit_code == 0
    assert _outputs(out) == _outputs(tmp_path / "local")


def _raise_on_3(batch):
    if 3 in batch:
        raise RuntimeError("article 3 is bad")
    return [("ok", x * x) for x in batch]


def test_distributed_failing_partition_costs_only_its_article(cluster):
    from claimpipe.run.cluster import run_ordered
    from claimpipe.run.results import Failed
    from claimpipe.run.scheduler import Done

    cluster.ensure(2)
    items = [Done("first"), *range(8), Done("last")]
    out = list(run_ordered(items, _raise_on_3, scheduler=cluster.address, batch_size=3))
    assert [item for item, _ in out] == ["first", *range(8), "last"]
    results = dict(out[1:-1])
    assert results[3] == Failed("extract", "RuntimeError", "article 3 is bad")
    assert all(results[i] == ("ok", i * i) for i in range(8) if i != 3)


def _square_slowly_after_0(batch):
    if any(x > 0 for x in batch):
        time.sleep(1.0)
    return [("ok", x * x) for x in batch]


def test_distributed_results_lost_with_their_worker_are_computed_again(cluster):
    """A worker dies holding finished partitions not yet fetched: they are computed again, not errors.

    Article 0 finishes first and alone; while its ``on_finish`` sleeps, the next partitions finish and
    wait in the workers' memory, so the next wait returns them together. At the first of those, the
    worker holding most of the others is killed: their futures turn "lost" before they are read.
    """
    from claimpipe.run.cluster import run_ordered

    cluster.ensure(2)
    finished: list = []
    killed: dict = {}

    def on_finish(pairs):
        finished.extend(item for item, _ in pairs)
        if len(finished) == 1:
            time.sleep(3.5)  # the other partitions in flight (1 s each, 2 workers) finish meanwhile
        elif not killed:
            held: dict = {}
            for key, workers in cluster.client.who_has().items():
                if str(key).startswith("claimpipe-"):
                    for worker in workers:
                        held[worker] = held.get(worker, 0) + 1
            worker = max(held, key=held.get)
            pid = cluster.client.run(os.getpid, workers=[worker])[worker]
            os.kill(pid, signal.SIGKILL)
            killed.update(worker=worker, held=held[worker]); print("KILLED", held, time.monotonic(), flush=True)
            time.sleep(0.5)  # "lost-data" reaches the client; computing the results again takes longer

    out = list(run_ordered(range(12), _square_slowly_after_0, scheduler=cluster.address, batch_size=1,
                           on_finish=on_finish))
    assert killed["held"] >= 2, killed  # the killed worker held results not yet fetched
    assert out == [(i, ("ok", i * i)) for i in range(12)]


def test_distributed_killed_worker_is_retried_elsewhere(cli, cluster, tmp_path, monkeypatch):
    import claimpipe.run.progress

    corpus = _corpus(tmp_path / "corpus", 24)
    local = cli("extract", corpus, "--out", tmp_path / "local", "--workers", 0, "--quiet")
    assert local.exit_code == 0
    cluster.ensure(2)
    killed = {}

    class KillOne:
        """At the first finished article, SIGKILL a worker process that is running a partition."""

        def __call__(self, done, total):
            deadline = time.monotonic() + 20
            while not killed and time.monotonic() < deadline:
                busy = [(address, keys) for address, keys in cluster.client.processing().items() if keys]
                if not busy:
                    time.sleep(0.05)
                    continue
                address, keys = busy[0]
                pid = cluster.client.run(os.getpid, workers=[address])[address]
                os.kill(pid, signal.SIGKILL)
                killed.update(address=address, keys=list(keys), pid=pid)

        def close(self):
            pass

    monkeypatch.setattr(claimpipe.run.progress, "make_progress", lambda *a, **k: KillOne())
    result = cli("extract", corpus, "--out", tmp_path / "dask", "--scheduler", cluster.address, "--batch-size", 1)
    assert killed["keys"], "no worker was running a partition when one was killed"
    with pytest.raises(ProcessLookupError):
        os.kill(killed["pid"], 0)
    assert result.exit_code == 0, result.output
    assert "25 articles read" in result.output and "written, 1 error," in result.output  # the empty file only
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")  # nothing lost, nothing twice


def test_distributed_missing_extra_says_how_to_install(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = cli("extract", SEED, "--out", tmp_path / "out", "--scheduler", "local")
    assert result.exit_code == 2
    assert 'pip install "claimpipe[dask]"' in result.output
    assert not (tmp_path / "out").exists()


def test_distributed_library_refuses_a_loaded_pipeline(nlp, tmp_path):
    from claimpipe.run.extract import extract

    with pytest.raises(ValueError, match="pass model="):
        extract([SEED], out=tmp_path / "out", scheduler="local", nlp=nlp)


def _slow_on_7(batch):
    if 7 in batch:
        time.sleep(60)
    return [("ok", x) for x in batch]


def test_distributed_timeout_costs_only_the_slow_article(cluster):
    from claimpipe.run.cluster import run_ordered
    from claimpipe.run.results import Failed

    cluster.ensure(2)
    started = time.monotonic()
    out = dict(run_ordered(range(10), _slow_on_7, scheduler=cluster.address, batch_size=2, timeout=1.0))
    assert isinstance(out[7], Failed) and (out[7].stage, out[7].error) == ("timeout", "Timeout")
    assert all(out[i] == ("ok", i) for i in range(10) if i != 7)
    assert time.monotonic() - started < 30
