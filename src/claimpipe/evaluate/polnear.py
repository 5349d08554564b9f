"""Quote and attribution evaluation on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR is US political news with brat standoff attribution annotation: every attribution relation
(``E`` line) ties a Content span to a Cue and usually a Source (read by
:func:`claimpipe.evaluate.datasets.polnear_articles`).

Scoring (a match is an overlap of at least half the shorter span):

* **direct quotes**: gold Content spans beginning with a quotation mark, against the system's
  ``direct`` quotes and the ``mixed`` ones whose content starts with a quotation mark (the same test
  applied to both sides: 'X said "it makes me angry" every time ...' is a direct quote to PolNeAR
  and a mixed one to claimpipe). A system direct quote that overlaps only a gold *non-direct*
  content is left out of direct precision: the two annotations draw that line differently.
* **speaker accuracy**: of the matched gold quotes, how many have a system quote whose speaker
  mention overlaps the gold Source (quotes without a gold Source are not counted).
* **quote+speaker**: P/R/F1 where a match must also have the right speaker (gold without a Source:
  the system must give none or any; counted as right).
* **all attributions**: every gold Content against every system quote (direct, mixed, indirect).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from claimpipe.evaluate.datasets import QUOTE_OPENERS, GoldAttribution, polnear_articles
from claimpipe.evaluate.metrics import Matches

# --------------------------------------------------------------------------------------------
# scoring


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans)


def spans_match(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    """Overlap of at least half the shorter span."""
    shorter = min(_length(a), _length(b))
    return shorter > 0 and _overlap(a, b) * 2 >= shorter


@dataclass
class Accuracy:
    """How many of ``total`` were right."""

    total: int = 0
    correct: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class ScoreSet:
    """Content P/R/F1, speaker accuracy on matched quotes, and quote+speaker P/R/F1."""

    content: Matches = field(default_factory=Matches)
    speaker: Accuracy = field(default_factory=Accuracy)
    with_speaker: Matches = field(default_factory=Matches)
    set_aside: int = 0  # direct: system quotes overlapping only a non-direct gold content

    @property
    def strict_precision(self) -> float:
        """Precision with the set-aside quotes counted as errors."""
        total = self.content.sys_total + self.set_aside
        return self.content.sys_matched / total if total else 0.0


@dataclass
class Result:
    """The scores of a PolNeAR split, direct quotes and all attributions apart, and what went wrong."""

    articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    direct: ScoreSet = field(default_factory=ScoreSet)
    all: ScoreSet = field(default_factory=ScoreSet)
    errors: list[dict] = field(default_factory=list)
    caught: int = 0


def is_direct_like(quote, text: str) -> bool:
    """A system quote scored as direct: kind direct, or a mixed quote whose content starts with a
    quotation mark (PolNeAR's own test for a direct quote)."""
    if quote.kind == "direct":
        return True
    return quote.kind == "mixed" and (text[quote.start:quote.start + 1] in QUOTE_OPENERS
                                      or text[quote.start:quote.start + 2] == "``")


def _speaker_ok(quote, gold: GoldAttribution) -> bool:
    if not gold.source:
        return True
    sp = quote.speaker
    return sp is not None and _overlap([(sp.start, sp.end)], gold.source) > 0


def score_article(text: str, gold: list[GoldAttribution], quotes: list, *, direct_only: bool, name: str = "",
                  errors: Optional[list[dict]] = None, scores: Optional[ScoreSet] = None) -> ScoreSet:
    """Score one article's system ``quotes`` (schema Quotes) against its ``gold`` attributions."""
    scores = scores or ScoreSet()
    all_gold = gold
    if direct_only:
        gold = [g for g in gold if g.is_direct(text)]
        quotes = [q for q in quotes if is_direct_like(q, text)]
    sys_spans = [[(q.start, q.end)] for q in quotes]
    # system items: matched to any gold content; direct ones that only match non-direct gold are set aside
    for q, span in zip(quotes, sys_spans):
        hits = [g for g in gold if spans_match(span, g.content)]
        if not hits and direct_only and any(spans_match(span, g.content) for g in all_gold):
            scores.set_aside += 1
            continue
        scores.content.sys_total += 1
        scores.with_speaker.sys_total += 1
        if hits:
            scores.content.sys_matched += 1
            if any(_speaker_ok(q, g) for g in hits):
                scores.with_speaker.sys_matched += 1
        elif errors is not None:
            errors.append({"article": name, "type": "spurious", "direct_only": direct_only, "kind": q.kind,
                           "system": q.text, "start": q.start, "cue": q.cue.text if q.cue else None,
                           "cue_start": q.cue.start if q.cue else None, "cue_end": q.cue.end if q.cue else None,
                           "speaker": q.speaker.text if q.speaker else None})
    for g in gold:
        scores.content.gold_total += 1
        scores.with_speaker.gold_total += 1
        hits = [q for q, span in zip(quotes, sys_spans) if spans_match(span, g.content)]
        gold_text = " … ".join(text[a:b] for a, b in g.content)
        source = " … ".join(text[a:b] for a, b in g.source)
        if not hits:
            if errors is not None:
                errors.append({"article": name, "type": "missed", "direct_only": direct_only, "gold": gold_text,
                               "start": g.start, "cue": " ".join(text[a:b] for a, b in g.cue), "source": source,
                               "cue_start": min((a for a, _ in g.cue), default=None),
                               "cue_end": max((b for _, b in g.cue), default=None),
                               "gold_kind": "direct" if g.is_direct(text) else "indirect"})
            continue
        scores.content.gold_matched += 1
        ok = any(_speaker_ok(q, g) for q in hits)
        if ok:
            scores.with_speaker.gold_matched += 1
        if g.source:
            scores.speaker.total += 1
            scores.speaker.correct += ok
            if not ok and errors is not None:
                q = hits[0]
                errors.append({"article": name, "type": "wrong speaker", "direct_only": direct_only,
                               "gold": gold_text, "start": g.start, "source": source,
                               "speaker": q.speaker.text if q.speaker else None, "cue": q.cue.text if q.cue else None,
                               "speaker_start": q.speaker.start if q.speaker else None,
                               "speaker_end": q.speaker.end if q.speaker else None, "kind": q.kind,
                               "cue_start": q.cue.start if q.cue else None, "cue_end": q.cue.end if q.cue else None,
                               "source_spans": [list(x) for x in g.source]})
    return scores


def evaluate(directory: Path, *, model: Optional[str] = None, limit: Optional[int] = None,
             keep_errors: bool = False, nlp=None, attribution: str = "trained") -> Result:
    """Run the quote extractor over a PolNeAR split and score it (``attribution``: the quotes component's
    ``attribution_model``, ``"trained"`` or ``"rules"``)."""
    from claimpipe.nlp.pipeline import build_pipeline
    from claimpipe.nlp.components.quotes import extract_quotes

    if attribution not in ("trained", "rules"):
        raise ValueError(f"attribution must be trained or rules, not {attribution!r}")
    if nlp is None:
        nlp = build_pipeline(model) if model else build_pipeline()
    component = nlp.get_pipe("claimpipe_quotes") if "claimpipe_quotes" in nlp.pipe_names else None
    settings: dict = {"words": component.words, "model": component.model,
                      "speakers": component.speakers} if component is not None else {}
    if attribution == "rules":
        settings["model"] = None
    disabled = [n for n in ("claimpipe_dates", "claimpipe_claims", "claimpipe_quotes") if n in nlp.pipe_names]

    result = Result()

    def caught(exc: BaseException, where: str) -> None:  # one quote lost to an internal error, isolated
        result.caught += 1

    articles = list(polnear_articles(directory, limit))
    with nlp.select_pipes(disable=disabled):
        docs = nlp.pipe((a.text for a in articles), batch_size=8)
        for article, doc in zip(articles, docs):
            result.articles += 1
            try:
                quotes = extract_quotes(doc, report=caught, **settings)
            except Exception as exc:  # noqa: BLE001 - counted: the component must never get here
                result.failures.append((article.name, f"{type(exc).__name__}: {exc}"))
                quotes = []
            errs = [] if keep_errors else None
            score_article(article.text, article.gold, quotes, direct_only=True, name=article.name,
                          errors=errs, scores=result.direct)
            score_article(article.text, article.gold, quotes, direct_only=False, name=article.name,
                          errors=errs, scores=result.all)
            if errs:
                result.errors += categorised(doc, errs)
    return result


def format_result(result: Result) -> str:
    """The figures, as printed by ``claimpipe eval polnear``."""
    d, a = result.direct, result.all
    lines = [
        f"articles: {result.articles}  raised: {len(result.failures)}  quotes lost to an internal error: {result.caught}",
        f"direct quotes: P {d.content.precision:.3f}  R {d.content.recall:.3f}  F1 {d.content.f1:.3f}"
        f"  (system {d.content.sys_total}, gold {d.content.gold_total})",
        f"direct quotes overlapping only non-direct gold (left out above): {d.set_aside};"
        f" counted as errors: P {d.strict_precision:.3f}",
        f"direct speaker accuracy: {d.speaker.value:.3f} ({d.speaker.correct}/{d.speaker.total})",
        f"direct quote+speaker: P {d.with_speaker.precision:.3f}  R {d.with_speaker.recall:.3f}"
        f"  F1 {d.with_speaker.f1:.3f}",
        f"all attributions: P {a.content.precision:.3f}  R {a.content.recall:.3f}  F1 {a.content.f1:.3f}"
        f"  (system {a.content.sys_total}, gold {a.content.gold_total})",
        f"all speaker accuracy: {a.speaker.value:.3f} ({a.speaker.correct}/{a.speaker.total})",
        f"all quote+speaker: P {a.with_speaker.precision:.3f}  R {a.with_speaker.recall:.3f}"
        f"  F1 {a.with_speaker.f1:.3f}",
    ]
    for name, message in result.failures[:20]:
        lines.append(f"failed: {name}: {message}")
    return "\n".join(lines)


def write_errors(result: Result, path: Path) -> None:
    """One JSON line per error (missed, spurious, wrong speaker), written whole or not at all."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for err in result.errors:
            fh.write(json.dumps(err, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------
# error categories (``claimpipe eval polnear --errors``)

_PRONOUNS = frozenset("i you he she it we they me him her us them who that which this these those".split())


def _cue_class(doc, start: Optional[int], end: Optional[int]) -> tuple[str, str]:
    """(class, lemma) of the cue ``[start, end)`` by its main word (its first verb that is no auxiliary, else
    its first word): the reporting-verb or belief-verb lists, another verb, a noun, "according to", a colon,
    or no cue."""
    from claimpipe import lexicon

    if start is None:
        return "no cue", "-"
    span = doc.char_span(start, max(end or 0, start + 1), alignment_mode="expand")
    if span is None or not len(span):
        return "no cue", "-"
    tok = next((t for t in span if t.pos_ == "VERB"), span[0])
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according":
        return "according to", "according to"
    if tok.text == ":":
        return "colon", ":"
    if lemma in lexicon.words("reporting_verbs.txt"):
        return "listed reporting verb", lemma
    if lemma in lexicon.words("belief_verbs.txt"):
        return "listed belief verb", lemma
    return ("other verb" if tok.pos_ in ("VERB", "AUX") else f"other {tok.pos_.lower() or 'word'}"), lemma


def _speaker_kind(doc, err: dict) -> str:
    """What the system gave as the speaker of a quote whose speaker is wrong."""
    if err.get("speaker_start") is None:
        return "no speaker"
    a, b = err["speaker_start"], err["speaker_end"]
    if any(abs(a - y) <= 3 or abs(x - b) <= 3 for x, y in err.get("source_spans", [])):
        return "next to the gold source (span cut)"
    span = doc.char_span(a, b, alignment_mode="expand")
    words = [t for t in span if t.is_alpha] if span is not None else []
    if len(words) == 1 and words[0].lower_ in _PRONOUNS:
        return "pronoun"
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in words):
        return "name"
    return "nominal"


def categorised(doc, errors: list[dict]) -> list[dict]:
    """``errors`` of one article with their ``category`` (and ``cue_lemma``), read from its parsed ``doc``."""
    for err in errors:
        cls, lemma = _cue_class(doc, err.get("cue_start"), err.get("cue_end"))
        err["cue_lemma"] = lemma
        if err["type"] == "missed":
            err["category"] = f"{err['gold_kind']}, {cls}"
        elif err["type"] == "spurious":
            err["category"] = f"{err['kind']}, {cls}"
        else:
            err["category"] = _speaker_kind(doc, err)
    return errors


def format_errors(result: Result, top: int = 12, lemmas: int = 4) -> str:
    """The error table: for direct quotes and for all attributions, the errors of each type by category
    (the commonest ``top``), with their commonest cue lemmas."""
    from collections import Counter, defaultdict

    lines = []
    for scope, direct_only in (("direct quotes", True), ("all attributions", False)):
        errs = [e for e in result.errors if e["direct_only"] == direct_only and "category" in e]
        by_type = Counter(e["type"] for e in errs)
        lines.append(f"errors by category, {scope}: " + ", ".join(f"{t} {by_type[t]}"
                                                                  for t in ("missed", "spurious", "wrong speaker")))
        for kind in ("missed", "spurious", "wrong speaker"):
            counts: Counter = Counter()
            cues: dict[str, Counter] = defaultdict(Counter)
            for e in errs:
                if e["type"] == kind:
                    counts[e["category"]] += 1
                    cues[e["category"]][e["cue_lemma"]] += 1
            for category, n in counts.most_common(top):
                common = ", ".join(f"{w} {c}" for w, c in cues[category].most_common(lemmas))
                lines.append(f"  {kind:<14}{category:<40}{n:>6}   {common}")
    return "\n".join(lines)
