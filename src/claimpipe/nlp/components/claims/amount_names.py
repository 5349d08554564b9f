"""Numbers that name or describe rather than state an amount, and amounts written without digits of their own (a step
of :mod:`.quantities`, beside :mod:`.amount_context`):

- titles and names: ``cartoon hit Robots 3 best show`` (digits right after a capitalised title word), ``the Radio's
  Hot 40 chart``, ``Friends and Cheers and 30 were among ...`` (a bare number listed with named works);
- group sizes in adjectival position: ``the 30-man squad``, ``a 40-strong delegation``, ``a 60,000-seat stadium``
  (an adjectival count, as the eighth set's);
- definite counts described anew: ``the two Danish brewers`` counts the brewers (as the seventh set's ``the three
  films in ...``, the twelfth's ``The two task forces`` and the thirteenth's ``the three Spanish giants``; not the
  first set's bare ``the two regions``, which only refers back);
- a word amount of a point: ``two quarter-point rate cuts`` (percent 0.25, as ``a quarter of a percentage point``);
- betting odds: ``a 1/3 favourite``, ``at 9/4`` (ratios, as fractions);
- one more: ``one more rate hike`` counts one, as ``leaves one son``.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from spacy.tokens import Span, Token

from claimpipe.nlp.components.claims.amount_context import counted_set, inside_title
from claimpipe.nlp.components.claims.numbers import FRACTIONS, parse_number

# the word a group size is hyphened to: "a 30-man squad", "a 40-strong party", "a 12-member panel"
GROUP_WORDS = frozenset(["man", "men", "woman", "women", "strong", "member", "seat", "seater", "player", "nation",
                         "team", "person", "piece", "car", "horse", "runner", "rider", "boat", "ship"])
POINT_FRACTIONS = {"quarter": 0.25, "half": 0.5}
RATE_MOVES = frozenset(["rate", "rates", "cut", "cuts", "rise", "rises", "hike", "hikes", "increase", "increases",
                        "reduction", "reductions", "move", "moves", "fall", "drop", "rise", "interest"])
POSITION_LABELS = frozenset(["number", "no", "no."])
ODDS = re.compile(r"^(\d{1,3})/(\d{1,3})$")
ODDS_WORDS = frozenset(["favourite", "favorite", "odds", "bookmaker", "bookmakers", "bookie", "bookies", "shot",
                        "outsider", "bet", "betting", "punters"])


def group_adjective(nums: list[Token]) -> bool:
    """Digits hyphened to a word of group size before a noun ("the 30-man squad", "a 40-strong delegation", "a
    60,000-seat stadium"): an adjectival count, which describes the noun, not an amount the sentence states."""
    last = nums[-1]
    doc = last.doc
    if not last.text[:1].isdigit() or last.whitespace_ or last.i + 2 >= len(doc) or doc[last.i + 1].text != "-" \
            or doc[last.i + 1].whitespace_:
        return False
    return doc[last.i + 2].lower_ in GROUP_WORDS


def named_number(nums: list[Token]) -> bool:
    """Digits that are part of a name or a title: right after a capitalised word inside the sentence and counting no
    plural noun ("cartoon hit Robots 3 best show", "the Radio's Hot 40 chart"), or a bare number listed with named
    works ("Friends and Cheers and 30 were among the finest"), or joined to a numbered position ("at number six or
    seven"): not an amount."""
    first, last = nums[0], nums[-1]
    doc = last.doc
    head = last.head
    if last.dep_ == "conj" and (head.lower_ in POSITION_LABELS or (head.like_num and head.i > 0 and doc[
            head.i - 1].lower_ in POSITION_LABELS)):
        return True  # "at number six or seven": positions
    if not first.text[:1].isdigit() or len(nums) != 1 or first.i == 0:
        return False
    if _given_as_name(first):
        return True  # "an experimental drug, known as '771,": the name it goes by
    prev = doc[first.i - 1]
    if last.head.i > last.i and last.head.tag_ in ("NNS", "NNPS"):
        return False  # "Group 20 countries", "Acme 30 stores": a plural head counted
    if prev.is_title and prev.is_alpha and prev.pos_ == "PROPN" and not prev.is_sent_start and not prev.ent_type_ in (
            "DATE", "TIME", "MONEY") and not any(c.dep_ in ("nummod", "quantmod") for c in last.children):
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        return nxt is None or not (nxt.like_num or nxt.text in ("-", "–", ":"))  # not a score: "Leeds 2-1"
    listed = [c for c in last.children if c.dep_ == "conj"] + ([last.head] if last.dep_ == "conj" else [])
    return not list(c for c in last.children if c.dep_ != "cc" and c.dep_ != "punct" and c.dep_ != "conj") and bool(
        listed) and all(t.pos_ == "PROPN" or t.is_title for t in listed)


NAMING_WORDS = frozenset(["called", "named", "dubbed", "codenamed", "code-named", "nicknamed"])


def _given_as_name(num: Token) -> bool:
    """A number given as something's name: right after "known as", "called", "dubbed" (a quotation mark between
    allowed), counting nothing after it."""
    doc, k = num.doc, num.i - 1
    while k > 0 and doc[k].text in ("'", "‘", '"', "“"):
        k -= 1
    named = doc[k].lower_ in NAMING_WORDS or (doc[k].lower_ == "as" and k > 0 and doc[k - 1].lower_ == "known")
    return named and not (num.i + 1 < len(doc) and num.head.i > num.i and num.head.pos_ == "NOUN")


def adjectival_or_named(nums: list[Token]) -> bool:
    """Inside a title (:func:`.amount_context.inside_title`), part of a name (:func:`named_number`) or an adjectival
    group size (:func:`group_adjective`): no amount."""
    return inside_title(nums) or named_number(nums) or group_adjective(nums)


# what a definite number may refer back to rather than count: a span of time, or games in a sequence
PERIOD_HEADS = frozenset(["year", "month", "week", "day", "hour", "minute", "decade", "quarter", "season", "term",
                          "half", "session", "night", "game", "match", "round"])


def referred_span(nums: list[Token]) -> bool:
    """A number after a definite determiner that counts a span of time the text referred to before ("in the two
    previous quarters", "the last three years"), not a defined one (:func:`.amount_context.counted_set`): no count
    of its own. Any other counts its head ("the two sides", "the four men", "these two projects"), as the twelfth
    and later audit sets label it."""
    last = nums[-1]
    head = last.head
    return last.dep_ == "nummod" and head.pos_ == "NOUN" and head.lemma_.lower() in PERIOD_HEADS \
        and not counted_set(nums)


MORE_WORDS = frozenset(["more", "further", "additional", "extra"])
ONCE_NOUNS = frozenset(["time", "thing", "go", "chance", "try", "step", "way"])


def single_count(last: Token, nxt) -> bool:
    """'one' counting its singular noun: right after it ("leaves one son", "slipped one place") or after "more" and
    its modifiers ("one more rate hike", "one further cut": a count of one)."""
    if last.dep_ != "nummod" or nxt is None or last.head.pos_ != "NOUN" or last.head.tag_ != "NN":
        return False
    return last.head.i == nxt.i or (nxt.lower_ in MORE_WORDS and last.head.i > nxt.i and all(
        t.dep_ in ("amod", "compound") for t in nxt.doc[nxt.i:last.head.i]) and last.head.lower_ not in ONCE_NOUNS
        and last.head.dep_ != "attr")  # not "one more time" (again), nor "is one more channel" (a description)


UNSHARED_HEADS = PERIOD_HEADS | ONCE_NOUNS  # "half the season", "half the time": a span of time, not a share


def bare_shares(span: Span, used: set[int], make: Callable) -> list:
    """A share with no "of" after it: "half" before a determiner and its noun ("half the total", "half its value";
    not "half the season", a span of time), or "a quarter", "a third" as a clause's subject ("nearly a quarter said
    ..."): a ratio."""
    doc = span.doc
    out = []
    for t in span:
        low = t.lower_
        if t.i in used or low not in FRACTIONS:
            continue
        if low == "half" and t.tag_ == "PDT" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() not in UNSHARED_HEADS:
            toks = [t]
        elif low != "half" and t.dep_ in ("nsubj", "nsubjpass") and t.i > span.start \
                and doc[t.i - 1].lower_ in ("a", "one") and not any(c.dep_ == "prep" for c in t.children):
            toks = [doc[t.i - 1], t]
        else:
            continue
        used.update(x.i for x in toks)
        out.append(make(toks, "ratio", FRACTIONS[low], None))
    return out


def point_fractions(span: Span, used: set[int], make: Callable) -> list:
    """'quarter-point' or 'half-point' of a rate move ("two quarter-point rate cuts", "a half-point rise in
    rates"): a percentage, 0.25 or 0.5, as "a quarter of a percentage point"; also betting odds ("a 1/3
    favourite", "at 9/4" in a sentence of odds): a ratio, as a fraction."""
    doc = span.doc
    out = []
    for t in span:
        k = t.i
        if t.lower_ in POINT_FRACTIONS and k + 2 < span.end and doc[k + 1].text == "-" and \
                doc[k + 2].lower_ == "point" and not t.whitespace_ and k not in used and (
                any(w.lower_ in ("rate", "rates", "interest") for w in t.sent) or (
                    k + 3 < len(doc) and doc[k + 3].lower_ in RATE_MOVES)):
            used.update((k, k + 1, k + 2))
            out.append(make([t, doc[k + 1], doc[k + 2]], "percent", POINT_FRACTIONS[t.lower_], "%"))
        m = ODDS.match(t.text)
        if m and k not in used and int(m.group(2)) > 0 and _odds_sentence(t):
            used.add(k)
            out.append(make([t], "ratio", int(m.group(1)) / int(m.group(2)), None))
    return out


MULTIPLE = re.compile(r"^(\w+?)-?fold$")
PERIOD_DETS = frozenset(["each", "every", "a", "per"])
PERIOD_ADVERBS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}


