"""An experiment: a trained decision that a claim in the author's voice is its subject's statement (issue 21).

Among the source errors of today's rules on unseen news are statements credited to the author because their
verb is an act of saying the rules' word lists do not hold, with no content clause: "X announced the decision",
"X paid tribute to ...", "X urged students to ...", "X called on the authorities to ...", "X lamented ...",
"X has pleaded not guilty". The audit sets' labels say, for every claim, whether it is someone's statement; so
instead of a longer list, a logistic regression over hashed features of the claim's main verb (its lemma, its
object's and preposition's words, its complements, tense and modality), its subject (a pronoun, a name and its
entity label, a noun's lemma) and the claim (quotation marks) learns from them whether the subject speaks. It is
asked only where the rules give the author and the main verb's subject names someone (the rules' own resolution
of it, ``source._subject_name``); it never takes a speaker away. Not shipped: see the README (*Claim fields*).

Held out one set at a time over the sets whose blind sources are today's rules' (the twenty-seventh to
twenty-ninth, scored once each, and the thirty-first to thirty-sixth, the training sets labelled blind), fitted on
every other labelled set but the thirtieth (the set scored once for this release): the script prints, per C and
threshold, the source accuracy with the learnt decision beside today's rules on the same claims, and per set at
the best setting.

Usage (from the repository root, with ../shared; a few minutes):
    python scripts/speech_act_experiment.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import defaultdict
from pathlib import Path

from source_chooser_experiment import GRID_C, print_grid  # the scripts folder is on the path when run

ROOT = Path(__file__).resolve().parent.parent
HELD = ["audit_set27", "audit_set28", "audit_set29"] + [f"audit_set{n}" for n in range(31, 37)]
LEFT_OUT = {"audit_set30"}
GRID_THRESHOLD = (0.2, 0.3, 0.4, 0.5, 0.6)
BUCKETS = 2 ** 18


QUOTE_MARKS = frozenset("\"“”")
OBJECT_DEPS = frozenset(["dobj", "dative", "attr", "acomp", "oprd"])
CLAUSE_DEPS = frozenset(["ccomp", "xcomp", "advcl"])
MODALS = frozenset(["will", "would", "could", "may", "might", "should", "can", "must", "'ll"])


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _subject_features(subj) -> list[str]:
    if subj is None:
        return ["subj=none"]
    if subj.pos_ == "PRON":
        return ["subj=pron", f"subj_word={subj.lower_}"]
    out = [f"subj_pos={subj.pos_}", f"subj_ent={subj.ent_type_ or 'none'}"]
    if subj.pos_ != "PROPN":
        out.append(f"subj_lemma={subj.lemma_.lower()}")
    return out


def features(span) -> list[str]:
    """The features of ``span``'s main verb and subject (what the learnt decision weighs)."""
    verb = span.root
    lemma = verb.lemma_.lower()
    deps = {c.dep_ for c in verb.children}
    out = [f"lemma={lemma}", f"pos={verb.pos_}", f"tag={verb.tag_}", f"voice={'passive' if 'auxpass' in deps or 'nsubjpass' in deps else 'active'}"]
    out += [f"dep={d}" for d in sorted(deps & (OBJECT_DEPS | CLAUSE_DEPS | {"neg", "prt", "prep", "agent"}))]
    out += [f"lemma|dep={lemma}|{d}" for d in sorted(deps & (OBJECT_DEPS | CLAUSE_DEPS | {"prt"}))]
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS:
            out += [f"obj={c.lemma_.lower()}", f"lemma|obj={lemma}|{c.lemma_.lower()}"]
            for p in (g for g in c.children if g.dep_ == "prep"):
                out.append(f"lemma|obj|prep={lemma}|{c.lemma_.lower()}|{p.lower_}")
        elif c.dep_ == "prep":
            out += [f"prep={c.lower_}", f"lemma|prep={lemma}|{c.lower_}"]
            for o in (g for g in c.children if g.dep_ == "pobj"):
                out.append(f"lemma|prep|pobj={lemma}|{c.lower_}|{o.lemma_.lower()}")
        elif c.dep_ == "prt":
            out.append(f"lemma|prt={lemma}|{c.lower_}")
        elif c.dep_ in CLAUSE_DEPS:
            out.append(f"clause|head={c.dep_}|{c.lemma_.lower()}")
        elif c.dep_ == "aux" and c.lower_ in MODALS:
            out.append("modal")
    subj = _subject(verb)
    out += _subject_features(subj)
    out += [f"lemma|{f}" for f in _subject_features(subj)[:1]]
    out.append(f"quoted={any(t.text in QUOTE_MARKS for t in span)}")
    return out


