"""Quote speaker names on the audit sets, with and without the claims' names (the ``speaker_names`` setting of
the ``claimpipe_claims`` component, :mod:`claimpipe.nlp.components.claims.speaker_names`).

For each labelled set it runs the pipeline twice over the set's twelve articles, once with ``speaker_names``
on (the default) and once off (the quote finder's own names), and counts, as ``claimpipe eval fields`` prints
it on its ``quote speakers`` line, the quotes opening in a claim labelled with a speaker (the outer ones, not a
statement inside another) whose speaker name is one of that label's names. The claims are the same either way
(the step runs after them), so only the quote records' names differ.

Usage (from the repository root; about three minutes for all the sets):
    python scripts/quote_speaker_names.py [--shared ../shared] [--sets audit_set5 ...] [--skip audit_set30 ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sets(chosen: list[str], skip: list[str]) -> list[str]:
    first = ["audit", "audit_unseen", "audit_heldout", "audit_fresh"]  # the first four sets, then by number
    names = chosen or sorted((p.parent.name for p in (ROOT / "tests" / "data").glob("audit*/fields.jsonl")),
                             key=lambda n: (first.index(n), 0) if n in first else (4, int(n.removeprefix("audit_set"))))
    return [n for n in names if n not in skip]


def score(nlp, bbc: Path, audit: Path):
    """The :class:`~claimpipe.evaluate.fields.FieldsResult` of one audit file, extracted with ``nlp``."""
    from claimpipe.evaluate.fields import FieldsResult, read_audit, score_article, sha256
    from claimpipe.io.read import read_path
    from claimpipe.nlp.pipeline import process

    labels = {str(bbc / lab["file"]): lab for lab in read_audit(audit)}
    articles = [a for path in labels for a in read_path(Path(path)) if hasattr(a, "text")]
    result = FieldsResult()
    for item in process(nlp, articles):
        if isinstance(item, tuple):
            article, doc = item
            lab = labels[str(article.source)]
            if sha256(article.text) == lab["sha256"]:
                score_article(lab, article.text, list(doc._.claimpipe_claims or []), result,
                              list(doc._.claimpipe_quotes or []))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="*", default=[])
    parser.add_argument("--skip", nargs="*", default=[])
    args = parser.parse_args(argv)
    bbc = args.shared / "eval-data" / "bbc-fulltext"
    if not bbc.is_dir():
        print(f"no BBC folder at {bbc}", file=sys.stderr)
        return 2
    from claimpipe.nlp.pipeline import build_pipeline

    pipelines = {setting: build_pipeline(config={"claimpipe_claims": {"speaker_names": setting}})
                 for setting in (False, True)}
    totals = {False: [0, 0], True: [0, 0]}
    print(f"{'set':<14} {'quote finder':>16} {'claims names':>16}")
    for name in _sets(args.sets, args.skip):
        row = []
        for setting, nlp in pipelines.items():
            r = score(nlp, bbc, ROOT / "tests" / "data" / name / "fields.jsonl").quote_speakers
            totals[setting][0] += r.right
            totals[setting][1] += r.total
            row.append(f"{r.right}/{r.total} {r.value:.3f}")
        print(f"{name:<14} {row[0]:>16} {row[1]:>16}")
    row = [f"{right}/{total} {right / total if total else 0:.3f}" for right, total in totals.values()]
    print(f"{'all':<14} {row[0]:>16} {row[1]:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
