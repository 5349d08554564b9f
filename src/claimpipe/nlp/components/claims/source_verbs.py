"""Verbs of the claim sources (:mod:`.source`) that only look like statements: a noun the parser took for a verb
("despite the City protests", a plural after "the"), and a verb of saying in its other sense ("defend his
title", a contest, not a defence of a view); and verbs that make a statement through another word: a statement
issued with its content, an infinitive of saying with a clause."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from claimpipe import lexicon
from claimpipe.nlp.components.claims.kind_states import JOINING_MARKS, contrast_clause

CONTEST_OBJECTS = frozenset(["title", "crown", "championship", "belt", "record", "trophy", "cup", "medal", "lead"])
CONTEST_VERBS = frozenset(["defend", "retain"])
DISPOSING_VERBS = frozenset(["dismiss", "reject"])
ACTION_OBJECTS = frozenset(["case", "attempt", "appeal", "lawsuit", "suit", "action", "petition", "application",
                            "motion", "bid", "request", "offer"])


def not_a_statement(verb: Token) -> bool:
    """``verb`` of saying is none here: a noun after a determiner the parser made a verb with no subject
    ("despite the City protests his goal stood": no one protests), defending a title, crown or lead (a contest;
    "defended the decision" stays a statement), dismissing a case or rejecting a bid (an act), or finding it hard to
    do something (:func:`finds_it_hard`)."""
    doc = verb.doc
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):  # "the BCC noted": a verb with its subject
        return _contest(verb) or _descriptor(verb) or _adds_or_shows(verb) or finds_it_hard(verb)
    k = verb.i - 1
    while k >= 0 and doc[k].pos_ in ("PROPN", "ADJ") and doc[k].i > verb.sent.start:
        k -= 1
    if k >= verb.sent.start and doc[k].tag_ in ("DT", "PRP$") and doc[k].lower_ not in ("that", "this"):
        return True
    return _contest(verb)


def finds_it_hard(tok: Token) -> bool:
    """"find it" with an adjective and an infinitive ("has found it difficult to win over users"): what the subject
    went through, not a finding. (PolNeAR counts it an attribution, so the quotes keep it; no claim reads it as one.)"""
    doc = tok.doc
    return tok.lemma_.lower() == "find" and tok.i + 3 < len(doc) and doc[tok.i + 1].lower_ == "it" \
        and doc[tok.i + 2].pos_ == "ADJ" and doc[tok.i + 3].lower_ == "to"


def says_that(doc, cue, tokens) -> bool:
    """A quote's ``cue`` is a plain verb of saying with "that" after it ("X has denied that coach Y quit", where the
    parser took "that coach" for a noun phrase and only the trained attribution model found the statement).
    ``tokens(doc, start, end)``: the tokens of a stretch of text, or None."""
    cue = tokens(doc, cue.start, cue.end) if cue is not None else None
    return cue is not None and cue.end < len(doc) and doc[cue.end].lower_ == "that" and cue.root.pos_ == "VERB" \
        and cue.root.lemma_.lower() in lexicon.words("reporting_verbs.txt", "core")


def impersonal_passive(verb: Token) -> bool:
    """A passive verb of saying with "it" for its subject and no agent ("..., it was confirmed on Wednesday", "it
    has been announced that ..."): a statement no one in the article is said to make, the author's report."""
    return verb.tag_ == "VBN" and any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children)


def _descriptor(verb: Token) -> bool:
    """A plural form after a one-word singular name right before it, the name a descriptor of the next one ("Surf
    show Seaview has won ...": a surf show, parsed "Surf shows that ..."): the forms do not agree, no verb."""
    subj = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    return verb.tag_ == "VBP" and subj.tag_ == "NNP" and subj.i == verb.i - 1 and verb.is_lower \
        and not any(c.dep_ in ("conj", "cc", "compound") for c in subj.children)


def cites_reason(verb: Token) -> bool:
    """The verb's subject gives a reason in a participle of citing with its object and no subject of its own ("The
    Fed lifted rates five times, citing evidence the recovery was ..."): a statement of the subject's."""
    return any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() == "cite"
               and any(g.dep_ == "dobj" for g in c.children) and not any(g.dep_ == "nsubj" for g in c.children)
               for c in verb.children)


def says_nothing(verb: Token) -> bool:
    """A verb of saying that reports no statement here: a passive with "it" and no agent (:func:`impersonal_passive`),
    "add to" or a quality shown (:func:`_adds_or_shows`), declining to comment (:func:`no_comment`): no reporting
    frame for the claim's kind either."""
    return impersonal_passive(verb) or _adds_or_shows(verb) or no_comment(verb)


