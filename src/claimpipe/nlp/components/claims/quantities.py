"""Quantities: money, percentages and counts in a span, normalised.

``$100 million`` -> 100000000 USD (money); ``28%``/``50 percent`` -> 28/50 % (percent);
``four India-produced radars`` -> 4 radar (count, unit = the lemma of the counted noun).
Numbers come from the model's MONEY / PERCENT / CARDINAL / QUANTITY entities and from number tokens outside any
entity; numbers that belong to dates, times, ordinals or names (``MiG-21``, ``AMAN-2013``) are not quantities.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from claimpipe.nlp.components.claims.amount_context import (
    DEFINITE_OR_BOTH, GLUED_METRES, after_age_of, attendance, change_from_to, change_then_level, chart_position,
    digit_magnitude, event_partner, event_phrase, exchange_rate, glued_million, index_reading, life_event_age,
    multiplier, names_event, past_mass_noun, price_level, ranking_or_idiom, rate_abbreviation, spell_adjective,
    unit_after, weight_pounds, world_ranking, year_before_noun,
)
from claimpipe.nlp.components.claims.amount_names import (
    adjectival_or_named, bare_shares, multiples, point_fractions, referred_span, single_count, verb_period)
from claimpipe.nlp.components.claims.numbers import (  # noqa: F401 - parse_number is this module's API too
    ABBREVIATIONS, CURRENCY_SYMBOLS, FRACTIONS, GLUED, SCALES, UNITS, amount_of, counted_noun,
    currency_code, currency_of, currency_word, glued_to_name, number_like, parse_number, widen,
)
from claimpipe.nlp.components.paragraphs import token_positions
from claimpipe.schema import Quantity


# A count needs a countable head: these are what a number may be instead.
IDIOMS = frozenset([  # (number, the word glued to it or after it): idioms and adjectival numbers
    ("two", "bit"), ("zero", "tolerance"), ("one", "sided"), ("one", "off"), ("one", "way"), ("two", "way"),
    ("one", "time"), ("one", "man"), ("one", "horse"), ("one", "stop"), ("one", "size"), ("two", "faced"),
    ("one", "liner"), ("two", "tier"), ("one", "armed"), ("one", "track"), ("two", "pronged"), ("one", "party"),
    ("two", "speed"), ("one", "nil"), ("zero", "sum"), ("one", "on"), ("number", "one"), ("one", "thing"),
])
LABEL_NOUNS = frozenset([  # "number eight", "chapter 11", "No 10": the number names, it does not count
    "number", "no", "no.", "chapter", "page", "article", "section", "clause", "room", "platform", "gate", "channel",
    "route", "flight", "level", "grade", "category", "class", "division", "track", "episode", "series", "round",
    "stage", "game", "match", "hole", "lap", "seed", "bus", "world", "type", "version", "phase", "tier", "band",
])
STAGE_WORDS = frozenset(["last", "top", "final", "first", "best", "big", "bottom", "magnificent", "famous"])  # "the last four"
ARGUMENT_DEPS = frozenset(["nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative", "oprd", "npadvmod"])
NAME_LABELS = frozenset(["ORG", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "PERSON", "NORP", "GPE", "LOC"])
MEASURE_UNITS = frozenset([
    "yard", "metre", "meter", "mile", "km", "kilometre", "kilometer", "m", "cm", "mm", "foot", "feet", "inch", "kg",
    "kilogram", "kilo", "gram", "g", "tonne", "ton", "litre", "liter", "gallon", "barrel", "acre", "hectare",
    "degree", "mph", "kph", "watt", "megawatt", "kwh", "ounce", "lb", "calorie", "square", "cubic", "ft", "yd", "oz",
    "lbs"])
TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night"])
# a number before one of these states a duration (a race or lap time, a delay), not an amount
DURATION_WORDS = TIME_UNITS | frozenset(["sec", "secs", "min", "mins", "hr", "hrs"])
PERIODS, SEQUENCE_WORDS = frozenset(["quarter", "season", "term"]), frozenset(["consecutive", "successive", "straight"])
PER_WORDS = frozenset(["a", "an", "per", "each", "every"])
RATE_NOUNS = frozenset([
    "year", "month", "week", "day", "hour", "minute", "second", "annum", "head", "person", "capita",
    "barrel", "tonne", "ton", "litre", "gallon", "kilo", "kg", "unit", "night", "game", "match", "season", "quarter",
    "mile", "km", "pupil", "patient", "household", "employee", "worker", "passenger", "ticket", "copy", "minute",
    "pound", "ounce", "lb",  # "$7.45 a pound" (of copper)
])
PLURAL_SCALES = {"dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
                 "billions": 1e9, "trillions": 1e12}
LOWER_WORDS = (("more", "than"), ("over",), ("at", "least"), ("above",), ("upwards", "of"), ("in", "excess", "of"),
               ("at", "least"), ("exceeding",))
UPPER_WORDS = (("less", "than"), ("fewer", "than"), ("under",), ("below",), ("at", "most"), ("no", "more", "than"),
               ("as", "much", "as"), ("as", "many", "as"))
APPROX_WORDS = (("about",), ("around",), ("nearly",), ("almost",), ("roughly",), ("approximately",), ("some",),
                ("an", "estimated"), ("estimated",), ("circa",), ("up", "to"))


def _not_an_amount(tokens: list[Token], amount: float) -> bool:
    """'one of the features', 'one agreement' (a determiner, not a count), 'the two states' (a reference), 'per
    thousand' (the denominator of a rate)."""
    first = tokens[0]
    doc = first.doc
    words = [t.lower_ for t in tokens]
    if amount == 1 and all(w in ("one", "a", "an") for w in words):
        last = tokens[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        # "leaves one son", "slipped one place", "one more rate hike": 'one' with its countable head is a count
        return not (words == ["one"] and single_count(last, nxt))
    prev = doc[first.i - 1].lower_ if first.i > 0 else ""
    return prev == "per" or first.is_alpha and prev in DEFINITE_OR_BOTH and amount < 100 and referred_span(tokens)


def _number_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens that write the number (digits, number words, scales, fractions), not its unit or modifiers."""
    out = []
    for k, t in enumerate(tokens):
        low = t.lower_.rstrip(".")
        if not out and not (t.like_num or low in FRACTIONS or low in UNITS or _GLUED_NUMBER.match(t.lower_)):
            continue  # a scale word alone ('m' of '4x100m') is no number
        if not out and low in ("a", "an") and not (k + 1 < len(tokens) and (
                tokens[k + 1].lower_ in SCALES or tokens[k + 1].lower_ in FRACTIONS)):
            continue  # the article of 'a little under $3bn', not of 'a million'
        if t.like_num or low in SCALES or low in FRACTIONS or low in UNITS or GLUED.match(t.text) and any(
                c.isdigit() for c in t.text) or (out and low in ("and", "-", "a")):
            out.append(t)
        elif out:
            break
    while out and out[-1].lower_ in ("and", "-", "a"):
        out.pop()
    return out


_PERSON_PRONOUNS = frozenset("i you he she we they".split())
_PEOPLE = frozenset("child kid pupil boy girl adult people person teenager baby woman man player".split())
_ORDINAL = re.compile(r"^\d[\d,]*(st|nd|rd|th)$", re.I)


def _age(nums: list[Token]) -> bool:
    """An age: "at the age of 71", "aged 66", "when she was just 15" (a number a person is)."""
    first, last = nums[0], nums[-1]
    doc = first.doc
    before = [t.lower_ for t in doc[max(0, first.i - 2):first.i]]
    if before[-1:] == ["aged"] or after_age_of(first) or (
            first.i > 0 and doc[first.i - 1].lemma_.lower() == "turn" and doc[first.i - 1].pos_ == "VERB" and (
            last.i + 1 >= len(doc) or doc[last.i + 1].pos_ != "NOUN")) or (before[-1:] in (["under"], ["over"]) and (
            before[0] == "aged" or doc[first.i - 2].lemma_.lower() in _PEOPLE) and len(before) == 2 and (
            last.i + 1 >= len(doc) or doc[last.i + 1].pos_ != "NOUN")):
        return True  # "children under five", "pupils aged over 11": an age, not a count
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before[-1:] == [","] and first.i > 1 and doc[first.i - 2].pos_ == "PROPN" and first.like_num \
            and first.text.isdigit() and nxt is not None and nxt.text in (",", ")", ";") and len(nums) == 1:
        return True  # "follows Adrian, 13, on ...": a number set off after a name is an age
    head = last.head
    return life_event_age(nums) or last.dep_ in ("attr", "acomp") and head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in _PERSON_PRONOUNS) for c in head.children)


_MONTHS = frozenset("january february march april may june july august september october november december".split())


def _code_or_rank(nums: list[Token]) -> bool:
    """A phone number or code ("0845 8 505 505": digits with a leading zero, or a run of bare numbers), a seeding
    or ranking ("seeded three", "ranked 12"), or a day in a list before its month ("on 14, 20 and 27 April")."""
    first, last = nums[0], nums[-1]
    doc = first.doc
    if any(_code(t) for t in nums) or (first.i > 0 and doc[first.i - 1].lower_ in ("seeded", "ranked")):
        return True
    if last.text.isdigit() and int(last.text) <= 31:
        k = last.i + 1
        while k + 1 < len(doc) and doc[k].text in (",", "and", "or") and doc[k + 1].text.isdigit():
            k += 2
        return k < len(doc) and doc[k].lower_ in _MONTHS and k > last.i + 1
    return False


def _code(tok: Token) -> bool:
    """Digits of a phone number or a code: a leading zero ("0845"), or bare digits next to other bare digits
    ("8 505 505")."""
    doc = tok.doc
    if not tok.text.isdigit():
        return False
    return tok.text.startswith("0") and len(tok.text) >= 3 or any(
        0 <= k < len(doc) and doc[k].text.isdigit() for k in (tok.i - 1, tok.i + 1))


def _year_shaped(nums: list[Token]) -> bool:
    """A year the date tagger left ("the 2003 fiscal year"): four digits from 1900 to 2099, not counting a
    plural noun after them ("2000 people" counts)."""
    if len(nums) != 1 or not re.fullmatch(r"(19|20)\d\d", nums[0].text):
        return False
    head = nums[0].head
    return not (head.i > nums[0].i and head.tag_ == "NNS")


def _ordinal(nums: list[Token]) -> bool:
    """An ordinal ("the 12th time", "a third week"; not "a third of the votes")."""
    last = nums[-1]
    doc = last.doc
    if any(_ORDINAL.match(t.text) for t in nums):
        return True
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return last.lower_ in ("third", "fourth", "fifth") and nxt is not None and nxt.pos_ == "NOUN" \
        and nxt.lower_ not in ("of",)


def _countable(nums: list[Token]) -> bool:
    """A count needs a countable head: 'six players' (a common noun it counts), or a number standing for one
    ('fell to 77,000', 'a squad of 31'); not a name ('Six Nations', 'number eight', 'chapter 11'), an idiom
    ('two-bit', 'zero tolerance', 'the last four') or a noun of place ('Ireland's half')."""
    first, last = nums[0], nums[-1]
    doc = last.doc
    if any(t.lower_ in SCALES and t.lower_ not in ("m", "b", "k") for t in nums[1:]):
        return True  # "five million": an amount whatever it counts
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    after = doc[last.i + 2] if nxt is not None and nxt.text == "-" and last.i + 2 < len(doc) else nxt
    if after is not None and (last.lower_, after.lower_) in IDIOMS:
        return False
    if nxt is not None and nxt.text == "-" and not last.whitespace_ and after is not None and (
            after.pos_ in ("ADJ", "VERB") or after.lemma_.lower() in TIME_UNITS
            or (after.i + 1 < len(doc) and doc[after.i + 1].text == "-" and not after.whitespace_)):
        return False  # "one-sided", "two-faced", "two-hour", "21-year-old": an adjective, not a count
    if last.is_alpha and nxt is not None and nxt.text == "-" and not last.whitespace_ and after is not None \
            and not nxt.whitespace_ and (after.tag_ == "NN" or after.lower_ in ("times", "fold")) and not after.like_num:
        return False  # "a three-judge panel", "the four-times champion", "half-time": a number word glued to a
        # singular noun makes a word of it (digits stay amounts: "a 10-point lead", "a 13-date tour")
    if attendance(nums):
        return True  # "Att: 31,207": the crowd
    if _age(nums) or _year_shaped(nums) or _ordinal(nums) or _code_or_rank(nums) or year_before_noun(nums) \
            or ranking_or_idiom(nums) or spell_adjective(nums) or chart_position(nums) or adjectival_or_named(nums) \
            or world_ranking(nums):
        return False
    if last.head.i > last.i and (last.head.lemma_.lower() in TIME_UNITS or (last.head.lemma_.lower() in PERIODS and any(
            t.lower_ in SEQUENCE_WORDS for t in doc[last.i + 1:last.head.i]))) and (nxt is None or nxt.lower_ in (
            "or", "to", "and") or not any(t.like_num for t in doc[last.i + 1:last.head.i])):
        return False  # "for two or three weeks", "five tense minutes", "two consecutive quarters": a duration
        # (not "up from 440,000 six months earlier", whose months have their own number)
    if first.i > 0 and doc[first.i - 1].lower_ in ("top", "bottom") and doc[first.i - 1].pos_ != "VERB":
        return False  # "the top 20", "a top 10 hit": a ranking band, not an amount
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and (prev.lower_ in LABEL_NOUNS or (prev.lower_, first.lower_) in IDIOMS):
        return False  # "number eight", "chapter 11", "seed two"
    if first.is_alpha and first.is_title and first.i > 0 and not doc[first.i].is_sent_start:
        return False  # "Six Nations", "Formula One": a number word capitalised inside a sentence is a name
    if nxt is not None and nxt.pos_ != "ADJ" and (nxt.lower_.rstrip(".") in DURATION_WORDS
                                                 or nxt.lemma_.lower() in TIME_UNITS):
        return False  # "in 21.72 secs", "2 mins", "3 hrs": a duration (the dates tagger takes "6.56 seconds");
        # not "three second-half goals"
    if len(nums) == 1 and re.fullmatch(r"\d+\.\d+", first.text) and counted_noun(nums) is None \
            and _rate(nums, None) is None:
        return False  # "finished fifth in 7.35", "a record of 12.37", "the index fell to 51.8": a count is whole; a
        # bare decimal with no noun is a time, a mark or a level ("141.60 per euro" stays a rate)
    if first.is_alpha and first.is_title and first.is_sent_start and last.dep_ in ("nsubj", "nsubjpass") \
            and _named_elsewhere(first):
        return False  # "Five said ...": the subject is the name the text uses inside its sentences (channel Five)
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ not in ("a", "an", "all", "every", "each")) for c in last.children):
        return False  # "Ireland's half", "the last four"
    if any(c.dep_ == "amod" and c.lower_ in STAGE_WORDS for c in last.children):
        return False
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i > last.i:
        if head.pos_ == "NOUN" or (head.pos_ not in ("PROPN", "NUM") and head.dep_ in ARGUMENT_DEPS):
            return True  # "six players"; "matches" tagged as a verb but an object
        if head.pos_ == "PROPN" and head.tag_ == "NNPS":
            return True  # "eight Grammy Awards": a plural name counts its members
        if head.pos_ == "PROPN":  # "70 Hong Kong ... stars": a name inside the counted phrase
            h = head
            while h.dep_ == "compound" and h.head.i > h.i and h.head.pos_ == "PROPN":
                h = h.head
            return h.dep_ in ("compound", "nmod", "amod") and h.head.i > h.i and (
                h.head.pos_ == "NOUN" or (h.head.pos_ != "PROPN" and h.head.dep_ in ARGUMENT_DEPS))
        return False
    if last.dep_ == "appos" and (head.ent_type_ == "PERSON" or head.pos_ == "PROPN"):
        return False  # "Mr Tanzi, 66,", "Gatlin, 22,": an age
    return last.dep_ in ARGUMENT_DEPS


