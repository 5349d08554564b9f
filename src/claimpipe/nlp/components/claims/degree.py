"""Comparatives and superlatives: the comparison evidence of the claim kinds (:mod:`.kinds`), with the degree
words that compare nothing left out ("his latest film", "the award for best actress", "most of the purchases")
and the reason of each cue (a comparative with its "than", a superlative with its scope, or neither)."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span


def _determined(t) -> bool:
    """The superlative's phrase has a determiner or a possessive: 'the best', "Europe's largest"."""
    head = t.head if t.dep_ == "amod" else t
    return any(c.dep_ in ("det", "poss") for c in head.children) or any(c.dep_ in ("det", "poss") for c in t.children)


TEMPORAL_DEGREE = frozenset(["latest", "earliest", "later", "earlier", "newest", "oldest"])
AWARD_WORDS = frozenset(["award", "awards", "prize", "oscar", "oscars", "bafta", "baftas", "grammy", "grammys",
                         "emmy", "globe", "category", "nomination", "nominations", "gong", "trophy", "honour"])
AWARD_VERBS = frozenset(["win", "nominate", "name", "vote", "shortlist", "scoop", "collect", "pick", "take"])


def _award_category(t) -> bool:
    """A superlative naming an award category: its noun phrase qualifies an award word ("the best actor award"),
    or is won, nominated for or named ("won best actress", "nominated for best film")."""
    head = t.head if t.dep_ in ("amod", "advmod") else t
    for _ in range(3):  # "best supporting actor Oscar": up the compounds to the award word
        if head.lower_ in AWARD_WORDS:
            return True
        if head.dep_ in ("compound", "nmod", "amod") and head.head.i > head.i:
            head = head.head
        else:
            break
    if head.lower_ in AWARD_WORDS:
        return True
    gov = head.head
    if head.dep_ == "pobj" and gov.lower_ == "for":
        gov = gov.head
        if head.head.i > 0 and head.doc[head.head.i - 1].lower_ == "up":
            return True  # "was also up for best pop album": nominated for it
    return gov.lemma_.lower() in AWARD_VERBS and head.dep_ in ("dobj", "pobj", "oprd", "attr", "xcomp")


LIST_WORDS = frozenset(["list", "lists", "poll", "ranking", "rankings", "countdown", "survey", "rundown"])


def _names_list(t) -> bool:
    """A superlative in the "of" phrase of a list noun ("the magazine's list of the best imports", "a poll of the
    greatest songs"): the list's name, as an award's, not what the sentence compares."""
    head = t.head if t.dep_ in ("amod", "advmod") else t
    return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in LIST_WORDS


def award_category_word(t) -> bool:
    """"best"/"worst" naming an award category ("nominated for best picture", "won best actress", "was up for
    best album"): neither a comparison nor an evaluation."""
    return t.tag_ == "JJS" and t.lower_ in ("best", "worst") and (not _determined(t) or _award_category(t))


TITLE_LABELS = frozenset(["WORK_OF_ART", "EVENT", "LAW", "PRODUCT"])


def _in_title(t) -> bool:
    """The degree word is part of a title ("her single Better Than Ever"): a capitalised word in a title entity,
    or a capitalised "Than" (or the comparative before one) inside the sentence."""
    if not t.text[:1].isupper() or t.is_sent_start:
        return False
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return t.ent_type_ in TITLE_LABELS or t.text == "Than" or (nxt is not None and nxt.text == "Than")


def _bounds_a_span_of_time(t, span: Span) -> bool:
    """"more than" or "less than" bounding a span of time ("for more than 40 years"): a duration, as "over 40
    years", compares nothing; a stretch of time is a date entity or its head is a unit of time."""
    doc = t.doc
    if t.lower_ not in ("more", "less") or t.i + 2 >= len(doc) or doc[t.i + 1].lower_ != "than":
        return False
    number = doc[t.i + 2]
    unit = doc[t.i + 3] if t.i + 3 < len(doc) else None
    return number.like_num and unit is not None and unit.lemma_.lower() in TIME_UNITS


TIME_UNITS = frozenset(["year", "month", "week", "day", "hour", "minute", "decade", "century", "season"])


def is_comparison(span: Span) -> bool:
    """A comparative or superlative ('more than', 'the biggest', 'the only'), not 'most of' nor a ranking band
    ('the top 10': no compared object)."""
    return comparison_cue(span) is not None


