"""The context that decides what a number states, beyond the number itself (a step of :mod:`.quantities`).

- a change then a level: ``fell $2 to $40 a barrel`` is two amounts (the change and the level), not a range;
- a vague magnitude's qualifier: ``double-digit millions`` is at least ten million;
- pounds of weight: ``a cargo of 900 pounds (410kg)`` is a measure, not money;
- a year before its noun: ``her original 1964 recordings`` dates the recordings, it does not count them;
- rankings and idioms: ``the country's three largest banks`` ranks (as ``top 10``), ``at one point`` is a time;
- names of races, chart places, titles and spells: ``from her favoured 800m to 400m``, ``dropped to six``,
  ``a 12-match run``, ``won the 9km race``, ``a 1500m place``, ``from 31 in the world``;
- multipliers, exchange rates and defined sets: ``three times as many`` (a ratio), ``fell to 19.2 against the
  dollar`` (money), ``the three films in the trilogy`` (a count, unlike the anaphoric ``the two states``).
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from claimpipe import lexicon
from claimpipe.nlp.components.claims.numbers import amount_of, currency_code, currency_word

GLUED_METRES = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(m|km|cm|mm)\.?$", re.I)  # "200m", "3,000m"
RACE_WORDS = frozenset(["marathon", "sprint", "sprints", "hurdles", "steeplechase", "decathlon", "heptathlon",
                        "pentathlon", "relay", "triathlon"])  # "the marathon and 10,000m": a race named before
# verbs (and adverbs) of a move, which take no object: the amount right after one is the change, "to" then gives
# the level reached ("shares fell 5p to 120p"); verbs with an object ("cut 500 to 1,000 jobs") keep their range
CHANGE_WORDS = frozenset([
    "rise", "fall", "drop", "climb", "slip", "jump", "increase", "decrease", "decline", "tumble", "slump", "soar",
    "surge", "plunge", "rally", "ease", "edge", "dip", "advance", "retreat", "sink", "slide", "fell", "rose", "up",
    "down", "higher", "lower", "firm", "weaken", "strengthen", "recover", "leap", "spike", "plummet",
    "add", "gain", "lose", "shed",  # a price's move told by what it gained: "adding $1.20 to $40.10 at the close"
])
MASS_UNITS = frozenset(["kg", "kilogram", "kilogramme", "kilo", "g", "gram", "gramme", "tonne", "ton", "lb", "lbs",
                        "ounce", "oz", "stone"])
# words of weight near "pounds": the pounds weigh ("weighed 40 pounds", "300 pounds lighter")
WEIGHT_WORDS = frozenset(["weigh", "weight", "overload", "overloaded", "overweight", "underweight", "heavier",
                          "lighter", "payload"])
# "double-digit millions": the number of digits the qualifier gives the scale's multiplier
DIGIT_WORDS = {"single": 1, "double": 2, "triple": 3}
# "at one point", "at one stage": a time in a story, not a count
ONE_TIME_NOUNS = frozenset(["point", "stage", "time", "moment"])
RANK_ADVERBS = frozenset(["most", "least"])  # "the three most popular films"


def change_then_level(doc, i: int) -> bool:
    """The number at ``i`` is the change of a move and the "to" after it the level reached: "fell $1.75 to
    $38.60", "rose 15p to 320p", "was up 3% to 4.5bn" (not "from 20 to 30", "forecast of 3% to 3.5%", "will rise 2%
    to 3%", "cut 500 to 1,000 jobs")."""
    k = i - 1
    while k >= 0 and (doc[k].lower_ in ("$", "£", "€", "¥", "by", "a", "an", "some", "about", "around", "nearly",
                                         "almost", "roughly", "just", "another", "further")
                      or doc[k].pos_ == "SYM"):
        k -= 1  # "fell by about $2", "rose a further 3%"
    if k < 0:
        return False
    prev = doc[k]
    if prev.pos_ not in ("VERB", "ADV", "ADJ", "AUX") or not (prev.lemma_.lower() in CHANGE_WORDS
                                                               or prev.lower_ in CHANGE_WORDS):
        return False
    verb = prev if prev.pos_ in ("VERB", "AUX") else prev.head
    # a forecast states a range ("growth will rise 2% to 3%", "is expected to rise 2% to 3%")
    return not any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children)


