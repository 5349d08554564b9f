"""What the kind encoder costs: the claims component with ``kinds = "encoder"`` (the default: the kind encoder
decides) against ``kinds = "trained"`` (``--kinds trained``: the kind model alone), both in the accurate tier,
against the spaCy model's time, on news (BBC), in one process, one thread.

The articles (default: every 4th of ../shared/eval-data/bbc-fulltext) go through the pipeline in batches of 16;
the model's components are timed, then the claims component runs on the same docs with each ``kinds``, in
alternating order per batch (this machine is shared and noisy). Reports claims per second of the encoder, each
setting's time as a share of the model's, and how many claims change kind. ``--cascade`` also runs the kind encoder
without its cascade (``stacker.rules_kept`` emptied: every claim in the author's voice goes to the encoder), in the
same rotation, so the cascade's saving is a ratio from one run.

Usage: python benchmarks/bench_kind_encoder.py [--data DIR] [--every N] [--cascade] [--json FILE]
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
    parser.add_argument("--cascade", action="store_true", help="also time the kind encoder without its cascade")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    from claimpipe.io.read import read_path
    from claimpipe.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    claims = nlp.get_pipe("claimpipe_claims")
    files = sorted(args.data.glob("*/*.txt"))[:: args.every]
    texts = [next(iter(read_path(f))).text for f in files]
    batches, model_seconds = _model_docs(nlp, [texts[k : k + 16] for k in range(0, len(texts), 16)], nlp.make_doc)
    cascaded = claims._kind_encoder()
    cascaded.probabilities(["warm up the session."])
    every = None
    if args.cascade:  # the same files, the cascade off: the encoder decides every claim in the author's voice
        from claimpipe.nlp.components.claims.kind_encoder import KindEncoder

        every = KindEncoder(cascaded.folder, threads=cascaded.threads)
        every.__dict__["rules_kept"] = frozenset()  # the cached property, set before first use
        every.probabilities(["warm up the session."])
    settings = ["encoder", "trained"] + (["encoder, no cascade"] if every is not None else [])
    seconds = {name: 0.0 for name in settings}
    kinds = {name: [] for name in settings}
    for k, docs in enumerate(batches):
        for name in settings[k % len(settings):] + settings[: k % len(settings)]:  # rotate the order per batch
            claims.kind_encoder = every if name == "encoder, no cascade" else cascaded
            started = time.perf_counter()
            for doc in docs:
                claims(doc, kinds="trained" if name == "trained" else "encoder")  # this call's kind decider
                kinds[name].extend(c.kind for c in doc._.claimpipe_claims)
            seconds[name] += time.perf_counter() - started
    claims.kind_encoder = cascaded
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
    if every is not None:
        full = seconds["encoder, no cascade"] - seconds["trained"]
        out.update(no_cascade_seconds=round(seconds["encoder, no cascade"], 2), no_cascade_extra_seconds=round(full, 2),
                   no_cascade_extra_share_of_model=round(full / model_seconds, 3),
                   no_cascade_claims_changing_kind=sum(a != b for a, b in zip(kinds["encoder, no cascade"], kinds["trained"])),
                   cascade_time_share=round(extra / full, 3) if full > 0 else None)
        print(f"without the cascade: {seconds['encoder, no cascade']:.2f} s, the encoder's extra {full:.2f} s = "
              f"{100 * out['no_cascade_extra_share_of_model']:.1f}% of the model's time; "
              f"{out['no_cascade_claims_changing_kind']} claims change kind; the cascade takes "
              f"{100 * out['cascade_time_share']:.0f}% of its time")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
