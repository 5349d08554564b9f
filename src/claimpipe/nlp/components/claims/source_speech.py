"""Speech acts of the claim sources (:mod:`.source`) that no verb of saying with a clause gives: a phrasal verb of
attacking in words ("X has hit out at the club for ...", "lashed out at", "rounded on", "took a swipe at"), and a
denial of a noun of saying with its content clause ("X denied suggestions he wanted to leave"), a denial of what
was alleged ("denied involvement"), ruling something out ("has ruled out any chance of ..."), asking someone to
act ("urged students to ...", "called on the league to ..."), wanting others to act ("wants his team to win"),
speaking of something ("spoke of his pride in ...", "discussed the problems ...") and giving words ("gave details
of ...", "offered him some advice")."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from claimpipe import lexicon
from claimpipe.nlp.components.claims.source_marks import _tokens
from claimpipe.nlp.components.paragraphs import doc_text

PHRASAL_SPEECH = {"hit": ("out", "at"), "lash": ("out", "at"), "round": (None, "on"), "caution": (None, "against"),
                  "warn": (None, "against")}  # verb: (particle, preposition); "cautioned against reading too much into"
OBJECT_PHRASAL = {"play": "down", "talk": "up", "spell": "out"}  # a phrasal verb of saying with its object
SWIPE_NOUNS = frozenset(["swipe", "dig", "pop"])  # "took a swipe at ...", "had a dig at ..."
TRIBUTE_NOUNS = frozenset(["tribute", "homage"])  # "paid tribute to ...": praise in words
DENYING_VERBS = frozenset(["deny", "dismiss", "reject", "rubbish", "refute"])
CLAIM_NOUNS = frozenset(["suggestion", "claim", "allegation", "report", "rumour", "rumor", "speculation", "charge",
                         "accusation", "talk", "story", "contention", "assertion"])
RELATIVE_WORDS = frozenset(["which", "that", "who", "whom", "whose", "what"])


def active_voice(verb: Token) -> bool:
    """``verb`` is a finite or infinitive verb in the active voice (no gerund, no passive)."""
    return verb.tag_ != "VBG" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _prep(verb: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word and any(o.dep_ in ("pobj", "pcomp") for o in c.children)
               for c in verb.children)  # "at the club", "against reading too much into ..."


def _phrasal(verb: Token) -> bool:
    """'hit out at the club', 'lashed out at referees', 'rounded on his critics', 'took a swipe at the board',
    'cautioned against reading too much into ...', 'paid tribute to ...', 'played down talk of ...', 'spelled out
    what ...'."""
    lemma = verb.lemma_.lower()
    if lemma in PHRASAL_SPEECH:
        particle, prep = PHRASAL_SPEECH[lemma]
        if particle is not None and not any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
            return False
        return _prep(verb, prep) or particle is not None and any(
            c.dep_ == "prt" and c.lower_ == particle and _prep(c, prep) for c in verb.children)
    if lemma in OBJECT_PHRASAL:  # "has played down talk of ...", "spelled out what we needed to do"
        return any(c.dep_ == "prt" and c.lower_ == OBJECT_PHRASAL[lemma] for c in verb.children) and any(
            c.dep_ in ("dobj", "ccomp") for c in verb.children)
    if lemma == "pay":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in TRIBUTE_NOUNS for c in verb.children)
    if lemma in ("take", "have"):
        return any(c.dep_ == "dobj" and c.lemma_.lower() in SWIPE_NOUNS and (_prep(c, "at") or _prep(verb, "at"))
                   for c in verb.children)
    return False


FINDING_VERBS = frozenset(["identify", "pinpoint"])
FINDING_NOUNS = frozenset(["lack", "shortage", "need", "gap", "problem", "risk", "weakness", "flaw", "failing",
                           "threat", "shortfall", "absence", "danger"])


def _finding(verb: Token) -> bool:
    """A finding stated: "the trade body has identified a lack of ...", "pinpointed a shortage of ..." (a verb of
    finding with a noun of want or risk as its object); not "police have identified the victim" (an act)."""
    return verb.lemma_.lower() in FINDING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in FINDING_NOUNS for c in verb.children)


