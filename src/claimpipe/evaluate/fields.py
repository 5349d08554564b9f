"""The claim fields against a hand-labelled audit set of BBC articles (``claimpipe eval fields``).

The audit file (``tests/data/audit/fields.jsonl``, rules in ``tests/data/audit/GUIDELINES.md``) holds one line
per article: its file name (``business/358.txt``), the sha256 of its text, and labels by character offset, never
by text:

- ``sentences``: every sentence of the body, ``{"start", "end", "checkworthy": bool}``;
- ``claims``: one per claim the tool made when the article was labelled, ``{"start", "end", "fragment": bool}``
  and, unless a fragment, ``"source"`` (``"author"``, the speaker's name, or a list of the names accepted for
  it) and ``"kind"`` (the claim kind);
- ``quantities``: every amount stated in a labelled claim's sentences, ``{"start", "end", "kind", "amount"}``
  (``amount`` the stated number or lower bound, null when not checked), and ``quantity_scope``: the
  ``[start, end]`` ranges whose quantities are labelled (a tool quantity outside them is unlabelled).

Extraction is recomputed; the tool's claims are matched to the labels by offset. A claim whose offsets no
label has is reported as unlabelled, never counted right or wrong. With a second labeller's file
(``--agreed-with``, :func:`claimpipe.evaluate.agreement.agreed_labels`) only what both agree on is scored: a
claim may then lack ``source`` or ``kind`` (that field is not scored for it), and ``quantity_disputed`` lists
the spans of the amounts they disagree on (a tool quantity there is not scored).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from claimpipe.evaluate.metrics import PRF, prf


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += bool(ok)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class FieldsResult:
    articles: int = 0
    missing: list[str] = field(default_factory=list)  # audit articles whose file is absent or changed
    sentences: int = 0
    gold_checkworthy: int = 0
    claimed_sentences: int = 0  # gold sentences that some claim overlaps
    claimed_checkworthy: int = 0
    claims: int = 0
    labelled_claims: int = 0
    unlabelled_claims: int = 0
    fragments: int = 0
    source: Accuracy = field(default_factory=Accuracy)
    kind: Accuracy = field(default_factory=Accuracy)
    quantity: Accuracy = field(default_factory=Accuracy)  # tool quantities inside the labelled scope
    quantities_missed: int = 0  # gold quantities of labelled claims that no tool quantity matches
    quantities_unlabelled: int = 0
    quote_speakers: Accuracy = field(default_factory=Accuracy)  # speaker names of quotes in claims with a speaker
    errors: list[dict] = field(default_factory=list)

    @property
    def sentence_prf(self) -> PRF:
        return prf(self.claimed_checkworthy, self.claimed_sentences, self.claimed_checkworthy, self.gold_checkworthy)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_audit(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def extract(paths: list[Path], *, model: Optional[str] = None, checkworthiness: Optional[str] = None,
            min_checkworthiness: Optional[float] = None, kinds: Optional[str] = None) -> dict[Path, tuple[str, list, list]]:
    """The text, the claims and the quotes of each article file, by the default pipeline (or ``model``), with the claims
    component's tier ``checkworthiness``, cut ``min_checkworthiness`` and kind decider ``kinds`` when given."""
    from claimpipe.io.read import read_path
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, build_pipeline, process

    nlp = build_pipeline(model or DEFAULT_MODEL)
    articles = []
    for p in paths:
        articles.extend(a for a in read_path(p) if hasattr(a, "text"))
    out = {}
    by_source = {a.source: p for a, p in zip(articles, paths)}
    cfg = {k: v for k, v in (("checkworthiness", checkworthiness), ("min_checkworthiness", min_checkworthiness),
                             ("kinds", kinds))
           if v is not None}
    for item in process(nlp, articles, component_cfg={"claimpipe_claims": cfg} if cfg else None):
        if isinstance(item, tuple):
            article, doc = item
            out[by_source[article.source]] = (article.text, list(doc._.claimpipe_claims or []),
                                              list(doc._.claimpipe_quotes or []))
    return out


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same_amount(amount: Optional[float], gold: Optional[float]) -> bool:
    """Whether a stated amount is the labelled one (a label without an amount, null, accepts any)."""
    return gold is None or amount is None or abs(amount - gold) <= 1e-6 * max(1.0, abs(gold))


def _quantity_ok(q, gold: list[dict]) -> bool:
    for g in gold:
        if overlap((q.start, q.end), (g["start"], g["end"])) and q.kind == g["kind"]:
            return same_amount(q.amount, g.get("amount"))
    return False


def _source_name(claim) -> str:
    return "author" if claim.source.type == "author" else (claim.source.name or "")


def outer_quotes(start: int, end: int, quotes: list) -> list:
    """The quotes with a named speaker that open in ``start``-``end`` and lie inside no longer quote (not "he" of
    "X admitted he had begun to doubt ...", a statement inside X's)."""
    opening = [q for q in quotes if start <= q.start < end and q.speaker is not None and q.speaker.name]
    return [q for q in opening if not any(o.start <= q.start and q.end <= o.end and o.end - o.start > q.end - q.start
                                          for o in quotes)]


