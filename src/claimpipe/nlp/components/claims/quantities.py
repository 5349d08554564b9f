"""Quantities: money, percentages and counts in a span, normalised.

``$100 million`` -> 100000000 USD (money); ``28%``/``50 percent`` -> 28/50 % (percent);
``four India-produced radars`` -> 4 radar (count, unit = the lemma of the counted noun).
Numbers come from the model's MONEY / PERCENT / CARDINAL / QUANTITY entities and from number
tokens outside any entity; numbers that belong to dates, times, ordinals or names (``MiG-21``,
``AMAN-2013``) are not quantities.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from claimpipe.schema import Quantity

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "zero": 0, "a": 1, "an": 1, "dozen": 12,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "dozen": 12,
}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB",
                    "₼": "AZN", "₺": "TRY", "c$": "CAD", "a$": "AUD", "hk$": "HKD"}
CURRENCY_WORDS = {
    "dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "pound": "GBP", "sterling": "GBP", "gbp": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "ruble": "RUB", "rouble": "RUB",
    "manat": "AZN", "lira": "TRY", "franc": "CHF", "won": "KRW", "peso": "MXN", "rand": "ZAR",
}
_NUM = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_GLUED = re.compile(r"^([^\d\s]{1,3})?([\d.,]+)([a-zA-Z%]{1,3})?$")  # "$40m", "€5bn", "28%"


def parse_number(words: list[str]) -> Optional[float]:
    """The value of a number written in digits and/or words ('1.5 million', 'three and a half', 'twenty-two')."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        w = raw.lower().replace("-", " ").strip()
        for part in w.split():
            if part in ("and", "of", "a", "an"):
                continue  # "three and a half", "a million" (a scale alone counts as one of it)
            if _NUM.match(part):
                current += float(part.replace(",", ""))
                seen = True
            elif part in FRACTIONS and seen:
                current += FRACTIONS[part]
            elif part in FRACTIONS:
                current += FRACTIONS[part]
                seen = True
            elif part in SCALES and part not in ("m", "b", "k") and seen:
                scale = SCALES[part]
                current = (current or 1) * scale
                if scale >= 1000:
                    total += current
                    current = 0.0
            elif part in SCALES and part not in ("m", "b", "k"):
                current = SCALES[part]
                seen = True
            elif part in UNITS and part not in ("a", "an"):
                current += UNITS[part]
                seen = True
            else:
                return None
    return total + current if seen else None


def _currency(tokens: list[Token]) -> Optional[str]:
    for t in tokens:
        low = t.lower_
        if low in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[low]
        if t.lemma_.lower() in CURRENCY_WORDS or low.rstrip("s") in CURRENCY_WORDS:
            return CURRENCY_WORDS.get(t.lemma_.lower()) or CURRENCY_WORDS[low.rstrip("s")]
    for t in tokens:  # glued symbol: "US$5", "€5bn"
        m = _GLUED.match(t.text)
        if m and m.group(1) and m.group(1).lower() in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[m.group(1).lower()]
    return None


def _amount(tokens: list[Token]) -> Optional[float]:
    """The number the tokens state, ignoring currency signs, percent signs and unit words."""
    words = []
    for t in tokens:
        low = t.lower_
        if low in CURRENCY_SYMBOLS or low in ("%", "percent", "per", "cent", "percentage", "points", "about",
                                               "around", "some", "nearly", "almost", "over", "under", "roughly",
                                               "approximately", "more", "less", "than", "up", "to", "least", "at",
                                               "just", "only", "the", "estimated"):
            continue
        if t.lemma_.lower() in CURRENCY_WORDS or low.rstrip("s") in CURRENCY_WORDS:
            continue
        m = _GLUED.match(t.text)
        if m and (m.group(1) or m.group(3)) and _NUM.match(m.group(2)):
            words.append(m.group(2))
            suffix = (m.group(3) or "").lower()
            if suffix in SCALES:
                words.append({"m": "million", "b": "billion", "k": "thousand"}.get(suffix, suffix))
            continue
        low = low.rstrip(".") if low.rstrip(".") in _ABBREVIATIONS else low  # "£600m." ends a sentence
        words.append(_ABBREVIATIONS.get(low, low))
    return parse_number(words) if words else None


def _counted_noun(tokens: list[Token]) -> Optional[str]:
    """The lemma of the noun a count counts: the number's head, else the next noun in its phrase."""
    last = tokens[-1]
    head = last.head
    if last.dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN") and head.i > last.i:
        return head.lemma_.lower()
    for t in last.doc[last.i + 1 : min(len(last.doc), last.i + 8)]:
        if t.pos_ == "NOUN" and t.tag_ in ("NNS", "NN"):
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and nxt.dep_ != "conj":
                continue  # "weapon locating radars": keep going to the head noun
            return t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX", "ADP", "PUNCT") and t.text not in ("-",):
            break
    return None


def _glued_to_name(tok: Token) -> bool:
    """A number that is part of a name, code or score: 'MiG-21', 'AMAN-2013', 'F-7', 'G7', 'a 2-1 decision'."""
    doc = tok.doc
    for a, b in ((tok.i - 2, tok.i - 1), (tok.i + 2, tok.i + 1)):  # number-number: a score or a code
        if 0 <= a < len(doc) and doc[b].text == "-" and doc[a].like_num and not doc[min(a, b)].whitespace_ \
                and not doc[max(a, b) - 1].whitespace_:
            return True
    if tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and tok.i > 1 \
            and not doc[tok.i - 2].whitespace_ and not doc[tok.i - 2].like_num:
        return True
    return any(c.isalpha() for c in tok.text) and any(c.isdigit() for c in tok.text) and not _GLUED.match(tok.text)