def _content_clause(noun: Token) -> bool:
    """The noun's clause gives what was said: "suggestions (that) he wanted to leave", not "claims which were
    made" (a relative clause, its subject a relative word) nor "the report published on Monday"."""
    for clause in (c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")):
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is None or subj.lower_ in RELATIVE_WORDS and not any(
                m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            continue
        if subj.i > noun.i:
            return True
    return False


DENIED_NOUNS = frozenset(["involvement", "wrongdoing", "responsibility", "knowledge", "link", "role", "guilt",
                          "charge", "allegation", "accusation", "claim", "report", "rumour", "rumor", "suggestion"])


def _denies(verb: Token) -> bool:
    """A denial with a noun of what was alleged: "denied involvement in any criminal activities", "denies the
    charges", "denied wrongdoing"; not "denied him bail" (something withheld from someone)."""
    return verb.lemma_.lower() == "deny" and not any(c.dep_ == "dative" for c in verb.children) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in DENIED_NOUNS for c in verb.children)


def _rules_out(verb: Token) -> bool:
    """Ruling something out in words: "has ruled out any chance of winning", "has not ruled out competing"; not
    "the injury ruled him out of the final" (a person ruled out of something: an act, not a statement)."""
    if verb.lemma_.lower() != "rule" or not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "xcomp", "pcomp")]
    return bool(objects) and not any(o.pos_ in ("PRON", "PROPN") for o in objects) and not _prep(verb, "of")


def _confirms(verb: Token) -> bool:
    """Confirming what was reported: "confirmed earlier reports of talks", "has confirmed the rumours" (a noun of
    what was said as its object); not "confirmed his place in the side" (an act)."""
    return verb.lemma_.lower() == "confirm" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS for c in verb.children)


def _threatens(verb: Token) -> bool:
    """A threat made to someone with what they will face: "threatened the bank with legal action" (an object and
    "with"); not "the storm threatened the harvest"."""
    return verb.lemma_.lower() == "threaten" and any(c.dep_ == "dobj" for c in verb.children) and _prep(verb, "with")


DIRECTIVE_VERBS = frozenset(["urge", "exhort", "implore", "beg", "tell", "ask", "advise", "instruct"])
APPEAL_PREPS = {"call": ("on", "upon", "for"), "appeal": ("for", "to"), "plead": ("with", "for")}


def _directs(verb: Token) -> bool:
    """Telling someone to act, in words: "urged students to seek ...", "told film-makers not to ignore ...", "called
    on the authorities to look at ...", "appealed for public help", "urged restraint" (a verb of asking with the
    one asked and what to do, or with what is asked for); not "asked about his future" (no one asked, nothing to
    do) nor "called on Monday" (no one called on)."""
    lemma = verb.lemma_.lower()
    if lemma in APPEAL_PREPS:
        return any(c.dep_ == "prep" and c.lower_ in APPEAL_PREPS[lemma]
                   and any(o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") for o in c.children)
                   for c in verb.children) and (lemma != "call" or any(c.dep_ == "xcomp" for c in verb.children)
                                                 or _prep(verb, "for"))
    if lemma not in DIRECTIVE_VERBS or any(c.dep_ == "aux" and c.lower_ in RULE_MODALS for c in verb.children):
        return False  # "will require all firms to report ...": a rule ahead, no one's words yet
    asked = any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON") for c in verb.children)
    return asked and (any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)
                      or lemma == "urge")


def _wants_done(verb: Token) -> bool:
    """A wish that others act: "wanted the firms to surrender ...", "wants his team to win ..." (want with a clause
    of someone else doing something); not "wants to win" (the subject's own aim)."""
    return verb.lemma_.lower() == "want" and any(
        c.dep_ in ("ccomp", "xcomp") and any(g.dep_ == "nsubj" for g in c.children)
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children)


TOPIC_PREPS = {"speak": ("of", "about"), "talk": ("of", "about"), "tell": ("about",), "alert": ("to",),
               "compare": ("to", "with")}  # a verb of speaking with what it was about ("told her about ...")
TOPIC_OBJECT_VERBS = frozenset(["discuss", "cite"])  # with what was discussed or cited as its object


