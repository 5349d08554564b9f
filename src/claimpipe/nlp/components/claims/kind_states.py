"""Helpers of the claim kinds (:mod:`.kinds`) on states, futures and dates: a membership told by a copula ("was part
of"), a present state joined to an action in progress, "future" said of a noun (no date), "set to", "is likely to",
"seem set for" and a future in a joined clause ("X starts, while Y will play"), "would" of a proposal, a date of a
thing set "ahead of" the main verb, a ranking line ("it was followed by A, B and C"), a verdict on what suffices ("is
not strong enough to"), "X follows an earlier event", definitions and standing uses ("is defined as", "is used to"),
a contract tie, a present copula characterising its subject, will or resolve ("is keen to"), "looked to be", an
imperative and the writer's first person."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from claimpipe.nlp.components.claims.amount_context import is_definite
from claimpipe.nlp.components.claims.degree import NOUN_LOOKALIKES
from claimpipe.nlp.components.claims.kind_standing import (
    background_framing, comes_in_for, doubts_remain, name_or_showing, named_line_up, required_result, ruled_ability,
    causal_tie, standing_concern, standing_split,
)
from claimpipe.schema import Quantity


def future_adjective(span: Span, start: int, end: int) -> bool:
    """A date that is only "future" said of a noun ("the future ownership of the firm"): no time of the clause."""
    toks = span.doc.char_span(start, end, alignment_mode="expand")
    return toks is not None and any(t.lower_ == "future" and t.dep_ == "amod" for t in toks)


def membership(root: Token) -> bool:
    """The main verb is a copula making its subject part of something ("the sale was part of the plans to ...",
    "the school is part of a trust") or tying it to a cause (:func:`causal_tie`): a standing relation, whatever the
    tense."""
    return standing_concern(root) or causal_tie(root) or root.lemma_ == "be" and any(  # "is the focus of", "is due to"
        a.lower_ == "part" and any(p.lower_ == "of" for p in a.children if p.dep_ == "prep")
        for a in root.children if a.dep_ == "attr")


def in_progress_joined(root: Token) -> bool:
    """A verb joined to the main one is in the present progressive ("the city wants a tram network and is drawing
    up a law"): an action under way, news rather than a standing relation."""
    return any(c.dep_ == "conj" and c.tag_ == "VBG" and any(
        a.dep_ == "aux" and a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in c.children)
        for c in root.children)


def faced_with(root: Token) -> bool:
    """A present passive of "face" with what is faced ("small firms are faced with high costs", "are not faced
    with"): a standing state of the subject, not news of an act."""
    return root.lemma_ == "face" and root.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in root.children) and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in root.children)


FUTURE_PARTICIPLES = frozenset(["expect", "set", "poise", "due", "schedule", "slate", "tip"])
JOINING_MARKS = frozenset(["while", "whereas", "whilst"])
PROPOSAL_WORDS = frozenset(["propose", "plan", "suggest", "proposal", "scheme", "reform", "bill",
                            "deal", "merger", "takeover", "acquisition", "tie-up"])  # a deal not yet done, too
AHEAD_WORDS = frozenset(["ahead", "before", "prior"])


def _set_to(verb: Token) -> bool:
    """The verb is "expected/set/due to ..." ("is expected to fall", "looks set to start", "seems poised to"): a
    participle of the future with its infinitive, as the verb or as its complement."""
    def future_participle(t: Token) -> bool:
        return t.lemma_.lower() in FUTURE_PARTICIPLES and t.tag_ in ("VBN", "JJ") and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux") for c in t.children)
    if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return False  # "was set to begin", "looked set to win": a plan of the past
    return (future_participle(verb) and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)) \
        or (verb.lemma_ in ("look", "seem", "appear") and any(
            c.dep_ in ("acomp", "xcomp", "oprd") and future_participle(c) for c in verb.children))


