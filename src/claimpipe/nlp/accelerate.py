"""Exact, faster stand-ins for two rule-based components of spaCy's English pipelines.

Profiling ``en_core_web_sm`` on news articles shows that after the neural components, the most
expensive steps are rule-based: the ``attribute_ruler`` (its ``Matcher`` tries 179 token patterns at
every token, about 8 ms per 400-token article) and the rule ``lemmatizer`` (a Python call per token,
and for every candidate form a ``form in index`` test against a *list* of up to 57,000 words). Together
they take about a quarter of the stock pipeline's time. Both compute a pure function of a few token
attributes, so they can be computed per distinct value instead of per token:

* :class:`FastAttributeRuler` finds the same matches as the ruler's ``Matcher`` by looking patterns up
  by the first token's ``LOWER``/``TAG``/``ORTH`` value instead of trying each pattern everywhere,
  memoised per distinct row of the attributes the patterns test. When every rule writes only plain
  token attributes (``LEMMA``, ``NORM``, ``POS``, ``TAG``, ``MORPH``, ``DEP``, as in spaCy's English
  pipelines), the final values of each token (the last rule writing an attribute wins, as with the
  ruler's sorted matches) are written in one ``Doc.from_array``; otherwise the matches go through the
  ruler's own ``set_annotations``. It supports fixed-length patterns over ``ORTH``, ``LOWER``, ``TAG``,
  ``POS``, ``DEP``, ``LEMMA``, ``NORM`` and ``IS_*`` flags with plain, ``IN``, ``NOT_IN`` and ``REGEX``
  values; a ruler with any other pattern (an ``OP``, a length or extension predicate) is left as it is.
* :class:`FastLemmatizer` calls the stock ``Lemmatizer.rule_lemmatize`` once per distinct
  ``(ORTH, POS, MORPH)`` (its result depends on nothing else), reading the ``lemma_index`` word lists
  as sets (the same membership answers in constant time), and writes all lemmas in one
  ``Doc.from_array``. Only ``rule`` mode is replaced; a language's own ``rule_lemmatize`` is called
  as it is.

The annotations are identical to the stock components' (``tests/test_accelerate.py`` compares every
token of real articles). :func:`accelerate` swaps them into a loaded pipeline under the same names;
claimpipe's :func:`claimpipe.nlp.pipeline.build_pipeline` does this, so ``nlp.pipe`` with the claimpipe
pipeline runs faster than the stock model would (``benchmarks/bench_extract.py`` reports both).
Each stand-in holds the stock component it stands in for (the pipeline's own, or one its factory makes with
the stock factory's config) and saves, loads and initialises through it: ``nlp.to_disk`` of an accelerated
pipeline and ``spacy.load`` (where claimpipe is installed, for its factories) give the same annotations.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, Optional

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model

from claimpipe.errors import ClaimpipeError

# token attributes a pattern may test (others make the ruler "unsupported" and leave it alone)
_ATTRS = ("ORTH", "LOWER", "TAG", "POS", "DEP", "LEMMA", "NORM")
_FLAGS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM",
          "IS_STOP", "IS_ASCII", "IS_BRACKET", "IS_QUOTE", "IS_CURRENCY", "LIKE_URL", "LIKE_EMAIL")
# the first token's attributes a pattern can be indexed by, most selective first
_INDEX_KEYS = ("ORTH", "LOWER", "NORM", "LEMMA", "TAG", "POS", "DEP")
# token attributes a rule may write for the one-step write (Token.set_struct_attr only, no lexeme attribute)
_WRITABLE = ("LEMMA", "NORM", "POS", "TAG", "MORPH", "DEP")


class Unsupported(ClaimpipeError, ValueError):
    """A pattern this module cannot match exactly."""


def _compile_token(spec: dict, strings) -> list[tuple[int, str, Any]]:
    """One token pattern as ``[(column, kind, value)]``; kind is eq, in, not_in, regex or flag."""
    tests = []
    for key, value in spec.items():
        name = key.upper()
        if name in _FLAGS:
            if not isinstance(value, bool):
                raise Unsupported(f"{key}: {value!r}")
            tests.append((name, "flag", value))
            continue
        if name not in _ATTRS:
            raise Unsupported(f"attribute {key}")
        if isinstance(value, str):
            tests.append((name, "eq", strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op == "IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                tests.append((name, "in", frozenset(strings.add(a) for a in arg)))
            elif op == "NOT_IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                tests.append((name, "not_in", frozenset(strings.add(a) for a in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((name, "regex", re.compile(arg)))
            else:
                raise Unsupported(f"{key}: {value!r}")
        else:
            raise Unsupported(f"{key}: {value!r}")
    return tests


class _Patterns:
    """The patterns of an attribute ruler, indexed by a value their first token must have."""

    def __init__(self, ruler):
        strings = ruler.vocab.strings
        self.columns: list[str] = []
        self.flags: list[str] = []
        # (attr_id, match_id, [token tests, ...]) per pattern, in the ruler's order
        compiled = []
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            match_id = strings.add(key)
            _, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                if not pattern:
                    raise Unsupported("empty pattern")
                tokens = []
                for spec in pattern:
                    if not isinstance(spec, dict) or "OP" in spec or any(k.startswith("_") for k in spec):
                        raise Unsupported(f"token pattern {spec!r}")
                    tokens.append(_compile_token(spec, strings))
                compiled.append((attr_id, match_id, tokens))
        for _, _, tokens in compiled:
            for tests in tokens:
                for name, kind, _ in tests:
                    target = self.flags if kind == "flag" else self.columns
                    if name not in target:
                        target.append(name)
        index = {name: i for i, name in enumerate(self.columns)}
        width = len(self.columns)
        # single-token patterns: their matches at a token depend on its row of values only (memoised);
        # longer ones are looked up by a value their first token must have
        self.by_value: dict[tuple[int, int], list] = {}  # (column, value) -> patterns
        self.anywhere: list = []  # patterns whose first token has no equality test
        for attr_id, match_id, tokens in compiled:
            resolved = [[(index[n] if k != "flag" else width + self.flags.index(n), k, v) for n, k, v in tests]
                        for tests in tokens]
            entry = (attr_id, match_id, resolved)
            first = {n: (k, v) for n, k, v in tokens[0] if k in ("eq", "in")}
            for name in _INDEX_KEYS:
                if name in first:
                    kind, value = first[name]
                    for one in ((value,) if kind == "eq" else value):
                        self.by_value.setdefault((index[name], one), []).append(entry)
                    break
            else:
                self.anywhere.append(entry)
        self.indexed_columns = sorted({c for c, _ in self.by_value})
        self.memo: dict[tuple, tuple] = {}
        from spacy import attrs

        self.attr_ids = [getattr(attrs, name) for name in self.columns + self.flags]  # the row of a token
        # What each rule writes, as (output column, value) pairs: when every rule writes only plain token
        # attributes (never a lexeme's, an extension or an out-of-range token), the final values of a token
        # are those of the last rule that writes each attribute there, and all can be written at once.
        writable = {getattr(attrs, name) for name in _WRITABLE}
        keys = sorted({key for rule in ruler.attrs for key in rule}, key=str)
        self.direct = all(key in writable for key in keys) and all(
            -len(tokens) <= ruler.indices[attr_id] < len(tokens) for attr_id, _, tokens in compiled)
        self.out_ids = keys if self.direct else []
        column = {key: i for i, key in enumerate(self.out_ids)}
        self.writes = [tuple((column[k], v) for k, v in rule.items()) if self.direct else () for rule in ruler.attrs]
        self.offsets = list(ruler.indices)  # the written token, relative to the match's start (mod its length)

    def _plan(self, row: tuple, strings) -> tuple:
        """What may happen at a token with ``row``: ``(singles, multis, fold)``.

        ``singles``: ``(attr_id, match_id)`` of the single-token patterns that match it; ``multis``: the
        longer patterns whose first token matches it (the others not yet tested); ``fold``: the singles'
        writes, applied in the ruler's order (later rules win), as ``(output column, value)`` pairs.
        """
        by_value = self.by_value
        entries = self.anywhere + [e for c in self.indexed_columns for e in by_value.get((c, row[c]), ())]
        singles, multis = [], []
        for entry in entries:
            attr_id, match_id, tokens = entry
            if not _passes(row, tokens[0], strings):
                continue
            if len(tokens) > 1:
                multis.append(entry)
            else:
                singles.append((attr_id, match_id))
        singles.sort()
        plan = (singles, multis, self._fold(attr_id for attr_id, _ in singles))
        if len(self.memo) > 200_000:
            self.memo.clear()
        self.memo[row] = plan
        return plan

    def _fold(self, attr_ids: Iterable[int]) -> tuple:
        final: dict[int, int] = {}
        for attr_id in sorted(set(attr_ids)):
            final.update(self.writes[attr_id])
        return tuple(final.items())

    def _rows_and_plans(self, doc: Doc) -> tuple[list, list]:
        rows = list(map(tuple, doc.to_array(self.attr_ids).tolist()))
        memo, plan, strings = self.memo, self._plan, doc.vocab.strings
        return rows, [memo.get(row) or plan(row, strings) for row in rows]

    def _multi_matches(self, rows: list, plans: list, strings) -> Iterator[tuple[int, int, int, int]]:
        n = len(rows)
        for start, (_, multis, _) in enumerate(plans):
            for attr_id, match_id, tokens in multis:
                end = start + len(tokens)
                if end <= n and all(_passes(rows[start + k], tokens[k], strings) for k in range(1, len(tokens))):
                    yield attr_id, match_id, start, end

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` sorted as :meth:`AttributeRuler.match` sorts them."""
        if not len(doc) or not self.attr_ids:
            return []
        rows, plans = self._rows_and_plans(doc)
        found = [(attr_id, match_id, i, i + 1) for i, (singles, _, _) in enumerate(plans)
                 for attr_id, match_id in singles]
        found.extend(self._multi_matches(rows, plans, doc.vocab.strings))
        found.sort()
        return found

    def annotate(self, doc: Doc) -> None:
        """Write the ruler's annotations into ``doc`` in one ``Doc.from_array`` (only when ``direct``)."""
        if not len(doc) or not self.attr_ids or not self.out_ids:
            return
        rows, plans = self._rows_and_plans(doc)
        extra: dict[int, list[int]] = {}  # token -> rules of longer patterns written there
        offsets = self.offsets
        for attr_id, _, start, end in self._multi_matches(rows, plans, doc.vocab.strings):
            extra.setdefault(start + offsets[attr_id] % (end - start), []).append(attr_id)
        values = doc.to_array(self.out_ids).tolist()
        for i, (singles, _, fold) in enumerate(plans):
            if i in extra:
                fold = self._fold([attr_id for attr_id, _ in singles] + extra[i])
            if fold:
                row = values[i]
                for column, value in fold:
                    row[column] = value
        doc.from_array(self.out_ids, np.array(values, dtype=np.uint64))


