"""The annotations folder as the reviewer sees it, and ``reviews.jsonl``, the decisions log.

Documents and claims are validated with :mod:`claimpipe.schema` on read (a field the schema does not
know is allowed, so a newer extraction still opens) and then kept as plain dicts; a line that is not
a valid record is skipped and listed in :attr:`Corpus.problems` with its file and line number, so a
foreign or damaged file shows what is wrong instead of failing the whole page. Decisions are :class:`~claimpipe.schema.ReviewDecision` records appended
to ``reviews.jsonl``, never rewritten: the latest line for a claim id wins. Claim ids are a hash of
the document id and the claim text, so decisions survive re-extraction; a decision whose claim is
no longer extracted is *orphaned*, kept and shown as such.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional, Union

from pydantic import ValidationError

from claimpipe.schema import ClaimRecord, Correction, DocumentRecord, ReviewDecision

REVIEWS = "reviews.jsonl"
DECISIONS = ("accept", "reject", "pending")
VERDICTS = ("true", "false", "misleading", "unverifiable")

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def now() -> str:
    """The current time, ISO 8601 in UTC to the second ('2026-01-31T12:00:00Z')."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_jsonl(path: Path, problems: Optional[list[str]] = None) -> Iterator[dict]:
    """The JSON objects of a JSONL file, skipping (and noting in ``problems``) lines that are not."""
    for _, obj in numbered_jsonl(path, problems):
        yield obj


def numbered_jsonl(path: Path, problems: Optional[list[str]] = None) -> Iterator[tuple[int, dict]]:
    """(line number, object) for the JSON objects of a JSONL file; other lines go to ``problems``:
    lines that are not UTF-8, not JSON, not an object, or that hold a lone surrogate (``"\\ud800"``,
    which no page or file could be written with)."""
    if not path.exists():
        return
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            problem = None
            try:
                line = raw.decode("utf-8")
                if not line.strip():
                    continue
                obj = json.loads(line)
                if _SURROGATE_ESCAPE.search(line):
                    json.dumps(obj, ensure_ascii=False).encode("utf-8")
            except UnicodeDecodeError:
                problem = "not UTF-8"
            except UnicodeEncodeError:
                problem = "holds a lone surrogate"
            except json.JSONDecodeError as exc:
                problem = f"not JSON ({exc.msg})"
            except RecursionError:
                problem = "not JSON (nested too deeply)"
            else:
                if isinstance(obj, dict):
                    yield number, obj
                    continue
                problem = "not a JSON object"
            if problems is not None:
                problems.append(f"{path.name}:{number}: {problem}")


