"""An experiment, not shipped: a trained chooser of claim sources over the rules' ones (issue 21).

The rules of ``claimpipe/nlp/components/claims/source.py`` give every claim a source: the author, or a speaker's
name. Here each claim gets other candidate sources (:func:`choices`): the author, and the names of its article (the
rules' speakers of its other sentences, the quote finder's speakers, its PERSON and ORG entities) mentioned in the
claim or in the two sentences before it, or that the rules gave the sentence before or the quotes it overlaps. Each
is described against the claim (where and how the name is mentioned: the subject of a reporting verb or of another
verb, an "according to" object, a possessive, the medium one "told"; whether it is the rules' choice, the previous
sentence's, a quote's speaker; the claim's quotation marks, reporting verbs and subject; whether the rules' name
is a description, "the company", rather than a name), and a logistic regression over hashed features scores them.
Another source replaces the rules' only when it scores more than ``margin`` above it (log-odds).

It learns from the audit sets' source labels against the sources **the rules gave each set before it was
studied** (``tests/data/blind_kinds.jsonl``, ``python scripts/blind_kinds.py``): today's rules were written looking
at those sets. Each of the tenth to twenty-eighth sets is held out in turn, with the model fitted on all other
sets; the script prints, per C and margin, the held-out source accuracy beside the blind rules' on the same
claims, and per set at the best setting.

The source rules are the same from the twenty-seventh set's blind commit on, so the twenty-seventh to twenty-ninth
sets and the training sets (the thirty-first to thirty-sixth, labelled blind to be learnt from) hold today's rules'
errors on text they never saw: ``--held audit_set27 ... --only-held`` fits on those alone.

Usage (from the repository root, with ../shared; about two minutes):
    python scripts/source_chooser_experiment.py [--shared ../shared] [--held SET ...] [--only-held]
"""

from __future__ import annotations

import re
import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon

ROOT = Path(__file__).resolve().parent.parent
FROM_SET = 10  # the held-out sets: the tenth to the last (the first nine sets' blind rules were young)
GRID_C = (0.1, 0.3, 1.0)
GRID_MARGIN = (0.0, 0.5, 1.0, 2.0)
AUTHOR = "author"
QUOTE_MARKS = frozenset("\"“”‘’'")
DOUBLE_MARKS = frozenset(['"', "“", "”"])
NAME_LABELS = frozenset(["PERSON", "ORG"])
NOT_NAME_WORDS = frozenset(["the", "mr", "mrs", "ms", "miss", "dr", "sir"])
SAYING_HEADS = frozenset(["tell", "speak", "talk"])  # "told ITV", "speaking to the BBC": a medium, not a speaker
WINDOW = 2  # sentences before the claim whose names are candidates


@lru_cache(maxsize=1)
def _reporting() -> frozenset[str]:
    return lexicon.words("reporting_verbs.txt") | lexicon.words("belief_verbs.txt")


def name_words(name: Optional[str]) -> frozenset[str]:
    """The capitalised words of a name, lower-cased, without titles ("Mr Snow" -> {"snow"}); empty for a
    description ("the company")."""
    if not name:
        return frozenset()
    words = {w.lower().strip(".,'’") for w in re.findall(r"[A-Z][\w.&'’-]*", name)}
    return frozenset(w.removesuffix("'s").removesuffix("’s") for w in words) - NOT_NAME_WORDS - {""}


def _mentions(tokens, words: frozenset[str]) -> list[Token]:
    return [t for t in tokens if t.lower_ in words and t.text[:1].isupper()]


def _role(t: Token) -> str:
    """How a name's token stands in its sentence: the subject of a reporting verb or of another verb, an
    "according to" object, a passive agent, a possessive, the medium of "told"/"speaking to", or other."""
    while t.dep_ in ("compound", "flat", "appos") and t.head is not t:
        t = t.head
    dep, head = t.dep_, t.head
    if dep in ("nsubj", "nsubjpass"):
        return "subj-reporting" if head.lemma_.lower() in _reporting() else "subj"
    if dep == "pobj" and head.lower_ == "to" and head.i > 0 and t.doc[head.i - 1].lower_ == "according":
        return "according"
    if dep == "pobj" and head.dep_ == "agent" or dep == "agent":
        return "agent"
    if dep == "poss":
        return "poss"
    if dep == "pobj" and head.lower_ in ("to", "on") and head.head.lemma_.lower() in SAYING_HEADS:
        return "medium"
    if dep == "dobj" and head.lemma_.lower() in SAYING_HEADS:
        return "medium"
    return "other"


def _inside_quote(t: Token) -> bool:
    """Whether ``t`` follows an odd number of double quotation marks in its sentence."""
    s = t.sent
    return sum(1 for x in t.doc[s.start:t.i] if x.text in DOUBLE_MARKS) % 2 == 1