def multiples(span: Span, used: set[int], make: Callable) -> list:
    """A multiple written as one word ("up more than tenfold", "a 3-fold rise"): a ratio of that many."""
    out = []
    for t in span:
        m = MULTIPLE.match(t.lower_)
        value = parse_number([m.group(1)]) if m and t.i not in used else None
        if value is not None and value > 1:
            used.add(t.i)
            out.append(make([t], "ratio", float(value), None))
    return out


def verb_period(tokens: list[Token]) -> Optional[str]:
    """The period of a count stated by its verb ("Some 5,000 films are made in the
    valley each year", "12.4 million visitors come annually"): the denominator of a rate, or None."""
    head = tokens[-1]
    while head.dep_ in ("nummod", "quantmod", "compound", "amod") and head.head.i != head.i:
        head = head.head
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    for c in verb.children:
        if c.dep_ == "npadvmod" and c.lemma_.lower() in ("year", "month", "week", "day") and any(
                d.dep_ == "det" and d.lower_ in PERIOD_DETS for d in c.children):
            return c.lemma_.lower()
        if c.dep_ == "advmod" and c.lower_ in PERIOD_ADVERBS:
            return PERIOD_ADVERBS[c.lower_]
    return None


def _odds_sentence(tok: Token) -> bool:
    """Odds are told in a sentence about a bet ("a 1/3 favourite", "the bookmakers have him at 9/4"), not after a
    capitalised word (a title: "Fahrenheit 9/11")."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.is_title and not prev.is_sent_start:
        return False
    return any(t.lower_ in ODDS_WORDS for t in tok.sent)

