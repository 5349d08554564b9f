"""``extract``: read articles, run the pipeline over them, write their records.

Library first: the CLI command of the same name is a thin shell over :func:`extract`, which reads as
the flow of a run. The inputs are listed; articles are read one at a time and looked up in the output
folder's cache (:mod:`claimpipe.run.cache`), so an unchanged article is not processed again and a
killed run picks up where it stopped; the others are scheduled in batches
(:mod:`claimpipe.run.scheduler`) on worker processes (:mod:`claimpipe.run.local`) or a Dask cluster
(:mod:`claimpipe.run.cluster`), each running :mod:`claimpipe.run.work`; the records are written in
input order as they finish (output files replaced atomically at the end) and a summary is returned.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional, Sequence, Union

from claimpipe.io.read import Article, ReadError, list_inputs, read_path
from claimpipe.run import work
from claimpipe.run.results import Failed, Notice, Outcome, Processed, Task
from claimpipe.schema import ErrorRecord

OUTPUTS = ("documents", "claims", "errors")


@dataclass
class Summary:
    """What a run did."""

    articles: int = 0
    documents: int = 0
    claims: int = 0
    errors: int = 0
    warnings: int = 0
    cached: int = 0
    groups: int = 0  # groups of repeated claims in the output (claims.jsonl's group_id)
    seconds: float = 0.0
    error_records: list[ErrorRecord] = field(default_factory=list)

    def line(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        reused = f" ({self.cached} unchanged, reused)" if self.cached else ""
        return (f"{n(self.articles, 'article')} read{reused}, {n(self.claims, 'claim')} written, "
                f"{n(self.errors, 'error')}, {n(self.warnings, 'warning')}, {self.seconds:.1f} s"
                + (f"; {n(self.groups, 'group')} of repeated claims" if self.groups else ""))


@dataclass(frozen=True)
class Reused:
    """An article unchanged since an earlier run, with the outcome the cache kept."""

    article: Article
    outcome: Outcome


def extract(
    paths: Sequence[Union[str, Path]],
    *,
    out: Union[str, Path] = "annotations",
    model: Optional[str] = None,
    dct: Optional[str] = None,
    stdout: Optional[IO[str]] = None,
    batch_size: int = 16,
    workers: Optional[int] = None,
    timeout: float = 120.0,
    incremental: bool = True,
    min_checkworthiness: Optional[float] = None,
    checkworthiness: Optional[str] = None,
    kinds: Optional[str] = None,
    max_chars: Optional[int] = 5_000_000,
    sink=None,
    progress: Optional[Callable[[int, Optional[int]], None]] = None,
    nlp=None,
    scheduler: Optional[str] = None,
) -> Summary:
    """Extract records from the articles under ``paths`` into ``out`` (or claims to ``stdout``).

    ``workers``: processes (default: the number of cores; 0 runs in this process).
    ``timeout``: seconds an article may take before it is recorded as timed out.
    ``checkworthiness``: ``"fast"`` or ``"accurate"``, the check-worthiness tier of this run (None: the
    claims component's configured one). ``kinds``: ``"trained"``, ``"encoder"`` or ``"rules"``, what decides
    the claims' kinds in this run (None: the component's configured one; see its ``kinds`` config).
    ``max_chars``: longer articles are recorded as errors without being processed (None: no limit).
    ``incremental``: reuse the results of unchanged articles from earlier runs into ``out`` (when False, every
    article is processed again; the cache is still refreshed for the next run).
    ``sink``: an object with ``write(document, claims)`` and ``close()`` receiving the records too
    (e.g. :class:`claimpipe.store.sink.Sink`). ``progress(done, total)`` is called as articles finish.
    ``scheduler``: run the batches on a Dask cluster instead (``tcp://HOST:8786`` or ``"local"``; see
    :mod:`claimpipe.run.cluster`); raises :class:`claimpipe.run.cluster.DaskMissing` without the dask extra.
    Raises FileNotFoundError before doing anything when a path does not exist.
    """
    from claimpipe.run.cache import Cache

    started = time.perf_counter()
    out = Path(out)
    files = _input_files(paths, out)
    if scheduler is not None:
        _check_cluster(nlp)
    total = None if any(f.suffix.lower() in {".jsonl", ".ndjson"} for f in files) else len(files)
    options: dict = {"min_checkworthiness": min_checkworthiness}
    if checkworthiness is not None:  # the claims' tier for this run (default: the pipeline's own)
        options["checkworthiness"] = checkworthiness
    if kinds is not None:  # the claims' kind decider for this run
        options["kinds"] = kinds
    records = _Records(None if stdout is not None else out, stdout=stdout, sink=sink)
    cache = Cache(out) if stdout is None else None  # also written by a full run, so that the next run can reuse it
    fingerprint = _fingerprint(model, nlp, options) if cache is not None else ""
    try:
        items = _items(files, cache, fingerprint, reuse=incremental, dct=dct, max_chars=max_chars)
        results = _schedule(items, cache, model=model, nlp=nlp, options=options, workers=workers,
                            scheduler=scheduler, batch_size=batch_size, timeout=timeout)
        with closing(results):  # the workers stopped at once, should anything below fail
            for done, (item, outcome) in enumerate(results, 1):
                records.add(item, outcome)
                if progress is not None:
                    progress(done, total)
        if cache is not None:
            cache.prune()
    except BaseException:
        records.abort()
        if cache is not None:
            cache.close()
        raise
    records.commit()
    if cache is not None:
        cache.close()
    records.summary.seconds = time.perf_counter() - started
    return records.summary


def _input_files(paths: Sequence[Union[str, Path]], out: Path) -> list[Path]:
    """The files under ``paths`` (FileNotFoundError for a missing path), never those of the output folder."""
    out_dir = out.resolve()
    # resolving every file is slow on a big corpus: needed only when the output folder lies inside an input
    # folder, or for a symbolic link (os.walk does not follow linked folders)
    out_in_input = any(out_dir == r or r in out_dir.parents for r in (Path(p).resolve() for p in paths))
    return [f for f in list_inputs(paths)
            if not ((out_in_input or os.path.islink(f)) and out_dir in f.resolve().parents)]


def _check_cluster(nlp) -> None:
    """Fail before doing anything: without the dask extra, or with a pipeline that cannot travel to workers."""
    from claimpipe.run.cluster import require_dask

    require_dask()
    if nlp is not None:
        raise ValueError("a Dask cluster loads the pipeline on each worker: pass model=, not nlp=")


def _fingerprint(model: Optional[str], nlp, options: dict) -> str:
    """The cache's pipeline fingerprint: the model named (or the pipeline given) and the options."""
    from claimpipe import DEFAULT_MODEL
    from claimpipe.run.cache import pipeline_fingerprint

    if nlp is None:
        return pipeline_fingerprint(model or DEFAULT_MODEL, options)
    from claimpipe.nlp.pipeline import model_label

    return pipeline_fingerprint(f"{model_label(nlp)}:{','.join(nlp.pipe_names)}", options)


