"""Train the speaker chooser of direct quotes from PolNeAR train.

``claimpipe train speakers [--config configs/speakers.toml]`` or ``python -m claimpipe.training.speakers
[CONFIG]``. Parses the PolNeAR train articles with the configured spaCy pipeline and runs the quote rules
(the shipped attribution cue model in place, the chooser off). Every direct quote (or mixed one opening with
a quotation mark) that matches a gold direct quote with a Source gives one example per candidate mention
(:func:`claimpipe.nlp.components.quotes.chooser.candidates`), labelled positive when it overlaps the gold
Source (the test ``claimpipe eval polnear`` scores). A logistic regression over hashed features is fitted on
the other articles and scored on each block of consecutive articles in turn (``folds``; the last block is the
last ``heldout_share`` of train, fitted on the first articles); C and the margin are chosen end to end on the
blocks: the best direct speaker accuracy of ``claimpipe eval polnear``'s scoring summed over them (ties: the
larger margin, the one that changes fewer speakers). The model is then refitted on all of train with those settings and written to
``src/claimpipe/models/speakers``. PolNeAR dev is never read. The data are read, never copied.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import numpy as np

from claimpipe.training.attribution import Log, fit_hashed, matrix, polnear_train
from claimpipe.training.checkworthy import read_config

DEFAULT_CONFIG = Path("configs") / "speakers.toml"  # relative to the current folder


def load_config(path: Path = DEFAULT_CONFIG) -> dict:
    """The training config at ``path``, its data and output paths made absolute."""
    return read_config(path, DEFAULT_CONFIG, (("data", "train_dir"), ("output", "dir")))


def _overlaps(span, source: list[tuple[int, int]]) -> bool:
    return span is not None and any(min(span.end_char, b) > max(span.start_char, a) for a, b in source)


def examples(doc, text: str, gold: list) -> tuple[list[list[str]], list[bool]]:
    """The feature lists and labels of the candidate speakers of one parsed article's direct quotes."""
    from claimpipe.evaluate.polnear import spans_match
    from claimpipe.nlp.components.quotes.chooser import quote_examples
    from claimpipe.nlp.components.quotes.extract import speaker_context

    ctx, found = speaker_context(doc)
    direct_gold = [g for g in gold if g.source and g.is_direct(text)]
    feats, labels = [], []
    for f, cands, fs in quote_examples(ctx, found):
        hits = [g for g in direct_gold if spans_match([(f.quote.start, f.quote.end)], g.content)]
        if not hits:
            continue
        source = hits[0].source
        for c, x in zip(cands, fs):
            feats.append(x)
            labels.append(_overlaps(c.span, source))
    return feats, labels


def fit(X, y: np.ndarray, C: float, meta: dict):
    """A :class:`SpeakerModel` (margin 0 until chosen)."""
    from claimpipe.nlp.components.quotes.chooser import SpeakerModel

    return fit_hashed(SpeakerModel, X, y, C, 0.0, meta)


def end_to_end(model, docs: list, articles: list) -> dict:
    """Direct speaker accuracy, direct quote+speaker F1 and all-attribution P/R/F1 of ``claimpipe eval
    polnear``'s scoring with the chooser ``model`` (None: the rules alone) over ``docs``."""
    from claimpipe.evaluate.polnear import ScoreSet, score_article
    from claimpipe.nlp.components.quotes import extract_quotes

    direct, every = ScoreSet(), ScoreSet()
    for doc, article in zip(docs, articles):
        quotes = extract_quotes(doc, speakers=model)
        score_article(article.text, article.gold, quotes, direct_only=True, scores=direct)
        score_article(article.text, article.gold, quotes, direct_only=False, scores=every)
    return {"speaker_accuracy": round(direct.speaker.value, 4), "speaker_correct": direct.speaker.correct,
            "speaker_total": direct.speaker.total, "quote_speaker_F1": round(direct.with_speaker.f1, 4),
            "all_P": round(every.content.precision, 4), "all_R": round(every.content.recall, 4),
            "all_F1": round(every.content.f1, 4)}


