"""What the kind encoder costs: the claims component with ``kinds = "encoder"`` (``--kinds encoder``: the kind
encoder decides) against ``kinds = "trained"`` (the default: the kind model alone), both in the accurate tier,
against the spaCy model's time, on news (BBC), in one process, one thread.

The articles (default: every 4th of ../shared/eval-data/bbc-fulltext) go through the pipeline in batches of 16;
the model's components are timed, then the claims component runs on the same docs with each ``kinds``, in
alternating order per batch (this machine is shared and noisy). Reports claims per second of the encoder, each
setting's time as a share of the model's, and how many claims change kind.

Usage: python benchmarks/bench_kind_encoder.py [--data DIR] [--every N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_encoder import DEFAULT_DATA, _model_docs  # noqa: E402  (the same docs and model timing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--every", type=int, default=4, help="use every N-th article")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    from claimpipe.io.read import read_path
    from claimpipe.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    claims = nlp.get_pipe("claimpipe_claims")
    files = sorted(args.data.glob("*/*.txt"))[:: args.every]
    texts = [next(iter(read_path(f))).text for f in files]
    batches, model_seconds = _model_docs(nlp, [texts[k : k + 16] for k in range(0, len(texts), 16)], nlp.make_doc)
    claims._kind_encoder().probabilities(["warm up the session."])
    seconds = {"encoder": 0.0, "trained": 0.0}
    kinds = {"encoder": [], "trained": []}
    for k, docs in enumerate(batches):
        for name in (("encoder", "trained") if k % 2 == 0 else ("trained", "encoder")):
            started = time.perf_counter()
            for doc in docs:
                claims(doc, kinds=name)  # this call's kind decider: the same component either way
                kinds[name].extend(c.kind for c in doc._.claimpipe_claims)
            seconds[name] += time.perf_counter() - started
    n_claims = len(kinds["encoder"])
    extra = seconds["encoder"] - seconds["trained"]
    out = {"docs": len(texts), "claims": n_claims, "model_seconds": round(model_seconds, 2),
           "claims_trained_seconds": round(seconds["trained"], 2), "claims_encoder_seconds": round(seconds["encoder"], 2),
           "kind_encoder_extra_seconds": round(extra, 2),
           "kind_encoder_claims_per_second": round(n_claims / extra, 1) if extra > 0 else None,
           "kind_encoder_extra_share_of_model": round(extra / model_seconds, 3),
           "claims_changing_kind": sum(a != b for a, b in zip(kinds["encoder"], kinds["trained"]))}
    print(f"{len(texts)} BBC articles, {n_claims} claims: spaCy model {model_seconds:.2f} s; claims component with "
          f"the kind model {seconds['trained']:.2f} s, with the kind encoder {seconds['encoder']:.2f} s; the encoder's "
          f"extra {extra:.2f} s ({out['kind_encoder_claims_per_second']} claims/s) = "
          f"{100 * out['kind_encoder_extra_share_of_model']:.1f}% of the model's time; "
          f"{out['claims_changing_kind']} claims change kind")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