# verbs (and nouns) of a change that take an object or name it: "raised the fee from £2 to £3"
CHANGE_OBJECT_WORDS = frozenset(["raise", "cut", "reduce", "lift", "lower", "hike", "boost", "trim", "slash",
                                 "increase", "decrease", "double", "halve", "change", "move", "revise", "upgrade",
                                 "downgrade", "grow", "shrink", "expand", "extend", "push", "bring", "take"])


def change_from_to(doc, i: int) -> bool:
    """The number at ``i`` opens "from X to Y" after a verb or noun of change: a level left and a level reached,
    two amounts ("increased the fee from £6 to £9", "was raised from £1.50 to £3 a ticket", "a rise from 5% to
    7%"), not a range ("from 20 to 30 people", "aged from 18 to 25")."""
    k = i - 1
    while k >= 0 and (doc[k].lower_ in ("$", "£", "€", "¥") or doc[k].pos_ == "SYM"):
        k -= 1
    if k < 0 or doc[k].lower_ != "from":
        return False
    head = doc[k].head
    return head.i != k and head.pos_ in ("VERB", "AUX", "NOUN") and (
        head.lemma_.lower() in CHANGE_WORDS or head.lemma_.lower() in CHANGE_OBJECT_WORDS)


def digit_magnitude(doc, i: int) -> Optional[tuple[int, float]]:
    """The qualifier before the plural scale at ``i`` ("double-digit millions", "single digit billions"): the index
    of its first word and the multiplier of its lower bound (double digits: at least 10), or None."""
    k = i - 1
    if k >= 0 and doc[k].lower_ in ("digit", "digits"):
        k -= 1
        if k >= 0 and doc[k].text == "-":
            k -= 1
        if k >= 0 and doc[k].lower_ in DIGIT_WORDS:
            return k, 10.0 ** (DIGIT_WORDS[doc[k].lower_] - 1)
    return None


def weight_pounds(tokens: list[Token]) -> bool:
    """The word "pounds" after the amount weighs, not pays: a conversion to a mass in brackets beside it
    ("900 pounds (410kg)", "410kg (900 pounds)"), or a word of weight near it ("weighed 40 pounds", "a load
    500 pounds heavier"). A pound sign is always money."""
    doc = tokens[0].doc
    word = next((t for t in tokens if t.lower_ in ("pound", "pounds")), None)
    if word is None or any(t.text in ("£",) or t.text.startswith("£") for t in tokens):
        return False
    end = tokens[-1].i + 1
    if end < len(doc) and doc[end].text == "(" and _mass_within(doc, end + 1, end + 4):
        return True  # "900 pounds (410kg)"
    start = tokens[0].i
    if start > 0 and doc[start - 1].text == "(" and _mass_within(doc, max(0, start - 4), start - 1):
        return True  # "410kg (900 pounds)"
    clause = [t for t in doc[max(0, start - 6):min(len(doc), end + 6)] if t.sent == word.sent]
    return any(t.lemma_.lower() in WEIGHT_WORDS or t.lower_ in WEIGHT_WORDS for t in clause)


def _mass_within(doc, start: int, end: int) -> bool:
    for t in doc[start:end]:
        low = t.lower_.rstrip(".")
        if t.lemma_.lower() in MASS_UNITS or low in MASS_UNITS:
            return True
        stripped = low.lstrip("0123456789.,")
        if stripped != low and stripped in MASS_UNITS:
            return True  # "230kg" as one token
    return False


def year_before_noun(nums: list[Token]) -> bool:
    """A year-shaped number (1900-2099, no comma) between a determiner, possessive or adjective and its noun dates
    the noun: "the original 1964 recordings", "her 1999 albums", and right before a noun of figures over a period
    ("boosted 2004 sales"); a bare "2000 people" still counts."""
    if len(nums) != 1 or not nums[0].text.isdigit() or len(nums[0].text) != 4 or nums[0].text[:2] not in ("19", "20"):
        return False
    tok = nums[0]
    head = tok.head
    if head.i <= tok.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if head.i == tok.i + 1 and head.tag_ == "NNS" and head.lemma_.lower() in lexicon.words("period_nouns.txt"):
        return True  # "had driven 2004 sales", "lifted 2005 profits": the year of the figures
    return before is not None and (before.tag_ in ("DT", "PRP$", "POS", "JJ") and before.lower_ not in (
        "some", "all", "about", "around", "nearly", "only", "just", "over", "another") or before.dep_ == "poss")


DEFINITE_WORDS = frozenset(["the", "these", "those"])  # "the two banks": a group named before, not counted anew
DEFINITE_OR_BOTH = DEFINITE_WORDS | {"both"}