def joined_future(root: Token, future_aux: frozenset[str]) -> Optional[Token]:
    """A future in the main verb's "set to" form ("Y looks set to start", "is likely to stay", "seem set for cuts")
    or in a clause joined to it ("X comes in, while Y will play", "X has remained upbeat, and inflation is expected
    to fall"): the cue, or None."""
    if _set_to(root):
        return root
    if (result := required_result(root)) is not None:  # "must beat the hosts to stay in the race": the coming match
        return result
    if likely_to(root) is not None or set_for(root) is not None or present_plan(root):
        return likely_to(root) or set_for(root) or root  # "is likely to stay", "seem set for cuts", "plans to open"
    joined = [c for c in root.children if c.dep_ == "conj" or (c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in JOINING_MARKS for m in c.children))]
    for verb in joined:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in future_aux for a in aux) and not any(a.tag_ in ("VBZ", "VBD", "VBP") for a in aux
                                                                 if a.lower_ not in future_aux):
            return verb
        if _set_to(verb) or likely_to(verb) is not None or set_for(verb) is not None or present_plan(verb):
            return verb  # "... has shown her value and is likely to earn a fresh contract"
    return None


def proposal_would(root: Token) -> bool:
    """"would" said of a proposal or a pending deal ("the planned rules would make it harder to ...", "the proposal
    would cut ...", "the merger would create the biggest ..."): what it will do if adopted or done, a prediction;
    not "would have"."""
    aux = [c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")]
    if "would" not in aux or "have" in aux or root.tag_ != "VB":
        return False
    return any(s.lemma_.lower() in PROPOSAL_WORDS or any(
        m.dep_ in ("amod", "compound") and m.lemma_.lower() in PROPOSAL_WORDS for m in s.children)
        for s in root.children if s.dep_ in ("nsubj", "nsubjpass"))


def dates_another_thing(span: Span, offset: int, root: Token) -> bool:
    """The date at character ``offset`` qualifies a noun set "ahead of"/"before" the main verb's time ("the visit
    comes ahead of a summit on Friday"): it dates that other thing, not the clause."""
    toks = span.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if toks is None or not len(toks):
        return False
    tok, noun_between = toks[0], False
    for _ in range(12):
        if tok.i == root.i or tok.head.i == tok.i:
            return False
        if tok.dep_ == "pobj" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            noun_between = True  # "a summit on Friday": the date hangs from a noun
        if tok.lower_ in AHEAD_WORDS and noun_between:
            return True
        tok = tok.head
    return False


def ranking_list(root: Token) -> bool:
    """A ranking line: "it was followed by A, B and C" (a passive "follow" whose agent is a list, with no date), the
    order of a chart or a table, a standing relation rather than an act."""
    if root.lemma_ != "follow" or root.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in root.children) \
            or any(t.ent_type_ == "DATE" for t in root.subtree):
        return False  # "in last year's chart, X was followed by ...": a dated ranking, news of then
    return any(any(o.dep_ == "pobj" and any(x.dep_ in ("conj", "appos") for x in o.children) for o in c.children)
               for c in root.children if c.dep_ == "agent")


def sufficiency(verb: Token) -> Optional[Token]:
    """A present copula judging whether something suffices ("spending is not strong enough to fill the gap", "the
    defence is too slow to cope"): a verdict on prospects, an opinion. The adjective, or None."""
    if verb.lemma_ not in ("be", "remain", "look", "seem") or verb.tag_ not in ("VBZ", "VBP"):
        return None
    for adj in (c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"):
        if any(c.dep_ == "advmod" and c.lower_ in ("enough", "too") for c in adj.children) and any(
                c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) for c in adj.children):
            return adj
    return None


MATCH_NOUNS = frozenset(["game", "match", "tie", "clash", "contest", "final", "semi-final", "quarter-final", "derby"])


def fixture_prep(prep: Token, round_nouns: frozenset[str]) -> bool:
    """A preposition of a present fixture verb that places it in a coming match: "plays Kay in the second round",
    "the visitors go into the match as favourites"."""
    objects = [o.lemma_.lower() for o in prep.children if o.dep_ == "pobj"]
    return (prep.lower_ == "in" and any(o in round_nouns for o in objects)) or (
        prep.lower_ == "into" and any(o in MATCH_NOUNS for o in objects))


LATER_MARKS = frozenset(["after", "because", "now"])  # a past act before (or behind) what the main clause may do


