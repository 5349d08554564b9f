"""``extract``: read articles, run the pipeline, assemble records, write them.

Library first: the CLI command of the same name is a thin shell over :func:`extract`.
The flow streams: articles are read one at a time, processed in batches by worker processes
(:mod:`claimpipe.run.local`), and written in input order as they finish. Finished articles are kept in
the output folder's cache (:mod:`claimpipe.run.cache`), so an unchanged article is not processed again
and a killed run picks up where it stopped. Output files are replaced atomically at the end.
"""

from __future__ import annotations

import gc
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Optional, Sequence, Union

from claimpipe.io.read import Article, ReadError, list_inputs, read_path
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
    seconds: float = 0.0
    error_records: list[ErrorRecord] = field(default_factory=list)

    def line(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        reused = f" ({self.cached} unchanged, reused)" if self.cached else ""
        return (f"{n(self.articles, 'article')} read{reused}, {n(self.claims, 'claim')} written, "
                f"{n(self.errors, 'error')}, {n(self.warnings, 'warning')}, {self.seconds:.1f} s")


# The pipeline of this process (the parent, inherited by forked workers).
_STATE: dict[str, Any] = {}


def _load(model: Optional[str], nlp) -> None:
    if "nlp" not in _STATE or _STATE.get("requested") != (model, id(nlp)):
        from claimpipe.nlp.pipeline import DEFAULT_MODEL, build_pipeline, model_label

        loaded = nlp if nlp is not None else build_pipeline(model or DEFAULT_MODEL)
        _STATE.update(nlp=loaded, label=model_label(loaded), requested=(model, id(nlp)))
        # The model's many long-lived objects need no garbage collection: freezing them keeps the
        # collector's passes short, and keeps forked workers from touching (and copying) their pages.
        gc.collect()
        gc.freeze()


def _work(batch: list, *, options: dict) -> list:
    """Process ``(key, article)`` pairs; one result per pair (see :mod:`claimpipe.run.local`)."""
    nlp, label = _STATE["nlp"], _STATE["label"]
    results: list = []
    _process_into(results, nlp, label, batch, options)
    return results


def _process_into(results: list, nlp, label: str, batch: list, options: dict) -> None:
    from claimpipe.nlp.assemble import assemble, check_offsets
    from claimpipe.nlp.faults import faults_of
    from claimpipe.nlp.pipeline import Failure, gc_paused, process

    cut = options.get("min_checkworthiness")
    component_cfg = {"claimpipe_claims": {"min_checkworthiness": cut}} if cut is not None else None  # this run only
    for result in process(nlp, [article for _, article in batch], batch_size=len(batch) or 1,
                          component_cfg=component_cfg):
        if isinstance(result, Failure):
            results.append(("error", "extract", result.error, result.message))
            continue
        article, doc = result
        try:
            with gc_paused():  # as while processing (pipeline.gc_paused)
                document, claims = assemble(article, doc, model=label, **options)
                problems = check_offsets(document, claims)
                if problems:  # pragma: no cover - assemble drops inexact mentions; a guard against its own bugs
                    results.append(("error", "extract", "OffsetMismatch", "; ".join(problems[:5])))
                    continue
                warnings = [{"stage": "read", "component": None, "error": "TextRepaired", "message": w}
                            for w in article.warnings]
                warnings += [{"stage": "extract", **f.as_dict()} for f in faults_of(doc)]
                results.append(("ok", document.model_dump_json(), [c.model_dump_json() for c in claims], warnings))
        except Exception as exc:  # noqa: BLE001 - recorded as the article's error
            results.append(("error", "extract", type(exc).__name__, str(exc) or repr(exc)))


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
    max_chars: Optional[int] = 5_000_000,
    sink=None,
    progress: Optional[Callable[[int, Optional[int]], None]] = None,
    nlp=None,
    scheduler: Optional[str] = None,
) -> Summary:
    """Extract records from the articles under ``paths`` into ``out`` (or claims to ``stdout``).

    ``workers``: processes (default: the number of cores; 0 runs in this process).
    ``timeout``: seconds an article may take before it is recorded as timed out.
    ``max_chars``: longer articles are recorded as errors without being processed (None: no limit).
    ``incremental``: reuse the results of unchanged articles from earlier runs into ``out`` (when False, every
    article is processed again; the cache is still refreshed for the next run).
    ``sink``: an object with ``write(document, claims)`` and ``close()`` receiving the records too
    (e.g. :class:`claimpipe.store.database.Sink`). ``progress(done, total)`` is called as articles finish.
    ``scheduler``: run the batches on a Dask cluster instead (``tcp://HOST:8786`` or ``"local"``; see
    :mod:`claimpipe.run.cluster`); raises :class:`claimpipe.run.cluster.DaskMissing` without the dask extra.
    Raises FileNotFoundError before doing anything when a path does not exist.
    """
    from functools import partial

    from claimpipe.run.local import Done, default_workers, run_ordered
    from claimpipe import DEFAULT_MODEL
    from claimpipe.run.cache import Cache, article_key, pipeline_fingerprint

    started = time.perf_counter()
    out = Path(out)
    out_dir = out.resolve()
    # fails early on a missing path; never reads its own output folder (when --out lies inside an input folder)
    # resolving every file is slow on a big corpus: needed only when the output folder lies inside an input
    # folder, or for a symbolic link (os.walk does not follow linked folders)
    out_in_input = any(out_dir == r or r in out_dir.parents for r in (Path(p).resolve() for p in paths))
    files = [f for f in list_inputs(paths)
             if not ((out_in_input or os.path.islink(f)) and out_dir in f.resolve().parents)]
    if scheduler is not None:  # claimpipe.run.cluster: fail before doing anything
        from claimpipe.run.cluster import require_dask

        require_dask()
        if nlp is not None:
            raise ValueError("a Dask cluster loads the pipeline on each worker: pass model=, not nlp=")
    total = None if any(f.suffix.lower() in {".jsonl", ".ndjson"} for f in files) else len(files)
    workers = default_workers() if workers is None else workers
    options = {"min_checkworthiness": min_checkworthiness}
    summary = Summary()
    writers: dict = {}
    cache = None
    if stdout is None:
        from claimpipe.io.write import AtomicWriter

        _remove_stale_temporaries(out)
        writers = {name: AtomicWriter(out / f"{name}.jsonl") for name in OUTPUTS}
        cache = Cache(out)  # also written by a full run, so that the next run can reuse it
    fingerprint = ""
    if cache is not None:
        if nlp is None:
            fingerprint = pipeline_fingerprint(model or DEFAULT_MODEL, options)
        else:
            from claimpipe.nlp.pipeline import model_label

            fingerprint = pipeline_fingerprint(f"{model_label(nlp)}:{','.join(nlp.pipe_names)}", options)

    def items():
        entries = (entry for path in files for entry in read_path(path, default_dct=dct, max_chars=max_chars))
        for entry in entries:
            if isinstance(entry, ReadError):
                yield Done(("read-error", entry))
                continue
            key = article_key(fingerprint, entry) if cache is not None else ""
            hit = cache.get(key) if cache is not None and incremental else None
            if hit is not None:
                yield Done(("cached", entry, hit))
            else:
                yield (key, entry)

    def record_error(source: str, stage: str, error: str, message: str, level: str = "error",
                     component: Optional[str] = None) -> None:
        rec = ErrorRecord(source=source, stage=stage, error=error, message=message[:2000], level=level,
                          component=component)
        if level == "error":
            summary.errors += 1
        else:
            summary.warnings += 1
        if len(summary.error_records) < 1000:
            summary.error_records.append(rec)
        if writers:
            writers["errors"].write(rec)

    def emit(document_json: str, claim_jsons: list[str], warnings: list[dict], source: str) -> None:
        for w in warnings:
            record_error(source, w["stage"], w["error"], w["message"], "warning", w["component"])
        summary.documents += 1
        summary.claims += len(claim_jsons)
        if writers:
            writers["documents"].write_line(document_json)
            for line in claim_jsons:
                writers["claims"].write_line(line)
        else:
            for line in claim_jsons:
                stdout.write(line + "\n")
        if sink is not None:
            from claimpipe.schema import ClaimRecord, DocumentRecord

            sink.write(DocumentRecord.model_validate_json(document_json),
                       [ClaimRecord.model_validate_json(c) for c in claim_jsons])

    to_cache: list = []
    last_flush = time.monotonic()
    done = 0
    try:
        run = partial(run_ordered, workers=workers, on_start=lambda: _load(model, nlp))
        cached_early = scheduler is not None and cache is not None
        if scheduler is not None:  # claimpipe.run.cluster: on Dask workers, cached as each partition finishes
            from claimpipe.run.cluster import run_ordered as run_on_cluster

            run = partial(run_on_cluster, scheduler=scheduler, workers=workers, on_start=partial(_load, model, None),
                          on_finish=(lambda pairs: cache.put_many(filter(None, map(_cache_row, pairs)))) if cached_early else None)
        results = run(items(), partial(_work, options=options), batch_size=batch_size, timeout=timeout)
        for item, result in results:
            if result is None:  # Done: a read error or a cached article
                kind, *rest = item
                if kind == "read-error":
                    err = rest[0]
                    record_error(err.source, "read", err.error, err.message)
                    continue
                article, (document_json, claim_jsons, error, warnings) = rest
                summary.articles += 1
                summary.cached += 1
                if error:
                    record_error(article.source, error["stage"], error["error"], error["message"])
                else:
                    emit(document_json, claim_jsons, warnings, article.source)
            else:
                key, article = item
                summary.articles += 1
                if result[0] == "ok":
                    emit(result[1], result[2], result[3], article.source)
                else:
                    _, stage, error, message = result
                    record_error(article.source, stage, error, message)
                row = None if cached_early else _cache_row((item, result))  # claimpipe.run.cluster caches on finish
                if row is not None:
                    to_cache.append(row)
            done += 1
            if progress is not None:
                progress(done, total)
            if cache is not None and to_cache and (len(to_cache) >= 16 or time.monotonic() - last_flush > 1):
                cache.put_many(to_cache)
                to_cache, last_flush = [], time.monotonic()
        if cache is not None:
            cache.put_many(to_cache)
            cache.prune()
    except BaseException:
        for writer in writers.values():
            writer.abort()
        if cache is not None:
            cache.put_many(to_cache)
            cache.close()
        if sink is not None:
            sink.close()
        raise
    for writer in writers.values():
        writer.commit()
    if cache is not None:
        cache.close()
    if sink is not None:
        sink.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _cache_row(pair: tuple) -> Optional[tuple]:
    """The cache row of a processed ``((key, article), result)`` pair; None for a timeout (tried again next run)."""
    (key, article), result = pair
    if result[0] == "ok":
        return key, article.source, result[1], result[2], None, result[3]
    _, stage, error, message = result
    if stage == "timeout":
        return None
    return key, article.source, None, [], {"stage": stage, "error": error, "message": message}, []


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