def _named_elsewhere(tok: Token) -> bool:
    """The capitalised number word ``tok`` stands alone as a name elsewhere in its text, inside a sentence
    ("broadcaster Nine", "wrote to Nine"; not "Six Nations", "Formula One", which only name with their noun)."""
    for t in (tok.doc[i] for i in token_positions(tok.doc)[tok.text]):
        if t.i != tok.i and not t.is_sent_start and t.dep_ != "compound" \
                and not any(c.dep_ == "compound" for c in t.children) \
                and (t.pos_ == "PROPN" or t.ent_type_ in NAME_LABELS or t.dep_ in ARGUMENT_DEPS):
            return True
    return False


def _bound(tokens: list[Token]) -> Optional[str]:
    """lower ('more than 250'), upper ('below 20%') or approximate ('about 100') from the words before the number."""
    doc = tokens[0].doc
    first = next((t for t in tokens if t.like_num or GLUED.match(t.text) or t.lower_ in CURRENCY_SYMBOLS), tokens[0])
    before = [t.lower_ for t in doc[max(0, first.i - 3):first.i] if t.lower_ not in CURRENCY_SYMBOLS]
    for words, bound in ((LOWER_WORDS, "lower"), (UPPER_WORDS, "upper"), (APPROX_WORDS, "approximate")):
        for w in words:
            if tuple(before[-len(w):]) == w:
                return bound
    return None