def past_context(root) -> bool:
    """A clause or adverb of the verb sets it in the past ("until then, buyers could claim ... if they had been
    ...", "at the time"): its "could" is a past ability."""
    for c in root.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in LATER_MARKS for m in c.children):
            continue  # "could reach the courts after the firm launched action": a possibility now, after a past act
        if c.dep_ in ("advcl", "advmod", "prep") and any(
                t.tag_ == "VBD" or t.lower_ in ("then", "ago") for t in c.subtree):
            return True
    return False


LIKELY_WORDS = frozenset(["likely", "unlikely"])
LIKELY_COPULAS = frozenset(["be", "remain", "seem", "look", "appear"])


def likely_to(root: Token) -> Optional[Token]:
    """A present copula calling the subject likely to do something ("she is likely to start the season in Boston",
    "the hooker is likely to stay", "the bank remains unlikely to cut rates"): a forecast, a prediction. Not a past
    "was likely to" (a forecast of then). The adjective, or None."""
    if root.lemma_ not in LIKELY_COPULAS or root.tag_ not in ("VBZ", "VBP"):
        return None
    for adj in (c for c in root.children if c.dep_ == "acomp" and c.lower_ in LIKELY_WORDS):
        if any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in adj.children):
            return adj
    return None


def set_for(root: Token) -> Optional[Token]:
    """"seem/look set for" something ahead ("the banks seem set for a period of cuts", "the side looks poised for a
    long run"): a forecast, as "looks set to". In the present only. The participle, or None."""
    if root.lemma_ not in ("seem", "look", "appear") or root.tag_ not in ("VBZ", "VBP"):
        return None
    for c in root.children:
        if c.dep_ in ("acomp", "xcomp", "oprd") and c.lower_ in ("set", "poised") and any(
                p.dep_ == "prep" and p.lower_ == "for" for p in c.children):
            return c
    return None


WORK_NOUNS = frozenset(["film", "movie", "sequel", "prequel", "series", "show", "programme", "program", "book",
                        "novel", "play", "documentary", "drama", "story", "episode", "comedy", "musical", "plot"])
PERSON_NOUNS = frozenset(["man", "woman", "boy", "girl", "family", "couple", "inventor", "criminal", "detective",
                          "teenager", "child", "hero", "heroine", "character", "group", "team", "doctor", "officer"])


def follows_event(root: Token) -> Optional[Token]:
    """"X follows Y" in the present where Y is an earlier occurrence ("the move follows an earlier vote by MPs",
    "the fall follows similar falls in the two previous quarters"): news of a sequence of events, not a standing
    relation. Not a plot summary ("the film follows a young inventor", "Robots follows Adrian"): the subject is
    then a named work or a work noun, or what is followed a person. The main verb or one joined to it ("the fall
    reflects weak exports, and follows similar falls"): the "follows", or None."""
    if comes_in_for(root) is not None:  # "X and Y come in for A and B": a change of the side, told now
        return root
    for verb in [root] + [c for c in root.children if c.dep_ == "conj"]:
        if _follows_event(verb, root):
            return verb
    return None


def _follows_event(verb: Token, root: Token) -> bool:
    if verb.lemma_ != "follow" or verb.tag_ != "VBZ" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or [c for c in root.children if c.dep_ == "nsubj"]
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not subjects or not objects:
        return False
    s, o = subjects[0], objects[0]
    if s.pos_ == "PROPN" or s.ent_type_ or s.lemma_.lower() in WORK_NOUNS:
        return False
    return o.pos_ == "NOUN" and o.ent_type_ != "PERSON" and o.lemma_.lower() not in PERSON_NOUNS


CHARACTERISED = "present copula characterises"  # the reason of characterisation()'s opinion evidence
STATUS_ADJECTIVES = frozenset(["liable", "subject", "eligible", "entitled", "exempt", "due", "set", "likely",
                               "unlikely", "able", "unable", "available", "unavailable", "open", "closed", "free",
                               "dead", "alive", "married", "pregnant", "injured", "missing", "absent", "unbeaten",
                               "unchanged", "unemployed", "bankrupt", "insolvent", "illegal", "legal", "mandatory",
                               "compulsory", "responsible", "based", "located"])  # states of fact, or a status