DECLINING_VERBS = frozenset(["refuse", "decline"])


def no_comment(verb: Token) -> bool:
    """Declining to comment ("the firm's spokesman refused to comment on talk that ...", "would not comment on") or
    to answer a question ("refused to reveal whether ...", "did not say how ..."): nothing said, the author's report
    of the refusal; ``verb`` the refusal or the comment refused."""
    lemma = verb.lemma_.lower()
    if lemma in DECLINING_VERBS:
        return any(c.dep_ == "xcomp" and _refused(c) for c in verb.children)
    refused = any(c.dep_ == "neg" for c in verb.children) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in DECLINING_VERBS)
    return refused and _refused(verb)


def _refused(verb: Token) -> bool:
    """What ``verb`` would have said, refused: a comment, or an answer to the question its clause asks."""
    return verb.lemma_.lower() == "comment" or any(
        c.dep_ == "ccomp" and c.left_edge.tag_ in ("IN", "WDT", "WP", "WRB") and c.left_edge.lower_ != "that"
        and c.left_edge.i > verb.i for c in verb.children)


def _adds_or_shows(verb: Token) -> bool:
    """"add to" something: a thing added to ("The latest win adds to the three awards ..."), not words added; or
    a quality of one's own shown ("the flanker showed his pace to score", "showed their class")."""
    if verb.lemma_.lower() == "show":  # (a clause the parser hangs from it is the sentence's fronted part)
        return any(c.dep_ == "dobj" and any(p.dep_ == "poss" and p.tag_ == "PRP$" for p in c.children)
                   for c in verb.children)
    return verb.lemma_.lower() == "add" and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)


def _contest(verb: Token) -> bool:
    """Defending a title, or a legal or formal action disposed of ("a judge has dismissed an attempt by ... to
    gain bankruptcy protection", "the board rejected the bid"): an act, not a view put into words."""
    lemma = verb.lemma_.lower()
    if lemma in DISPOSING_VERBS and any(c.lower_ == "as" or c.dep_ == "oprd" for c in verb.children):
        return False  # "dismissed the offer as inadequate": a verdict put into words
    objects = CONTEST_OBJECTS if lemma in CONTEST_VERBS else ACTION_OBJECTS if lemma in DISPOSING_VERBS else ()
    return any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children)


EVALUATIVE_VERBS = frozenset(["criticise", "criticize", "praise", "condemn", "hail", "dismiss", "describe", "brand",
                              "label", "attack", "blame", "accuse"])  # "X has been accused by Y of ...": Y's charge


RAISING_REPORTS = frozenset(["say", "report", "believe", "think", "understand", "allege", "claim", "rumour", "rumor",
                             "know", "consider", "estimate", "reckon"])  # "X is said by Y to have ...": Y's report