def is_definite(t: Token) -> bool:
    """A definite determiner or a possessive ("the", "these", "the bank's", "its") before a number."""
    return t.lower_ in DEFINITE_WORDS or t.tag_ in ("POS", "PRP$")


def ranking_or_idiom(nums: list[Token]) -> bool:
    """A number that ranks or belongs to an idiom: after a definite determiner and before a superlative ("the three
    largest banks", "the region's two biggest lenders", "its two most popular shows"; a ranking like "top 10"; not
    "won two best actor awards"), or "at one point", "on (the) one hand", "one another", "the big four"."""
    first, last = nums[0], nums[-1]
    doc = last.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None:
        return False
    if first.lower_ == "one" and len(nums) == 1 and first.i > 0 and doc[first.i - 1].lower_ == "at" \
            and nxt.lower_ in ONE_TIME_NOUNS:
        return True
    before = doc[first.i - 1] if first.i > 0 else None
    if first.lower_ == "one" and (nxt.lower_ == "another" or (
            nxt.lower_ == "hand" and before is not None and before.lower_ in ("the", "on"))):
        return True  # "on the one hand", "on one hand", "with one another": idioms
    if before is not None and before.lower_ == "big" and first.i > 1 and is_definite(doc[first.i - 2]):
        return True  # "the big four banks", "Britain's big five": an idiom naming a group, no count
    if before is None or not is_definite(before):
        return False  # "won two best album awards": a count (a ranking is definite)
    if nxt.lower_ in RANK_ADVERBS:
        return nxt.i + 1 < len(doc) and doc[nxt.i + 1].pos_ == "ADJ"
    return nxt.tag_ == "JJS"


# a run of games is a span of time: "a 12-match unbeaten run", "a three-match ban" (not "a 13-date tour")
SPELL_HEADS = frozenset(["run", "streak", "spell", "ban", "suspension", "sequence", "stretch", "drought"])
# words that make a headless "to four", "at five" a position in a chart or table
POSITION_WORDS = frozenset(["place", "places", "chart", "charts", "position", "positions", "spot", "table"])


def spell_adjective(nums: list[Token]) -> bool:
    """A number hyphened to a noun inside a phrase headed by a spell of time: "a 12-match unbeaten run", "a
    three-match ban" (a length of time counted in games, as "two-hour"), not "a 13-date tour"."""
    last = nums[-1]
    doc = last.doc
    if last.whitespace_ or last.i + 2 >= len(doc) or doc[last.i + 1].text != "-" or doc[last.i + 1].whitespace_:
        return False
    head = doc[last.i + 2]
    for _ in range(4):  # "game" -> "unbeaten" -> "run"
        if head.lemma_.lower() in SPELL_HEADS or head.lower_ in SPELL_HEADS:
            return True
        if head.head.i <= head.i or head.dep_ not in ("compound", "amod", "nmod", "nummod"):
            return False
        head = head.head
    return False


def chart_position(nums: list[Token]) -> bool:
    """A headless number after "to", "at" or "from" in a sentence about places in a chart or table: "dropped two
    places to six", "with the newcomers at eight", "moved from 13 to number four", "entered at number one, pushing the old single down to two" (not "the
    death toll rose to four"); or the places moved ("fell two places", "moved up seven places", "a leap of 65
    places")."""
    last = nums[-1]
    moved = last.head if last.dep_ == "nummod" and last.head.lower_ in POSITION_WORDS else None
    mover = moved.head.head if moved is not None and moved.head.lower_ == "of" else moved.head if moved else None
    if mover is not None and mover.pos_ in ("VERB", "ADV", "ADP", "NOUN") and (
            mover.lemma_.lower() in CHANGE_WORDS or mover.lemma_.lower() == "move"):
        return True  # "fell two places to number four", "moved up seven places", "a leap of 65 places": a move
    if len(nums) != 1 or last.dep_ != "pobj" or last.head.lower_ not in ("to", "at", "from") or list(last.children):
        return False
    sent = last.sent
    return any(t.lower_ in POSITION_WORDS or (t.lower_ in ("number", "no") and t.i + 1 < len(t.doc)
                                              and t.doc[t.i + 1].like_num) for t in sent if t.i != last.i)