ORDINAL_WORDS = frozenset(["first", "second", "third", "fourth", "fifth", "last", "latest", "next", "only"])
NAMED = frozenset(["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "EVENT"])


def characterisation(root: Token) -> Optional[Token]:
    """A present copula that characterises its subject with an adjective or a common noun phrase ("joining is a
    lengthy process", "the recovery remains dependent on spending", "the town is a relatively recent addition to
    the calendar"): neither an event nor a standing relation between named parties, the writer's assessment: an
    opinion. Not "there is", a state of fact or a formal status ("is married", "is English", "is liable to fines",
    "is eligible to play", "is due to"), an ordinal
    count of events ("is the third bank to cut jobs"), nor a role with a named party ("is the chief executive of
    Acme"). The predicate, or None."""
    if root.lemma_ not in ("be", "remain") or root.tag_ not in ("VBZ", "VBP") or any(
            c.dep_ in ("aux", "auxpass", "expl") for c in root.children):
        return None
    for c in root.children:
        if c.dep_ == "acomp" and c.pos_ == "ADJ" and c.lower_ not in STATUS_ADJECTIVES and not c.ent_type_:
            return c
        if c.dep_ == "attr" and c.lower_ in NOUN_LOOKALIKES:
            return c  # "is no stranger to ... at the Millennium Stadium" (the tagger's comparative): whatever it names
        if c.dep_ == "attr" and c.pos_ == "NOUN" and not any(
                t.lower_ in ORDINAL_WORDS or t.ent_type_ in NAMED or t.like_num for t in c.subtree):
            return c
    return None


PLACED = ("display", "exhibit", "house", "store", "keep", "situate", "hang")  # where a thing stands, in the passive


def definition(root: Token) -> bool:
    """A definition, a standing name, use, reputation or place in the present passive ("a drought is commonly
    defined as three straight months of scant rain", "the area is known as the Golden Mile", "is known for its
    wines", "what is termed a soft landing", "the drug is used to treat arthritis", "the oil is used as a fuel",
    "the tree is displayed in the foyer"): a standing relation, not news of an act ("is displayed at the fair on
    Friday" is dated: news)."""
    if standing_split(root):  # "the market is split between A and B": a standing structure
        return True
    if root.lemma_ not in ("define", "know", "term", "use") + PLACED or root.tag_ != "VBN" or not any(
            c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in root.children):
        return False
    preps = {c.lower_ for c in root.children if c.dep_ == "prep"}
    if root.lemma_ in PLACED:
        return bool(preps & {"in", "at", "inside"}) and not any(t.ent_type_ in ("DATE", "TIME") for t in root.subtree)
    as_ = "as" in preps or (root.lemma_ in ("know", "use") and "for" in preps)  # "are used for large TVs"
    if root.lemma_ == "use":
        return as_ or any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                          for c in root.children)
    return root.lemma_ != "know" or as_


def looks_to_be(verb: Token) -> bool:
    """"look" telling how things appear ("she looked to be on track for a third title", "the sofas looked like they
    could seat a party"): a judgement of appearance, as "seemed"; not "looks set to" (a forecast) nor "looked at"."""
    return verb.lemma_ == "look" and (any(
        c.dep_ in ("xcomp", "advcl") and c.lemma_ == "be" and any(a.dep_ == "aux" and a.lower_ == "to" for a in
                                                                  c.children) for c in verb.children)
        or any(c.dep_ == "prep" and c.lower_ == "like" for c in verb.children)
        or any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "like" for m in c.children)
               for c in verb.children))


def in_time(span: Span, d) -> bool:
    """A stretch of time counted forward: "in two weeks' time", "in three days"; or a date named from now forward
    with no document date to place it ("the deal expires next summer", "the hearing resumes next month")."""
    doc = span.doc
    tok = doc.char_span(d.start, d.end, alignment_mode="expand")
    if tok is not None and len(tok) and tok[0].lower_ == "next" and not doc._.claimpipe_dct:
        return True  # (with a document date, the date's value says whether it is ahead)
    if tok is None or not len(tok) or tok.start == 0 or doc[tok.start - 1].lower_ != "in":
        return False
    after = [t.lower_ for t in doc[tok.end:min(len(doc), tok.end + 2)]]
    return "time" in after


def bare_present(root) -> bool:
    """A present verb the tagger left bare after a long subject ("Bono, ..., and Clayton begin a tour"): VB with a
    subject and no auxiliary."""
    return root.tag_ == "VB" and any(c.dep_ == "nsubj" for c in root.children) and not any(
        c.dep_ in ("aux", "auxpass") for c in root.children)