@dataclass(frozen=True)
class DocNames:
    """The names a doc's claims may be credited to: the rules' speakers, the quote finder's, its PERSON and ORG
    entities (one of each: an entity whose words are all in an earlier name's is that name)."""

    names: tuple[str, ...]
    labels: dict

    @classmethod
    def of(cls, doc: Doc, rules: Sequence[str]) -> "DocNames":
        names: list[str] = []
        for n in rules:
            if n != AUTHOR and n and n not in names:
                names.append(n)
        for q in doc._.claimpipe_quotes or []:
            n = q.speaker.name.rstrip(".") if q.speaker is not None and q.speaker.name else None
            if n and n not in names and name_words(n):
                names.append(n)
        for e in doc.ents:
            words = name_words(e.text)
            if e.label_ in NAME_LABELS and words and not any(words <= name_words(m) for m in names):
                names.append(e.text)
        labels = {}
        for e in doc.ents:
            words = name_words(e.text)
            for n in names:
                if words and n not in labels and words <= name_words(n):
                    labels[n] = e.label_
        return cls(tuple(names), labels)


def _claim_context(span: Span, rule: str, previous: str, quotes: list) -> tuple[list[str], set[str]]:
    """The claim's own features (shared by its candidates) and the names of the quotes it overlaps."""
    text = span.text
    root = span.root
    subject = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    overlapping = [q for q in quotes if q.start < span.end_char and span.start_char < q.end]
    speakers = {q.speaker.name.rstrip(".") for q in overlapping if q.speaker is not None and q.speaker.name}
    rule_described = rule != AUTHOR and (not name_words(rule) or rule[:1].islower())
    base = [f"rule={'author' if rule == AUTHOR else 'speaker'}",
            f"quoted={any(c in QUOTE_MARKS for c in text)}", f"opens_quote={text[:1] in QUOTE_MARKS}",
            f"root_reporting={root.lemma_.lower() in _reporting()}",
            f"subject={'none' if not subject else 'pron' if subject[0].pos_ == 'PRON' else subject[0].pos_}",
            f"any_reporting={any(t.pos_ == 'VERB' and t.lemma_.lower() in _reporting() for t in span)}",
            f"previous={'none' if not previous else 'author' if previous == AUTHOR else 'speaker'}",
            f"quotes={min(len(overlapping), 2)}", f"rule_described={rule_described}"]
    return base, speakers


def choices(span: Span, k: int, rules: Sequence[str], names: DocNames, quotes: list,
            sentence_starts: Sequence[int]) -> dict[str, list[str]]:
    """The candidate sources of the ``k``-th claim ``span`` (``rules``: the rules' source of every claim of the
    doc, in order) and the features of each: ``{"author": [...], name: [...]}``."""
    rule, previous = rules[k], rules[k - 1] if k > 0 else ""
    doc = span.doc
    base, speakers = _claim_context(span, rule, previous, quotes)
    out = {AUTHOR: ["cand=author", f"is_rule={rule == AUTHOR}"] + [f"a|{b}" for b in base]
           + [f"a|is_rule={rule == AUTHOR}|{b}" for b in base]}
    first_sent = doc[span.start].sent.start
    i = max(0, np.searchsorted(sentence_starts, first_sent) - WINDOW)
    window_start = sentence_starts[i] if len(sentence_starts) else 0
    before = doc[window_start:span.start]
    last_seen = {}
    for n in names.names:
        seen = _mentions(doc[:span.start], name_words(n))
        if seen:
            last_seen[n] = seen[-1].i
    recency = sorted(last_seen, key=lambda n: -last_seen[n])
    rule_words = name_words(rule) if rule != AUTHOR else frozenset()
    for n in dict.fromkeys(([rule] if rule != AUTHOR else []) + list(names.names)):
        words = name_words(n)
        inside = _mentions(span, words)
        near = _mentions(before, words)
        is_rule = n == rule
        if not (inside or near or is_rule or n in speakers or n == previous):
            continue
        own = [f"in:{r}" for r in sorted({_role(t) for t in inside})] or ["in:none"]
        own += [f"near:{r}" for r in sorted({_role(t) for t in near})] or ["near:none"]
        own += [f"quote_speaker={n in speakers}", f"previous_rule={n == previous}",
                f"shares_rule_words={bool(words & rule_words) and not is_rule}",
                f"recency={min(recency.index(n), 3) if n in recency else 'none'}",
                f"label={names.labels.get(n, 'none')}", f"in_quote={any(_inside_quote(t) for t in inside)}"]
        out[n] = (["cand=name", f"is_rule={is_rule}"] + own + [f"n|is_rule={is_rule}|{b}" for b in base]
                  + [f"n|{x}|{b}" for x in own for b in base[:5]] + [f"n|is_rule={is_rule}|{x}" for x in own])
    return out


def doc_choices(spans: Sequence[Span], rules: Sequence[str]) -> list[dict[str, list[str]]]:
    """:func:`choices` of every claim of one doc (``spans`` in order, ``rules`` their rules' sources)."""
    if not spans:
        return []
    doc = spans[0].doc
    names = DocNames.of(doc, rules)
    quotes = list(doc._.claimpipe_quotes or [])
    starts = [s.start for s in doc.sents]
    return [choices(span, k, rules, names, quotes, starts) for k, span in enumerate(spans)]



