"""Reading amounts: number words and digits, scale words ("5bn", "two million"), currency signs and words.

The first step of :mod:`.quantities`: which number a run of tokens states, in what currency, and what it
counts; :mod:`.quantities` decides which numbers are amounts at all.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

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
                    "₼": "AZN", "₺": "TRY", "c$": "CAD", "a$": "AUD", "hk$": "HKD",
                    "nz$": "NZD", "s$": "SGD"}
CURRENCY_WORDS = {
    "dollar": "USD", "usd": "USD", "euro": "EUR", "eur": "EUR", "pound": "GBP", "sterling": "GBP", "gbp": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "ruble": "RUB", "rouble": "RUB",
    "manat": "AZN", "lira": "TRY", "franc": "CHF", "won": "KRW", "peso": "MXN", "rand": "ZAR",
    "pence": "GBP", "penny": "GBP", "krona": "SEK", "kronor": "SEK", "krone": "DKK", "kroner": "DKK",
    "zloty": "PLN", "forint": "HUF", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "shekel": "ILS",
    "dirham": "AED", "riyal": "SAR", "naira": "NGN", "shilling": "KES", "hryvnia": "UAH", "dinar": "DZD",
}
DOLLARS = {"australian": "AUD", "canadian": "CAD", "singapore": "SGD", "taiwan": "TWD", "taiwanese": "TWD",
           "zealand": "NZD", "kong": "HKD"}  # "Australian dollars"
_NUM = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
GLUED = re.compile(r"^([^\d\s]{1,3})?([\d.,]+)([a-zA-Z%]{1,3})?$")  # "$40m", "€5bn", "28%"


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


_SCALED = re.compile(r"^\d[\d.,]*(?:bn|m|mn|k|tn)$")


def number_like(tok: Token) -> bool:
    """A number, or one glued to its scale ("4.2bn", "35m"), as the ends of a range are."""
    return tok.like_num or bool(_SCALED.match(tok.lower_))


def currency_word(tok: Token) -> bool:
    """``tok`` names a currency ("euros", "rand", "pence", "cents"), by its lemma or its text without a plural s."""
    return tok.lemma_.lower() in CURRENCY_WORDS or tok.lower_.rstrip("s") in CURRENCY_WORDS or _cents(tok)


def _cents(tok: Token) -> bool:
    """"34 cents" (money at the stated number, as pence), not "per cent"."""
    return tok.lower_ in ("cent", "cents") and not (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "per")


def currency_code(tok: Token) -> Optional[str]:
    """The currency code ``tok`` names (as :func:`currency_word` finds it), or None."""
    return CURRENCY_WORDS.get(tok.lemma_.lower()) or CURRENCY_WORDS.get(tok.lower_.rstrip("s")) or (
        "USD" if _cents(tok) else None)


def currency_of(tokens: list[Token]) -> Optional[str]:
    for t in tokens:
        low = t.lower_
        if low in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[low]
        if currency_word(t):
            code = currency_code(t)
            prev = t.doc[t.i - 1].lower_ if t.i > 0 else ""
            return DOLLARS.get(prev, code) if code == "USD" else code
    for t in tokens:  # glued symbol: "US$5", "€5bn"; glued pence: "8.5p" (money at the stated number)
        m = GLUED.match(t.text)
        if m and m.group(1) and m.group(1).lower() in CURRENCY_SYMBOLS:
            return CURRENCY_SYMBOLS[m.group(1).lower()]
        if m and not m.group(1) and m.group(3) == "p" and _NUM.match(m.group(2)):
            return "GBP"
    return None


def amount_of(tokens: list[Token]) -> Optional[float]:
    """The number the tokens state, ignoring currency signs, percent signs and unit words, and the words before
    its digits ("a little under $3bn", "as much as 19%")."""
    words = []
    digits = next((k for k, t in enumerate(tokens) if any(c.isdigit() for c in t.text) or t.lower_ in CURRENCY_SYMBOLS),
                  None)
    if digits:
        tokens = tokens[digits:]
    for t in tokens:
        low = t.lower_
        if low in CURRENCY_SYMBOLS or low in ("%", "percent", "per", "cent", "percentage", "point", "points", "about",
                                               "around", "some", "nearly", "almost", "over", "under", "roughly",
                                               "approximately", "more", "less", "than", "up", "to", "least", "at",
                                               "just", "only", "the", "estimated", "below", "above", "exceeding", "fewer",
                                               "excess", "in", "upwards", "of", "an", "no", "as", "much", "many"):
            continue
        if currency_word(t):
            continue
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.is_title and nxt is not None and currency_word(nxt):
            continue  # "Australian" of "1.2bn Australian dollars"
        m = GLUED.match(t.text)
        if m and (m.group(1) or m.group(3)) and _NUM.match(m.group(2)):
            words.append(m.group(2))
            suffix = (m.group(3) or "").lower()
            if suffix in SCALES:
                words.append({"m": "million", "b": "billion", "k": "thousand"}.get(suffix, suffix))
            continue
        low = low.rstrip(".") if low.rstrip(".") in ABBREVIATIONS else low  # "£600m." ends a sentence
        words.append(ABBREVIATIONS.get(low, low))
    return parse_number(words) if words else None


def counted_noun(tokens: list[Token]) -> Optional[str]:
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


def glued_to_name(tok: Token) -> bool:
    """A number that is part of a name, code or score: 'MiG-21', 'AMAN-2013', 'F-7', 'G7', 'a 2-1 decision'."""
    doc = tok.doc
    for a, b in ((tok.i - 2, tok.i - 1), (tok.i + 2, tok.i + 1)):  # number-number: a score or a code
        if 0 <= a < len(doc) and doc[b].text == "-" and doc[a].like_num and not doc[min(a, b)].whitespace_ \
                and not doc[max(a, b) - 1].whitespace_ and not compound_number_word(doc[min(a, tok.i)], doc[max(a, tok.i)]):
            return True
    if tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and tok.i > 1 \
            and not doc[tok.i - 2].whitespace_ and not doc[tok.i - 2].like_num:
        return True
    if tok.i + 1 < len(doc) and _currency_in_name(doc[tok.i + 1], tok):
        return True  # "rapper 50 Cent": a singular currency word, capitalised inside the sentence, after a plural number
    return any(c.isalpha() for c in tok.text) and any(c.isdigit() for c in tok.text) and not GLUED.match(tok.text)


TENS = frozenset(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])


def _currency_in_name(word: Token, num: Token) -> bool:
    """A capitalised singular currency word after a number other than one, inside the sentence ("50 Cent",
    "Ten Pound"): written so, the pair names someone or something; an amount would be plural and lower-case."""
    value = parse_number([num.text]) if num.like_num else None
    return (currency_word(word) or word.lower_ == "cent") and word.text[:1].isupper() and not word.is_sent_start and word.tag_ == "NNP" \
        and not word.lower_.endswith("s") and value is not None and value != 1


def compound_number_word(tens: Token, unit: Token) -> bool:
    """"Thirty-five", "forty-two": a tens word hyphened to a unit word writes one number, not a score."""
    return tens.lower_ in TENS and unit.lower_ in UNITS and 0 < UNITS[unit.lower_] < 10 and unit.lower_ not in ("a", "an")


ABBREVIATIONS = {"m": "million", "mn": "million", "mln": "million", "bn": "billion", "b": "billion",
                  "k": "thousand", "tn": "trillion"}
SCALE_WORDS = frozenset(ABBREVIATIONS) | frozenset(ABBREVIATIONS.values())  # "m", "bn", ..., "million", "billion", ...


def widen(tokens: list[Token]) -> list[Token]:
    """Take in a currency sign before and a scale or currency word after the entity ('$' '300' 'm'), or a country's
    dollars before a scaled amount ('Australian dollars 648m')."""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    if start > 0 and doc[start - 1].lower_ in CURRENCY_SYMBOLS:
        start -= 1
    elif start > 0 and currency_word(doc[start - 1]) and doc[start - 1].lower_.startswith("dollar") \
            and (_SCALED.match(tokens[0].lower_.rstrip(".")) or (tokens[0].i + 1 < len(doc) and doc[
                tokens[0].i + 1].lower_.rstrip(".") in ("million", "billion", "bn", "m"))):
        start -= 2 if start > 1 and doc[start - 2].lower_ in DOLLARS else 1  # "Australian dollars 648m"
    while end < len(doc):
        nxt, glued = doc[end], doc[end - 1].whitespace_ == ""
        if nxt.lower_.rstrip(".") in SCALE_WORDS and (glued or len(nxt.text) > 2):
            end += 1  # "300" "m", "5" "million"
        elif currency_word(nxt):
            end += 1  # "5 million" "euros"
        elif nxt.text == "%" and glued and end == tokens[-1].i + 1:
            end += 1  # "50" "%" the tagger left out of any entity (after a dash: "people - 50% of them")
        elif nxt.text == "-" and glued and not nxt.whitespace_ and end + 1 < len(doc) and currency_word(doc[end + 1]):
            end += 2  # "a 418bn-rand budget": the currency word glued by a hyphen
        elif nxt.pos_ in ("ADJ", "PROPN") and nxt.is_title and end + 1 < len(doc) and currency_word(doc[end + 1]):
            end += 2  # "1.2bn Australian dollars" (a country's word before the currency)
        else:
            break
    words = [t.lower_ for t in doc[end:end + 4]]
    if words[:3] == ["of", "a", "percentage"] and len(words) == 4 and words[3] in ("point", "points"):
        end += 4  # "a quarter of a percentage point"
    elif words[:1] == ["percentage"] and len(words) > 1 and words[1] in ("point", "points"):
        end += 2  # "half a percentage point", "0.25 percentage points"
    elif words[:2] == ["per", "cent"] or words[:1] == ["percent"]:
        end += len(words[:2]) if words[0] == "per" else 1  # "five per cent" the tagger left out of any entity
    return list(doc[start:end])