def imperative(span: Span) -> Optional[Token]:
    """An imperative ("Give it to someone with real talent.", "Throw in the small matter of ...", "Come on."): a bare
    verb opening the clause, with no subject and no auxiliary, that asks rather than tells. The verb, or None."""
    root = span.root
    if root.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children):
        return None
    first = next((t for t in span if not t.is_punct and t.lower_ not in ("so", "but", "and", "please", "just")), None)
    if first is None or first.i != root.i:
        return None
    nxt = span.doc[root.i + 1] if root.i + 1 < len(span.doc) else None
    if root.is_title and nxt is not None and nxt.is_title and any(t.text == ":" for t in span.doc[root.i:span.end]):
        return None  # "Shake Hands With The Devil: ... tells of": a title in capitals before a colon, no bidding
    return root


def first_person(verb: Token) -> bool:
    """The verb's subject is the writer ("I love the tune", "we take these awards too seriously"): in the writer's
    own voice a present state of "I"/"we" is a stance, not a standing relation between named parties."""
    return any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children)


TIE_NOUNS = frozenset(["contract", "loan", "deal", "terms"])


def contract_tie(root: Token) -> bool:
    """A present copula putting the subject on or under a contract or a loan ("the hooker is only on a one-year
    contract at the club", "the striker is on loan at Leeds", "is under contract until 2008"): a standing tie between
    player and club, a relation, not news of an act."""
    if root.lemma_ != "be" or root.tag_ not in ("VBZ", "VBP") or any(c.dep_ == "aux" for c in root.children):
        return False
    return any(p.dep_ == "prep" and p.lower_ in ("on", "under") and any(
        o.dep_ == "pobj" and o.lemma_.lower() in TIE_NOUNS for o in p.children) for p in root.children)


VOLITION = frozenset(["determined", "keen", "eager", "reluctant", "willing", "unwilling", "desperate", "anxious",
                      "adamant", "loath", "loth", "resolved"])


def volition(verb: Token) -> Optional[Token]:
    """The subject's will or resolve said by a copula with an infinitive ("organisers have been determined to carry
    on", "the club is keen to sign a striker", "the players were willing to take a pay cut"): a stance, as "is
    confident", an opinion. The adjective or participle, or None."""
    def with_infinitive(t: Token) -> bool:
        return t.lower_ in VOLITION and any(c.dep_ == "xcomp" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in t.children)
    if verb.lemma_ == "determine" and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return verb if with_infinitive(verb) else None
    if verb.lemma_ in ("be", "remain", "seem", "appear", "look"):
        return next((c for c in verb.children if c.dep_ == "acomp" and with_infinitive(c)), None)
    return None


TRIP_NOUNS = frozenset(["trip", "visit", "replay", "fixture", "journey"])  # a coming away match, with MATCH_NOUNS


def present_fixture(root: Token, fixture_verbs: frozenset[str], round_nouns: frozenset[str]) -> Optional[Token]:
    """A fixture told in the present, in the main clause or one joined to it ("X beat Y and now face Z", "A were drawn
    against B, while C face a trip to D"): a fixture verb with "now"/"next", a coming round ("plays Kay in the
    second round"), a match as its object ("both face difficult away ties", "face a trip to Leeds") or a named side
    meeting another ("Southampton visit Northampton"). The cue, or None."""
    verbs = [root] + [c for c in root.children if c.dep_ == "conj" or (c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in JOINING_MARKS for m in c.children))]
    for verb in verbs:
        if (ahead := faces_ahead(verb) or takes_place_on(verb)) is not None:
            return ahead  # "faces six weeks out after surgery", "faces charges of ...", "takes place on 27 February"
        if verb.tag_ not in ("VBP", "VBZ") or verb.lemma_ not in fixture_verbs:
            continue
        for c in verb.children:
            if (c.dep_ == "advmod" and c.lower_ in ("now", "next")) or (c.dep_ == "prep" and fixture_prep(c, round_nouns)):
                return c  # "now faces the top seed", "go into the match as favourites"
            if c.dep_ == "dobj" and c.lemma_.lower() in MATCH_NOUNS | TRIP_NOUNS:
                return c  # "face a trip to Newcastle", "face away ties"
            if c.dep_ == "dobj" and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME") and verb.lemma_ != \
                    "play" and any(s.dep_ == "nsubj" and s.pos_ == "PROPN" for s in verb.children):
                return c  # "Southampton visit Northampton", "while Spurs entertain Brighton": one side meets another
                # (not "Kemp plays Vince Everett in the film": a part)
    return None


