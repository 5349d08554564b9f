"""``validate``: check JSONL files against the record schema, with readable ``[line:field] message`` errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Union

from pydantic import TypeAdapter, ValidationError

from claimpipe.schema import AnyRecord


def _location(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    # drop the discriminator tag pydantic puts first for tagged unions
    if parts and parts[0] in {"document", "claim", "error", "review"}:
        parts = parts[1:]
    return ".".join(parts) or "(record)"


def validate_file(path: Union[str, Path]) -> Iterator[str]:
    """Readable problems of one JSONL file: ``path [line:field] message``. Nothing when it is valid."""
    adapter = TypeAdapter(AnyRecord)
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        yield f"{path}: cannot open: {exc.strerror or exc}"
        return
    with handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{path} [{lineno}] not JSON: {exc.msg} at column {exc.colno}"
                continue
            try:
                record = adapter.validate_python(obj)
            except ValidationError as exc:
                for err in exc.errors():
                    yield f"{path} [{lineno}:{_location(err['loc'])}] {err['msg']}"
                continue
            for where, message in _offset_problems(record):
                yield f"{path} [{lineno}:{where}] {message}"


def _offset_problems(record) -> Iterator[tuple[str, str]]:
    if record.record_type == "document":
        from claimpipe.nlp.assemble import check_offsets

        for problem in check_offsets(record):
            where, _, detail = problem.partition(": ")
            yield where, f"offset mismatch: {detail}"
    elif record.record_type == "claim" and record.end < record.start:
        yield "end", "end is before start"