def _score_quote_speakers(name: str, claim, accepted: list, quotes: list, result: FieldsResult) -> None:
    """The speaker names of the quotes opening in a claim labelled with a speaker (:func:`outer_quotes`)."""
    for q in outer_quotes(claim.start, claim.end, quotes):
        ok = q.speaker.name in accepted
        result.quote_speakers.add(ok)
        if not ok:
            result.errors.append({"article": name, "type": "quote speaker", "system": q.speaker.name,
                                  "mention": q.speaker.text, "gold": accepted, "text": claim.text})


def score_article(label: dict, text: str, claims: list, result: FieldsResult, quotes: Optional[list] = None) -> None:
    """Add one article's figures to ``result`` (with ``quotes``, the article's, also their speaker names)."""
    name = label["file"]
    result.articles += 1
    sentences = label["sentences"]
    spans = [(c.start, c.end) for c in claims]
    for s in sentences:
        result.sentences += 1
        claimed = any(overlap((s["start"], s["end"]), sp) for sp in spans)
        result.gold_checkworthy += s["checkworthy"]
        result.claimed_sentences += claimed
        result.claimed_checkworthy += claimed and s["checkworthy"]
        if claimed != s["checkworthy"]:
            result.errors.append({"article": name, "type": "claimed, not check-worthy" if claimed else "missed",
                                  "text": text[s["start"]:s["end"]]})
    labels = {(c["start"], c["end"]): c for c in label["claims"]}
    gold_q = label.get("quantities", [])
    scope = [tuple(r) for r in label.get("quantity_scope", [])]
    disputed = [tuple(r) for r in label.get("quantity_disputed", [])]
    for c in claims:
        result.claims += 1
        lab = labels.get((c.start, c.end))
        if lab is None:
            result.unlabelled_claims += 1
            result.errors.append({"article": name, "type": "unlabelled claim", "text": c.text})
            continue
        result.labelled_claims += 1
        if lab["fragment"]:
            result.fragments += 1
            result.errors.append({"article": name, "type": "fragment", "text": c.text})
            continue
        got = _source_name(c)
        if "source" in lab:  # source and kind are absent where two labellers disagree (agreement.agreed_labels)
            accepted = [lab["source"]] if isinstance(lab["source"], str) else lab["source"]
            result.source.add(got in accepted)
            if got not in accepted:
                result.errors.append({"article": name, "type": "source", "system": got, "gold": lab["source"],
                                      "text": c.text})
            if quotes is not None and accepted != ["author"]:
                _score_quote_speakers(name, c, accepted, quotes, result)
        if "kind" in lab:
            result.kind.add(c.kind == lab["kind"])
            if c.kind != lab["kind"]:
                result.errors.append({"article": name, "type": "kind", "system": c.kind, "gold": lab["kind"],
                                      "text": c.text})
    # quantities: every tool quantity inside the labelled scope, right or wrong; gold ones found or missed
    found = set()
    for c in claims:
        for q in c.quantities:
            if not any(a <= q.start and q.end <= b for a, b in scope) or any(
                    overlap((q.start, q.end), d) for d in disputed):
                result.quantities_unlabelled += 1
                continue
            ok = _quantity_ok(q, gold_q)
            result.quantity.add(ok)
            if ok:
                found.update(i for i, g in enumerate(gold_q) if overlap((q.start, q.end), (g["start"], g["end"])))
            else:
                result.errors.append({"article": name, "type": "quantity", "system": f"{q.text} ({q.kind} {q.amount})",
                                      "text": text[max(0, q.start - 40):q.end + 40]})
    claimed_scope = [r for r in scope if any(overlap(r, sp) for sp in spans)]
    for i, g in enumerate(gold_q):
        if i not in found and any(a <= g["start"] and g["end"] <= b for a, b in claimed_scope):
            result.quantities_missed += 1
            result.errors.append({"article": name, "type": "quantity missed", "gold": text[g["start"]:g["end"]],
                                  "kind": g["kind"]})


def _labelled(directory: Path, labels: list[dict], result: FieldsResult,
              **options) -> Iterator[tuple[dict, str, list, list]]:
    """Each labelled article present under ``directory`` and unchanged: its labels, text, claims and quotes (extracted
    with ``options``); the others are recorded in ``result.missing``."""
    present = []
    for lab in labels:
        path = directory / lab["file"]
        if not path.is_file():
            result.missing.append(f"{lab['file']}: not found")
            continue
        present.append((lab, path))
    extracted = extract([p for _, p in present], **options)
    for lab, path in present:
        if path not in extracted:
            result.missing.append(f"{lab['file']}: could not be processed")
            continue
        text, claims, quotes = extracted[path]
        if sha256(text) != lab["sha256"]:
            result.missing.append(f"{lab['file']}: text changed (sha256 differs), labels not applied")
            continue
        yield lab, text, claims, quotes


