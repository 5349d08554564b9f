"""More helpers of the claim kinds (:mod:`.kinds`, through :mod:`.kind_states`): standing states told by a copula or a
present passive ("is the focus of an inquiry", "were among the paper's list of ...", "the market is split between A
and B", "panels are used for TVs"), verdicts on a showing or a name ("did not fare well", "has built up a
reputation as a critic"), a result a side must achieve in a coming contest ("must beat the hosts to stay in the
race") and a change of a side told in the present ("X and Y come in for A and B")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

# a copula with one of these "of" a thing makes its subject the object of a standing concern ("is the focus of an
# inquiry", "remains the subject of a lawsuit")
CONCERN_NOUNS = frozenset(["focus", "subject", "target", "centre", "center", "object"])
# the lists a copula with "among" makes its subject a member of ("were among the paper's list of the best shows")
LIST_NOUNS = frozenset(["list", "lists", "shortlist", "line-up", "lineup", "ranking", "rankings", "nominees",
                        "nominations", "names", "poll", "chart"])
SPLIT_VERBS = frozenset(["split", "divide", "share", "spread"])


def _present_copula(root: Token) -> bool:
    return root.lemma_ in ("be", "remain") and root.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass", "expl") for c in root.children)


def standing_concern(root: Token) -> bool:
    """A present copula making its subject the focus or subject "of" something ("the broker is also the focus of an
    inquiry into ...", "the firm remains the subject of a lawsuit"), or a copula with "among" a list (any tense: "A
    and B were among the paper's list of the best comedies", "is among the nominations"): a standing relation, a
    membership, not news of an act."""
    if root.lemma_ == "be" and any(c.dep_ == "prep" and c.lower_ == "among" and any(
            o.dep_ == "pobj" and o.lower_ in LIST_NOUNS for o in c.children) for c in root.children):
        return True
    return _present_copula(root) and any(
        a.dep_ == "attr" and a.lower_ in CONCERN_NOUNS and any(p.dep_ == "prep" and p.lower_ == "of" for p in
                                                                a.children) for a in root.children)


def causal_tie(root: Token) -> bool:
    """A copula that ties its subject to a cause ("the increase is due, in part, to higher spending", "the drop was
    mostly due to weaker sales", "owing to"): a causal relation, whatever the tense, not news of an act."""
    if root.lemma_ != "be":
        return False
    due = [c for c in root.children if c.dep_ == "acomp" and c.lower_ in ("due", "owing")]
    return bool(due) and any(p.dep_ == "prep" and p.lower_ == "to" and any(o.dep_ == "pobj" for o in p.children)
                             for p in [*due[0].children, *root.children])


def standing_split(root: Token) -> bool:
    """A structure in the present passive: "the market is split between plasma and LCD makers", "the fund is
    divided into three parts", "the seats are shared among the parties": a standing relation."""
    return root.lemma_ in SPLIT_VERBS and root.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in root.children) and any(
        c.dep_ == "prep" and c.lower_ in ("between", "among", "into") for c in root.children) and not any(
        t.ent_type_ in ("DATE", "TIME") for t in root.subtree)


REPUTATION_VERBS = frozenset(["build", "earn", "gain", "acquire", "establish", "forge", "have", "enjoy", "develop"])
FARE_ADVERBS = frozenset(["well", "badly", "poorly", "better", "worse", "best", "worst"])


def name_or_showing(verb: Token) -> Optional[Token]:
    """The writer's verdict on a name or a showing: "has earned a reputation as a tireless reformer" (a reputation as
    something, a characterisation), "did not fare well", "fared badly" (an evaluation of how it went): an opinion,
    not news of an act. The cue, or None."""
    if verb.lemma_ == "fare" and verb.pos_ == "VERB":
        return next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ in FARE_ADVERBS), None)
    if verb.lemma_ not in REPUTATION_VERBS:
        return None
    for d in verb.children:
        if d.dep_ == "dobj" and d.lemma_.lower() == "reputation" and any(  # (the parser may hang "as" on the verb)
                p.dep_ == "prep" and p.lower_ in ("as", "for") for p in list(d.children) + list(verb.children)):
            return d
    return None


CONTEST_VERBS = frozenset(["beat", "defeat", "win", "overcome", "topple", "draw"])