def _sets() -> list[str]:
    names = sorted((p.parent.name for p in (ROOT / "tests" / "data").glob("audit*/fields.jsonl")),
                   key=lambda n: (len(n), n))
    return [n for n in names if n not in LEFT_OUT]


def examples(shared: Path) -> list[dict]:
    """Every labelled claim whose rules' source is the author and whose main verb's subject names someone."""
    from claimpipe.evaluate.fields import read_audit
    from claimpipe.io.read import read_path
    from claimpipe.nlp.components.claims.source import SourceIndex, _subject_name, source
    from claimpipe.nlp.components.claims.source_names import canonical_name
    from claimpipe.nlp.pipeline import DEFAULT_MODEL, build_pipeline, process

    bbc = shared / "eval-data" / "bbc-fulltext"
    nlp = build_pipeline(DEFAULT_MODEL)
    out = []
    for name in _sets():
        labels = read_audit(ROOT / "tests" / "data" / name / "fields.jsonl")
        articles = [a for lab in labels for a in read_path(bbc / lab["file"]) if hasattr(a, "text")]
        n = 0
        for lab, (_, doc) in zip(labels, process(nlp, articles)):
            index = SourceIndex.of(doc)
            for c in lab["claims"]:
                if c["fragment"] or "source" not in c:
                    continue
                span = doc.char_span(c["start"], c["end"], alignment_mode="expand")
                gold = [c["source"]] if isinstance(c["source"], str) else c["source"]
                rule = source(span, index=index)
                rule_name = "author" if rule.type == "author" else rule.name
                row = {"set": name, "gold": gold, "rule": rule_name, "feats": None, "subject": None}
                if rule.type == "author":
                    subject = _subject_name(doc, span.root, index)
                    if subject:
                        row["subject"] = canonical_name(subject, doc)
                        row["feats"] = features(span)
                out.append(row)
                n += 1
        print(f"{name}: {n} claims", file=sys.stderr, flush=True)
    return out


def _fit(rows: list[dict], C: float):
    from sklearn.linear_model import LogisticRegression

    from claimpipe.training.attribution import design

    X = design([e["feats"] for e in rows], BUCKETS)
    y = [e["gold"] != ["author"] for e in rows]
    return LogisticRegression(C=C, max_iter=2000, solver="liblinear").fit(X, y)


def main() -> None:
    from claimpipe.training.attribution import design

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, help="a pickle of the examples: written if absent, read if present")
    args = parser.parse_args()
    if args.cache and args.cache.is_file():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        rows = examples(args.shared.resolve())
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    asked = [e for e in rows if e["feats"] is not None]
    print(f"{len(rows)} labelled claims; the rules give the author and the subject names someone on {len(asked)}, "
          f"of which the labels give a speaker on {sum(e['gold'] != ['author'] for e in asked)} (the subject on "
          f"{sum(e['subject'] in e['gold'] for e in asked)})")
    right = defaultdict(int)  # (C, threshold, set) -> claims right
    for C in GRID_C:
        for name in HELD:
            model = _fit([e for e in asked if e["set"] != name], C)
            held = [e for e in asked if e["set"] == name]
            p = model.predict_proba(design([e["feats"] for e in held], BUCKETS))[:, 1] if held else []
            kept = sum(e["rule"] in e["gold"] for e in rows if e["set"] == name and e["feats"] is None)
            for t in GRID_THRESHOLD:
                right[(C, t, name)] = kept + sum((e["subject"] if prob >= t else "author") in e["gold"]
                                                 for e, prob in zip(held, p))
    print_grid(rows, HELD, right, GRID_THRESHOLD, "threshold", "fitted on every other set but the thirtieth; "
               "today's rules")

if __name__ == "__main__":
    main()