def takes_place_on(verb: Token) -> Optional[Token]:
    """An event that takes place on a date, told in the present ("The gala is taking place on 3 May", "the final
    takes place on Sunday"): a schedule, what is to come. Not one held every year (no date), nor one that
    took place (the past). The date, or None."""
    present = verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    if verb.lemma_ != "take" or not present or not any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
        return None
    return next((o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in")
                 for o in c.children if o.dep_ == "pobj" and o.ent_type_ == "DATE"), None)


def coordinated_will(span: Span, root: Token) -> Optional[Token]:
    """A future auxiliary right after "and"/"but" joining the main clause or a clause joined to it ("X beat Y 6-2 and
    will next face Z", however the parser hangs the rest): a future told of the subject, a prediction. Not one in a
    relative or reported clause ("a song that has united ... and will"). The auxiliary, or None."""
    main = {root.i} | {c.i for c in root.children if c.dep_ in ("conj", "advcl")}
    for t in span:
        if t.lower_ in ("will", "'ll", "shall") and t.tag_ == "MD" and t.i > span.start:
            cc = t.doc[t.i - 1]
            if cc.lower_ in ("and", "but") and cc.dep_ == "cc" and cc.head.i in main and cc.head.pos_ in ("VERB", "AUX"):
                return t
    return None


PLAN_VERBS = frozenset(["plan", "intend", "prepare", "aim", "seek", "hope"])


def present_plan(verb: Token) -> bool:
    """A plan or aim of a future act held now, with its infinitive ("the miner is planning to invest $2bn", "they
    plan to open every day", "the firm intends to cut jobs", "organisers hope to raise £1m", "is seeking to buy"):
    the act is ahead, a prediction. Not a past plan ("planned to", "was planning to", "hoped to")."""
    lemma = "hope" if verb.lower_ == "hoping" else verb.lemma_  # the lemmatizer gives "hop"
    if lemma not in PLAN_VERBS or not any(c.dep_ == "nsubj" for c in verb.children) or not any(
            c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children):
        return False  # (not the noun "plans to cut jobs were announced" taken for a verb)
    if verb.tag_ in ("VBZ", "VBP"):
        return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP")
                                      for c in verb.children)


TIE_PARTICIPLES = frozenset(["own", "fund", "finance", "back", "sponsor", "control", "bankroll", "co-own", "co-fund"])
TALE_NOUNS = WORK_NOUNS | frozenset(["tale", "account", "portrait", "biography", "memoir", "satire", "adaptation",
                                     "thriller", "biopic", "fable", "saga", "chronicle", "romance", "history"])


def standing_tie(root: Token) -> bool:
    """A standing tie in the present: on or under a contract (:func:`contract_tie`), owned, funded or backed by a party
    ("the audit is jointly funded by the union and the clubs", "the channel is owned by the state"), or what a work
    is about ("the novel is a fictionalised tale about a dictator and his mistress"): a relation, not news of an act."""
    if contract_tie(root) or post_held(root) or named_line_up(root):  # "was chairman of the board", "is responsible
        # for ...", "other films which won praise were A, B and C"
        return True
    if root.tag_ == "VB" and root.is_title and imperative(root.doc[root.left_edge.i:root.right_edge.i + 1]) is None:
        return any(c.dep_ == "conj" and c.tag_ in ("VBZ", "VBP") and any(s.dep_ == "nsubj" for s in c.children) and any(
            p.dep_ == "dobj" or (p.dep_ == "prep" and p.lower_ in ("of", "about", "at", "in")) for p in c.children)
            for c in root.children)  # "Catch Me If You Can: The Story Of X tells of ...": the title, then its verb
    present = root.tag_ in ("VBZ", "VBP") or any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in root.children)
    if root.tag_ == "VBN" and root.lemma_.lower() in TIE_PARTICIPLES and present and any(
            c.dep_ == "agent" for c in root.children):
        return not any(c.dep_ == "aux" for c in root.children)
    if root.lemma_ != "be" or root.tag_ not in ("VBZ", "VBP"):
        return False
    return any(a.dep_ == "attr" and a.lemma_.lower() in TALE_NOUNS and any(
        p.dep_ == "prep" and p.lower_ in ("about", "of") for p in a.children) for a in root.children)