def _items(files: list[Path], cache, fingerprint: str, *, reuse: bool, dct: Optional[str],
           max_chars: Optional[int]) -> Iterator:
    """The scheduler's items, read lazily: a :class:`Task` per article to process; ``Done`` around a
    read error or a :class:`Reused` article."""
    from claimpipe.run.cache import article_key
    from claimpipe.run.scheduler import Done

    for path in files:
        for entry in read_path(path, default_dct=dct, max_chars=max_chars):
            if isinstance(entry, ReadError):
                yield Done(entry)
                continue
            key = article_key(fingerprint, entry) if cache is not None else ""
            hit = cache.get(key) if cache is not None and reuse else None
            yield Done(Reused(entry, hit)) if hit is not None else Task(key, entry)


def _schedule(items: Iterable, cache, *, model: Optional[str], nlp, options: dict, workers: Optional[int],
              scheduler: Optional[str], batch_size: int, timeout: float) -> Iterator[tuple]:
    """``(item, outcome)`` in input order, the tasks processed on worker processes (or in this one) or on a
    Dask cluster; each batch kept in the cache as it finishes."""
    from claimpipe.run.cache import CacheRow
    from claimpipe.run.local import default_workers

    def keep(pairs: list[tuple[Task, Outcome]]) -> None:
        cache.put_many(CacheRow(task.key, task.article.source, outcome) for task, outcome in pairs)

    workers = default_workers() if workers is None else workers
    common = dict(batch_size=batch_size, timeout=timeout, workers=workers, on_finish=keep if cache is not None else None)
    if scheduler is not None:  # the pipeline is loaded on each Dask worker
        from claimpipe.run.cluster import run_ordered as run_on_cluster

        return run_on_cluster(items, partial(work.run_batch, options=options), scheduler=scheduler,
                              on_start=partial(work.load, model, None), **common)
    from claimpipe.run.local import run_ordered

    return run_ordered(items, partial(work.run_batch, options=options), on_start=partial(work.load, model, nlp), **common)


