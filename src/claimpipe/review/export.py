"""Move claims and decisions out to fact-check and annotation tools, and decisions back in.

- ``claimreview``: schema.org ClaimReview JSON-LD, one object per claim with a verdict;
- ``labelstudio``: Label Studio tasks, one per article, claims as ``labels`` regions;
- ``prodigy``: Prodigy JSONL, one binary task per claim (answer accept/reject);
- ``doccano``: doccano sequence-labelling JSONL, one line per article.

Offsets are always character (code point) offsets into the article text, as in the records.
Spans carry ``CLAIM`` while undecided and ``ACCEPT`` / ``REJECT`` once decided; a verdict is an
extra label (``TRUE``, ``FALSE``, ``MISLEADING``, ``UNVERIFIABLE``) on the same span. Import reads
those labels (or Prodigy's answer) back into :class:`~claimpipe.schema.ReviewDecision` records.

Import reads untrusted files: every record is checked against the shape its tool writes (the
``LabelStudioTask``, ``ProdigyTask`` and ``DoccanoLine`` models, strict types, other fields ignored),
times must be timestamps and annotator names plain names; the first record that is not raises
:class:`BadImport` naming the file and line, before anything is written. JSONL is read line by line.
"""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Iterable, Iterator, Literal, Optional, TextIO, Union
from urllib.parse import urlsplit

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError,
                      field_validator, model_validator)

from claimpipe.errors import ClaimpipeError
from claimpipe.schema import ReviewDecision, Verdict
from claimpipe.review.inputs import first_error, plain_name, timestamp
from claimpipe.review.store import VERDICTS, Corpus, claim_speaker, correction, now

FORMATS = ("claimreview", "labelstudio", "prodigy", "doccano")
IMPORT_FORMATS = ("labelstudio", "prodigy", "doccano")
RATING = {"true": 5, "misleading": 2, "false": 1}  # 'unverifiable' is off the scale: no ratingValue
LABEL_STUDIO_CONFIG = """<View>
  <Labels name="label" toName="text">
    <Label value="CLAIM"/><Label value="ACCEPT"/><Label value="REJECT"/>
    <Label value="TRUE"/><Label value="FALSE"/><Label value="MISLEADING"/><Label value="UNVERIFIABLE"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>"""


def _labels(decision: Optional[ReviewDecision]) -> list[str]:
    if decision is None or decision.decision == "pending":
        labels = ["CLAIM"]
    else:
        labels = [decision.decision.upper()]
    if decision is not None and decision.verdict:
        labels.append(decision.verdict.upper())
    return labels


def _publisher(doc: dict) -> Optional[str]:
    host = urlsplit(doc.get("url") or "").hostname
    return host[4:] if host and host.startswith("www.") else host


def _moment(decision: ReviewDecision) -> tuple:
    from datetime import datetime, timezone

    try:
        when = datetime.fromisoformat(decision.time.strip())
    except ValueError:
        return (datetime.min.replace(tzinfo=timezone.utc), decision.claim_id)
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return (when, decision.claim_id)


def seen_before(corpus: Corpus) -> dict[str, dict]:
    """Claims with no decision of their own in a group of repeated claims (the records' ``group_id``) that has
    one: claim id -> ``{"decision", "verdict", "claim_id"}`` of the group's latest decision (as the claims desk
    shows it: "seen before: <verdict>"). Decisions that split a claim off its group are not the group's."""
    latest: dict[str, ReviewDecision] = {}
    waiting: dict[str, str] = {}
    for claims in corpus.claims.values():
        for claim in claims:
            gid = claim.get("group_id")
            if not gid:
                continue
            d = corpus.decisions.get(claim["claim_id"])
            if d is None:
                waiting[claim["claim_id"]] = gid
            elif correction(d, "group") is None and (gid not in latest or _moment(d) > _moment(latest[gid])):
                latest[gid] = d
    out = {}
    for cid, gid in waiting.items():
        d = latest.get(gid)
        if d is not None and (d.decision != "pending" or d.verdict):
            out[cid] = {"decision": d.decision, "verdict": d.verdict, "claim_id": d.claim_id}
    return out