def inside_title(nums: list[Token]) -> bool:
    """Digits between two capitalised words inside a sentence are part of a title: "Tea For 2 All Day",
    "Radio 4 Today"; so are digits after a name of two capitalised words, or before a capitalised word, that
    modify a singular common noun ("the Live Aid 20 album", "a 12 Monkeys actor": a count would take a plural)."""
    first, last = nums[0], nums[-1]
    doc = last.doc
    if not first.text[:1].isdigit() or first.i < 2 or last.i + 1 >= len(doc):
        return False
    prev, nxt = doc[first.i - 1], doc[last.i + 1]
    if prev.is_title and not prev.is_sent_start and prev.is_alpha and nxt.is_alpha and nxt.text[:1].isupper():
        return True
    if last.head.tag_ == "NNS":
        return False  # "70 Hong Kong music and movie stars": a count of its plural head
    if all(t.is_title and t.is_alpha and not t.is_sent_start for t in doc[first.i - 2:first.i]):
        return _singular_head(doc, last.i + 1)  # "the Live Aid 20 album"
    k = last.i + 1
    while k < len(doc) and doc[k].is_title and doc[k].is_alpha:
        k += 1
    return k > last.i + 1 and _singular_head(doc, k)  # "a 12 Monkeys actor"


def _singular_head(doc, k: int) -> bool:
    """A singular common noun at ``k`` (or one the tagger took for an adjective: "the X 20 single will ...") that
    heads its phrase (not "title" in "title wins")."""
    if k >= len(doc) or doc[k].tag_ not in ("NN", "JJ") or not doc[k].is_lower or not doc[k].is_alpha:
        return False
    return not (k + 1 < len(doc) and doc[k + 1].tag_ in ("NN", "NNS") and doc[k + 1].is_lower)


def earlier_figures(last: Token, before: int):
    """The tokens before token ``before`` that state ``last``'s number with the same head noun after it."""
    head = last.head
    return (t for t in last.doc[:before] if t.lower_ == last.lower_ and t.dep_ == "nummod"
            and t.head.lemma_ == head.lemma_ and t.head.i > t.i)


def counted_set(nums: list[Token]) -> bool:
    """'the three films in the trilogy' (:func:`set_defined`), or a figure restated: 'the two task forces' after
    'Two task forces have been set up' earlier in the text (the same number with the same head noun)."""
    if set_defined(nums):
        return True
    last = nums[-1]
    head = last.head
    if last.dep_ != "nummod" or head.pos_ != "NOUN" or head.i <= last.i:
        return False
    return any(not (t.i > 0 and t.doc[t.i - 1].lower_ in DEFINITE_OR_BOTH)
               for t in earlier_figures(last, nums[0].i))


def attendance(nums: list[Token]) -> bool:
    """"Att: 31,207", "Attendance: 12,000" in a match report: a count of the crowd, with no noun after it."""
    doc = nums[0].doc
    k = nums[0].i
    return k >= 2 and doc[k - 1].text == ":" and doc[k - 2].lower_.rstrip(".") in ("att", "attendance", "crowd")


def event_phrase(tok: Token) -> bool:
    """The distance at ``tok`` is in a noun phrase opened by 'the' or a possessive name ('the 200m', 'the closest
    100m final', 'the world 3000m ranking', "the women's 1500m"), not by 'a', 'my' or a preposition ('a 10km run',
    'my final 200m of the session', 'from 200m')."""
    doc = tok.doc
    for k in range(tok.i - 1, max(-1, tok.i - 5), -1):
        t = doc[k]
        if t.lower_ in ("the", "her") or t.tag_ in ("POS", "PRP$"):  # "her" may be tagged a plain pronoun
            return True  # "the 200m", "the women's 1500m", "his favoured 400m" (not "his 400m of the session")
        if t.pos_ not in ("ADJ", "NOUN", "PROPN") and t.tag_ != "VBN":  # "his favoured 400m"
            return False
    return False


def event_partner(tok: Token) -> bool:
    """The distance at ``tok`` follows "to", "and" or "or" after a race name ("from her favoured 800m to 400m",
    "the 100m and 200m", "titles over 1500m and 5,000m", "the marathon and 10,000m"): a race name too."""
    doc = tok.doc
    k = tok.i - 1
    if k < 2 or doc[k].lower_ not in ("to", "and", "or"):
        return False
    if doc[k - 1].lower_ in RACE_WORDS:
        return True  # "the marathon and 10,000m"
    j = k - 1
    while j > 0 and not doc[j].like_num:
        j -= 1  # back over the unit of the distance before ("400" "m")
    return k - j <= 2 and bool(GLUED_METRES.match("".join(t.text for t in doc[j:k]))) and (
        event_phrase(doc[j]) or names_event(doc[k - 1]))  # "titles over 1500m and 5,000m"