SCOPE_WORDS = frozenset(["in", "of", "ever", "yet", "since", "on", "among"])


def _degree_reason(t, span: Span) -> str:
    """Whether a comparative has its compared object ("higher than ...") and a superlative its scope ("the
    biggest in Europe", "the best ever"): the reason of the cue."""
    if t.tag_ in ("JJR", "RBR"):
        if any(w.lower_ == "than" for w in span.doc[t.i + 1:span.end]):
            return "comparative with than"
        if _the_more(t):
            return "the more of two"
        if _predicate(t):
            return COMPARATIVE_PREDICATE
        return "comparative without a compared object"
    if level_reached(t):
        return LEVEL_REACHED
    head = t.head if t.dep_ in ("amod", "advmod") else t
    if t.dep_ == "advmod" and head.dep_ == "amod" and head.pos_ == "ADJ" and any(
            c.dep_ == "poss" and c.tag_ != "PRP$" for c in head.head.children):
        return "superlative with a scope"  # "Spain's most powerful bank"; not "her most personal album"
    if any(c.dep_ == "poss" and (c.tag_ != "PRP$" or head.i != t.i) for c in head.children):
        return "superlative with a scope"  # "Spain's biggest bank", "its best quarter"; not "did their best"
    if any(w.lower_ in SCOPE_WORDS for w in span.doc[t.i + 1:min(span.end, t.i + 7)]):
        return "superlative with a scope"  # "the lowest level since 2001", "the biggest in Europe", "best ever"
    if t.i >= 3 and [w.lower_ for w in t.doc[t.i - 3:t.i]] == ["one", "of", "the"]:
        return "superlative with a scope"  # "one of the biggest"
    return "superlative"


COMPARATIVE_PREDICATE = "comparative predicate"  # what the clause says of its subject, its compared object implied
PREDICATE_VERBS = frozenset(["be", "become", "grow", "prove", "remain", "look", "seem", "appear", "get", "turn"])


def _predicate(t) -> bool:
    """A comparative that is what a copula or a verb of becoming says of its subject ("has become far more orderly
    since 2000", "have proved less successful abroad", "profits were lower"): the clause compares, with its
    object implied (the past, the original). Not one in a noun phrase ("a weaker dollar", "more time")."""
    adj = t.head if t.dep_ == "advmod" and t.head.pos_ == "ADJ" else t
    return adj.dep_ in ("acomp", "oprd", "attr") and adj.pos_ in ("ADJ", "ADV") \
        and adj.head.lemma_.lower() in PREDICATE_VERBS


def _the_more(t) -> bool:
    """"the more/less" before an adjective of a noun ("charged with the more serious offence", "the less costly
    option"): one of two things set against the other, a comparison without "than"."""
    adj = t.head
    return t.lower_ in ("more", "less") and t.dep_ == "advmod" and adj.pos_ == "ADJ" and adj.dep_ == "amod" \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in adj.head.children)


PROGRESS_VERBS = frozenset(["move", "edge", "inch", "get", "come", "draw", "step", "creep"])  # "moving closer to"
NOUN_LOOKALIKES = frozenset(["stranger", "strangers", "elder", "elders"])  # nouns the tagger may read as comparatives
RANKED_PARTICIPLES = frozenset(["selling", "rated", "ranked", "grossing", "earning", "scoring", "paid", "placed"])


def _top_ranked(t) -> bool:
    """"top-selling", "top-rated", "top-ranked": a superlative made with "top" and a participle."""
    doc = t.doc
    return t.lower_ == "top" and t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and not t.whitespace_ \
        and doc[t.i + 2].lower_ in RANKED_PARTICIPLES