def _agent_of(verb: Token) -> Optional[Token]:
    return next((o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)


def future_act(verb: Token) -> bool:
    """A verb of saying in the future tense ("... but will still argue that the charges should go"): a statement
    not made yet, which the author reports as a plan (the sixth set's "will argue"); not a refusal ("won't say")."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")]
    return any(a in ("will", "shall", "'ll") for a in aux) and not any(a in ("not", "n't", "never") for a in aux)


def agent_speaker(root: Token, verbs: frozenset[str], lemma_of, name_of) -> Optional[str]:
    """Who says what a sentence tells in the passive: the agent of a verb of saying that names the subject of a
    copula ("Another problem highlighted by economists was the debt of households", "The main risk cited by the
    bank is ...": what they highlighted), of an evaluative verb in the passive ("The plan was criticised by
    unions as unfair") or of a verb of saying in the passive before its infinitive ("X is reported by Reuters to
    have won ..."); a sentence the parser gave a noun for its root, whose verb of saying it hung below that
    noun without a subject: the noun's. ``lemma_of(verb, verbs)``: a verb's lemma; ``name_of(tok)``: the name a
    noun stands for."""
    agent = None
    if root.pos_ == "NOUN" and _misparsed_statement(root, verbs, lemma_of):
        return name_of(root)  # "A bench of the tribunal held in 1998 that ...", parsed with no main verb
    if root.lemma_ == "be":
        for subj in (c for c in root.children if c.dep_ == "nsubj"):
            for acl in (c for c in subj.children if c.dep_ == "acl" and c.tag_ == "VBN"):
                if lemma_of(acl, verbs) in verbs:
                    agent = _agent_of(acl) or agent
    elif any(c.dep_ == "auxpass" for c in root.children) and (
            lemma_of(root, verbs) in EVALUATIVE_VERBS
            or (root.lemma_.lower() in RAISING_REPORTS and any(c.dep_ == "xcomp" and c.i > root.i for c in root.children))):
        agent = _agent_of(root)  # also "X is reported by Reuters to have won ...": the agent's report
    return name_of(agent) if agent is not None else None


def noun_name(doc, tok: Token, index, entity_of, checked_name) -> Optional[str]:
    """The name a noun stands for: its entity's (a person, a body, a people, a place), else its phrase up to it
    checked by ``checked_name(doc, start, end, text, index)`` ("the bank" the bank named before, "economists")."""
    ent = entity_of(index, tok, ("PERSON", "ORG", "NORP", "GPE"))
    if ent is not None:
        return ent.canonical
    of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    phrase = doc[tok.left_edge.i:(of[0].right_edge.i if of else tok.i) + 1]  # "a panel of the court"
    return checked_name(doc, phrase.start_char, phrase.end_char, phrase.text, index)


def _misparsed_statement(root: Token, verbs: frozenset[str], lemma_of) -> bool:
    """The parser made the subject noun the sentence's root and its verb of saying a clause below it ("The band -
    whose album ... - thanked its fans", "A bench of the tribunal held in 1998 that ..."): the first such verb after
    the noun has no subject of its own, is finite (or a participle on the noun with a "that" clause after it) and
    says something (an object or a clause)."""
    sent = root.sent
    for verb in (t for t in sent if t.i > root.i and t.pos_ == "VERB" and root.is_ancestor(t)):
        if lemma_of(verb, verbs) not in verbs:
            continue
        deps = {c.dep_ for c in verb.children}
        if deps & {"nsubj", "nsubjpass", "auxpass"}:
            return False
        that = any(t.lower_ == "that" and t.dep_ == "mark" for t in sent if t.i > verb.i)
        finite = verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ == "VBN" and verb.dep_ == "acl"
                                                       and verb.head.i == root.i and that)
        return finite and bool(deps & {"ccomp", "dobj"} or that)
    return False


VOICING_VERBS = frozenset(["voice", "express", "raise", "underline", "stress", "reiterate", "declare", "state"])
STANCE_NOUNS = frozenset(["concern", "fear", "doubt", "worry", "anger", "support", "opposition", "frustration",
                          "disappointment", "optimism", "confidence", "regret", "sympathy", "reservation", "objection",
                          "criticism", "dismay", "outrage", "alarm", "satisfaction", "scepticism", "skepticism",
                          "dislike", "admiration", "pride", "delight", "relief"])

VIEW_NOUNS = frozenset(["hope", "belief", "view", "expectation", "conviction", "wish", "intention", "desire",
                        "determination", "commitment", "willingness"])  # voiced or expressed only


def voices_stance(verb: Token) -> bool:
    """A stance put into words: "voiced concerns about ...", "expressed doubts over ...", "raised fears that ...",
    "expressed the hope that ...", "spoke of his dislike of ..."
    (a verb of voicing with a stance noun as its object, in the active), a speech act as "condemned" is; not
    "voiced the lead role" nor "raised the price"."""
    if verb.tag_ == "VBG" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    if verb.lemma_.lower() in ("speak", "talk"):  # "spoke of his dislike of ...", "talked about his hopes"
        return any(c.dep_ == "prep" and c.lower_ in ("of", "about") and any(
            o.dep_ == "pobj" and o.lemma_.lower() in STANCE_NOUNS | VIEW_NOUNS for o in c.children)
            for c in verb.children)
    if verb.lemma_.lower() not in VOICING_VERBS:
        return False
    said = verb.lemma_.lower() != "raise"  # "expressed the hope that ...", not "raised hopes of a deal"
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in STANCE_NOUNS or said and c.lemma_.lower() in VIEW_NOUNS)
               for c in verb.children)


ADJUNCT_PREPS = frozenset(["despite", "after", "before", "since", "without"])


INFERENCE_VERBS = frozenset(["indicate", "suggest", "signal", "show", "imply", "mean", "reflect", "underline",
                             "highlight", "confirm", "demonstrate", "hint"])


def authors_frame(quote, span, tokens, says) -> bool:
    """A statement the author's sentence only frames: a cue that is a gerund with no subject of its own under a
    preposition of time or concession ("... will let the pound fall despite saying it favours ...", "resigned
    after saying ..."), or one inside the content clause of an "it" with no agent ("it emerged that X was dropping
    the film, having complained ...": the author's report), or a participle of inference after the author's clause
    ("Sales rose 3%, suggesting ...", "The release was early, indicating ..."). ``tokens(doc, start, end)`` a
    span of characters; ``says(verb)`` the verb says or believes ("it said that ..." is a body's statement)."""
    root = span.root
    cue = tokens(span.doc, quote.cue.start, quote.cue.end) if quote.cue is not None else None
    if cue is None or quote.start <= root.idx < quote.end or not (span.start <= cue.root.i < span.end):
        return False
    tok = cue.root
    if tok.dep_ == "pcomp" and tok.head.lower_ in ADJUNCT_PREPS and not any(c.dep_ == "nsubj" for c in tok.children):
        return True
    if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp") and tok.head.i == root.i and tok.lemma_.lower() in \
            INFERENCE_VERBS and not says(root) and not any(c.dep_ in ("nsubj", "aux") for c in tok.children):
        return True  # "Sales rose 3%, suggesting the recovery is ...": the author's inference from the event
    while tok.head.i != tok.i and tok.head.i != root.i:
        tok = tok.head
    if later_speakers_clause(tok, root, says):
        return True
    return tok.dep_ == "ccomp" and tok.head.i == root.i and not says(root) and any(
        c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in root.children)


PERSONAL_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you"])


def later_speakers_clause(clause: Token, root: Token, says) -> bool:
    """The first-clause rule: a statement in a clause coordinated after the author's own first main clause,
    with a subject of its own named anew ("X's future was in question, but the chairman said he was happy",
    "The move was criticised, and now the regulator has said ..."): the sentence is the author's. Not where
    the first clause is itself a statement or attributed ("Nestle forecasts ..., although it warned",
    "... according to official data"), nor a pronoun going on about the first subject ("..., and he said").
    A contrast set after the first clause with a comma ("X set up a firm, while Y has said ...") is such a clause;
    so is one whose subject the parser hung on the first clause's last object ("X meet at Y and Z says ...")."""
    if not (clause.dep_ == "conj" or _contrast(clause)) or clause.head.i != root.i \
            or (says(root) and not impersonal_passive(root)):  # "it is feared that ...": the author's report
        return False
    if _according(clause):  # "X took sixth place, but it
        return any(c.dep_ == "cc" and c.lower_ == "but" and c.i < clause.i for c in root.children)  # led ...,
        # according to Y": Y's word covers the second clause only
    if not says(clause):
        return False
    doc = clause.doc
    if not any(c.dep_ in ("ccomp", "xcomp") and c.i > clause.i for c in clause.children) \
            and not (clause.i + 1 < len(doc) and doc[clause.i + 1].text == ":"):
        return False  # "..., but reforms are needed, the IMF has said": a cue after what it says covers it
    subjects = [c for c in clause.children if c.dep_ == "nsubj"] or _hung_subject(clause)
    if not subjects or any(s.lower_ in PERSONAL_PRONOUNS or _refers_back(s, root) for s in subjects):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children) and not _according(root)


def _contrast(clause: Token) -> bool:
    """``clause`` is a contrast (:func:`.kind_states.contrast_clause`) set after its head with a comma."""
    if not contrast_clause(clause):
        return False
    mark = next(c for c in clause.children if c.dep_ == "mark" and c.lower_ in JOINING_MARKS)
    return clause.head.i < mark.i and clause.doc[mark.i - 1].text == ","


def _hung_subject(clause: Token) -> list[Token]:
    """The name right before a subjectless ``clause`` after "and", which the parser coordinated with an object
    of the clause before ("... at Twickenham and Kirwan says ..."): the clause's subject."""
    doc = clause.doc
    if clause.i < 2:
        return []
    name, cc = doc[clause.i - 1], doc[clause.i - 2]
    if name.pos_ == "PROPN" and name.dep_ == "conj" and cc.dep_ == "cc" and cc.head.i == name.head.i \
            and name.head.dep_ in ("pobj", "dobj"):
        return [name]
    return []


def _according(verb: Token) -> bool:
    """``verb`` has an "according to ..." of its own."""
    return any(c.dep_ == "prep" and c.lower_ == "according" for c in verb.children)


def _refers_back(subject: Token, root: Token) -> bool:
    """The first clause's subject named again ("Acme's profits fell, but Acme said ..."), or a definite description
    with no name ("the athlete", "Europe's biggest drugmaker") after a first clause that names someone: it goes on
    about them ("... led to Donnelly being entered, but the athlete told ...")."""
    first = {t.lower_ for c in root.children if c.dep_ in ("nsubj", "nsubjpass")
             for t in c.subtree if t.pos_ == "PROPN"}
    if any(t.pos_ == "PROPN" and t.lower_ in first for t in subject.subtree):
        return True
    if subject.pos_ != "NOUN" or subject.ent_type_ or not any(
            (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in subject.children) \
            or any(c.pos_ == "PROPN" and c.dep_ == "compound" for c in subject.children):
        return False
    return any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in root.doc[root.left_edge.i:subject.i])


def states_through(verb: Token, verbs: frozenset[str], lemma_of) -> bool:
    """An active verb whose infinitive says or believes something with a clause: "refused to accept that ...",
    "declined to confirm that ...", "went on to say that ..." (the subject's statement); not "refused to
    entertain the bid" (no clause: an act), nor one with an object who holds the clause ("led allies to worry").
    ``lemma_of(verb, verbs)``: a verb's lemma."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "dobj") for c in verb.children):
        return False  # "is expected to announce that ...": nobody named says it; "led some allies to worry
        # whether ...": the object's, not the subject's
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" and lemma_of(c, verbs) in verbs
               and any(g.dep_ == "ccomp" for g in c.children) for c in verb.children) and not no_comment(verb)


ISSUING_VERBS = frozenset(["issue", "release", "publish", "make"])


def issues_statement(verb: Token, verbs: frozenset[str], lemma_of) -> bool:
    """A statement issued with what it says: "issued a statement calling him ...", "released a statement saying
    that ..." (a statement noun as object, with a clause of saying); not "issued a statement through his lawyer"
    (an act) nor "making misleading statements"."""
    if verb.lemma_.lower() not in ISSUING_VERBS or verb.tag_ == "VBG" \
            or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _statement_nouns() and any(
        a.dep_ in ("acl", "relcl") and lemma_of(a, verbs) in verbs for a in c.children) for c in verb.children)


@lru_cache(maxsize=1)
def _statement_nouns() -> frozenset[str]:
    return lexicon.words("statement_nouns.txt")


def parenthetical_cues(span, says) -> list[Token]:
    """Verbs of saying set into the sentence between commas, with no clause of their own ("But ..., the bank said,
    the Secret Service is looking into the loss"), or after it, where the parser made one a clause of the
    sentence's verb ("Officials are siding with the council, a local newspaper reports"): the sentence is their
    subject's statement. ``says(verb)``: the verb says or believes."""
    out = []
    for tok in span:
        if not says(tok) or not (tok.dep_ == "parataxis" or _trailing_cue(tok, span)):
            continue
        deps = {c.dep_ for c in tok.children}
        if "nsubj" in deps and not deps & {"ccomp", "dobj", "xcomp", "advcl"}:
            out.append(tok)
    return out


def _trailing_cue(verb: Token, span) -> bool:
    """``verb`` is the sentence's last word, after a comma and its subject: a clause of the main verb, or the main
    verb itself with what it says before the comma left unattached ("The owners - two from X, one from Y - left
    without paying anyone, he said")."""
    doc = verb.doc
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    appended = verb.dep_ == "relcl" and verb.head.dep_ == "appos"  # "..., business lobby group the CBI says": the
    # parser made the speaker's role an apposition of the last noun and the verb its relative clause
    first = verb.head.left_edge if appended else subj.left_edge if subj is not None else None
    return ((verb.dep_ == "ccomp" and verb.head.i == span.root.i) or verb.i == span.root.i or appended) \
        and subj is not None and first.i > span.start + 1 and doc[first.i - 1].text == "," \
        and all(t.is_punct or t.is_space for t in doc[verb.i + 1:span.end])


def split_clause(verb: Token) -> bool:
    """The verb's clause cut in two by the parser: its object, then right after it a verb with a finite auxiliary
    and no subject or mark of its own ("accepted his side had not played well": "side" made the object, "had ...
    played" a modifier): the object is the clause's subject."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and any(
        c.dep_ == "advcl" and c.left_edge.i == obj.right_edge.i + 1
        and any(g.dep_ == "aux" and g.tag_ != "TO" for g in c.children)
        and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children) for c in verb.children)