def exchange_rate(nums: list[Token]) -> Optional[str]:
    """A currency's price written as a bare number against another currency: "the peso fell to 19.245 against the
    dollar", "141.60 per euro" (money, as a share price in pence; "per euro" a price per unit of currency, as
    "apiece"), or a level a currency moved to without the other named ("the yen later strengthened to 140.55", "it
    then fell to 1.29" after a sentence on the yen): the currency priced (the subject's, else the one after
    "against"), or None when the number is no exchange rate. A whole number in thousands is a level only with the
    currency its verb's subject ("the rupiah ... to trade at 9,300")."""
    last = nums[-1]
    doc = last.doc
    k = last.i + 1
    if len(nums) == 1 and k + 2 < len(doc) and doc[k].lower_ == "to" and doc[k + 1].lower_ == "the" \
            and re.fullmatch(r"\d[\d,]*(?:\.\d+)?", last.text):
        other = next((t for t in doc[k + 2:k + 5] if currency_word(t)), None)
        if other is not None and all(t.pos_ in ("PROPN", "ADJ") for t in doc[k + 2:other.i]):
            return _priced(last, other)  # "pegged at 8.28 to the US dollar", "trading at 1,893 to the dollar"
    if len(nums) == 1 and re.fullmatch(r"\d{1,3}(?:,\d{3})+", last.text):
        return currency_level(last)
    if not re.fullmatch(r"\d+\.\d+", nums[0].text) or len(nums) != 1:
        return None
    if k >= len(doc) or doc[k].lower_ not in ("against", "versus", "per"):
        return currency_level(last)
    k += 1
    while k < len(doc) and doc[k].pos_ in ("DET", "ADJ", "PROPN") and not currency_word(doc[k]):
        k += 1  # "against the US dollar"
    if k >= len(doc) or not currency_word(doc[k]):
        return None
    return _priced(last, doc[k])


def _priced(number: Token, other: Token) -> Optional[str]:
    """The currency an exchange rate prices: its verb's subject's, else ``other`` (the one after "against")."""
    verb = number.head.head if number.dep_ == "pobj" else number.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and currency_word(c)), None)
    return currency_code(subject if subject is not None else other)


def world_ranking(nums: list[Token]) -> bool:
    """A headless number before "in the world" ranks: "has risen from 31 in the world to 22", "she is now 12 in the
    world" (as "number one", "top 20"); not "there are only 300 in the world" (a count of what exists)."""
    last = nums[-1]
    doc = last.doc
    words = [t.lower_ for t in doc[last.i + 1:last.i + 4]]
    if len(nums) != 1 or words != ["in", "the", "world"] or last.dep_ not in ("pobj", "attr", "npadvmod", "dobj", "ROOT"):
        return False
    return not any(t.lower_ == "there" and t.dep_ == "expl" for t in last.sent)


# nouns a race distance names an event for: "the 9km race", "a 1500m place in the team", "the 400m title"
EVENT_HEADS = frozenset([
    "race", "event", "title", "place", "spot", "berth", "final", "heat", "semi", "champion", "championship", "crown",
    "record", "medal", "gold", "silver", "bronze", "relay", "hurdle", "specialist", "runner", "winner", "squad",
    "team", "ranking", "qualifier", "showdown",
])


TITLE_HOLDERS = frozenset(["medallist", "medalist", "champion", "winner", "finalist", "holder", "specialist"])


# the track's standard distances in metres: with athletics in the sentence, the name of a race wherever the
# parse hangs it ("1500m will be her favoured distance", "the final of 1500m", "Olympic 100m silver medallist")
TRACK_METRES = frozenset(["60", "100", "110", "200", "400", "800", "1500", "1,500", "3000", "3,000", "5000", "5,000",
                          "10000", "10,000"])
ATHLETICS_WORDS = frozenset(["distance", "hurdle", "hurdles", "sprint", "sprinter", "athletics", "indoor", "olympic",
                             "relay", "medallist", "medalist"])
RACE_LEMMAS = EVENT_HEADS | TITLE_HOLDERS  # the nouns of a race or of a title won in one