def examples(shared: Path) -> list[dict]:
    """Every labelled claim with a blind source: its set, gold names, blind rules' source and candidates."""
    from claimpipe.evaluate.fields import read_audit
    from claimpipe.io.read import read_path
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, build_pipeline, process

    blind = defaultdict(dict)
    for line in (ROOT / "tests" / "data" / "blind_kinds.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if "name" in r:
            blind[r["set"]][(r["file"], r["start"], r["end"])] = r["name"] if r["source"] == "speaker" else AUTHOR
    bbc = shared / "eval-data" / "bbc-fulltext"
    nlp = build_pipeline(DEFAULT_MODEL)
    out = []
    for name, made in blind.items():
        labels = read_audit(ROOT / "tests" / "data" / name / "fields.jsonl")
        articles = [a for lab in labels for a in read_path(bbc / lab["file"]) if hasattr(a, "text")]
        for lab, (_, doc) in zip(labels, process(nlp, articles)):
            claims = sorted((c for c in lab["claims"] if not c["fragment"] and "source" in c
                             and (lab["file"], c["start"], c["end"]) in made), key=lambda c: c["start"])
            rules = [made[(lab["file"], c["start"], c["end"])] or "" for c in claims]
            spans = [doc.char_span(c["start"], c["end"], alignment_mode="expand") for c in claims]
            for c, rule, cands in zip(claims, rules, doc_choices(spans, rules)):
                gold = [c["source"]] if isinstance(c["source"], str) else c["source"]
                out.append({"set": name, "gold": gold, "rule": rule, "cands": cands})
        print(f"{name}: {sum(e['set'] == name for e in out)} claims", file=sys.stderr, flush=True)
    return out


def _fit(rows: list[dict], C: float):
    from sklearn.linear_model import LogisticRegression

    from claimpipe.training.attribution import design

    X = design([f for e in rows for f in e["cands"].values()], 2 ** 18)
    y = [n in e["gold"] for e in rows for n in e["cands"]]
    return LogisticRegression(C=C, max_iter=2000, solver="liblinear").fit(X, y)


def _scores(model, e: dict) -> dict[str, float]:
    """The model's log-odds of each candidate of claim ``e``."""
    from claimpipe.training.attribution import design

    names = list(e["cands"])
    return dict(zip(names, model.decision_function(design([e["cands"][n] for n in names], 2 ** 18))))


def _choose(scores: dict[str, float], rule: str, margin: float) -> str:
    """The best candidate when it scores more than ``margin`` above the rules' ``rule``, else ``rule``."""
    best = max(scores, key=scores.get)
    base = scores.get(rule)
    return best if base is not None and scores[best] - base > margin else rule


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--held", nargs="*", help="the sets held out in turn (default: the tenth to the last)")
    parser.add_argument("--only-held", action="store_true",
                        help="fit on the held sets alone (the others left out), not on every other set")
    args = parser.parse_args()
    rows = examples(args.shared.resolve())
    held = args.held or [s for s in dict.fromkeys(e["set"] for e in rows)
                         if s.startswith("audit_set") and int(s[9:]) >= FROM_SET]
    pool = [e for e in rows if e["set"] in held] if args.only_held else rows
    right = defaultdict(int)  # (C, margin, set) -> right
    for C in GRID_C:
        for name in held:
            model = _fit([e for e in pool if e["set"] != name], C)
            for e in (e for e in rows if e["set"] == name):
                scores = _scores(model, e)  # once per claim, for every margin
                for m in GRID_MARGIN:
                    right[(C, m, name)] += _choose(scores, e["rule"], m) in e["gold"]
    print_grid(rows, held, right, GRID_MARGIN, "margin",
               f"fitted on {'the held sets' if args.only_held else 'every other set'}; blind rules")


def print_grid(rows: list[dict], held: list[str], right: dict, settings: Sequence, setting: str, rules_said: str):
    """Print the held-out source accuracy per C and ``setting`` (``right[(C, setting, set)]``: claims right), beside
    the rules' on the same claims (``rows``: each with its set, gold names and the rules' source), and per set at
    the best."""
    total = {s: sum(e["set"] == s for e in rows) for s in held}
    rules = {s: sum(e["rule"] in e["gold"] for e in rows if e["set"] == s) for s in held}
    n = sum(total.values())
    print(f"held out, one set at a time: sets {held[0]}..{held[-1]}, {n} claims, {rules_said} "
          f"{sum(rules.values()) / n:.3f}")
    for C in GRID_C:
        print(f"C={C}: " + "  ".join(f"{setting} {m}: {sum(right[(C, m, s)] for s in held) / n:.3f}" for m in settings))
    C, m = max(((C, m) for C in GRID_C for m in settings), key=lambda cm: sum(right[(*cm, s)] for s in held))
    print(f"per set at the best, C={C} {setting} {m} (claims, rules right, right with the model):")
    for s in held:
        print(f"  {s}: {total[s]} {rules[s]} {right[(C, m, s)]} ({right[(C, m, s)] - rules[s]:+d})")


if __name__ == "__main__":
    main()