def train(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, limit: Optional[int] = None,
          docs: Optional[list] = None, log: Log = print) -> dict:
    """Train as configured (``limit``: only the first N train articles; ``docs``: their parses, if already
    made) and write the model; return its meta."""
    cfg = load_config(config_path)
    mcfg = cfg["model"]
    articles, docs = polnear_train(cfg, limit, docs, log)
    per_doc = [examples(doc, a.text, a.gold) for doc, a in zip(docs, articles)]
    n_fit = int(round(len(articles) * (1 - float(mcfg["heldout_share"]))))
    n_buckets = int(mcfg["n_buckets"])

    n_folds = int(mcfg.get("folds", 1))
    # blocks of consecutive articles, each held out in turn (the last one is the last heldout_share of train)
    if n_folds > 1:
        bounds = [(k * len(articles) // n_folds, (k + 1) * len(articles) // n_folds) for k in range(n_folds)]
    else:
        bounds = [(n_fit, len(articles))]
    totals: dict[tuple[float, float], list[int]] = {}
    rules_total = [0, 0]
    last_block: list[dict] = []
    rules_last: dict = {}
    for lo, hi in bounds:
        X_fit, y_fit = matrix(per_doc[:lo] + per_doc[hi:], n_buckets)
        held_docs, held_articles = docs[lo:hi], articles[lo:hi]
        rules = end_to_end(None, held_docs, held_articles)
        rules_total[0] += rules["speaker_correct"]
        rules_total[1] += rules["speaker_total"]
        log(f"articles {lo}-{hi} held out ({len(y_fit)} candidates to fit, {int(y_fit.sum())} positive); "
            f"rules only: {rules['speaker_correct']}/{rules['speaker_total']}")
        for C in mcfg["C"]:
            model = fit(X_fit, y_fit, float(C), {})
            for margin in mcfg["margins"]:
                model.margin = float(margin)
                figures = end_to_end(model, held_docs, held_articles)
                total = totals.setdefault((float(C), float(margin)), [0, 0])
                total[0] += figures["speaker_correct"]
                total[1] += figures["speaker_total"]
                if hi == len(articles):
                    last_block.append({"C": float(C), "margin": float(margin), **figures})
                log(f"  C {C} margin {margin:.2f}: {figures['speaker_correct']}/{figures['speaker_total']}")
        if hi == len(articles):
            rules_last = rules
    (C_best, margin_best), _ = max(totals.items(), key=lambda kv: (kv[1][0], kv[0][1], -kv[0][0]))
    best = {"C": C_best, "margin": margin_best}
    log(f"rules only: {rules_total[0]}/{rules_total[1]}; chosen C {C_best} margin {margin_best:.2f}: "
        f"{totals[C_best, margin_best][0]}/{totals[C_best, margin_best][1]}")
    X, y = matrix(per_doc, n_buckets)
    meta = {"trained_on": f"PolNeAR train ({len(articles)} articles, {len(y)} candidate speakers, {int(y.sum())} positive)",
            "spacy_pipeline": mcfg["spacy_pipeline"], "n_buckets": n_buckets, "C": best["C"],
            "margin_rule": f"best direct speaker accuracy over {len(bounds)} blocks of consecutive train articles, "
                           f"each held out in turn with the model fitted on the rest; ties: the larger margin",
            "heldout_blocks": [{"C": c, "margin": m, "speaker_correct": t[0], "speaker_total": t[1],
                                "speaker_accuracy": round(t[0] / t[1], 4) if t[1] else 0.0}
                               for (c, m), t in totals.items()],
            "heldout_blocks_rules_only": {"speaker_correct": rules_total[0], "speaker_total": rules_total[1],
                                          "speaker_accuracy": round(rules_total[0] / rules_total[1], 4)
                                          if rules_total[1] else 0.0},
            "last_block": f"articles {bounds[-1][0]}-{len(articles)} (fitted on the first {bounds[-1][0]})",
            "last_block_rules_only": rules_last, "last_block_figures": last_block}
    model = fit(X, y, best["C"], meta)
    model.margin = best["margin"]
    target = Path(out) if out is not None else Path(cfg["output"]["dir"])
    model.save(target)
    log(f"C {best['C']} margin {best['margin']:.2f}: written to {target}")
    return model.meta


def main(argv: Optional[list[str]] = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    train(Path(argv[0]) if argv else DEFAULT_CONFIG)


if __name__ == "__main__":
    main()