def names_event(tok: Token, glued: Optional[str] = None) -> bool:
    """The distance ending at ``tok`` modifies a noun of a race or of a place in one ("won the 9km race", "a 1500m
    place", "the 400m title"): the name of the event, whatever its determiner; not a stretch measured ("the final
    20 metres", "a 40m penalty", "a 10km run"). A standard track distance glued to its "m" (``glued``: as written,
    "1500m") names a race in any sentence that speaks of athletics or titles (:data:`TRACK_METRES`)."""
    written = (glued or "").rstrip(".")
    if written[:-1] in TRACK_METRES and written[-1:] in ("m", "M") and any(
            t.lower_ in ATHLETICS_WORDS or t.lemma_.lower() in RACE_LEMMAS for t in tok.sent):
        return True
    h = tok.head if tok.dep_ == "nummod" and tok.head.i > tok.i else tok  # "3 km" in two tokens: the unit
    while h.dep_ == "conj" and h.head.i < h.i:
        h = h.head  # "record holder at 3km, 5km and 10km"
    if h.dep_ == "pobj" and h.head.lower_ in ("over", "at") and any(_titled(n) for n in _over_what(h.head.head)):
        return True  # "the bronze medallist over 3000m", "champion over 1500m": the race the title is in
    if written[:-1] in TRACK_METRES and h.dep_ == "pobj" and h.head.lower_ == "over" \
            and h.head.head.lemma_.lower() in ("compete", "race"):
        return True  # "will see Holmes compete over 1500m": the race she runs (not "ran over 1500m in the rain")
    h = tok
    for _ in range(4):
        if h.dep_ not in ("compound", "nmod", "amod", "nummod") or h.head.i <= h.i:
            return False
        h = h.head
        if h.pos_ == "NOUN" and (h.lemma_.lower() in EVENT_HEADS or h.lower_ in EVENT_HEADS):
            return True
    return False