def cleft_verbs(root: Token) -> list:
    """The verb of a cleft's clause ("it was the guests who held their nerve", "it was Chelsea who scored first"): the
    act the sentence tells, its copula only focusing the doer (named or definite). Empty when the root is no cleft."""
    if root.lemma_ != "be" or not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in root.children):
        return []
    out = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ == "VERB"]
    for a in (c for c in root.children if c.dep_ == "attr" and not any(  # not "it is a song that has united ...":
            d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)):  # a description, no focus
        out += [v for v in a.children if v.dep_ == "relcl" and v.pos_ == "VERB" and any(
            w.dep_ == "nsubj" and w.lower_ in ("who", "that", "which") for w in v.children)]
    return out


FEELING_VERBS = frozenset(["spook", "unsettle", "worry", "delight", "disappoint", "frustrate", "upset", "shock",
                           "alarm", "please", "sadden", "stun", "thrill", "dismay", "baffle", "annoy", "incense",
                           "outrage", "surprise", "hearten", "anger", "irritate", "frighten", "scare", "unnerve"])


def feeling(verb: Token) -> Optional[Token]:
    """A feeling said of the subject by a passive of a verb of feeling ("many consumers have been spooked and
    unsettled by the reforms", "the fans were stunned by the news"): a state of mind, as "was upbeat about", an
    opinion. The participle, or None."""
    if verb.tag_ == "VBN" and verb.lemma_.lower() in FEELING_VERBS and any(c.dep_ == "auxpass" for c in verb.children) \
            and not any(c.dep_ == "conj" and c.tag_ == "VBD" for c in verb.children):  # not "was shocked and resigned"
        return verb
    return None


def predicts(verb: Token) -> bool:
    """A predicting verb with what it predicts: an object or a clause ("analysts expect prices to fall", "is
    projecting growth of 5%"), or, not in the past tense nor after a modal, an infinitive of the subject's own coming
    act ("the firm expects to double sales", also where the tagger took "to" for a preposition: "expects to nearly
    triple ...")."""
    if any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return True
    if verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False  # "she expected to win": a past expectation; "a buyer can expect to pay ...": a generic cost
    doc = verb.doc
    if verb.i + 2 < len(doc) and doc[verb.i + 1].lower_ == "to" and (
            doc[verb.i + 2].pos_ in ("ADV", "VERB", "AUX") or doc[verb.i + 2].tag_ == "VB"):
        return True
    return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in verb.children)