def comparison_cue(span: Span) -> Optional[tuple]:
    """The comparative or superlative of :func:`is_comparison`: ``(token, reason)``, or None."""
    skipped = -1  # a "more"/"less" that compares nothing: its "than" does not either
    for t in span:
        if _top_ranked(t):
            head = t.doc[t.i + 2].head
            scoped = any(c.dep_ == "poss" for c in head.children)  # "Spain's top-selling magazine"
            return t, "superlative with a scope" if scoped else "superlative"
        if t.tag_ == "JJS" and t.lower_ in ("best", "worst") and not _determined(t):
            continue  # "the award for best female artist", "voted best group": the name of a category
        if t.tag_ in ("JJR", "JJS", "RBR", "RBS"):
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if t.lower_ in TEMPORAL_DEGREE or (t.tag_ in ("JJR", "RBR") and nxt is not None and nxt.text == "-"
                                               and not t.whitespace_):
                continue  # "his latest film", "an earlier report", "the lower-court ruling": no compared object
            if t.lower_ in ("closer", "nearer") and t.head.lemma_.lower() in PROGRESS_VERBS:
                continue  # "is moving closer to fitness", "edged nearer to a deal": progress, no compared object
            if t.lower_ in NOUN_LOOKALIKES and not any(w.lower_ == "than" for w in t.doc[t.i + 1:t.i + 3]):
                continue  # "is no stranger to ...", "the village elders": a noun, no comparative ("stranger than")
            if (t.lower_ in ("best", "worst") and _award_category(t)) or (t.tag_ == "JJS" and _names_list(t)):
                continue  # "won the best supporting actor award", "nominated for best actress", "list of the best"
            if t.lower_ in ("most", "more", "less", "least", "fewer") and nxt is not None and nxt.lower_ == "of":
                continue  # "most of the purchases": a quantifier
            if t.lower_ == "most" and t.dep_ == "amod" and t.head.tag_ in ("NNS", "NNPS") \
                    and not _determined(t):
                continue  # "most shops opened late": a quantifier, not "the most expensive"
            if _in_title(t) or _bounds_a_span_of_time(t, span) or (
                    t.lower_ == "more" and t.i > 0 and t.doc[t.i - 1].lower_ == "nothing"):
                skipped = t.i
                continue  # "the single More Than Words", "married for more than 40 years", "nothing more than"
            return t, _degree_reason(t, span)
        if t.lower_ == "than" and t.i != skipped + 1 and not _in_title(t):
            return t, "than"
        if t.lower_ == "near" and t.i > 0 and (t.doc[t.i - 1].lower_ == "nowhere" or (
                t.i > 1 and [w.lower_ for w in t.doc[t.i - 2:t.i]] == ["no", "where"])):
            return t, "nowhere near"  # "the album comes nowhere near their last one": a comparison
        if t.lower_ == "only" and t.i > 0 and t.doc[t.i - 1].lower_ == "the":
            return t, "the only"
        if equative(t, span):
            return t, "equative"  # "as good as the original", "as notable for sales as for art"
    return None


LEVEL_REACHED = "superlative of a level reached"  # no comparison of the sentence: the record told is an event
REACH_VERBS = frozenset(["hit", "touch", "reach", "plumb", "scale", "strike"])
TIME_SCOPE = frozenset(["since", "for", "ever", "yet", "in"])


def level_reached(t) -> bool:
    """A superlative standing alone as the level a moving price reached, with no stretch of time it is the most of
    ("the yen touched its lowest versus the euro", "shares hit their highest on Monday"): the record reached, news
    of a move; not "slipped to their lowest level since 2001" (a scope in time: a comparison)."""
    if t.tag_ != "JJS" or t.dep_ != "dobj" or t.head.lemma_.lower() not in REACH_VERBS:
        return False
    return not any(w.lower_ in TIME_SCOPE and not any(c.ent_type_ in ("GPE", "LOC") for c in w.children)
                   for w in t.subtree if w.i > t.i) and not any(
        c.dep_ == "prep" and c.lower_ in TIME_SCOPE for c in t.head.children if c.i > t.i)


NOT_EQUATIVE = frozenset(["well", "soon", "long", "far", "much", "many", "little", "few", "early", "late", "such",
                          "recently", "likely", "quickly"])


def equative(t, span: Span) -> bool:
    """"as" + an adjective + ... + "as" with what is matched ("someone as notable for sales as for art", "as dear to her
    as any of the six"): an equative compares, as "more than"; not "as well as", "as soon as", "such as", "as many
    as 300" (a bound)."""
    doc = t.doc
    if t.lower_ != "as" or t.i + 1 >= span.end or doc[t.i + 1].tag_ != "JJ" or doc[t.i + 1].lower_ in NOT_EQUATIVE:
        return False
    second = next((w for w in doc[t.i + 2:min(span.end, t.i + 9)] if w.lower_ == "as"), None)
    return second is not None and [w.lower_ for w in doc[second.i + 1:second.i + 3]] not in (
        ["it", "comes"], ["it", "gets"])  # "as exciting as it comes": an idiom of degree, no matched term