def _titled(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and (noun.lemma_.lower() in EVENT_HEADS or noun.lower_ in TITLE_HOLDERS)


def _over_what(head: Token) -> list[Token]:
    """What a distance after "over" measures: the noun "over" hangs from, or, when the parser hangs it from the
    verb, that verb's object ("clinched his first Olympic titles over 1500m")."""
    if head.pos_ in ("VERB", "AUX"):
        return [c for c in head.children if c.dep_ == "dobj"]
    return [head]


def multiplier(nums: list[Token]) -> bool:
    """'a hundred times more letters', 'three times as many ships', 'four times bigger', 'six times what it paid':
    the number multiplies a comparison (a ratio), unlike 'won five times' (a count of occasions)."""
    doc = nums[0].doc
    k = nums[-1].i + 1
    if k + 1 >= len(doc) or doc[k].lower_ != "times" or nums[-1].whitespace_ == "":
        return False
    nxt = doc[k + 1]
    if nxt.lower_ == "as":  # "three times as many ships", not "scored three times as the hosts tired"
        return k + 2 < len(doc) and doc[k + 2].pos_ in ("ADJ", "ADV") and doc[k + 2].lower_ != "well"
    return nxt.tag_ in ("JJR", "RBR") or nxt.lower_ in ("more", "less", "fewer", "what")  # "ten times what it cost"


def set_defined(nums: list[Token]) -> bool:
    """'the three films in the trilogy', 'the two sides of the dispute', 'the two old vans from the depot': the
    number's head noun is defined by a phrase after it, so the number counts the set (not 'the two states talk',
    which refers back)."""
    last = nums[-1]
    head, doc = last.head, last.doc
    if last.dep_ != "nummod" or head.i <= last.i or head.pos_ != "NOUN" or head.tag_ != "NNS":
        return False
    if any(t.dep_ != "amod" or t.head.i != head.i for t in doc[last.i + 1:head.i]):
        return False  # "the two giant kites from ...": describing adjectives may stand between
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "from" and nxt.dep_ == "prep":
        return True  # "the two kites from his tour" (the parser often hangs 'from' on the verb)
    return any(c.dep_ == "prep" and c.i == head.i + 1 and c.lower_ in ("in", "of", "from", "at", "on")
               for c in head.children)


def unit_after(nums: list[Token], units: frozenset) -> Optional[str]:
    """The unit of measure written right after the number, before the noun it may modify: "a 100,000 square foot
    studio" -> "foot", "a 20,000 sq ft store" -> "ft" (a measure in adjectival position, not a count of studios)."""
    doc = nums[0].doc
    k = nums[-1].i + 1
    if k < len(doc) and doc[k].text == "-":
        k += 1
    if k + 1 < len(doc) and doc[k].lower_ in ("square", "cubic", "sq"):
        k += 1
    if k >= len(doc) or k == nums[-1].i + 1 and doc[k].pos_ != "NOUN":
        return None
    word = doc[k].lemma_.lower()
    return word if word in units else (doc[k].lower_ if doc[k].lower_ in units else None)


PRICE_VERBS = frozenset({"top", "hit", "reach", "pass", "breach", "exceed", "touch"})


def price_level(nums: list[Token]) -> Optional[str]:
    """A bare number a price reached, beside a price in a currency in the same sentence and of its size ("traded
    at 372 rand after topping 400"): money in that currency (as a bare exchange rate), or None."""
    last = nums[-1]
    doc = last.doc
    if len(nums) != 1 or not last.like_num or last.dep_ != "dobj" or last.head.lemma_.lower() not in PRICE_VERBS \
            or any(c.dep_ in ("prep", "amod", "compound") for c in last.children):
        return None
    value = amount_of(nums)
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if value is None or (nxt is not None and nxt.pos_ == "NOUN"):
        return None
    sent = last.sent
    for i, tok in enumerate(sent):
        if tok.like_num and tok.i != last.i and i + 1 < len(sent) and currency_word(sent[i + 1]):
            price = amount_of([tok])
            if price and 0.5 <= value / price <= 2:
                word = sent[i + 1]
                return currency_code(word)
    return None


LEVEL_VERBS = frozenset(["strengthen", "weaken", "fall", "rise", "drop", "slide", "slip", "climb", "edge", "recover",
                         "trade", "close", "stand", "firm", "ease", "tumble", "sink", "rally", "bounce", "end"])
HELD_LEVEL_VERBS = LEVEL_VERBS | {"remain", "stay"}  # "remained at 100.8": a level held


def clause_subject(verb: Token) -> Optional[Token]:
    """The subject of ``verb``, or of the clause a participle or infinitive without one hangs from ("The baht lost 0.3%,
    trading at 39.10", "the rupiah lost 0.6% before bouncing back to trade at 9,300": the baht, the rupiah)."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in ("xcomp", "advcl", "pcomp") or verb.tag_ not in ("VBG", "VB"):
            return subject
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
    return None


def _currency_subject(verb: Token) -> Optional[Token]:
    """The currency word the verb's subject is, or the one a pronoun subject stands for: the subject of the sentence
    before ("The yen dropped to 141.60 per euro. It later strengthened to 140.55.")."""
    subject = clause_subject(verb)
    if subject is None:
        return None
    if currency_word(subject):
        return subject
    sent = verb.sent
    if subject.lower_ != "it" or sent.start == 0:
        return None
    before = verb.doc[sent.start - 1].sent.root
    return next((c for c in before.children if c.dep_ in ("nsubj", "nsubjpass") and currency_word(c)), None)


def currency_level(num: Token) -> Optional[str]:
    """A bare decimal a currency moved to or stood at ("the yen later strengthened to 140.55", "it closed at 1.29"
    after a sentence on the dollar): money in that currency, as an exchange rate with its other currency unnamed."""
    prep = num.head
    if num.dep_ != "pobj" or prep.lower_ not in ("to", "at") or prep.head.lemma_.lower() not in LEVEL_VERBS:
        return None
    word = _currency_subject(prep.head)
    if word is None:
        return None
    return currency_code(word)


def index_reading(nums: list[Token]) -> bool:
    """A bare number an index moved to or from or stood at ("its index dropped to 61.2", "edged up to 102.5, from
    102.2", "the confidence index stood at 95", "remained at 100.8"): a measure (``other``), not a count."""
    last = nums[-1]
    prep = last.head
    if len(nums) != 1 or last.dep_ != "pobj" or prep.lower_ not in ("to", "at", "from") or \
            prep.head.lemma_.lower() not in HELD_LEVEL_VERBS:
        return False
    subject = clause_subject(prep.head)
    before = prep.head.doc[prep.head.i - 1] if prep.head.i else None  # "The Institute for Supply Management (ISM)
    return (subject is not None and subject.lemma_.lower() == "index") or (  # index fell to 55.3": "index" taken for
        before is not None and before.lower_ == "index" and before.head.i != prep.head.i)  # part of its maker's name


# what is counted in millions with a glued "m" ("10.9m viewers", "3m copies"), never a race or a stretch in metres
MILLION_NOUNS = frozenset([
    "viewer", "listener", "reader", "visitor", "user", "subscriber", "customer", "people", "person", "copy", "vote",
    "voter", "fan", "spectator", "passenger", "household", "home", "shopper", "worker", "job", "share", "ticket",
    "download", "admission", "tourist", "resident", "citizen", "member", "patient", "pupil", "unit", "account",
    "barrel", "tonne", "gallon",  # (measures, not counts: "stockpiles fell 1m barrels")
])
GLUED_M = re.compile(r"\d[\d,.]*m")  # "1m" (as the tokenizer splits it: "1", "m")
AUDIENCE_NOUNS = frozenset(["viewer", "audience", "listener", "reader", "rating", "subscriber", "viewing"])


def glued_million(nums: list[Token]) -> Optional[str]:
    """The "m" glued to a number is a million, not metres, when a noun counted in millions follows ("10.9m
    viewers", "sold 3m copies") or, bare ("peaked at 11.9m", "a peak of 15.3m"), when its sentence speaks of an
    audience: the counted noun's lemma (``audience`` for a bare one), else None ("the 200m", "cleared 1.76m")."""
    last = nums[-1]
    doc = last.doc
    if not last.lower_.rstrip(".").endswith("m") or last.lower_.rstrip(".").endswith(("km", "cm", "mm")):
        return None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
        return nxt.lemma_.lower() if nxt.tag_ == "NNS" and nxt.lemma_.lower() in MILLION_NOUNS else None
    if not event_phrase(nums[0]) and any(t.lemma_.lower() in AUDIENCE_NOUNS for t in last.sent):
        return "audience"  # (not "won the 200m before an audience of ...": a race)
    return _counted_before(nums[-1])


def _counted_before(last: Token) -> Optional[str]:
    """The noun a bare "m" amount counts when the amount just before it in its clause, glued to "m" too, named it
    ("fallen 1m barrels to 294.3m": millions of barrels, not 294.3 metres), else None."""
    prep = last.head if last.head.lower_ in ("to", "from") else None
    if prep is None:
        return None
    for t in prep.doc[max(prep.sent.start, prep.i - 3):prep.i]:
        before = [x.text for x in t.doc[max(0, t.i - 2):t.i]]  # "1m" as one token or as the tokenizer splits it
        if t.tag_ == "NNS" and t.lemma_.lower() in MILLION_NOUNS and (
                GLUED_M.fullmatch("".join(before[-1:])) or GLUED_M.fullmatch("".join(before))):
            return t.lemma_.lower()
    return None


LIFE_EVENT_VERBS = frozenset(["die", "retire", "marry", "debut", "quit", "graduate"])


def life_event_age(nums: list) -> bool:
    """A bare number after "at" that tells when in a life something happened: "has died in Germany at 50",
    "retired at 35" (an age, not a count; not "at 50 mph", "at 10", a time, after other verbs)."""
    first, last = nums[0], nums[-1]
    doc = first.doc
    prep = first.head if first.dep_ == "pobj" else last.head if last.dep_ == "pobj" else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return prep is not None and prep.lower_ == "at" and prep.head.lemma_.lower() in LIFE_EVENT_VERBS and all(
        t.text.isdigit() for t in nums) and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "SYM", "NUM"))