def _passes(row: tuple, tests: list, strings) -> bool:
    for column, kind, value in tests:
        if kind == "eq":
            if row[column] != value:
                return False
        elif kind == "in":
            if row[column] not in value:
                return False
        elif kind == "not_in":
            if row[column] in value:
                return False
        elif kind == "regex":
            if not value.search(strings[row[column]]):
                return False
        elif bool(row[column]) != value:  # flag (its column is after the attributes')
            return False
    return True


class _StandIn:
    """What both stand-ins share: the stock component they stand in for (``inner``), through which they save,
    load, initialise and score as it does; ``_reset`` rebuilds what they derive from it."""

    def __init__(self, inner):
        self.wrap(inner)

    def wrap(self, inner) -> None:
        """Stand in for ``inner`` (the pipeline's own component, when :func:`accelerate` swaps it)."""
        self.inner = inner
        self._reset()

    def _reset(self) -> None:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None, **settings) -> None:
        self.inner.initialize(get_examples, nlp=nlp, **settings)
        self._reset()

    def score(self, examples, **kwargs) -> dict:
        return self.inner.score(examples, **kwargs)

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        self.inner.to_disk(path, exclude=exclude)

    def from_disk(self, path, *, exclude: Iterable[str] = ()):
        self.inner.from_disk(path, exclude=exclude)
        self._reset()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.inner.to_bytes(exclude=exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()):
        self.inner.from_bytes(data, exclude=exclude)
        self._reset()
        return self