_ABBREVIATIONS = {"m": "million", "mn": "million", "mln": "million", "bn": "billion", "b": "billion",
                  "k": "thousand", "tn": "trillion"}
_SCALE_WORDS = frozenset(["m", "mn", "mln", "bn", "b", "k", "tn", "million", "billion", "trillion", "thousand"])


def _widen(tokens: list[Token]) -> list[Token]:
    """Take in a currency sign before and a scale or currency word after the entity ('$' '300' 'm')."""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    if start > 0 and doc[start - 1].lower_ in CURRENCY_SYMBOLS:
        start -= 1
    while end < len(doc):
        nxt, glued = doc[end], doc[end - 1].whitespace_ == ""
        if nxt.lower_.rstrip(".") in _SCALE_WORDS and (glued or len(nxt.text) > 2):
            end += 1  # "300" "m", "5" "million"
        elif nxt.lower_.rstrip("s") in CURRENCY_WORDS or nxt.lemma_.lower() in CURRENCY_WORDS:
            end += 1  # "5 million" "euros"
        else:
            break
    return list(doc[start:end])


def _not_an_amount(tokens: list[Token], amount: float) -> bool:
    """'one of the features', 'one agreement' (a determiner, not a count), 'the two states' (a reference)."""
    first = tokens[0]
    doc = first.doc
    words = [t.lower_ for t in tokens]
    if amount == 1 and all(w in ("one", "a", "an") for w in words):
        return True
    prev = doc[first.i - 1].lower_ if first.i > 0 else ""
    return first.is_alpha and prev in ("the", "these", "those", "all", "both") and amount < 100


def _make(span_tokens: list[Token], kind: str, amount: float, unit: Optional[str]) -> Quantity:
    span = span_tokens[0].doc[span_tokens[0].i : span_tokens[-1].i + 1]
    text, end = span.text, span.end_char
    if text.endswith(".") and span[-1].lower_.rstrip(".") in _ABBREVIATIONS:
        text, end = text[:-1], end - 1  # the sentence's full stop, glued to "m."
    return Quantity(text=text, start=span.start_char, end=end, kind=kind, amount=amount, unit=unit)


def _number_or_currency(span: Span) -> list[int]:
    """Indices of the span's tokens that look like a number or are a currency symbol, in order."""
    import numpy as np
    from spacy.attrs import LIKE_NUM, LOWER

    if not len(span):
        return []
    strings = span.doc.vocab.strings
    rows = span.doc.to_array([LOWER, LIKE_NUM])[span.start:span.end]
    lowers, inverse = np.unique(rows[:, 0], return_inverse=True)
    currency = np.array([strings[h] in CURRENCY_SYMBOLS for h in lowers.tolist()], dtype=bool)
    return (np.flatnonzero(currency[inverse] | (rows[:, 1] != 0)) + span.start).tolist()


def extract_quantities(span: Span) -> list[Quantity]:
    """Money, percentages and counts stated in ``span``, in text order."""
    out: list[Quantity] = []
    used: set[int] = set()
    for ent in span.ents:
        if ent.label_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
            continue
        toks = _widen([t for t in ent])
        if any(_glued_to_name(t) for t in toks if t.like_num) or any(t.i in used for t in toks):
            continue
        amount = _amount(toks)
        if amount is None or (ent.label_ == "CARDINAL" and _not_an_amount(toks, amount)):
            continue
        used.update(t.i for t in toks)
        text_low = ent.text.lower()
        if ent.label_ == "PERCENT" or "%" in text_low or "percent" in text_low or "per cent" in text_low:
            out.append(_make(toks, "percent", amount, "%"))
        elif ent.label_ == "MONEY" or _currency(toks):
            out.append(_make(toks, "money", amount, _currency(toks)))
        elif ent.label_ == "CARDINAL":
            out.append(_make(toks, "count", amount, _counted_noun(toks)))
        else:
            out.append(_make(toks, "other", amount, toks[-1].lemma_.lower() if not toks[-1].like_num else None))
    doc = span.doc
    n = len(doc)
    for i in _number_or_currency(span):
        tok = doc[i]
        if tok.lower_ in CURRENCY_SYMBOLS:
            nxt = doc[tok.i + 1] if tok.i + 1 < n else None
            if nxt is not None and nxt.i not in used and nxt.text[:1].isdigit() \
                    and not tok.whitespace_:  # "$280bn" that the model did not tag MONEY
                toks = _widen([nxt])
                amount = _amount(toks)
                if amount is not None and not any(t.i in used for t in toks):
                    used.update(t.i for t in toks)
                    out.append(_make(toks, "money", amount, _currency(toks)))
                continue
        if not tok.like_num or tok.i in used or tok.ent_type_ or _glued_to_name(tok):
            continue
        if tok.dep_ != "nummod" and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "NOUN"):
            continue
        amount = _amount([tok])
        if amount is None or _not_an_amount([tok], amount):
            continue
        used.add(tok.i)
        out.append(_make([tok], "count", amount, _counted_noun([tok])))
    return sorted(out, key=lambda q: q.start)