RATE_ABBREVIATIONS = {"bpd": ("barrel", "day")}  # "2.4 million bpd": barrels per day


def past_mass_noun(doc, i: int, per_words: frozenset[str]) -> int:
    """Where a rate's denominator would start after a counted noun's "of" phrase ("793,000 barrels of oil per day",
    "1 million barrels of crude oil a day": after "oil"); ``i`` itself when no such phrase comes before one."""
    k = i + 1 if i < len(doc) and doc[i].lower_ == "of" else None
    while k is not None and k < len(doc) and doc[k].tag_ in ("JJ", "NN") and k - i <= 3:
        if doc[k].tag_ == "NN" and k + 1 < len(doc) and doc[k + 1].lower_ in per_words:
            return k + 1
        k += 1
    return i


def rate_abbreviation(unit: Optional[str], per: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """A unit that is a rate by itself ("bpd": barrels per day) as its unit and denominator; else as given."""
    return RATE_ABBREVIATIONS.get(unit, (unit, per)) if per is None else (unit, per)


def after_age_of(first: Token) -> bool:
    """The number comes after "age of" or "ages of", or is the second of two there ("between the ages of six and
    11"): an age, not a count."""
    doc, k = first.doc, first.i
    if k >= 3 and doc[k - 1].lower_ in ("and", "to") and doc[k - 2].like_num:
        k -= 2  # the second of the two
    return k >= 2 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in ("age", "ages")