# ------------------------------------------------------------------------------------------ export


def claimreview(corpus: Corpus, *, url_base: Optional[str] = None, org: Optional[str] = None) -> list[dict]:
    """A schema.org ClaimReview for every claim with a verdict (rejected claims left out).

    ``url`` is where the review is published: ``url_base`` + claim id when given, else the
    evidence URL, else the article's URL with a ``#claim-ID`` fragment.
    """
    out = []
    for d in corpus.decisions.values():
        if not d.verdict or d.decision == "reject":
            continue
        doc = corpus.documents.get(d.doc_id or "", {})
        claim = corpus.claim(d.claim_id) or {"claim_id": d.claim_id, "text": d.claim_text, "source": {}}
        speaker = correction(d, "speaker") or claim_speaker(claim) or doc.get("author")
        if speaker:
            claim_author = {"@type": "Person", "name": speaker}
        else:
            claim_author = {"@type": "Organization", "name": _publisher(doc) or doc.get("source") or "unknown"}
        item = {"@type": "Claim", "author": claim_author}
        if doc.get("dct"):
            item["datePublished"] = doc["dct"]
        if doc:
            appearance = {"@type": "CreativeWork", "headline": doc.get("title") or doc.get("source")}
            if doc.get("url"):
                appearance["url"] = doc["url"]
            if doc.get("dct"):
                appearance["datePublished"] = doc["dct"]
            item["appearance"] = appearance
        rating = {"@type": "Rating", "alternateName": d.verdict.capitalize()}
        if d.verdict in RATING:
            rating.update(ratingValue=RATING[d.verdict], bestRating=5, worstRating=1)
        if url_base:
            url = url_base + d.claim_id
        elif d.evidence_url:
            url = d.evidence_url
        elif doc.get("url"):
            url = f"{doc['url']}#claim-{d.claim_id}"
        else:
            url = f"urn:claimpipe:claim:{d.claim_id}"
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": d.claim_id,
            "url": url,
            "claimReviewed": claim.get("text") or d.claim_text or "",
            "itemReviewed": item,
            "reviewRating": rating,
            "author": {"@type": "Organization", "name": org} if org else {"@type": "Person", "name": d.reviewer or "unknown"},
            "datePublished": d.time[:10],
        }
        if d.note:
            review["reviewBody"] = d.note
        if d.evidence_url:
            review["citation"] = d.evidence_url
        out.append(review)
    return out


def labelstudio(corpus: Corpus) -> list[dict]:
    """Label Studio tasks: the article text, claim regions as predictions, decided ones as an annotation."""
    tasks = []
    seen = seen_before(corpus)
    for n, (doc_id, doc) in enumerate(corpus.documents.items(), 1):
        predicted, decided = [], []
        for claim in corpus.claims.get(doc_id, []):
            d = corpus.decisions.get(claim["claim_id"])
            region = {
                "id": claim["claim_id"], "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": claim["start"], "end": claim["end"], "text": claim.get("text", ""),
                          "labels": ["CLAIM"]},
            }
            predicted.append(region)
            if d is not None and d.decision != "pending":
                decided.append({**region, "value": {**region["value"], "labels": _labels(d)}})
        task = {
            "id": n,
            "data": {"text": doc["text"], "doc_id": doc_id, "title": doc.get("title"), "source": doc.get("source")},
            "predictions": [{"model_version": doc.get("model") or "claimpipe", "result": predicted}],
        }
        if decided:
            task["annotations"] = [{"result": decided}]
        earlier = {c["claim_id"]: seen[c["claim_id"]] for c in corpus.claims.get(doc_id, []) if c["claim_id"] in seen}
        if earlier:  # claims repeated from a group already decided: the group's decision, not this claim's
            task["data"]["seen_before"] = earlier
        tasks.append(task)
    return tasks


