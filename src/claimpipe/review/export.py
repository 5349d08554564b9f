"""Move claims and decisions out to fact-check and annotation tools, and decisions back in.

- ``claimreview``: schema.org ClaimReview JSON-LD, one object per claim with a verdict;
- ``labelstudio``: Label Studio tasks, one per article, claims as ``labels`` regions;
- ``prodigy``: Prodigy JSONL, one binary task per claim (answer accept/reject);
- ``doccano``: doccano sequence-labelling JSONL, one line per article.

Offsets are always character (code point) offsets into the article text, as in the records.
Spans carry ``CLAIM`` while undecided and ``ACCEPT`` / ``REJECT`` once decided; a verdict is an
extra label (``TRUE``, ``FALSE``, ``MISLEADING``, ``UNVERIFIABLE``) on the same span. Import reads
those labels (or Prodigy's answer) back into :class:`~claimpipe.schema.ReviewDecision` records.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Optional
from urllib.parse import urlsplit

from claimpipe.schema import ReviewDecision
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
        tasks.append(task)
    return tasks


def prodigy(corpus: Corpus) -> list[dict]:
    """Prodigy binary tasks, one per claim: the article text and the claim span; answer once decided."""
    out = []
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


def _parse(text: str) -> list:
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        data = json.loads(text)
        return data if isinstance(data, list) else [data]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _iso(value) -> Optional[str]:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, str) and value[:4].isdigit():
        return value
    return None


def _labelstudio_marks(tasks: list) -> Iterable[_Mark]:
    for task in tasks:
        data = task.get("data") or {}
        annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        if not annotations:
            continue
        ann = max(annotations, key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
        who = ann.get("completed_by")
        if isinstance(who, dict):
            who = who.get("email") or who.get("id")
        for r in ann.get("result") or []:
            value = r.get("value") or {}
            if r.get("type") not in ("labels", None) or "start" not in value:
                continue
            yield _Mark(data.get("doc_id"), data.get("text"), int(value["start"]), int(value["end"]),
                        {str(x).upper() for x in value.get("labels") or []}, r.get("id"),
                        f"labelstudio:{who}" if who is not None else None,
                        _iso(ann.get("updated_at") or ann.get("created_at")))


def _prodigy_marks(tasks: list) -> Iterable[_Mark]:
    for task in tasks:
        meta = task.get("meta") or {}
        answer = task.get("answer")
        if answer not in ("accept", "reject"):
            continue  # ignored or not annotated
        doc = task.get("doc_id") or meta.get("doc_id")
        who = task.get("_annotator_id") or task.get("_session_id")
        reviewer = f"prodigy:{who}" if who else None
        for span in task.get("spans") or []:
            labels = {str(span.get("label", "")).upper()}
            if labels <= {"CLAIM", ""}:  # binary task: the answer is the decision
                labels = {answer.upper()} | ({task["verdict"].upper()} if task.get("verdict") else set())
            elif answer == "reject":  # a rejected manual annotation says nothing about the spans
                continue
            yield _Mark(doc, task.get("text"), int(span["start"]), int(span["end"]), labels,
                        task.get("claim_id") or meta.get("claim_id"), reviewer, _iso(task.get("_timestamp")))


def _doccano_marks(lines: list) -> Iterable[_Mark]:
    for line in lines:
        spans = []
        for item in line.get("label") or line.get("labels") or []:
            if isinstance(item, (list, tuple)) and len(item) >= 3:
                spans.append((item[0], item[1], item[2]))
        for item in line.get("entities") or []:
            if isinstance(item, dict):
                spans.append((item.get("start_offset"), item.get("end_offset"), item.get("label")))
        grouped: dict[tuple, set] = {}
        for start, end, label in spans:
            if isinstance(start, int) and isinstance(end, int):
                grouped.setdefault((start, end), set()).add(str(label).upper())
        for (start, end), labels in grouped.items():
            yield _Mark(line.get("doc_id"), line.get("text"), start, end, labels)


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


def import_decisions(corpus: Corpus, fmt: str, text: str, *, reviewer: Optional[str] = None) -> Imported:
    """Decisions from a Label Studio / Prodigy / doccano file, merged over the decisions in force.

    A span decides its claim when it carries ACCEPT or REJECT (or a verdict, which accepts);
    CLAIM alone decides nothing. Notes, corrections and evidence already recorded are kept;
    a decision equal to the one in force is counted as unchanged and not written again.
    """
    readers = {"labelstudio": _labelstudio_marks, "prodigy": _prodigy_marks, "doccano": _doccano_marks}
    if fmt not in readers:
        raise ValueError(f"cannot import {fmt!r}; choose from {', '.join(IMPORT_FORMATS)}")
    result = Imported()
    chosen: dict[str, ReviewDecision] = {}
    for mark in readers[fmt](_parse(text)):
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