def labels_of(audit: Path, agreed_with: Optional[Path] = None) -> list[dict]:
    """The audit file's labels; with ``agreed_with`` (a second labeller's file), only those both agree on."""
    if agreed_with is None:
        return read_audit(audit)
    from claimpipe.evaluate.agreement import agreed_labels

    return agreed_labels(read_audit(audit), read_audit(agreed_with))


def evaluate(directory: Path, audit: Path, *, model: Optional[str] = None, checkworthiness: Optional[str] = None,
             min_checkworthiness: Optional[float] = None, agreed_with: Optional[Path] = None,
             kinds: Optional[str] = None) -> FieldsResult:
    """Recompute extraction on the audit's articles (under ``directory``) and score the claim fields (only where
    the second labeller's file ``agreed_with`` agrees, when given)."""
    result = FieldsResult()
    for lab, text, claims, quotes in _labelled(directory, labels_of(audit, agreed_with), result, model=model,
                                               checkworthiness=checkworthiness,
                                               min_checkworthiness=min_checkworthiness, kinds=kinds):
        score_article(lab, text, claims, result, quotes)
    return result


@dataclass
class SweepRow:
    """The sentence-level figures of claims cut at ``threshold``."""

    threshold: float
    sentences: int = 0
    claimed: int = 0
    checkworthy: int = 0
    claimed_checkworthy: int = 0

    @property
    def share(self) -> float:
        return self.claimed / self.sentences if self.sentences else 0.0

    @property
    def prf(self) -> PRF:
        return prf(self.claimed_checkworthy, self.claimed, self.claimed_checkworthy, self.checkworthy)


SWEEP = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def sweep(directory: Path, audit: Path, thresholds: tuple[float, ...] = SWEEP, *, model: Optional[str] = None,
          checkworthiness: Optional[str] = None,
          agreed_with: Optional[Path] = None) -> tuple[list[SweepRow], list[str]]:
    """What each ``--min-checkworthiness`` cut would select on the audit set: the share of sentences claimed and
    the sentence-level precision and recall against the check-worthy labels (extraction runs once, uncut)."""
    rows = [SweepRow(t) for t in thresholds]
    result = FieldsResult()
    for lab, _, claims, _ in _labelled(directory, labels_of(audit, agreed_with), result, model=model,
                                    checkworthiness=checkworthiness, min_checkworthiness=0.0):
        for row in rows:
            spans = [(c.start, c.end) for c in claims if c.checkworthiness >= row.threshold]
            for s in lab["sentences"]:
                claimed = any(overlap((s["start"], s["end"]), sp) for sp in spans)
                row.sentences += 1
                row.claimed += claimed
                row.checkworthy += s["checkworthy"]
                row.claimed_checkworthy += claimed and s["checkworthy"]
    return rows, result.missing


def format_sweep(rows: list[SweepRow]) -> str:
    lines = ["cut    share claimed   precision  recall  F1"]
    for r in rows:
        p, rec, f1 = r.prf
        lines.append(f"{r.threshold:<6.2f} {r.share:>13.3f}   {p:>9.3f}  {rec:>6.3f}  {f1:.3f}")
    return "\n".join(lines)


def format_result(r: FieldsResult) -> str:
    p, rec, f1 = r.sentence_prf
    share = r.claimed_sentences / r.sentences if r.sentences else 0.0
    lines = [
        f"articles: {r.articles}   sentences: {r.sentences}   check-worthy (gold): {r.gold_checkworthy}",
        f"sentence-level claims: precision {p:.3f}  recall {rec:.3f}  F1 {f1:.3f}",
        f"share of sentences that become claims: {share:.3f} ({r.claimed_sentences}/{r.sentences})",
        f"claims: {r.claims}   labelled: {r.labelled_claims}   unlabelled: {r.unlabelled_claims}"
        f"   fragments: {r.fragments}",
        f"source accuracy:   {r.source.value:.3f} ({r.source.right}/{r.source.total} labelled non-fragment claims)",
        f"kind accuracy:     {r.kind.value:.3f} ({r.kind.right}/{r.kind.total})",
        f"quantity accuracy: {r.quantity.value:.3f} ({r.quantity.right}/{r.quantity.total} quantities found)"
        f"   missed: {r.quantities_missed}   unlabelled: {r.quantities_unlabelled}",
        f"quote speakers:    {r.quote_speakers.value:.3f} ({r.quote_speakers.right}/{r.quote_speakers.total} quotes"
        " opening in claims labelled with a speaker)",
    ]
    counts = Counter(e["type"] for e in r.errors)
    if counts:
        lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for m in r.missing:
        lines.append(f"skipped {m}")
    return "\n".join(lines)


def write_errors(result: FieldsResult, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for e in result.errors:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