class FastAttributeRuler(_StandIn):
    """An ``AttributeRuler``'s annotations, its matches found by index instead of by trying every pattern
    (by the ruler itself when it has a pattern :class:`_Patterns` cannot match exactly: ``patterns`` None)."""

    def _reset(self) -> None:
        try:
            self.patterns: Optional[_Patterns] = _Patterns(self.inner)
        except Unsupported:
            self.patterns = None

    def __call__(self, doc: Doc) -> Doc:
        if self.patterns is None:
            return self.inner(doc)
        if self.patterns.direct:
            self.patterns.annotate(doc)
        else:
            self.inner.set_annotations(doc, self.patterns.matches(doc))
        return doc


class FastLemmatizer(_StandIn):
    """A rule ``Lemmatizer``'s lemmas, computed once per distinct ``(ORTH, POS, MORPH)`` and written at once
    (by the lemmatizer itself in another mode)."""

    max_memo = 500_000

    def _reset(self) -> None:
        from spacy.pipeline import Lemmatizer

        self.memo: dict[tuple[int, int, int], int] = {}
        # spaCy's own rule_lemmatize can read its word lists as sets; a language's own rules are used as they are
        self._stock_rules = getattr(type(self.inner), "rule_lemmatize", None) is Lemmatizer.rule_lemmatize
        self._indexed: Optional[_SetIndexed] = None

    def _lemmatize(self, token) -> list[str]:
        """The rule lemmatizer's lemmas of ``token`` (the stock one's with its word lists searched as sets)."""
        inner = self.inner
        if not self._stock_rules:
            return inner.lemmatize(token)
        if self._indexed is None or self._indexed.source is not inner.lookups:  # tables replaced by initialize()
            self._indexed = _SetIndexed(inner)
        return type(inner).rule_lemmatize(self._indexed, token)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        inner = self.inner
        if inner.mode != "rule" or not inner._validated:
            return inner(doc)  # the stock component validates its tables (and raises) on first use
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        todo = range(len(doc)) if inner.overwrite else np.flatnonzero(lemmas == 0).tolist()
        if len(self.memo) > self.max_memo:
            self.memo.clear()
        memo, add = self.memo, doc.vocab.strings.add
        rows = arr.tolist()
        for i in todo:
            o, p, m, _ = rows[i]
            key = (o, p, m)
            lemma = memo.get(key)
            if lemma is None:
                lemma = memo[key] = add(self._lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


class _SetIndexed:
    """What ``Lemmatizer.rule_lemmatize`` reads of its lemmatizer, with the ``lemma_index`` word lists as sets.

    The stock rule lemmatizer tests ``form in index`` against a list of up to 57,000 words for every
    candidate form; the same test against a set gives the same answers in constant time.
    Only membership and truth are asked of these lists, which sets answer alike. Its cache stays empty:
    :class:`FastLemmatizer` keeps its own, bounded memo of the lemmas.
    """

    def __init__(self, lemmatizer):
        from spacy.lookups import Lookups

        self.source = lemmatizer.lookups
        self.is_base_form = lemmatizer.is_base_form
        self.cache = _NoCache()
        self.lookups = Lookups()
        for name in self.source.tables:
            table = self.source.get_table(name)
            if name == "lemma_index":
                table = type(table)(name=name, data={k: (frozenset(v) if isinstance(v, list) else v)
                                                     for k, v in table.items()})
            self.lookups.set_table(name, table)


class _NoCache(dict):
    """A cache that keeps nothing."""

    def __setitem__(self, key, value) -> None:
        pass


def _stock(nlp: Language, factory: str, name: str, **config: Any):
    """The component spaCy's factory ``factory`` makes (the language's own, as ``en.lemmatizer``, when it has one)."""
    from spacy.util import registry

    internal = nlp.get_factory_name(factory)
    return registry.factories.get(internal if internal in registry.factories else factory)(nlp=nlp, name=name, **config)


@Language.factory(
    "claimpipe_fast_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Optional[Callable]) -> FastAttributeRuler:
    """spaCy's ``attribute_ruler`` with this config, run by :class:`FastAttributeRuler`; see :func:`accelerate`."""
    return FastAttributeRuler(_stock(nlp, "attribute_ruler", name, validate=validate, scorer=scorer))


@Language.factory(
    "claimpipe_fast_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "rule", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
)
def make_fast_lemmatizer(nlp: Language, name: str, model: Optional[Model], mode: str, overwrite: bool,
                         scorer: Optional[Callable]) -> FastLemmatizer:
    """The language's ``lemmatizer`` with this config, run by :class:`FastLemmatizer`; see :func:`accelerate`."""
    return FastLemmatizer(_stock(nlp, "lemmatizer", name, model=model, mode=mode, overwrite=overwrite, scorer=scorer))


# the stand-in factory of each stock factory
_STAND_INS = {"attribute_ruler": "claimpipe_fast_attribute_ruler", "lemmatizer": "claimpipe_fast_lemmatizer"}


def _can_stand_in(component) -> bool:
    """The stand-in gives ``component``'s annotations faster: a rule lemmatizer, a ruler with patterns it matches."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    if isinstance(component, Lemmatizer):
        return component.mode == "rule"
    if isinstance(component, AttributeRuler):
        try:
            _Patterns(component)
        except Unsupported:
            return False
        return True
    return False


def accelerate(nlp: Language) -> list[str]:
    """Swap the fast stand-ins in for ``nlp``'s attribute ruler and rule lemmatizer, under the same names.

    Each stand-in wraps the component it replaces, and the pipeline's config names the stand-in's factory
    with the replaced component's settings, so ``nlp.to_disk`` saves it and ``spacy.load`` restores it.
    Returns the names of the components swapped (none when the pipeline has neither, or they use
    features the stand-ins cannot reproduce exactly).
    """
    swapped = []
    for name, component in list(nlp.pipeline):
        stand_in = _STAND_INS.get(nlp.get_pipe_meta(name).factory)
        if stand_in is None or not _can_stand_in(component):
            continue
        config = {key: value for key, value in nlp.get_pipe_config(name).items() if key != "factory"}
        nlp.replace_pipe(name, stand_in, config=config)
        nlp.get_pipe(name).wrap(component)
        swapped.append(name)
    return swapped
