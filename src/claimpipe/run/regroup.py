"""The corpus-level step at the write edge of a run: ``group_id`` on every claim of ``claims.jsonl``.

Extraction works article by article (in parallel, in any order); grouping repeated claims
(:mod:`claimpipe.run.groups`) needs every claim of the corpus. So once a run has written all its claims
(to the temporary file that becomes ``claims.jsonl``), :func:`group_claims` reads them back, streaming,
groups them, and writes them again with their ``group_id`` to a new temporary file; the run renames that
one into place. Nothing of a half-done pass is ever seen: ``claims.jsonl`` is replaced whole
(temporary file + ``os.replace``) or not at all.

Ids stay across runs: the ``group_id`` of each claim in the ``claims.jsonl`` being replaced is read first
and handed to :func:`claimpipe.run.groups.group` as the previous ids, so a group keeps its id when later
runs add members. Claims a reviewer split off their group in the claims desk (their latest decision in
``reviews.jsonl`` corrects the field ``group``) are left out of the grouping, so they stay apart here too.

Memory: one :class:`~claimpipe.run.groups.Member` per claim (its id, text, speaker and place) and the
previous ids; the records themselves are streamed line by line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Iterator, Mapping, Optional

from claimpipe.run.groups import Member, group

# how a claim line ends (group_id is the record's last field): null before grouping, an id after
_TAIL = re.compile(r',"group_id":(?:null|"[^"\\]*")\}$')


def _lines(path: Path) -> Iterator[tuple[str, Optional[dict]]]:
    """``(line, parsed object or None)`` for each non-blank line of ``path`` (nothing when it is missing)."""
    try:
        fh = open(path, "r", encoding="utf-8")
    except FileNotFoundError:
        return
    with fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            yield line, record if isinstance(record, dict) else None


def previous_ids(claims: Path) -> dict[str, str]:
    """claim id -> group id, as ``claims`` (a ``claims.jsonl`` about to be replaced) has them."""
    out: dict[str, str] = {}
    for _, record in _lines(claims):
        if record and isinstance(record.get("claim_id"), str) and isinstance(record.get("group_id"), str):
            out[record["claim_id"]] = record["group_id"]
    return out


def split_off(reviews: Path) -> set[str]:
    """Claims whose latest decision in ``reviews`` (``reviews.jsonl``) splits them off their group (a
    correction of the field ``group``, as the claims desk writes it); the decisions as the desk reads them
    (:meth:`~claimpipe.review.store.ReviewStore.latest`)."""
    from claimpipe.review.store import ReviewStore

    return {cid for cid, decision in ReviewStore(reviews).latest().items()
            if any(c.field == "group" for c in decision.corrections)}


def members(claims: Path, dct: Mapping[str, Optional[str]], leave_out: frozenset = frozenset()) -> list[Member]:
    """What grouping needs of each claim of ``claims``, ordered in time by its document's date ``dct``."""
    out = []
    for _, record in _lines(claims):
        if not record or not isinstance(record.get("claim_id"), str) or record["claim_id"] in leave_out:
            continue
        source = record.get("source") or {}
        speaker = source.get("name") if isinstance(source, dict) and source.get("type") == "speaker" else None
        doc_id = str(record.get("doc_id"))
        out.append(Member(record["claim_id"], str(record.get("text") or ""), speaker,
                          (dct.get(doc_id) or "9999", doc_id, int(record.get("start") or 0))))
    return out


def with_group(line: str, record: Optional[dict], group_id: Optional[str]) -> str:
    """``line`` (one claim record) with its ``group_id`` set; a line that is no record is kept as it is."""
    if record is None:
        return line
    body = line.rstrip("\n")
    tail = _TAIL.search(body)
    if tail is not None:  # the common case: records as extract writes them (group_id last)
        return body[: tail.start()] + ',"group_id":' + json.dumps(group_id) + "}\n"
    from claimpipe.schema import ClaimRecord

    try:  # written by an older claimpipe (no group_id), or by hand: the record again, in schema order
        claim = ClaimRecord.model_validate(record)
    except ValueError:
        return body + "\n"
    return claim.model_copy(update={"group_id": group_id}).model_dump_json() + "\n"


def group_claims(written: Path, write: Callable[[str], None], *, folder: Path,
                 dct: Mapping[str, Optional[str]]) -> dict[str, Optional[str]]:
    """Group the claims of ``written`` (a run's claims, not yet in place) and ``write`` each line with its
    ``group_id``; the previous ids come from ``folder``'s ``claims.jsonl``, the split-off claims from its
    ``reviews.jsonl``. Returns claim id -> group id (None: in no group) for every claim."""
    leave_out = frozenset(split_off(folder / "reviews.jsonl"))
    ids = group(members(written, dct, leave_out), previous_ids(folder / "claims.jsonl"))
    every: dict[str, Optional[str]] = {}
    for line, record in _lines(written):
        cid = record.get("claim_id") if record else None
        gid = ids.get(cid) if isinstance(cid, str) else None
        if isinstance(cid, str):
            every[cid] = gid
        write(with_group(line, record, gid))
    return every


def document_dates(documents: Path) -> dict[str, Optional[str]]:
    """doc id -> its date (``dct``), from a ``documents.jsonl``."""
    return {r["doc_id"]: r.get("dct") for _, r in _lines(documents) if r and isinstance(r.get("doc_id"), str)}


def regroup_folder(folder: Path) -> dict[str, Optional[str]]:
    """The grouping pass over an annotations folder as it is (its ``claims.jsonl`` replaced atomically, the
    ids it holds kept): what extract does at the end of a run, for a folder written otherwise."""
    from claimpipe.io.write import AtomicWriter

    folder = Path(folder)
    path = folder / "claims.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"no claims.jsonl in {folder}")
    with AtomicWriter(path) as writer:
        return group_claims(path, writer.write_line, folder=folder, dct=document_dates(folder / "documents.jsonl"))