def _rate(tokens: list[Token], counted_at: Optional[int]) -> Optional[str]:
    """The denominator of a rate: 'a year' after '70 million passengers', 'an hour' after '£5', 'per barrel', 'per 1,000'."""
    doc = tokens[0].doc
    i = past_mass_noun(doc, max(tokens[-1].i, counted_at if counted_at is not None else -1) + 1, PER_WORDS)
    if i + 1 < len(doc) and doc[i].lower_ in PER_WORDS:
        noun = doc[i + 1]
        after = doc[i + 2].lower_ if i + 2 < len(doc) else ""
        if after in ("earlier", "ago", "before", "later", "on") and noun.lemma_.lower() in TIME_UNITS:
            return None  # "6.3bn kronor a year earlier": a date, not a denominator ("$40 a barrel on Monday" is one)
        if (noun.pos_ == "NOUN" or noun.like_num) and (doc[i].lower_ == "per" or noun.lemma_.lower() in RATE_NOUNS) and not (
                currency_word(noun) and not currency_of(tokens)) and noun.lemma_.lower() != "share":  # "141.60 per
            return noun.lemma_.lower()  # euro": a price of a currency; "40 cents a share": a price, money
    return verb_period(tokens)  # "Some 5,000 films are made ... each year"


def _head_index(nums: list[Token]) -> Optional[int]:
    last = nums[-1]
    if last.dep_ in ("nummod", "quantmod", "compound") and last.head.i > last.i and last.head.pos_ == "NOUN":
        return last.head.i
    return None