def contrast_clause(verb: Token) -> bool:
    """A clause opened by "while"/"whereas" with a subject of its own ("his fame grew in the 1980s, while he has
    been one of the most sought-after teachers since"): a second assertion set against the main one, not an
    adjunct of the told action (unlike "while playing their best rugby")."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in JOINING_MARKS for c in verb.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


ROLE_NOUNS = frozenset(["chairman", "chairwoman", "chair", "president", "vice-president", "director", "head", "chief",
                        "member", "secretary", "governor", "treasurer", "founder", "co-founder", "editor", "patron",
                        "trustee", "captain", "manager", "coach", "minister", "ambassador", "leader", "spokesman",
                        "spokeswoman", "partner", "owner", "shareholder", "adviser", "advisor", "executive"])
START_NOUNS = frozenset(["start", "debut", "beginning", "return", "comeback", "finish", "recovery", "entrance"])


def post_held(root: Token) -> bool:
    """A post held, told by a copula with a role noun "of" a body ("was also chairman of the board of trustees",
    "is a member of the panel"), the parts or brands a party owns listed by a present copula ("Acme's main brands
    are Zolt and Pemberly"), a standing duty or ability ("the publisher is responsible for the sale of the novel",
    "readers are still able to print it", not "the striker is able to train again"): a standing relation, not
    news of an act (as the sixth set's biographical facts)."""
    if root.lemma_ != "be" or root.tag_ not in ("VBZ", "VBP", "VBD") or any(
            c.dep_ in ("aux", "auxpass", "expl") for c in root.children):
        return False
    for c in root.children:
        if c.dep_ == "attr" and c.lemma_.lower() in ROLE_NOUNS and any(
                p.dep_ == "prep" and p.lower_ == "of" for p in c.children):
            return True  # "was chairman of the council"
        if root.tag_ == "VBD":
            continue
        if c.dep_ == "acomp" and c.lower_ == "responsible" and any(
                p.dep_ == "prep" and p.lower_ == "for" for p in c.children):
            return True  # "is responsible for the distribution of ..."
        if c.dep_ == "acomp" and c.lower_ == "able" and any(x.dep_ == "xcomp" for x in c.children) and (any(
                s.dep_ == "nsubj" and s.tag_ == "NNS" for s in root.children) or ruled_ability(c)):
            return True  # "readers are still able to print it": a standing arrangement for a class of people
        if c.dep_ == "attr" and c.pos_ == "PROPN" and any(
                s.dep_ == "nsubj" and s.tag_ == "NNS" and any(p.dep_ == "poss" for p in s.children)
                for s in root.children):
            return True  # "Acme's main brands are Zolt and Pemberly"
    return False


PROCEEDING_NOUNS = frozenset(["trial", "retrial", "charge", "hearing", "ban", "suspension", "prosecution",
                              "extradition", "sentence", "tribunal", "inquest"])  # what a person may face ahead


def faces_ahead(verb: Token) -> Optional[Token]:
    """A present "faces" with a spell out ("faces six weeks out after surgery", "faces a long spell on the
    sidelines") or a proceeding ("faces charges of ...", "face trial", "is also facing a lifetime ban"; not "are
    facing an investigation", under way): what lies ahead, a prediction. The cue, or None."""
    if verb.lemma_ != "face" or not (verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)):
        return None
    for c in verb.children:
        if c.lower_ in ("out", "sidelined") or (c.lemma_.lower() in ("spell", "lay-off", "layoff") and c.dep_ == "dobj"):
            return c
        if c.dep_ == "dobj":  # "faces charges", "faces fraud and money laundering charges"
            for o in [c] + [g for g in c.children if g.dep_ == "conj"]:
                if o.lemma_.lower() in PROCEEDING_NOUNS:
                    return o
    return None


def merit(verb: Token, evaluative: frozenset[str]) -> Optional[Token]:
    """The writer's verdict on a showing: "made an impressive start to the season" (a light verb with a start or
    debut an evaluative adjective qualifies) or an intransitive "impress" ("has impressed since joining the
    club"), a reputation or how a showing fared (:func:`.kind_standing.name_or_showing`): an opinion, not news of an
    act. The cue, or None."""
    if (verdict := name_or_showing(verb)) is not None:  # "has built up a reputation as a critic", "did not fare well"
        return verdict
    if (frame := background_framing(verb) or doubts_remain(verb)) is not None:  # "the sale comes as firms are
        return frame  # struggling to ...", "doubts remain over ..."
    if verb.lemma_ == "impress" and verb.pos_ == "VERB" and not any(
            c.dep_ in ("dobj", "auxpass", "nsubjpass") for c in verb.children):
        return verb
    if verb.lemma_ not in ("make", "enjoy", "have"):
        return None
    for d in verb.children:
        if d.dep_ == "dobj" and d.lemma_.lower() in START_NOUNS:
            return next((a for a in d.children if a.dep_ == "amod" and a.lower_ in evaluative), None)
    return None


def referring_count(doc: Doc, quantity: Quantity) -> bool:
    """A small count written in words after a definite determiner or a possessive ("the two states", "these two
    projects", "its three marques"): an amount the sentence holds, but one that refers to parties named before,
    so it makes no quantity claim of the sentence (the audit sets label such sentences by what they tell)."""
    span = doc.char_span(quantity.start, quantity.end)
    if quantity.kind != "count" or span is None or span.start == 0 or not span[0].is_alpha \
            or (quantity.amount or 0) >= 100:
        return False
    before = doc[span.start - 1]
    return is_definite(before) or before.lower_ == "both"
