"""How much time claims add to the spaCy model, on a 1,000-word article.

Run from the repository root: ``.venv/bin/python benchmarks/bench_checkworthy.py [--repeat N]``.
Times, on the first 1,000 words of the seed article, (a) the spaCy model's own components,
(b) check-worthiness scoring of every candidate sentence and (c) the whole ``claimpipe_claims``
component (scoring plus kind, modality, source and quantities), and prints (b)/(a) and (c)/(a).
Medians over ``--repeat`` runs, after one warm-up run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "azerbaijan-pakistan-cooperation.txt"


def article_of(words: int) -> str:
    """The seed article's paragraphs, up to ``words`` words (whole paragraphs, then cut at a word)."""
    out, count = [], 0
    for para in SEED.read_text(encoding="utf-8").splitlines()[1:]:  # no title line
        n = len(para.split())
        if count + n > words:
            para = " ".join(para.split()[: words - count])
            n = words - count
        if n:
            out.append(para)
            count += n
        if count >= words:
            break
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()

    from claimpipe.nlp.components.claims.checkworthiness import token_table
    from claimpipe.nlp.components.claims import candidate_sentences
    from claimpipe.nlp.pipeline import CLAIMPIPE_COMPONENTS, build_pipeline

    nlp = build_pipeline()
    text = article_of(args.words)
    claims_pipe = nlp.get_pipe("claimpipe_claims")
    model_pipes = [n for n in nlp.pipe_names if n not in CLAIMPIPE_COMPONENTS and n != "claimpipe_paragraphs"]
    t_model, t_score, t_claims = [], [], []
    for i in range(args.repeat + 1):
        doc = nlp.make_doc(text)
        doc = nlp.get_pipe("claimpipe_paragraphs")(doc)
        t0 = time.perf_counter()
        for name in model_pipes:
            doc = nlp.get_pipe(name)(doc)
        t1 = time.perf_counter()
        for name in ("claimpipe_entities", "claimpipe_dates", "claimpipe_quotes"):
            doc = nlp.get_pipe(name)(doc)
        t2 = time.perf_counter()
        scores = claims_pipe.model.score_many(candidate_sentences(doc), token_table(doc))  # as the component does
        t3 = time.perf_counter()
        claims_pipe(doc)
        t4 = time.perf_counter()
        if i:  # the first run warms up
            t_model.append(t1 - t0)
            t_score.append(t3 - t2)
            t_claims.append(t4 - t3)
    m, s, c = (statistics.median(x) for x in (t_model, t_score, t_claims))
    print(f"article: {len(text.split())} words, {len(scores)} candidate sentences, "
          f"{len(doc._.claimpipe_claims)} claims; model variant {claims_pipe.model.meta['variant']}")
    print(f"spaCy model ({', '.join(model_pipes)}): {m * 1000:.1f} ms (median of {args.repeat})")
    print(f"check-worthiness scoring: {s * 1000:.1f} ms = {100 * s / m:.1f}% of the model")
    print(f"claimpipe_claims component (scoring + kind, modality, source, quantities): "
          f"{c * 1000:.1f} ms = {100 * c / m:.1f}% of the model")


if __name__ == "__main__":
    main()
