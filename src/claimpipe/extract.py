"""``extract``: read articles, run the pipeline, assemble records, write them. Library first:
the CLI command of the same name is a thin shell over :func:`extract`."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Optional, Sequence, Union

from .read import Article, ReadError, iter_articles, list_inputs
from .schema import ErrorRecord


@dataclass
class Summary:
    """What a run did."""

    articles: int = 0
    documents: int = 0
    claims: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_records: list[ErrorRecord] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.articles} article{'s' if self.articles != 1 else ''} read, "
            f"{self.claims} claim{'s' if self.claims != 1 else ''} written, "
            f"{self.errors} error{'s' if self.errors != 1 else ''}, {self.seconds:.1f} s"
        )


def extract(
    paths: Sequence[Union[str, Path]],
    *,
    out: Union[str, Path] = "annotations",
    model: Optional[str] = None,
    dct: Optional[str] = None,
    stdout: Optional[IO[str]] = None,
    batch_size: int = 16,
    nlp=None,
) -> Summary:
    """Extract records from the articles under ``paths`` into ``out`` (or claims to ``stdout``).

    Raises FileNotFoundError before doing anything when a path does not exist.
    """
    from .assemble import assemble, check_offsets
    from .pipeline import DEFAULT_MODEL, Failure, build_pipeline, model_label, process
    from .write import AtomicWriter, record_line

    started = time.perf_counter()
    list_inputs(paths)  # fail early on a missing path
    if nlp is None:
        nlp = build_pipeline(model or DEFAULT_MODEL)
    label = model_label(nlp)
    summary = Summary()
    out = Path(out)
    writers = {}
    if stdout is None:
        writers = {name: AtomicWriter(out / f"{name}.jsonl") for name in ("documents", "claims", "errors")}

    def record_error(source: str, stage: str, error: str, message: str) -> None:
        rec = ErrorRecord(source=source, stage=stage, error=error, message=message[:2000])
        summary.errors += 1
        summary.error_records.append(rec)
        if writers:
            writers["errors"].write(rec)

    def articles() -> Iterable[Article]:
        for item in iter_articles(paths, default_dct=dct):
            if isinstance(item, ReadError):
                record_error(item.source, "read", item.error, item.message)
            else:
                summary.articles += 1
                yield item

    try:
        for result in process(nlp, articles(), batch_size=batch_size):
            if isinstance(result, Failure):
                record_error(result.article.source, "extract", result.error, result.message)
                continue
            article, doc = result
            try:
                document, claims = assemble(article, doc, model=label)
            except Exception as exc:  # noqa: BLE001 - recorded, the batch goes on
                record_error(article.source, "extract", type(exc).__name__, str(exc))
                continue
            problems = check_offsets(document, claims)
            if problems:
                record_error(article.source, "extract", "OffsetMismatch", "; ".join(problems[:5]))
                continue
            summary.documents += 1
            summary.claims += len(claims)
            if writers:
                writers["documents"].write(document)
                for claim in claims:
                    writers["claims"].write(claim)
            else:
                for claim in claims:
                    stdout.write(record_line(claim))
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    for writer in writers.values():
        writer.commit()
    summary.seconds = time.perf_counter() - started
    return summary
