"""How often PolNeAR's annotators made a verb phrase the cue of an attribution (issue 21).

A check of a claim-source verb list on data it was not chosen on: for each phrase pattern below, every occurrence
in the PolNeAR articles of a split, and how many of them lie inside a ``Cue`` span of some annotator's file (an
article may have several). A phrase PolNeAR's annotators mostly take for a cue introduces the subject's
statement in their scheme too. The patterns are surface forms (every inflection written out), matched
case-insensitively on word boundaries; the counts are of occurrences, not of articles.

Usage (from the repository root, with ../shared; a few seconds):
    python scripts/cue_verbs_polnear.py [--shared ../shared] [--split train]
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

# phrase -> pattern; the first group are the ones added in this release, then verbs the lists held before (for
# comparison), then verbs that are acts, not statements
PATTERNS = {
    "paid tribute / homage": r"(?:pay|pays|paid|paying) (?:a |warm |glowing )?(?:tribute|homage)",
    "lament": r"lament(?:s|ed|ing)?",
    "tout": r"tout(?:s|ed|ing)?",
    "appeal for": r"appeal(?:s|ed|ing)? for",
    "praise (listed before)": r"prais(?:e|es|ed|ing)",
    "condemn (listed before)": r"condemn(?:s|ed|ing)?",
    "call on (listed before)": r"call(?:s|ed|ing)? on",
    "appeal against (an act)": r"appeal(?:s|ed|ing)? against",
    "win (an act)": r"(?:win|wins|won|winning)",
}


def cue_spans(ann: Path) -> list[tuple[int, int]]:
    """The character ranges of the ``Cue`` text-bound annotations of a brat file (discontinuous ones in pieces)."""
    spans = []
    for line in ann.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T") or not parts[1].startswith("Cue "):
            continue
        for piece in parts[1][len("Cue "):].split(";"):
            start, end = piece.split()
            spans.append((int(start), int(end)))
    return spans


def count(split_dir: Path) -> dict[str, tuple[int, int]]:
    """For each phrase: (occurrences in the split's texts, occurrences overlapping some annotator's cue)."""
    cues: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for ann in (split_dir / "attributions").glob("*.ann"):
        cues[ann.stem.rsplit("_", 1)[0]].extend(cue_spans(ann))
    compiled = {name: re.compile(rf"\b{pattern}\b", re.IGNORECASE) for name, pattern in PATTERNS.items()}
    found = {name: [0, 0] for name in PATTERNS}
    for txt in sorted((split_dir / "text").glob("*.txt")):
        if txt.stem not in cues:
            continue
        text = txt.read_text(encoding="utf-8", errors="replace")
        spans = cues[txt.stem]
        for name, rx in compiled.items():
            for m in rx.finditer(text):
                found[name][0] += 1
                found[name][1] += any(a < m.end() and m.start() < b for a, b in spans)
    return {name: (n, k) for name, (n, k) in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--split", default="train", choices=["train", "dev"])
    args = parser.parse_args()
    split_dir = args.shared / "eval-data" / "polnear" / args.split
    if not split_dir.is_dir():
        raise SystemExit(f"{split_dir} not found: this script needs ../shared (the PolNeAR data)")
    print(f"PolNeAR {args.split}: occurrences inside an annotator's cue / all occurrences")
    for name, (n, k) in count(split_dir).items():
        share = f"{k / n:.2f}" if n else "-"
        print(f"  {name:28s} {k:5d} / {n:5d}   {share}")


if __name__ == "__main__":
    main()