def required_result(root: Token) -> Optional[Token]:
    """A result a side must achieve in a coming contest: "must" or "need to" with a verb of winning ("the hosts must
    beat the champions to stay in the race", "France need to win in Dublin"): the match is ahead, a prediction;
    not "must have won" (a past inference). The modal, or None."""
    if root.lemma_ not in CONTEST_VERBS or root.tag_ != "VB":
        return None
    aux = [c for c in root.children if c.dep_ == "aux"]
    if any(a.lower_ == "have" for a in aux):
        return None
    must = next((a for a in aux if a.lower_ == "must"), None)
    if must is not None:
        return must
    head = root.head
    if root.dep_ == "xcomp" and head.lemma_ == "need" and head.tag_ in ("VBZ", "VBP") and any(
            a.lower_ == "to" for a in aux):
        return head
    return None


def comes_in_for(root: Token) -> Optional[Token]:
    """A change of a side told in the present: "X and Y come in for A and B", "Smith comes in at full-back" (a
    player brought into a team, as "Kay replaces Hill"): news of a selection made. The verb, or None."""
    if root.lemma_ != "come" or root.tag_ not in ("VBZ", "VBP", "VB") or any(
            c.dep_ in ("aux", "auxpass") for c in root.children):
        return None
    if not any(c.dep_ == "prt" and c.lower_ in ("in", "back") for c in root.children):
        return None
    return root if any(c.dep_ == "prep" and c.lower_ in ("for", "at") for c in root.children) else None


RULE_NOUNS = frozenset(["regulation", "rule", "law", "statute", "ruling", "directive", "code", "constitution",
                        "legislation", "guideline"])
PERMIT_VERBS = frozenset(["allow", "permit", "let", "entitle", "require", "oblige", "force"])


def ruled_ability(able: Token) -> bool:
    """"is now able to begin talks because the regulations allow players to ...": an ability a rule gives, a standing
    procedure (a relation), not one person's news ("is able to train again after his injury")."""
    verbs = [v for v in able.head.subtree if v.dep_ == "advcl"]  # (the clause may hang on the copula)
    return any(v.lemma_ in PERMIT_VERBS and any(m.dep_ == "mark" and m.lower_ in ("because", "as", "since")
                                                 for m in v.children)
               and any(s.dep_ == "nsubj" and s.lemma_.lower() in RULE_NOUNS for s in v.children) for v in verbs)


def background_framing(verb: Token) -> Optional[Token]:
    """"The sale comes as many firms are struggling to make money", "the tie-up comes as producers are having to
    contend with falling prices": news set against a trend under way, the writer's framing of it (an opinion,
    as the tenth and thirteenth sets label it), not a told act. Not "came as the group announced ..." (a past
    coincidence of two acts). The "as" clause's verb, or None."""
    if verb.lemma_ != "come" or verb.tag_ not in ("VBZ", "VBP"):
        return None
    for c in verb.children:
        if c.dep_ == "advcl" and c.tag_ == "VBG" and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children) \
                and any(a.dep_ == "aux" and a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in c.children):
            return c
    return None


DOUBT_NOUNS = frozenset(["doubt", "question", "concern", "fear", "worry", "uncertainty", "misgiving", "reservation",
                         "speculation"])
LASTING_VERBS = frozenset(["exist", "remain", "persist", "linger", "abound", "continue", "swirl", "surround"])


def doubts_remain(verb: Token) -> Optional[Token]:
    """"Doubts also exist over how much the firm may have to pay", "questions remain about the deal", "speculation
    continues about the buyer": an uncertainty
    the writer states, in the present, an opinion rather than news of an act. The subject, or None."""
    if verb.lemma_ not in LASTING_VERBS or verb.tag_ not in ("VBZ", "VBP"):
        return None
    return next((s for s in verb.children if s.dep_ == "nsubj" and s.lemma_.lower() in DOUBT_NOUNS), None)


def named_line_up(root: Token) -> bool:
    """A copula listing named members of a class ("Other British films which won praise were Alpha, Beta Blues and
    Gamma", "the main brands are Zolt and Pemberly"): a line-up, a standing relation. The subject a plural common
    noun (in the past, described by a clause), the complement a name with at least one more joined to it."""
    if root.lemma_ != "be" or root.tag_ not in ("VBZ", "VBP", "VBD") or any(
            c.dep_ in ("aux", "auxpass", "expl") for c in root.children):
        return False
    subjects = [s for s in root.children if s.dep_ == "nsubj" and s.tag_ == "NNS"]
    if not subjects or (root.tag_ == "VBD" and not any(c.dep_ in ("relcl", "acl") for c in subjects[0].children)):
        return False  # (in the past, a class described: not "the scorers were Smith and Jones", a match's facts)
    return any(a.dep_ == "attr" and a.pos_ == "PROPN" and any(c.dep_ == "conj" for c in a.subtree)
               for a in root.children)