def _talks_of(verb: Token) -> bool:
    """Speaking of something, with a subject: "spoke of his dislike of ...", "discussed the challenges facing ...",
    "cited last year's sale as ...", "told Ms Lee about her frustration", "alerted directors to irregular
    practices", "compared the bid to Shell's" (not "profit rose, compared with ...", which has no subject)."""
    lemma = verb.lemma_.lower()
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if lemma in TOPIC_OBJECT_VERBS:
        return any(c.dep_ == "dobj" for c in verb.children)
    if lemma not in TOPIC_PREPS or (lemma in ("tell", "alert", "compare")
                                    and not any(c.dep_ == "dobj" for c in verb.children)):
        return False
    return any(_prep(verb, word) for word in TOPIC_PREPS[lemma])


MODALS = frozenset(["will", "would", "could", "may", "might", "should", "can", "'ll"])
RULE_MODALS = MODALS | {"must"}  # "members must give their backing": a rule, no one's words
WORD_NOUNS = frozenset(["advice", "detail", "recommendation", "backing", "assurance", "reassurance", "warning",
                        "guarantee", "explanation", "account", "update", "praise", "verdict", "view", "opinion"])


def _gives_word(verb: Token) -> bool:
    """Giving words, with a subject: "gave details of nine stolen items", "has offered him some advice", "has given
    its backing to ...", "gave a glowing recommendation" (give or offer with a noun of what is said); not "refused
    to give any details" (no subject of its own: the refusal is the act) nor "members must give their backing"."""
    return verb.lemma_.lower() in ("give", "offer") and any(c.dep_ == "nsubj" for c in verb.children) and any(
        c.dep_ == "dobj" and c.lemma_.lower() in WORD_NOUNS for c in verb.children) and not any(
        c.dep_ == "aux" and c.lower_ in RULE_MODALS for c in verb.children)


PLEAS = frozenset(["guilty", "innocent", "innocence", "ignorance"])


def _pleads(verb: Token) -> bool:
    """A plea of innocence, with a subject: "has pleaded not guilty to charges of ...", "have pleaded their
    innocence": the subject's denial of a charge, in words (not "pleaded guilty": an admission the court records,
    the ninth set's event)."""
    pleas = [c for c in verb.children if c.dep_ in ("acomp", "dobj", "oprd", "advmod", "attr") and c.lower_ in PLEAS]
    return verb.lemma_.lower() == "plead" and (verb.dep_ == "conj" or any(c.dep_ == "nsubj" for c in verb.children)) \
        and any(c.lower_ != "guilty" or any(n.dep_ == "neg" for n in [*c.children, *verb.children]) for c in pleas)


def speech_act(verb: Token) -> bool:
    """``verb`` (active) is an act of saying though not a verb of saying with a clause: a phrasal verb of attacking
    in words, ruling something out, a denial of what was alleged, making it clear that ..., confirming reports, a
    threat with what it threatens, a denial of a claim with its content clause, asking someone to act, wanting
    others to act, speaking of something or giving words: the subject's statement."""
    if not active_voice(verb):
        return False
    if _phrasal(verb) or _finding(verb) or _denies(verb) or _rules_out(verb) or makes_clear(verb) \
            or _confirms(verb) or _threatens(verb) or _directs(verb) or _wants_done(verb) \
            or _talks_of(verb) or _gives_word(verb) or _pleads(verb):
        return True
    return verb.lemma_.lower() in DENYING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_NOUNS and (_content_clause(c) or _named_maker(c))
        for c in verb.children)


def _named_maker(noun: Token) -> bool:
    """The claim noun names who made the claim, in words answered by the denial ("rejected Robinson's contention",
    "dismissed the minister's suggestion"): a possessive name or person noun, not "his" (the denier's own)."""
    return any(c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in noun.children)


def _clear_clause(clause: Token) -> bool:
    """A clause that says what was made clear: "that ...", or a finite clause with its own subject and no other
    conjunction ("made it clear he will pick ..."; not "made it clear when he ...")."""
    marks = [m.lower_ for m in clause.children if m.dep_ == "mark"]
    if marks:
        return marks == ["that"]
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) and any(
        c.dep_ in ("aux", "auxpass") or c.tag_ in ("VBD", "VBZ", "VBP") for c in [clause, *clause.children])


