"""What a worker does: hold the spaCy pipeline (loaded once per process) and turn a batch of
:class:`~claimpipe.run.results.Task` into one :class:`~claimpipe.run.results.Outcome` each.

Each runs where the work runs: :func:`load` in the parent before workers are forked from it (or once
per Dask worker), :func:`run_batch` in the worker, for each batch the scheduler sends.
"""

from __future__ import annotations

import gc
from typing import Any, Optional

from claimpipe.run.results import Failed, Notice, Outcome, Processed, Task

# The pipeline of this process (the parent, inherited by forked workers).
_STATE: dict[str, Any] = {}


def load(model: Optional[str], nlp) -> None:
    """Make ``nlp`` (or the pipeline of ``model``, built here) this process's pipeline, unless it already is."""
    if "nlp" not in _STATE or _STATE.get("requested") != (model, id(nlp)):
        from claimpipe.nlp.pipeline import DEFAULT_MODEL, build_pipeline, model_label

        loaded = nlp if nlp is not None else build_pipeline(model or DEFAULT_MODEL)
        _STATE.update(nlp=loaded, label=model_label(loaded), requested=(model, id(nlp)))
        # The model's many long-lived objects need no garbage collection: freezing them keeps the
        # collector's passes short, and keeps forked workers from touching (and copying) their pages.
        gc.collect()
        gc.freeze()


def run_batch(batch: list[Task], *, options: dict) -> list[Outcome]:
    """One outcome per task, in order, with this process's pipeline (see :func:`load`)."""
    nlp, label = _STATE["nlp"], _STATE["label"]
    results: list[Outcome] = []
    _process_into(results, nlp, label, batch, options)
    return results


def _process_into(results: list[Outcome], nlp, label: str, batch: list[Task], options: dict) -> None:
    from claimpipe.nlp.assemble import assemble, check_offsets
    from claimpipe.nlp.faults import faults_of
    from claimpipe.nlp.pipeline import Failure, gc_paused, process

    # this run only: the cut, the check-worthiness tier and the kind decider, when given
    claims_cfg = {k: options[k] for k in ("min_checkworthiness", "checkworthiness", "kinds") if options.get(k) is not None}
    component_cfg = {"claimpipe_claims": claims_cfg} if claims_cfg else None
    for result in process(nlp, [task.article for task in batch], batch_size=len(batch) or 1,
                          component_cfg=component_cfg):
        if isinstance(result, Failure):
            results.append(Failed("extract", result.error, result.message))
            continue
        article, doc = result
        try:
            with gc_paused():  # as while processing (pipeline.gc_paused)
                document, claims = assemble(article, doc, model=label,
                                            min_checkworthiness=options.get("min_checkworthiness"))
                problems = check_offsets(document, claims)
                if problems:  # pragma: no cover - assemble drops inexact mentions; a guard against its own bugs
                    results.append(Failed("extract", "OffsetMismatch", "; ".join(problems[:5])))
                    continue
                warnings = [Notice("read", None, "TextRepaired", w) for w in article.warnings]
                warnings += [Notice("extract", f.component, f.error, f.message) for f in faults_of(doc)]
                results.append(Processed(document.model_dump_json(), [c.model_dump_json() for c in claims], warnings))
        except Exception as exc:  # noqa: BLE001 - recorded as the article's error
            results.append(Failed("extract", type(exc).__name__, str(exc) or repr(exc)))
