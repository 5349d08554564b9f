"""TIMEX3 evaluation on TimeML files (TimeBank, AQUAINT, TempEval-3), scored as TempEval-3 did.

Each ``.tml`` file gives the document creation date (the TIMEX3 inside ``<DCT>``) and gold TIMEX3
annotations inside ``<TEXT>`` (read by :func:`claimpipe.evaluate.datasets.read_tml`). The text of
``<TEXT>`` with its tags removed (entities unescaped) is run through the pipeline with the dct set, and
the dates found are compared with the gold:

* extraction, strict (same offsets) and relaxed (overlapping; one-to-one, in text order);
* type and value accuracy over the relaxed matches;
* value F1 = value accuracy x relaxed F1 (TempEval-3's attribute F1).

Values are compared after :func:`canonical_value`, which rewrites only notational variants of one and
the same value found in the gold ("2000-W7" = "2000-W07", "199X" = "199", "T17" = "T17:00", "P1E" =
"P10Y", "P2Q" = "P6M"); exact string agreement is counted too (``value_exact``).

The dct TIMEX3 itself (``functionInDocument="CREATION_TIME"``) is not scored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from claimpipe.evaluate.datasets import TimeMLDoc, read_tml, tml_files
from claimpipe.evaluate.metrics import PRF, prf

TYPES = ("DATE", "DURATION", "TIME", "SET")
_WEEK_1DIGIT = re.compile(r"-W(\d)(?=$|-)")
_DURATION_UNIT = {"E": (10, "Y"), "C": (100, "Y"), "L": (1000, "Y"), "Q": (3, "M")}


def canonical_value(value: str) -> str:
    """One spelling per TIMEX3 value: the week number on two digits, a decade as "199" (not "199X"), a
    century as "19" (not "19XX"), an hour as "T17:00", and the TIMEX2-style duration units E (decade),
    C (century), L (millennium) and Q (quarter) as years or months when the number is given."""
    v = (value or "").strip()
    v = _WEEK_1DIGIT.sub(r"-W0\1", v)
    if re.fullmatch(r"\d{3}X|\d{2}XX", v):
        v = v.rstrip("X")
    v = re.sub(r"(T\d\d)$", r"\1:00", v)
    m = re.fullmatch(r"P(\d+)([ECLQ])", v)
    if m:
        mult, unit = _DURATION_UNIT[m.group(2)]
        v = f"P{int(m.group(1)) * mult}{unit}"
    return v


@dataclass
class Counts:
    """Counts for one row: recall side by gold type, precision side by system type."""

    gold: int = 0
    system: int = 0
    strict_gold: int = 0  # gold spans matched exactly
    relaxed_gold: int = 0  # gold spans overlapped by a system span
    strict_system: int = 0
    relaxed_system: int = 0
    type_ok: int = 0  # over relaxed gold matches
    value_ok: int = 0  # canonical values equal (see canonical_value)
    value_exact: int = 0  # value strings equal

    def add(self, other: "Counts") -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def strict_prf(self) -> PRF:
        return prf(self.strict_system, self.system, self.strict_gold, self.gold)

    @property
    def relaxed_prf(self) -> PRF:
        return prf(self.relaxed_system, self.system, self.relaxed_gold, self.gold)

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed_gold if self.relaxed_gold else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed_gold if self.relaxed_gold else 0.0

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed_prf[2]

    @property
    def value_f1_exact(self) -> float:
        """Value F1 with values compared as plain strings."""
        acc = self.value_exact / self.relaxed_gold if self.relaxed_gold else 0.0
        return acc * self.relaxed_prf[2]


@dataclass
class TimeMLResult:
    """Counts over all documents, by type and by corpus (the first folder under the one evaluated), and the errors."""

    documents: int = 0
    total: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    by_corpus: dict[str, Counts] = field(default_factory=dict)  # the first folder under the one evaluated
    errors: list[dict] = field(default_factory=list)


def match(gold: list, system: list) -> list[tuple[Optional[object], Optional[object]]]:
    """One-to-one pairs of overlapping gold and system spans (best overlap first); unmatched get None."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                pairs.append((-(overlap), gi, si))
    pairs.sort()
    used_g, used_s, out = set(), set(), []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gold[gi], system[si]))
    out += [(g, None) for i, g in enumerate(gold) if i not in used_g]
    out += [(None, s) for i, s in enumerate(system) if i not in used_s]
    return out


def score_document(doc: TimeMLDoc, system: list, result: TimeMLResult, corpus: Optional[str] = None) -> None:
    """Add one document's comparison to ``result`` (system: TimeExpression-like objects)."""
    result.documents += 1
    per_corpus = result.by_corpus.setdefault(corpus, Counts()) if corpus else None
    for g, s in match(doc.timexes, system):
        c = Counts()
        if g is not None:
            gc = result.by_type.setdefault(g.type, Counts())
            gc.gold += 1
            c.gold = 1
        if s is not None:
            sc = result.by_type.setdefault(s.type, Counts())
            sc.system += 1
            c.system = 1
        if g is not None and s is not None:
            strict = int(g.start == s.start and g.end == s.end)
            c.relaxed_gold = c.relaxed_system = 1
            c.strict_gold = c.strict_system = strict
            c.type_ok = int(g.type == s.type)
            c.value_exact = int(g.value == s.value)
            c.value_ok = int(c.value_exact or canonical_value(g.value) == canonical_value(s.value or ""))
            gc.relaxed_gold += 1
            gc.strict_gold += strict
            gc.type_ok += c.type_ok
            gc.value_ok += c.value_ok
            gc.value_exact += c.value_exact
            sc.relaxed_system += 1
            sc.strict_system += strict
        result.total.add(c)
        if per_corpus is not None:
            per_corpus.add(c)
        _note_error(result, doc, g, s, c)