def makes_clear(verb: Token) -> bool:
    """"made it clear that ...", "has made it plain that ...", "made clear the tax would stay": a statement,
    though "make" says nothing alone."""
    if verb.lemma_.lower() != "make":
        return False
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in ("clear", "plain") and any(
            c.dep_ == "ccomp" and c.i > verb.i + 1 and c.pos_ in ("VERB", "AUX") for c in verb.children):
        return True  # "made clear the fees had not been discussed" (no "it")
    return any(
        c.dep_ in ("ccomp", "oprd", "xcomp") and c.lower_ in ("clear", "plain") and (
            any(g.lower_ == "it" for g in c.children) or any(g.lower_ == "it" for g in verb.children))
        and any(g.dep_ in ("ccomp", "advcl") and _clear_clause(g) for g in list(c.children) + list(verb.children))
        for c in verb.children)


NEWS_NOUNS = frozenset(["news", "word", "revelation", "announcement", "disclosure"])


def framed_clause(content, span) -> bool:
    """A content clause the author's sentence only frames: the news someone reacted to ("X reacted badly to the
    news that he had been dropped": what X heard, not what X said), or the clause of a noun that is the subject of
    the author's own prediction ("his admission that he "expected it" will do little to ...": the author's
    prediction about the statement). ``content``: the quote's tokens."""
    root = span.root
    for croot in (t for t in content if t.dep_ == "acl" and not content.start <= t.head.i < content.end):
        noun = croot.head
        if noun.pos_ != "NOUN" or not any(m.dep_ == "mark" and m.lower_ == "that" for m in croot.children) \
                and croot.i != content.start:
            continue
        if noun.dep_ == "pobj" and noun.lemma_.lower() in NEWS_NOUNS and any(
                c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return True
        if noun.dep_ in ("nsubj", "nsubjpass") and root.i in (noun.head.i, noun.head.head.i) and any(
                c.dep_ == "aux" and c.lower_ in MODALS for c in root.children):
            return True
    return False


def mononym(name: Token, head: Token) -> Optional[str]:
    """A one-word name set after a person noun ("Arsenal's Brazilian midfielder Edu", the appositive of
    "midfielder"): the person's name, not the club the description is owned by."""
    if not name.is_title or any(c.dep_ in ("compound", "flat") for c in name.children):
        return None
    return name.text if head.lemma_.lower() in lexicon.words("speaker_nouns.txt", "person") else None


TITLES = frozenset(["Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Prof", "Professor"])
_TAG = re.compile(r"\s*[\"\u201d]\s+([A-Z][^\"\u201c\u201d.!?\n]{1,60}?)\.(?:\s|$)")


def tag_speaker(doc, quote, text: str):
    """The name set after a quote as its tag, with no verb ('"... is not robust," Acme Bank's Lowe.'): who said
    it, not the speaker of the statement before. The tag is a few capitalised words (a possessive between them)
    ending the sentence on a proper noun."""
    from claimpipe.schema import Speaker

    if quote.kind != "direct" or text[quote.end - 1:quote.end] != "," and text[quote.end:quote.end + 1] != ",":
        return None
    m = _TAG.match(text, quote.end + (text[quote.end:quote.end + 1] == ","))
    toks = _tokens(doc, m.start(1), m.end(1)) if m else None
    if toks is None or toks[-1].pos_ != "PROPN" or any(
            t.pos_ in ("VERB", "AUX") or not (t.is_title or t.is_upper or t.tag_ == "POS" or t.text in "'\u2019")
            for t in toks):
        return None
    first = next((t.i + 1 for t in reversed(toks) if t.tag_ == "POS" or t.text in "'\u2019"), toks.start)
    while first < toks.end - 1 and doc[first].text.rstrip(".") in TITLES:
        first += 1  # "Mr Lowe": the surname, which the article's full name resolves
    if first >= toks.end:
        return None
    start, end = doc[first].idx, toks[-1].idx + len(toks[-1])  # "Acme Bank's Lowe": Lowe; "Transport Watch"
    return Speaker(text=text[start:end], start=start, end=end, name=text[start:end])


PAIR_WORDS = frozenset(["two", "both"])


def _pair_subject(sent) -> bool:
    """The sentence's subject names two bodies as one: "The two companies", "Both firms", "X and Y"."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.tag_ == "NNS" and any(c.lower_ in PAIR_WORDS and c.dep_ in ("nummod", "det", "predet")
                                  for c in subj.children):
        return True
    return subj.pos_ == "PROPN" and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in subj.children)


def pair_before(doc, at: int, ents: list):
    """Whom "they" at ``at`` stands for when the sentence before (or the one it opens) has two bodies for its
    subject ("Acme and Zenit are to pool research. The two firms will ... They said ..."): the first of the latest
    two organisations named together ("Acme and Zenit") before it; else None. ``ents``: the doc's entities."""
    span = _tokens(doc, at, at + 1)
    tok = span[0] if span is not None and span[0].idx == at else None
    if tok is None or tok.sent.start == 0 or not _pair_subject(doc[tok.sent.start - 1].sent):
        return None
    text = doc_text(doc)
    orgs = [e for e in ents if e.label == "ORG" and e.end <= at]
    for first, second in zip(reversed(orgs[:-1]), reversed(orgs[1:])):
        if text[first.end:second.start] == " and ":
            return first.canonical
    return None


ROLE_WINDOW = 3000  # tokens a role noun looks back over for the person given that role: longer than a news article


def role_person(doc, head: Optional[Token], ents: list, at: int = 0) -> Optional[str]:
    """Whom a role noun ("the midfielder", "said the striker") stands for: the latest person the article gave
    that role before it ("Arsenal's Brazilian midfielder Edu", "midfielder Edu Santos", "Edu, the midfielder"),
    not simply the latest person named (an agent quoted in between); else None. ``ents``: the doc's entities.
    With no ``head``: the latest person given any role before offset ``at`` (whom a "he" stands for when the
    entity model named no person before it)."""
    nouns = lexicon.words("speaker_nouns.txt", "person") if head is None else {head.lemma_.lower()}
    end = head.i if head is not None else next((t.i for t in doc if t.idx >= at), len(doc))
    before = doc[max(0, end - ROLE_WINDOW):end]  # (a bounded look back: its cost stays per mention, not per article)
    for tok in (t for t in reversed(before) if t.lemma_.lower() in nouns and t.pos_ == "NOUN"):
        named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if tok.dep_ in ("compound", "appos") and tok.head.pos_ == "PROPN" and tok.head.i != tok.i:
            named.append(tok.head)  # "midfielder Edu Santos", "Edu, the midfielder"
        for name in named:
            ent = next((e for e in ents if e.start <= name.idx < e.end), None)
            if ent is not None and ent.label == "PERSON":
                return ent.canonical
            if ent is None and name.is_title:
                return name.text
    return None


def role_appos(subj: Token) -> Optional[str]:
    """The person a club's or body's name introduces with a role between ("Rovers forward Ian Cole is ...", parsed
    with the club as subject and the person as its appositive): the person, not the club."""
    doc, nouns = subj.doc, lexicon.words("speaker_nouns.txt", "person")
    for name in (c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > subj.i + 1):
        between = doc[subj.i + 1:name.left_edge.i]
        if len(between) == 1 and between[0].lower_ in nouns:
            return doc[name.left_edge.i:name.i + 1].text
    return None


def with_inner_appositions(head: Token, span) -> list[Token]:
    """The description's dependents and the appositions inside the mention that the parser hung on a word after
    its head ("ITV's controller of entertainment, Jo Hale": "Hale" on "entertainment")."""
    return list(head.children) + [t for t in span if t.dep_ == "appos" and t.head.i > head.i]


def verb_lemma(verb: Token, verbs: frozenset[str]) -> str:
    """The verb's lemma, or the word of ``verbs`` its form inflects when the lemmatizer missed it ("hopes" ->
    "hop"); of "go on to" the verb after it ("goes on to criticise ...": criticise)."""
    lemma = verb.lemma_.lower()
    if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.children):
        then = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.i > verb.i and c.pos_ == "VERB"
                     and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")), None)
        return verb_lemma(then, verbs) if then is not None else lemma
    if lemma in verbs or verb.pos_ not in ("VERB", "AUX"):
        return lemma
    low = verb.lower_
    for suffix, add in (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", ""), ("ing", "e")):
        if low.endswith(suffix) and low[:-len(suffix)] + add in verbs:
            return low[:-len(suffix)] + add
    return lemma