_FULL_STOP_GLUED = frozenset(ABBREVIATIONS) | {"km"}  # "£600m." / "5km.": the sentence's full stop glued to them


def _make(span_tokens: list[Token], kind: str, amount: float, unit: Optional[str], **extra) -> Quantity:
    span = span_tokens[0].doc[span_tokens[0].i : span_tokens[-1].i + 1]
    text, end = span.text, span.end_char
    if text.endswith(".") and span[-1].lower_.rstrip(".") in _FULL_STOP_GLUED:
        text, end = text[:-1], end - 1  # the sentence's full stop, glued to "m."
    extra = {k: v for k, v in extra.items() if v is not None}
    return Quantity(text=text, start=span.start_char, end=end, kind=kind, amount=amount, unit=unit, **extra)


def _number_or_currency(span: Span) -> list[int]:
    """Indices of the span's tokens that look like a number or are a currency symbol, in order."""
    import numpy as np
    from spacy.attrs import LIKE_NUM, LOWER

    if not len(span):
        return []
    strings = span.doc.vocab.strings
    rows = span.doc.to_array([LOWER, LIKE_NUM])[span.start:span.end]
    lowers, inverse = np.unique(rows[:, 0], return_inverse=True)
    currency = np.array([strings[h] in CURRENCY_SYMBOLS or strings[h] in PLURAL_SCALES
                         or bool(_GLUED_NUMBER.match(strings[h])) for h in lowers.tolist()], dtype=bool)
    return (np.flatnonzero(currency[inverse] | (rows[:, 1] != 0)) + span.start).tolist()