def _note_error(result: TimeMLResult, doc: TimeMLDoc, g, s, c: Counts) -> None:
    if c.relaxed_gold and c.strict_gold and c.type_ok and c.value_ok:
        return
    kind = ("missed" if s is None else "spurious" if g is None else "value" if not c.value_ok
            else "type" if not c.type_ok else "extent")
    ctx_at = (g or s).start
    result.errors.append({
        "file": doc.name, "error": kind, "dct": doc.dct,
        "gold": None if g is None else {"text": g.text, "start": g.start, "type": g.type, "value": g.value, "mod": g.mod},
        "system": None if s is None else {"text": s.text, "start": s.start, "type": s.type, "value": s.value,
                                           "mod": s.mod, "anchor": s.anchor},
        "context": doc.text[max(0, ctx_at - 60): ctx_at + 60].replace("\n", " "),
    })


def dates_pipeline(model: Optional[str] = None):
    """The model with what dates need, placed as in the full pipeline: ``claimpipe_paragraphs`` before the
    parser, then ``claimpipe_entities`` and ``claimpipe_dates`` (quotes and claims do not change dates)."""
    from claimpipe.nlp.components import dates, entities, paragraphs  # noqa: F401  (registers the components)
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, load_model

    nlp = load_model(model or DEFAULT_MODEL)
    anchor = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    if anchor:
        nlp.add_pipe("claimpipe_paragraphs", before=anchor)
    nlp.add_pipe("claimpipe_entities")
    nlp.add_pipe("claimpipe_dates")
    return nlp


def eval_timeml(directory: Path, *, model: Optional[str] = None, limit: Optional[int] = None,
                files: Optional[Iterable[Path]] = None) -> TimeMLResult:
    """Run the pipeline over every ``.tml`` file under ``directory`` and score its dates."""
    paths = list(files) if files is not None else tml_files(directory)
    if limit is not None:
        paths = paths[:limit]
    docs = [read_tml(p) for p in paths]
    nlp = dates_pipeline(model)
    result = TimeMLResult()

    def prepared():
        for d in docs:
            doc = nlp.make_doc(d.text)
            doc._.claimpipe_dct = d.dct
            yield doc

    def corpus_of(path: Path) -> Optional[str]:
        try:
            parts = Path(path).relative_to(directory).parts
        except ValueError:
            return None
        return parts[0] if len(parts) > 1 else None

    for p, d, doc in zip(paths, docs, nlp.pipe(prepared(), batch_size=8)):
        score_document(d, doc._.claimpipe_dates or [], result, corpus_of(p))
    return result


def format_result(result: TimeMLResult) -> str:
    """The figures, as printed by ``claimpipe eval timeml``."""
    t = result.total
    sp, sr, sf = t.strict_prf
    rp, rr, rf = t.relaxed_prf
    lines = [
        f"TimeML dates: {result.documents} documents, {t.gold} gold TIMEX3, {t.system} found",
        f"{'':10} {'gold':>5} {'found':>5} {'strictP':>8} {'strictR':>8} {'strictF1':>8} {'relaxP':>7} "
        f"{'relaxR':>7} {'relaxF1':>7} {'typeAcc':>7} {'valAcc':>7} {'valueF1':>7}",
    ]

    def row(name: str, c: Counts) -> str:
        sp, sr, sf = c.strict_prf
        rp, rr, rf = c.relaxed_prf
        return (f"{name:10} {c.gold:5d} {c.system:5d} {sp:8.3f} {sr:8.3f} {sf:8.3f} {rp:7.3f} {rr:7.3f} {rf:7.3f} "
                f"{c.type_accuracy:7.3f} {c.value_accuracy:7.3f} {c.value_f1:7.3f}")

    lines.append(row("all", t))
    for name in TYPES:
        lines.append(row(name, result.by_type.get(name, Counts())))
    for name in sorted(result.by_corpus):
        lines.append(row(name[:10], result.by_corpus[name]))
    lines.append(f"strict F1 {sf:.3f}  relaxed F1 {rf:.3f}  type accuracy {t.type_accuracy:.3f}  "
                 f"value accuracy {t.value_accuracy:.3f}  value F1 {t.value_f1:.3f}  "
                 f"(value F1 on exact strings {t.value_f1_exact:.3f})")
    return "\n".join(lines)


def write_errors(result: TimeMLResult, path: Path) -> int:
    """One JSON line per error (missed, spurious, extent, type, value); returns how many."""
    with open(path, "w", encoding="utf-8") as fh:
        for e in result.errors:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return len(result.errors)