def _problem(name: str, number: int, error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"]) or "record"
    return f"{name}:{number}: [{where}] {error['msg']}"


def valid_record(model, obj: dict, name: str, number: int, problems: list[str]) -> bool:
    """Whether ``obj`` is a valid ``model`` record, strictly typed; fields the schema does not know are
    let through (a newer extraction). When it is not, its first error goes to ``problems`` as
    'claims.jsonl:7: [claim_id] Input should be a valid string'."""
    try:
        model.model_validate(obj, strict=True)
        return True
    except ValidationError as exc:
        errors = [err for err in exc.errors() if err["type"] != "extra_forbidden"]
        if errors:
            problems.append(_problem(name, number, errors[0]))
        return not errors


class ReviewStore:
    """``reviews.jsonl``: append-only, one validated decision per line, the latest per claim wins.

    Appends hold a per-file thread lock and an exclusive ``flock`` (other processes, such as an
    import running beside the review app), and are fsynced before returning.
    """

    def __init__(self, path: Union[str, Path]):
        self.path = Path(path)
        key = str(self.path.resolve())
        with _locks_guard:
            self._lock = _locks.setdefault(key, threading.Lock())

    def append(self, decisions: Union[ReviewDecision, list[ReviewDecision]]) -> int:
        """Append decisions (validated again on the way in); the number written."""
        if isinstance(decisions, ReviewDecision):
            decisions = [decisions]
        lines = [ReviewDecision.model_validate(d.model_dump()).model_dump_json() + "\n" for d in decisions]
        if not lines:
            return 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                size = os.fstat(fd).st_size
                prefix = ""
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    prefix = "\n"  # a torn last line stays a line of its own
                os.write(fd, (prefix + "".join(lines)).encode("utf-8"))
                os.fsync(fd)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        return len(lines)

    def history(self, problems: Optional[list[str]] = None) -> list[ReviewDecision]:
        """Every valid decision in file order; invalid lines are noted in ``problems``."""
        out = []
        for number, obj in numbered_jsonl(self.path, problems):
            try:
                out.append(ReviewDecision.model_validate(obj))
            except ValidationError as exc:
                if problems is not None:
                    problems.append(_problem(self.path.name, number, exc.errors()[0]))
        return out

    def latest(self, problems: Optional[list[str]] = None) -> dict[str, ReviewDecision]:
        """The decision in force for each claim id: the last one appended."""
        return {d.claim_id: d for d in self.history(problems)}


def correction(decision: Optional[ReviewDecision], name: str):
    """The corrected value of field ``name`` in a decision, or None."""
    if decision is None:
        return None
    for item in reversed(decision.corrections):
        if item.field == name:
            return item.value
    return None


def claim_speaker(claim: dict) -> Optional[str]:
    """Who the extraction says asserts the claim: the speaker's or the author's name, when known."""
    source = claim.get("source") or {}
    return source.get("name")


def claim_dates(claim: dict) -> list[str]:
    """The normalised values of the dates inside a claim (the text when a value is missing)."""
    return [d.get("value") or d.get("text", "") for d in claim.get("dates") or []]


def make_decision(
    claim: dict,
    *,
    decision: str,
    verdict: Optional[str] = None,
    note: Optional[str] = None,
    evidence_url: Optional[str] = None,
    speaker: Optional[str] = None,
    dates: Optional[list[str]] = None,
    reviewer: Optional[str] = None,
    time: Optional[str] = None,
) -> ReviewDecision:
    """A decision on ``claim``; a speaker or dates equal to what was extracted is no correction."""
    corrections = []
    if speaker is not None and speaker.strip() and speaker.strip() != (claim_speaker(claim) or ""):
        corrections.append(Correction(field="speaker", value=speaker.strip()))
    if dates is not None:
        cleaned = [d.strip() for d in dates if d and d.strip()]
        if cleaned != claim_dates(claim):
            corrections.append(Correction(field="dates", value=cleaned))
    return ReviewDecision(
        claim_id=claim["claim_id"],
        doc_id=claim.get("doc_id"),
        claim_text=claim.get("text"),
        decision=decision,
        corrections=corrections,
        verdict=verdict or None,
        note=note or None,
        evidence_url=evidence_url or None,
        reviewer=reviewer or None,
        time=time or now(),
    )


@dataclass
class Corpus:
    """An annotations folder: documents, their claims, and the decision in force per claim."""

    folder: Path
    documents: dict[str, dict] = field(default_factory=dict)
    claims: dict[str, list[dict]] = field(default_factory=dict)
    decisions: dict[str, ReviewDecision] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    _by_id: dict[str, dict] = field(default_factory=dict, repr=False)
    _orphans: dict[Optional[str], list[ReviewDecision]] = field(default_factory=dict, repr=False)
    _indexed: tuple = field(default=(), repr=False)

    @property
    def store(self) -> ReviewStore:
        return ReviewStore(self.folder / REVIEWS)

    def index(self) -> None:
        """(Re)build the lookups; call after changing ``claims`` or ``decisions``."""
        self._by_id = {c["claim_id"]: c for claims in self.claims.values() for c in claims}
        self._orphans = {}
        for d in self.decisions.values():
            if d.claim_id not in self._by_id:
                self._orphans.setdefault(d.doc_id, []).append(d)
        self._indexed = (id(self.decisions), len(self.decisions))

    def _fresh(self) -> None:
        if self._indexed != (id(self.decisions), len(self.decisions)):
            self.index()

    def claim(self, claim_id: str) -> Optional[dict]:
        """The claim record with this id, or None."""
        self._fresh()
        return self._by_id.get(claim_id)

    def orphans(self, doc_id: Optional[str] = None) -> list[ReviewDecision]:
        """Decisions whose claim is no longer extracted (of one document, or all)."""
        self._fresh()
        if doc_id is not None:
            return list(self._orphans.get(doc_id, []))
        return [d for group in self._orphans.values() for d in group]

    def homeless(self) -> list[ReviewDecision]:
        """Orphaned decisions whose whole article is gone from documents.jsonl."""
        return [d for d in self.orphans() if d.doc_id not in self.documents]

    def counts(self, doc_id: str) -> dict[str, int]:
        """What an article holds, and how far its review has got."""
        doc = self.documents.get(doc_id, {})
        claims = self.claims.get(doc_id, [])
        decided = [self.decisions[c["claim_id"]] for c in claims if c.get("claim_id") in self.decisions]
        return {
            "claims": len(claims),
            "entities": len(doc.get("entities") or []),
            "dates": len(doc.get("dates") or []),
            "quotes": len(doc.get("quotes") or []),
            "decided": sum(d.decision != "pending" for d in decided),
            "accepted": sum(d.decision == "accept" for d in decided),
            "rejected": sum(d.decision == "reject" for d in decided),
            "verdicts": sum(d.verdict is not None for d in decided),
            "orphaned": len(self.orphans(doc_id)),
        }


def load_corpus(folder: Union[str, Path]) -> Corpus:
    """Read ``documents.jsonl``, ``claims.jsonl`` and ``reviews.jsonl`` from ``folder``."""
    folder = Path(folder)
    corpus = Corpus(folder=folder)
    for number, doc in numbered_jsonl(folder / "documents.jsonl", corpus.problems):
        if valid_record(DocumentRecord, doc, "documents.jsonl", number, corpus.problems):
            corpus.documents[doc["doc_id"]] = doc
            corpus.claims.setdefault(doc["doc_id"], [])
    for number, claim in numbered_jsonl(folder / "claims.jsonl", corpus.problems):
        if valid_record(ClaimRecord, claim, "claims.jsonl", number, corpus.problems):
            if claim["doc_id"] in corpus.documents:
                corpus.claims[claim["doc_id"]].append(claim)
    for claims in corpus.claims.values():
        claims.sort(key=lambda c: (c["start"], c["end"]))
    corpus.decisions = corpus.store.latest(corpus.problems)
    corpus.index()
    return corpus
