"""Entity evaluation: label accuracy on a hand-annotated article, and P/R/F1 on CoNLL-2003.

CoNLL-2003 uses four types; spaCy's OntoNotes labels are mapped to them the usual way:
PERSON->PER, GPE/LOC/FAC->LOC, ORG->ORG, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE->MISC,
numeric and time labels are dropped.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from claimpipe.evaluate.datasets import iob1_spans, read_conll
from claimpipe.evaluate.metrics import PRF, prf

ONTO_TO_CONLL = {
    "PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}


def _nlp(model: Optional[str], raw: bool):
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, build_pipeline, load_model

    if raw:
        return load_model(model or DEFAULT_MODEL)
    nlp = build_pipeline(model or DEFAULT_MODEL)
    # only what entities need
    return nlp, [n for n in ("claimpipe_dates", "claimpipe_quotes", "claimpipe_claims") if n in nlp.pipe_names]


@dataclass
class GoldResult:
    """Gold mentions given exactly their span and label, and the misses (text, start, gold label, label found)."""

    total: int
    correct: int
    misses: list[tuple[str, int, str, Optional[str]]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def eval_gold(gold_path: Path, article_path: Path, *, model: Optional[str] = None, raw: bool = False) -> GoldResult:
    """Share of the gold entity mentions that get exactly the gold span and label."""
    from claimpipe.io.read import read_path
    from claimpipe.nlp.pipeline import process

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    article = next(iter(read_path(Path(article_path))))
    loaded = _nlp(model, raw)
    if raw:
        doc = loaded(article.text)
    else:
        nlp, disable = loaded
        with nlp.select_pipes(disable=disable):
            _, doc = next(iter(process(nlp, [article])))
    found = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
    result = GoldResult(total=len(gold["entities"]), correct=0)
    for g in gold["entities"]:
        label = found.get((g["start"], g["end"]))
        if label == g["label"]:
            result.correct += 1
        else:
            result.misses.append((g["text"], g["start"], g["label"], label))
    return result


def format_gold(result: GoldResult) -> str:
    """The figures and misses, as printed by ``claimpipe eval entities --gold``."""
    lines = [f"gold entities: {result.correct}/{result.total} correct, label accuracy {result.accuracy:.3f}"]
    for text, start, want, got in result.misses:
        lines.append(f"  miss {text!r}@{start}: gold {want}, got {got}")
    return "\n".join(lines)


@dataclass
class ConllResult:
    """True positives, false positives and false negatives per CoNLL label."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    documents: int = 0

    def prf(self, label: Optional[str] = None) -> PRF:
        """P/R/F1 of one label, or of all when ``label`` is None."""
        tp = self.tp[label] if label else sum(self.tp.values())
        fp = self.fp[label] if label else sum(self.fp.values())
        fn = self.fn[label] if label else sum(self.fn.values())
        return prf(tp, tp + fp, tp, tp + fn)


def eval_conll(path: Path, *, model: Optional[str] = None, raw: bool = False, limit: Optional[int] = None) -> ConllResult:
    """Exact-span P/R/F1 over CoNLL-2003 documents, each document processed as one article."""
    from spacy.tokens import Doc

    from claimpipe.nlp.components.entities import refine_entities

    loaded = _nlp(model, raw)
    nlp = loaded if raw else loaded[0]
    model_pipes = [n for n in nlp.pipe_names if not n.startswith("claimpipe_")]
    result = ConllResult()
    for n, document in enumerate(read_conll(path)):
        if limit is not None and n >= limit:
            break
        words, spaces, sent_starts, gold_tags = [], [], [], []
        for sent_words, sent_tags in document:
            for i, w in enumerate(sent_words):
                words.append(w)
                spaces.append(True)
                sent_starts.append(i == 0)
            gold_tags.extend(sent_tags)
        doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        for name in model_pipes:
            doc = nlp.get_pipe(name)(doc)
        if not raw:
            doc.set_ents(refine_entities(doc))
        predicted = {
            (e.start, e.end, ONTO_TO_CONLL[e.label_]) for e in doc.ents if e.label_ in ONTO_TO_CONLL
        }
        gold = iob1_spans(gold_tags)
        for span in predicted & gold:
            result.tp[span[2]] += 1
        for span in predicted - gold:
            result.fp[span[2]] += 1
        for span in gold - predicted:
            result.fn[span[2]] += 1
        result.documents += 1
    return result


def format_conll(result: ConllResult) -> str:
    """The figures, as printed by ``claimpipe eval entities --conll``."""
    lines = [f"CoNLL-2003: {result.documents} documents (exact spans, OntoNotes labels mapped to PER/LOC/ORG/MISC)",
             f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6}"]
    for label in ("PER", "LOC", "ORG", "MISC"):
        p, r, f = result.prf(label)
        lines.append(f"{label:<6} {p:6.3f} {r:6.3f} {f:6.3f}")
    p, r, f = result.prf()
    lines.append(f"{'all':<6} {p:6.3f} {r:6.3f} {f:6.3f}")
    return "\n".join(lines)