_GLUED_NUMBER = re.compile(r"^(?:[a-z]{2}\$\d[\d.,]*(?:bn|m|mn|k|tn)?|\d[\d.,]*(?:bn|m|mn|k|tn|km|cm|mm|p))\.?$")  # "hk$327"


_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                 "fifths": 5, "tenth": 10, "tenths": 10}


def _fraction_after(tok: Token) -> Optional[int]:
    """The denominator of 'two-thirds', 'three-quarters' when ``tok`` is its numerator."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ and not doc[tok.i + 1].whitespace_:
        return _DENOMINATORS.get(doc[tok.i + 2].lower_)
    return None


def _date_tokens(span: Span) -> Optional[set[int]]:
    """Indices of the doc's tokens inside a date, time or duration (claimpipe's dates; None when not set)."""
    dates = span.doc._.claimpipe_dates
    if dates is None:
        return None
    out: set[int] = set()
    for d in dates:
        if d.end <= span.start_char or d.start >= span.end_char:
            continue
        cs = span.doc.char_span(d.start, d.end, alignment_mode="expand")
        if cs is not None:
            out.update(range(cs.start, cs.end))
    return out


def _vague(doc, i: int) -> Optional[tuple[list[Token], float, Optional[str], Optional[int]]]:
    """'billions of pounds', 'hundreds of millions of pounds', 'tens of thousands of people': the tokens, the lower
    bound (the product of the scales it names: 'tens of thousands' is at least 10 x 1,000), the currency or None,
    and the index of the head noun."""
    t = doc[i]
    if t.lower_ not in PLURAL_SCALES or i + 1 >= len(doc) or doc[i + 1].lower_ != "of":
        return None
    amount, start = PLURAL_SCALES[t.lower_], i
    qualifier = digit_magnitude(doc, i)  # "double-digit millions": at least ten million
    if qualifier is not None:
        start, amount = qualifier[0], amount * qualifier[1]
    j = i + 2
    while j + 1 < len(doc) and doc[j].lower_ in PLURAL_SCALES and doc[j + 1].lower_ == "of":
        amount *= PLURAL_SCALES[doc[j].lower_]
        j += 2
    if j < len(doc) and doc[j].lower_ in PLURAL_SCALES:  # "tens of thousands" with no noun after
        amount *= PLURAL_SCALES[doc[j].lower_]
        return list(doc[start:j + 1]), amount, None, None
    while j < len(doc) and (doc[j].pos_ in ("ADJ", "DET") or doc[j].tag_ in ("PRP$", "HYPH")) and j < i + 8:
        j += 1
    if j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN"):
        noun = doc[j]
        currency = currency_code(noun)
        return list(doc[start:j + 1]), amount, currency, j
    return None


def _pair(doc, i: int, n: int) -> Optional[tuple[str, list[Token], float, float]]:
    """A ratio ('eight to one', '3:1', 'one in five') or a range ('between 5 and 10', 'from 20 to 30', '20 to 30',
    '5-10%') starting at number token ``i``: (kind, tokens, first, second)."""
    a = doc[i]
    m = re.match(r"^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$", a.text)
    if m:
        return "ratio", [a], float(m.group(1)), float(m.group(2))
    # the first number may carry its unit ("between 3% and 6%", "from 30% to 29%", "£5m to £8m")
    unit = 1 if i + 1 < n and doc[i + 1].lower_ in ("%", "percent") else 0
    if i + 2 + unit >= n:
        return None
    mid, b = doc[i + 1 + unit], doc[i + 2 + unit]
    if b.lower_ in CURRENCY_SYMBOLS and i + 3 + unit < n and not b.whitespace_:
        b = doc[i + 3 + unit]  # "£5m to £8m"
    if not number_like(b) or unit and not (b.i + 1 < n and doc[b.i + 1].lower_ == doc[i + 1].lower_):
        return None  # "22% to 449,603": no range unless both have the unit
    x, y = amount_of([a]), amount_of([b])
    if x is None or y is None:
        return None
    prev = doc[i - 1].lower_ if i > 0 else ""
    if mid.lower_ == "to" and prev != "up" and not (change_then_level(doc, i) or change_from_to(doc, i)):  # two amounts
        context = {t.lower_ for t in doc[max(0, i - 4):i]}
        if not unit and (y == 1 or context & {"ratio", "odds"}):
            return "ratio", [a, mid, b], x, y
        if y > x:
            start = i - 1 if prev == "from" else i
            return "range", list(doc[start:b.i + 1]), x, y
    if mid.lower_ == "in" and a.lower_ == "one" and y > 1 and not unit:
        return "ratio", [a, mid, b], x, y  # "one in five"
    if mid.lower_ == "and" and prev == "between" and y > x:
        return "range", list(doc[i - 1:b.i + 1]), x, y
    if mid.lower_ == "or" and y > x and not unit and a.is_alpha == b.is_alpha and prev not in LABEL_NOUNS:
        return "range", list(doc[i:b.i + 1]), x, y  # "one or two more goals", "10 or 12 days"
    if mid.text == "-" and not a.whitespace_ and not mid.whitespace_ and y > x and i + 3 < n and (
            doc[i + 3].lower_ in ("%", "percent") or doc[i - 1].lower_ in CURRENCY_SYMBOLS):
        return "range", [a, mid, b], x, y  # "5-10%", "$5-10"
    return None


def extract_quantities(span: Span) -> list[Quantity]:
    """Money, percentages, counts, measures, rates, ratios and ranges stated in ``span``, in text order."""
    doc = span.doc
    in_date = _date_tokens(span)

    def dated(t: Token) -> bool:
        return t.i in in_date if in_date is not None else t.ent_type_ in ("DATE", "TIME")

    used: set[int] = set()
    candidates = _number_or_currency(span)
    # vague magnitudes, ratios and ranges first: they span several numbers
    out = _spanning_quantities(span, candidates, used, dated)
    out.extend(_fractions_of(span, used))
    for toks, label in _number_groups(span, candidates, used):
        quantity = _group_quantity(doc, toks, label, used, dated)
        if quantity is not None:
            out.append(quantity)
    return sorted(out, key=lambda q: q.start)


_NUMERATORS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}


def _fractions_of(span: Span, used: set[int]) -> list[Quantity]:
    """A share written in words before "of": "a third of their value", "two fifths of the seats" (a ratio); not
    "the first quarter of 2005" nor "a quarter of a point" (a percentage, read before)."""
    doc = span.doc
    out = []
    for t in span:
        k = t.i
        if t.lower_ not in _DENOMINATORS or k == 0 or k + 2 >= len(doc) or doc[k + 1].lower_ != "of":
            continue
        prev, after = doc[k - 1], doc[k + 2]
        if prev.lower_ not in _NUMERATORS or (t.lower_ == "half" and prev.lower_ not in ("a", "one")) or \
                after.like_num or used & {k - 1, k}:
            continue
        share = _NUMERATORS[prev.lower_] / _DENOMINATORS[t.lower_]
        scale = doc[k + 3] if after.lower_ in ("a", "an") and k + 3 < len(doc) else None
        if scale is not None and scale.lower_ in ("thousand", "million", "billion") and k + 3 not in used:
            used.update(range(k - 1, k + 4))  # "a quarter of a million buyers": a count
            out.append(_make(list(doc[k - 1:k + 4]), "count", share * SCALES[scale.lower_], counted_noun([scale])))
        elif after.lower_ not in ("a", "an"):  # "a quarter of a percentage point" is read with its unit
            used.update((k - 1, k))
            out.append(_make([prev, t], "ratio", share, None))
    return out + point_fractions(span, used, _make) + multiples(span, used, _make) + bare_shares(span, used, _make)


def _spanning_quantities(span: Span, candidates: list[int], used: set[int], dated) -> list[Quantity]:
    """Vague magnitudes ("billions of pounds"), ratios and ranges, which span several numbers; marks their
    tokens in ``used``."""
    doc = span.doc
    n = len(doc)
    out: list[Quantity] = []
    for i in candidates:
        if i in used:
            continue
        vague = _vague(doc, i)
        if vague is not None:
            toks, amount, currency, head = vague
            used.update(t.i for t in toks)
            if currency:
                out.append(_make(toks, "money", amount, currency, bound="lower"))
            else:
                out.append(_make(toks, "count", amount, doc[head].lemma_.lower() if head is not None else None,
                                 bound="lower"))
            continue
        if not number_like(doc[i]) and ":" not in doc[i].text or dated(doc[i]):
            continue  # a glued number may start a range: "$4.2bn to $4.35bn"
        pair = _pair(doc, i, min(n, span.end))
        if pair is None or any(t.i in used or dated(t) or _code(t) for t in pair[1]):
            continue
        if pair[0] == "ratio" and glued_to_name(doc[i]):
            continue  # "a 2-1 decision", "3:1" inside a code
        kind, toks, x, y = pair
        toks = widen(toks)
        if toks[-1].i + 1 < n and doc[toks[-1].i + 1].lower_ in ("%", "percent"):
            toks.append(doc[toks[-1].i + 1])  # "5-10%", "5 to 10 percent"
        used.update(t.i for t in toks)
        text_low = " ".join(t.lower_ for t in toks)
        unit = "%" if "%" in text_low or "percent" in text_low else currency_of(toks)
        if unit is None:
            unit = counted_noun([toks[-1]])
        if kind == "ratio":
            out.append(_make(toks, "ratio", x / y, None))
        else:
            out.append(_make(toks, "range", x, unit, upper=y))
    return out


def _with_fraction(doc, toks: list[Token]) -> list[Token]:
    """'two' 'and a half' 'million': a number, its fraction and the scale after them are one amount (2.5 million);
    the group unchanged when no scale follows the fraction."""
    end = toks[-1].i + 1
    words = [t.lower_ for t in doc[end:end + 4]]
    if len(words) == 4 and words[0] == "and" and words[1] in ("a", "an") and words[2] in FRACTIONS \
            and words[3] in SCALES and words[3] not in ("m", "b", "k") and toks[-1].like_num:
        return toks + list(doc[end:end + 4])
    return toks


def _number_groups(span: Span, candidates: list[int], used: set[int]) -> list[tuple[list[Token], str]]:
    """The token groups that may state one amount: numeric entities, then lone numbers and glued currency
    amounts ("$280bn") outside them, in text order."""
    doc = span.doc
    n = len(doc)
    groups: list[tuple[list[Token], str]] = []
    for ent in span.ents:
        if ent.label_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
            groups.extend((_with_fraction(doc, part), ent.label_) for part in _split_amounts(list(ent)))
    grouped = {t.i for g, _ in groups for t in g}  # tokens of the entities above (a set: no pass per candidate)
    for i in candidates:
        tok = doc[i]
        if i in used or i in grouped:
            continue
        if tok.lower_ in CURRENCY_SYMBOLS:
            nxt = doc[tok.i + 1] if tok.i + 1 < n else None
            if nxt is not None and nxt.text[:1].isdigit() and not tok.whitespace_:  # "$280bn" not tagged MONEY
                groups.append(([tok, nxt], "MONEY"))
                grouped.update((tok.i, nxt.i))
            continue
        if (tok.ent_type_ in NAME_LABELS and not _GLUED_NUMBER.match(tok.lower_)) or (
                tok.ent_type_ == "ORDINAL" and not _GLUED_NUMBER.match(tok.lower_)):  # "320p" tagged a product
            continue
        toks = _with_fraction(doc, [tok])
        if tok.lower_ in _WORD_SCALES and i >= 2 and doc[i - 1].lower_ in ("a", "an") and doc[i - 2].lower_ == "half" \
                and not used & {i - 2, i - 1}:
            toks = list(doc[i - 2:i]) + toks  # "half a million people" the tagger left: half of the scale
        groups.append((toks, "NUMBER"))
        grouped.update(t.i for t in toks)
    groups.sort(key=lambda g: g[0][0].i)
    return groups


_WORD_SCALES = frozenset(["hundred", "thousand", "million", "billion", "trillion"])
_LENGTHS = frozenset(["m", "km", "metre", "meter", "kilometre", "kilometer", "mile", "yard"])


def _split_amounts(tokens: list[Token]) -> list[list[Token]]:
    """An entity that states two amounts ("30% to 29%", "4.3% and 4.2%") as one group per amount: cut at "to",
    "and" or "or" between two numbers written in digits (a range stated so was taken before, by :func:`_pair`)."""
    parts, current = [], []
    for k, t in enumerate(tokens):
        if t.lower_ in ("to", "and", "or") and any(c.isdigit() for x in current for c in x.text) \
                and any(c.isdigit() for x in tokens[k + 1:] for c in x.text):
            parts.append(current)
            current = []
            continue
        current.append(t)
    parts.append(current)
    for p in parts:
        while p and p[-1].lower_ in ("to", "and", "or", "("):
            p.pop()  # an entity cut after its connector: "40% to" | "38%"; or its bracket: "97p (" | "$1.87"
    return [p for p in parts if p]


def _group_quantity(doc, toks: list[Token], label: str, used: set[int], dated) -> Optional[Quantity]:
    """The quantity one group states, or None when it states none (a name, a date, an idiom, no countable
    head); marks the tokens it takes in ``used``."""
    n = len(doc)
    toks = widen(toks)
    if any(t.i in used for t in toks):
        return None
    nums = _number_tokens(toks)
    if len(nums) > 2 and nums[-2].text == "-" and nums[-1].lower_ in _DENOMINATORS:
        nums = nums[:-2]  # "one-fifth" as one entity: its numerator (the fraction after it is read below)
    if not nums or any(glued_to_name(t) for t in nums if t.like_num and _fraction_after(t) is None) or any(dated(t) for t in nums):
        return None
    text_low = " ".join(t.lower_ for t in toks)
    currency = currency_of(toks) or (exchange_rate(nums) or price_level(nums) if label != "MONEY" else None)
    weight = amount_of(toks) if currency == "GBP" and weight_pounds(toks) else None
    if weight is not None:  # "a cargo of 900 pounds (410kg)": a weight
        used.update(t.i for t in toks)
        return _make(toks, "other", weight, "lb", bound=_bound(toks))
    if not currency and label != "MONEY" and any(t.ent_type_ in NAME_LABELS for t in nums):
        return None  # "the Six Nations", "Boeing 737"
    percent = label == "PERCENT" or "%" in text_low or "percent" in text_low or "per cent" in text_low
    if label == "MONEY" and not currency and _head_index(nums) is not None:
        label = "CARDINAL"  # "40 million passengers" tagged MONEY: no currency, a counted noun
    metres = None if currency else GLUED_METRES.match("".join(t.text for t in nums))
    if metres and (counted := glued_million(nums)):  # "10.9m viewers", "peaked at 11.9m" of an audience: millions
        used.update(t.i for t in toks)
        kind = "other" if counted in MEASURE_UNITS else "count"  # "1m barrels": a measure
        return _make(nums, kind, float(metres.group(1).replace(",", "")) * 1e6, counted, bound=_bound(toks))
    if metres:
        prev = doc[nums[0].i - 1].lower_ if nums[0].i > 0 else ""
        after = doc[nums[-1].i + 1] if nums[-1].i + 1 < n else None
        if (event_phrase(nums[0]) or event_partner(nums[0]) or names_event(nums[-1], metres.group(0))) and (
                after is None or after.lower_ != "of"):
            return None  # "gold in the 200m", "the women's 1500m", "the closest 100m final": the name of a race
        last = nums[-1]
        if after is not None and after.pos_ == "NOUN" and last.head.i > last.i and prev not in ("a", "an") \
                and last.dep_ in ("compound", "nmod", "amod", "nummod"):
            return None  # "the 100m final", "world 60m indoor champion": the distance names an event
        used.update(t.i for t in toks)
        return _make(nums, "other", float(metres.group(1).replace(",", "")), metres.group(2).lower(),
                     bound=_bound(toks))
    frac = _fraction_after(nums[-1])
    if frac is not None and not (percent or currency):
        value = amount_of(nums)
        if value is None:
            return None
        used.update(t.i for t in toks)
        used.update(range(nums[-1].i + 1, nums[-1].i + 3))
        return _make(list(doc[nums[0].i:nums[-1].i + 3]), "ratio", value / frac, None)
    amount = amount_of(toks if (percent or currency or label == "MONEY") else nums)
    if amount is None:
        return None
    if not (percent or currency or label == "MONEY") and multiplier(nums):
        used.update(range(nums[0].i, nums[-1].i + 2))
        return _make(list(doc[nums[0].i:nums[-1].i + 2]), "ratio", amount, None)  # "three times as many"
    reading = not (percent or currency or label == "MONEY") and index_reading(nums)  # "its index dropped to 61.2"
    if not (percent or currency or label == "MONEY" or reading):
        if _not_an_amount(nums, amount) or not _countable(nums):
            return None
    used.update(t.i for t in toks)
    bound = _bound(toks)
    if [t.lower_ for t in nums] == ["half"] and not (percent or currency or label == "MONEY"):
        return _make(nums, "ratio", 0.5, None)  # "half of the songs", "rise to half": a share
    if percent:
        return _make(toks, "percent", amount, "%", bound=bound, per=_rate(toks, None))
    if currency or label == "MONEY":
        per = _rate(toks, None)
        return _make(toks, "rate" if per else "money", amount, currency, bound=bound, per=per)
    head = _head_index(nums)
    unit = "index" if reading else "attendance" if attendance(nums) else unit_after(nums, MEASURE_UNITS) or counted_noun(nums)
    unit, per = rate_abbreviation(unit, _rate(nums, head))
    kind = "other" if unit in MEASURE_UNITS or reading else "count"
    if kind == "other" and unit in _LENGTHS and names_event(nums[-1]):
        return None  # "the 9.2 km race" (number and unit two tokens): the name of a race, as "the 200m"
    qtoks = nums if label != "QUANTITY" else toks
    return _make(qtoks if bound is None else toks, "rate" if per else kind, amount, unit, bound=bound, per=per)
