"""An experiment: let the kind encoder's stacker decide the kind of claims with a speaker too (issue 21).

A claim with a speaker keeps the kind the rules (or the kind model) gave it; the stacker of
:mod:`claimpipe.nlp.components.claims.kind_encoder` decides only claims in the author's voice (see that module:
kind and source never contradict each other). Nested on the sets it was fitted on, the stacker without that
constraint was about a point of kind better. This checks the constraint on sets the encoder was never trained on
(default: the twenty-seventh to twenty-ninth; the thirtieth is the set scored once per release, so it is left
out): for every labelled claim the default pipeline gives a speaker, the labelled kind against the rules' kind
and against the stacker's most probable kind over the same claim's text, and where the stacker overrules the
rules at each cut of its probability.

Usage (from the repository root, with ../shared; a minute or two):
    python scripts/speaker_kind_experiment.py [--shared ../shared] [--sets audit_set27 audit_set28 audit_set29]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CUTS = (0.0, 0.5, 0.7, 0.9)


def speaker_claims(bbc: Path, sets: list[str]) -> list[dict]:
    """Each labelled, non-fragment claim with a speaker in ``sets``: its labelled kind, the rules' kind (the
    record's kind: the encoder is not asked about claims with a speaker) and the stacker's scores."""
    from claimpipe.evaluate.fields import FieldsResult, _labelled, labels_of
    from claimpipe.nlp.components.claims.kind_encoder import load_kind_encoder

    encoder = load_kind_encoder()
    rows = []
    for name in sets:
        for label, _text, claims in _labelled(bbc, labels_of(ROOT / "tests" / "data" / name / "fields.jsonl"),
                                              FieldsResult()):
            gold = {(c["start"], c["end"]): c for c in label["claims"]}
            for claim in claims:
                lab = gold.get((claim.start, claim.end))
                if claim.source.type == "author" or lab is None or lab["fragment"] or "kind" not in lab:
                    continue
                scores = encoder.stacked(encoder.probabilities([claim.text])[0], claim.kind)
                rows.append({"set": name, "gold": lab["kind"], "rules": claim.kind, "scores": scores})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="+", default=["audit_set27", "audit_set28", "audit_set29"])
    args = parser.parse_args()
    bbc = args.shared / "eval-data" / "bbc-fulltext"
    if not bbc.is_dir():
        raise SystemExit(f"{bbc} not found: this script needs ../shared (the BBC articles)")
    rows = speaker_claims(bbc, args.sets)
    print(f"{len(rows)} labelled claims with a speaker in {', '.join(args.sets)}")
    print(f"  labelled kinds: {dict(Counter(r['gold'] for r in rows).most_common())}")
    print(f"  the rules' kind right: {sum(r['rules'] == r['gold'] for r in rows)}")
    for cut in CUTS:
        right = changed = 0
        for r in rows:
            best = max(r["scores"], key=r["scores"].get)
            kind = best if r["scores"][best] >= cut else r["rules"]
            right += kind == r["gold"]
            changed += kind != r["rules"]
        print(f"  the stacker's kind where its probability is at least {cut:.1f}: right {right}, "
              f"changed from the rules' {changed}")


if __name__ == "__main__":
    main()