def prodigy(corpus: Corpus) -> list[dict]:
    """Prodigy binary tasks, one per claim: the article text and the claim span; answer once decided."""
    out = []
    seen = seen_before(corpus)
    for doc_id, doc in corpus.documents.items():
        for claim in corpus.claims.get(doc_id, []):
            d = corpus.decisions.get(claim["claim_id"])
            task = {
                "text": doc["text"],
                "spans": [{"start": claim["start"], "end": claim["end"], "label": "CLAIM"}],
                "meta": {"doc_id": doc_id, "claim_id": claim["claim_id"], "title": doc.get("title"),
                         "kind": claim.get("kind"), "checkworthiness": claim.get("checkworthiness")},
                "doc_id": doc_id,
                "claim_id": claim["claim_id"],
            }
            if d is not None and d.decision != "pending":
                task["answer"] = d.decision
                if d.verdict:
                    task["verdict"] = d.verdict
            if claim["claim_id"] in seen:
                task["meta"]["seen_before"] = seen[claim["claim_id"]]
            out.append(task)
    return out


def doccano(corpus: Corpus) -> list[dict]:
    """doccano sequence-labelling lines: ``label`` is ``[[start, end, LABEL], ...]`` per article."""
    out = []
    for doc_id, doc in corpus.documents.items():
        labels = []
        for claim in corpus.claims.get(doc_id, []):
            for label in _labels(corpus.decisions.get(claim["claim_id"])):
                labels.append([claim["start"], claim["end"], label])
        out.append({"text": doc["text"], "label": labels, "doc_id": doc_id, "title": doc.get("title")})
    return out


def export_text(corpus: Corpus, fmt: str, **options) -> str:
    """The export of ``corpus`` in ``fmt`` as text: JSON for claimreview/labelstudio, JSONL otherwise."""
    if fmt == "claimreview":
        return json.dumps(claimreview(corpus, **options), ensure_ascii=False, indent=2) + "\n"
    if fmt == "labelstudio":
        return json.dumps(labelstudio(corpus), ensure_ascii=False, indent=2) + "\n"
    if fmt == "prodigy":
        return "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in prodigy(corpus))
    if fmt == "doccano":
        return "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in doccano(corpus))
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


# ------------------------------------------------------------------------------------------ import


class BadImport(ClaimpipeError, ValueError):
    """A file given to import is not what its format says; the message names the file and the line."""


@dataclass
class Imported:
    """What an import found: the new decisions, and what it could not use."""

    decisions: list[ReviewDecision] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass
class _Mark:
    doc: Optional[str]
    text: Optional[str]
    start: int
    end: int
    labels: set
    claim_id: Optional[str] = None
    reviewer: Optional[str] = None
    time: Optional[str] = None


# ------------------------------------------------------------------------------------------ import: the shapes read
#
# What each tool's records must look like, as far as the import reads them: strictly typed (a number
# is no string), other fields ignored (the tools write many). Times are checked as timestamps and
# annotator names as plain names before they reach reviews.jsonl.