class _Records:
    """Where a run's records go: the output files (or the claims to ``stdout``), the sink; and its summary."""

    def __init__(self, out: Optional[Path], *, stdout: Optional[IO[str]], sink):
        from claimpipe.io.write import AtomicWriter

        self.stdout, self.sink, self.out = stdout, sink, out
        self.summary = Summary()
        self.writers: dict = {}
        self.dates: dict[str, Optional[str]] = {}  # doc id -> its date, for the groups of repeated claims
        if out is not None:
            _remove_stale_temporaries(out)
            self.writers = {name: AtomicWriter(out / f"{name}.jsonl") for name in OUTPUTS}

    def add(self, item: Union[Task, Reused, ReadError], outcome: Optional[Outcome]) -> None:
        """Record what became of one scheduled item (``outcome`` is None for a ``Done`` one)."""
        if isinstance(item, ReadError):
            self.report(item.source, "read", item.error, item.message)
            return
        if isinstance(item, Reused):
            self.summary.cached += 1
            outcome = item.outcome
        self.summary.articles += 1
        if isinstance(outcome, Failed):
            self.report(item.article.source, outcome.stage, outcome.error, outcome.message)
        else:
            self.write(item.article.source, outcome)

    def write(self, source: str, processed: Processed) -> None:
        for notice in processed.warnings:
            self.warn(source, notice)
        self.summary.documents += 1
        self.summary.claims += len(processed.claim_jsons)
        if self.writers:
            self.writers["documents"].write_line(processed.document_json)
            head = json.loads(processed.document_json)
            self.dates[head["doc_id"]] = head.get("dct")
            for line in processed.claim_jsons:
                self.writers["claims"].write_line(line)
        else:
            for line in processed.claim_jsons:
                self.stdout.write(line + "\n")
        if self.sink is not None:
            from claimpipe.schema import ClaimRecord, DocumentRecord

            self.sink.write(DocumentRecord.model_validate_json(processed.document_json),
                            [ClaimRecord.model_validate_json(c) for c in processed.claim_jsons])

    def warn(self, source: str, notice: Notice) -> None:
        self.report(source, notice.stage, notice.error, notice.message, "warning", notice.component)

    def report(self, source: str, stage: str, error: str, message: str, level: str = "error",
               component: Optional[str] = None) -> None:
        """An error or warning line of ``errors.jsonl``, counted (and the first thousand kept) in the summary."""
        rec = ErrorRecord(source=source, stage=stage, error=error, message=message[:2000], level=level,
                          component=component)
        if level == "error":
            self.summary.errors += 1
        else:
            self.summary.warnings += 1
        if len(self.summary.error_records) < 1000:
            self.summary.error_records.append(rec)
        if self.writers:
            self.writers["errors"].write(rec)

    def commit(self) -> None:
        try:
            groups = self.group() if self.writers else None
        except BaseException:
            self.abort()
            raise
        if groups is not None:
            self.summary.groups = len(set(groups.values()) - {None})
        for writer in self.writers.values():
            writer.commit()
        if self.sink is not None:
            if groups is not None and hasattr(self.sink, "write_groups"):
                self.sink.write_groups(groups)
            self.sink.close()

    def group(self) -> dict[str, Optional[str]]:
        """The corpus-level step (:mod:`claimpipe.run.regroup`): the run's claims grouped, written again with
        their ``group_id`` (ids kept from the ``claims.jsonl`` being replaced); claim id -> group id."""
        from claimpipe.io.write import AtomicWriter
        from claimpipe.run.regroup import group_claims

        written = self.writers["claims"]
        written.flush()
        grouped = AtomicWriter(self.out / "claims.jsonl")
        try:
            groups = group_claims(written.temporary, grouped.write_line, folder=self.out, dct=self.dates)
        except BaseException:
            grouped.abort()
            raise
        written.abort()
        self.writers["claims"] = grouped
        return groups

    def abort(self) -> None:
        for writer in self.writers.values():
            writer.abort()
        if self.sink is not None:
            self.sink.close()


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary outputs of a run that was killed before it could rename them."""
    if not out.is_dir():
        return
    for name in OUTPUTS:
        for tmp in out.glob(f".{name}.jsonl.*.tmp"):
            try:
                tmp.unlink()
            except OSError:
                pass