class _In(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


Offset = Annotated[int, Field(ge=0)]
Id = Annotated[Union[str, int], AfterValidator(str)]
Time = Annotated[Union[str, int, float], AfterValidator(timestamp)]
Name = Annotated[Union[str, int], AfterValidator(plain_name)]


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _ordered(span):
    start, end = (span.start, span.end) if hasattr(span, "start") else (span.start_offset, span.end_offset)
    if start is not None and (end is None or end < start):
        raise ValueError("a span needs an end at or after its start")
    return span


def _triple(item: list) -> list:
    if not (len(item) == 3 and all(type(x) is int and x >= 0 for x in item[:2]) and isinstance(item[2], str)):
        raise ValueError("a span label is [start, end, LABEL]: two offsets and a string")
    if item[1] < item[0]:
        raise ValueError("a span needs an end at or after its start")
    return item


class LabelStudioValue(_In):
    """A text region's value: offsets and labels."""

    start: Optional[Offset] = None
    end: Optional[Offset] = None
    labels: list[str] = []

    _span = model_validator(mode="after")(_ordered)


class LabelStudioRegion(_In):
    """One result of an annotation; only text ``labels`` regions are read."""

    id: Optional[Id] = None
    type: Optional[str] = None
    value: Optional[LabelStudioValue] = None

    @model_validator(mode="before")
    @classmethod
    def _text_labels_only(cls, data):
        if isinstance(data, dict) and data.get("type") not in ("labels", None):
            return {k: v for k, v in data.items() if k != "value"}  # choices, hypertext, rectangles...
        return data


class LabelStudioUser(_In):
    id: Optional[Name] = None
    email: Optional[Name] = None


class LabelStudioAnnotation(_In):
    result: list[LabelStudioRegion] = []
    was_cancelled: Optional[bool] = False
    completed_by: Optional[LabelStudioUser] = None
    updated_at: Optional[Time] = None
    created_at: Optional[Time] = None

    @field_validator("completed_by", mode="before")
    @classmethod
    def _user(cls, value):
        return value if value is None or isinstance(value, dict) else {"id": value}


class LabelStudioData(_In):
    doc_id: Optional[Id] = None
    text: Optional[str] = None


class LabelStudioTask(_In):
    """A Label Studio task of a JSON export."""

    data: LabelStudioData = LabelStudioData()
    annotations: Optional[list[LabelStudioAnnotation]] = None


class ProdigySpan(_In):
    start: Offset
    end: Offset
    label: Optional[str] = None

    _span = model_validator(mode="after")(_ordered)


class ProdigyMeta(_In):
    doc_id: Optional[Id] = None
    claim_id: Optional[Id] = None


class ProdigyTask(_In):
    """A line of a Prodigy JSONL export."""

    text: Optional[str] = None
    spans: list[ProdigySpan] = []
    answer: Optional[Literal["accept", "reject", "ignore"]] = None
    verdict: Optional[Annotated[Verdict, BeforeValidator(_lower)]] = None
    meta: Optional[ProdigyMeta] = None
    doc_id: Optional[Id] = None
    claim_id: Optional[Id] = None
    annotator_id: Optional[Name] = Field(default=None, alias="_annotator_id")
    session_id: Optional[Name] = Field(default=None, alias="_session_id")
    timestamp: Optional[Time] = Field(default=None, alias="_timestamp")


class DoccanoEntity(_In):
    start_offset: Offset
    end_offset: Offset
    label: str

    _span = model_validator(mode="after")(_ordered)


SpanLabel = Union[Annotated[list, AfterValidator(_triple)], str]  # a string is a document label: not read


class DoccanoLine(_In):
    """A line of a doccano JSONL export: ``label`` triples, or ``entities`` objects."""

    text: Optional[str] = None
    doc_id: Optional[Id] = None
    label: Optional[list[SpanLabel]] = None
    labels: Optional[list[SpanLabel]] = None
    entities: Optional[list[DoccanoEntity]] = None


# ------------------------------------------------------------------------------------------ import: reading


def _kind(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return "a number"


def _array(text: str, name: str, first_line: int) -> Iterator[tuple[int, object]]:
    """(line, item) for the items of the JSON list ``text`` (which starts with '[' on ``first_line``)."""
    decoder = json.JSONDecoder()
    n, i, line, seen = len(text), 1, first_line, 0

    def skip(i: int) -> int:
        while i < n and text[i] in " \t\r\n":
            i += 1
        return i

    i = skip(i)
    if i < n and text[i] == "]":
        i += 1
    else:
        while True:
            line += text.count("\n", seen, i)
            seen = i
            try:
                item, i = decoder.raw_decode(text, i)
            except json.JSONDecodeError as exc:
                raise BadImport(f"{name}, line {first_line + exc.lineno - 1}: not JSON ({exc.msg})") from None
            except RecursionError:
                raise BadImport(f"{name}, line {line}: not JSON (nested too deeply)") from None
            yield line, item
            i = skip(i)
            if i < n and text[i] == ",":
                i = skip(i + 1)
                continue
            if i < n and text[i] == "]":
                i += 1
                break
            line += text.count("\n", seen, i)
            raise BadImport(f"{name}, line {line}: not JSON (',' or ']' expected after a list item)")
    if skip(i) < n:
        raise BadImport(f"{name}, line {line + text.count(chr(10), seen, skip(i))}: not JSON (more after the list)")


def _records(source: Union[str, Path, TextIO], name: str) -> Iterator[tuple[int, object]]:
    """(line, value) for the records of a JSON list or of JSONL, read line by line when it is JSONL."""
    if isinstance(source, Path):
        with open(source, encoding="utf-8-sig") as fh:
            yield from _records(fh, name)
        return
    fh = io.StringIO(source) if isinstance(source, str) else source
    number = 1
    try:
        while True:  # the first character that is not a space says: a JSON list, or JSONL
            ch = fh.read(1)
            if not ch:
                return
            if not ch.isspace():
                break
            number += ch == "\n"
        if ch == "[":
            yield from _array(ch + fh.read(), name, number)
            return
        for number, line in enumerate(itertools.chain([ch + fh.readline()], fh), number):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadImport(f"{name}, line {number}: not JSON ({exc.msg})") from None
            except RecursionError:
                raise BadImport(f"{name}, line {number}: not JSON (nested too deeply)") from None
    except UnicodeDecodeError:
        raise BadImport(f"{name}, after line {number}: not UTF-8 text") from None


def _validated(model, records: Iterable[tuple[int, object]], name: str, fmt: str):
    for number, value in records:
        if not isinstance(value, dict):
            raise BadImport(f"{name}, line {number}: a {fmt} record is a JSON object, not {_kind(value)}")
        try:
            yield model.model_validate(value)
        except ValidationError as exc:
            raise BadImport(f"{name}, line {number}: not a {fmt} record: {first_error(exc)[1]}") from None


def _labelstudio_marks(tasks: Iterable[LabelStudioTask]) -> Iterable[_Mark]:
    for task in tasks:
        annotations = [a for a in task.annotations or [] if not a.was_cancelled]
        if not annotations:
            continue
        ann = max(annotations, key=lambda a: a.updated_at or a.created_at or "")
        who = ann.completed_by and (ann.completed_by.email or ann.completed_by.id)
        for r in ann.result:
            if r.value is None or r.value.start is None:
                continue
            yield _Mark(task.data.doc_id, task.data.text, r.value.start, r.value.end,
                        {x.upper() for x in r.value.labels}, r.id,
                        f"labelstudio:{who}" if who else None, ann.updated_at or ann.created_at)


def _prodigy_marks(tasks: Iterable[ProdigyTask]) -> Iterable[_Mark]:
    for task in tasks:
        meta = task.meta or ProdigyMeta()
        if task.answer not in ("accept", "reject"):
            continue  # ignored or not annotated
        who = task.annotator_id or task.session_id
        reviewer = f"prodigy:{who}" if who else None
        for span in task.spans:
            labels = {(span.label or "").upper()}
            if labels <= {"CLAIM", ""}:  # binary task: the answer is the decision
                labels = {task.answer.upper()} | ({task.verdict.upper()} if task.verdict else set())
            elif task.answer == "reject":  # a rejected manual annotation says nothing about the spans
                continue
            yield _Mark(task.doc_id or meta.doc_id, task.text, span.start, span.end, labels,
                        task.claim_id or meta.claim_id, reviewer, task.timestamp)


def _doccano_marks(lines: Iterable[DoccanoLine]) -> Iterable[_Mark]:
    for line in lines:
        spans = [(s, e, label) for s, e, label in (
            item for item in line.label or line.labels or [] if isinstance(item, list))]
        spans += [(x.start_offset, x.end_offset, x.label) for x in line.entities or []]
        grouped: dict[tuple, set] = {}
        for start, end, label in spans:
            grouped.setdefault((start, end), set()).add(label.upper())
        for (start, end), labels in grouped.items():
            yield _Mark(line.doc_id, line.text, start, end, labels)


def _find_claim(corpus: Corpus, mark: _Mark) -> Optional[dict]:
    doc_id = mark.doc if mark.doc in corpus.documents else None
    if doc_id is None and mark.text is not None:
        doc_id = next((i for i, d in corpus.documents.items() if d["text"] == mark.text), None)
    if doc_id is None:
        return None
    claims = corpus.claims.get(doc_id, [])
    if mark.claim_id:
        for c in claims:
            if c["claim_id"] == mark.claim_id:
                return c
    text = corpus.documents[doc_id]["text"]
    wanted = text[mark.start:mark.end].strip()
    for c in claims:
        if (c["start"], c["end"]) == (mark.start, mark.end) or (wanted and c.get("text", "").strip() == wanted
                                                                   and abs(c["start"] - mark.start) < 5):
            return c
    return None


READERS = {
    "labelstudio": (LabelStudioTask, _labelstudio_marks),
    "prodigy": (ProdigyTask, _prodigy_marks),
    "doccano": (DoccanoLine, _doccano_marks),
}


def import_decisions(corpus: Corpus, fmt: str, source: Union[str, Path, TextIO], *,
                     reviewer: Optional[str] = None) -> Imported:
    """Decisions from a Label Studio / Prodigy / doccano file, merged over the decisions in force.

    ``source`` is the file's text, its path, or an open text file; JSONL is read line by line.
    A span decides its claim when it carries ACCEPT or REJECT (or a verdict, which accepts);
    CLAIM alone decides nothing. Notes, corrections and evidence already recorded are kept;
    a decision equal to the one in force is counted as unchanged and not written again.
    Raises :class:`BadImport`, naming the line, for a record of the wrong shape: the whole file is
    read before anything is returned, so nothing of a bad file gets written.
    """
    if fmt not in READERS:
        raise ValueError(f"cannot import {fmt!r}; choose from {', '.join(IMPORT_FORMATS)}")
    if reviewer is not None:
        try:
            reviewer = plain_name(reviewer)
        except ValueError as exc:
            raise BadImport(f"the reviewer {reviewer[:40]!r} is not a plain name: {exc}") from None
    name = str(source) if isinstance(source, Path) else getattr(source, "name", "the input")
    model, marks = READERS[fmt]
    result = Imported()
    chosen: dict[str, ReviewDecision] = {}
    for mark in marks(_validated(model, _records(source, name), name, fmt)):
        verdicts = [v for v in VERDICTS if v.upper() in mark.labels]
        if "REJECT" in mark.labels:
            decision = "reject"
        elif "ACCEPT" in mark.labels or verdicts:
            decision = "accept"
        else:
            continue
        claim = _find_claim(corpus, mark)
        if claim is None:
            result.skipped.append(f"no claim at {mark.doc or '?'}[{mark.start}:{mark.end}]")
            continue
        old = chosen.get(claim["claim_id"]) or corpus.decisions.get(claim["claim_id"])
        verdict = verdicts[0] if verdicts else (old.verdict if old and decision == "accept" else None)
        if old is not None and old.decision == decision and old.verdict == verdict:
            if claim["claim_id"] not in chosen:
                result.unchanged += 1
            continue
        chosen[claim["claim_id"]] = ReviewDecision(
            claim_id=claim["claim_id"],
            doc_id=claim.get("doc_id"),
            claim_text=claim.get("text"),
            decision=decision,
            corrections=old.corrections if old else [],
            verdict=verdict,
            note=old.note if old else None,
            evidence_url=old.evidence_url if old else None,
            reviewer=reviewer or mark.reviewer or f"{fmt} import",
            time=mark.time or now(),
        )
    result.decisions = list(chosen.values())
    return result
