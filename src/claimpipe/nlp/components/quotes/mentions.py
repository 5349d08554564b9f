"""Speaker mentions: who says a quote, found from the parse around its cue.

The speaker is the mention the parse ties to the cue: the subject, a passive agent, a relative clause's
head, the object of ``according to``. Where the small parser misses it, the name right after
``"...," said`` or just before the cue is taken. A direct quote with no cue may take the subject of the next
or the previous sentence when that is a name or a personal pronoun. The mention is the noun phrase without
relative clauses and appositions; :mod:`~claimpipe.nlp.components.quotes.speakers` resolves it to a name.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.nlp.components.quotes.context import QuoteContext, Spans, inside
from claimpipe.nlp.components.quotes.cues import Cues
from claimpipe.nlp.components.quotes.marks import QuotePair, last_char
from claimpipe.schema import Speaker

_RELATIVE = ("who", "which", "that")
_SPEAKER_DROP = {"relcl", "appos", "acl", "advcl", "punct", "parataxis", "cc", "conj", "prep"}
_PERSONAL_PRONOUNS = ("he", "she", "they", "we", "i")
_THIRD_PERSON = ("he", "she", "they")
_WHEN = ("DATE", "TIME")  # "said Saturday": a time is nobody
_TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight".split())
_MARKUP = re.compile(r"[<>=]")  # tags and their attributes


def subject_of(cues: Cues, verb: Token) -> Optional[Token]:
    """The token that says: subject, passive agent, relative-clause head, or a governing verb's subject."""
    agent = None
    subj = None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj") and subj is None:
            subj = child
        elif child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                agent = objs[0]
    if agent is not None and (subj is None or subj.dep_ == "nsubjpass"):
        return agent
    if subj is not None and subj.dep_ != "nsubjpass":
        return subj
    if subj is not None and subj.dep_ == "nsubjpass" and subj.lower_ != "it":
        return None
    return _subject_elsewhere(cues, verb)


def _subject_elsewhere(cues: Cues, verb: Token) -> Optional[Token]:
    """:func:`subject_of` for a verb with no subject of its own: a noun before it, a name it is part of, a
    subject the parser left after it, or the subject of the verb it hangs from."""
    if verb.pos_ in ("NOUN", "PROPN") and verb.i > 0:  # "Arif Alvi state that ..."
        return verb.nbor(-1)
    if verb.dep_ == "compound" and verb.head.i > verb.i and verb.head.pos_ in ("PROPN", "NOUN"):
        return verb.head  # "Said Ellis:", parsed as a name
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(cues, verb.head.head)  # "he began by saying"
    # "... read one", "said Smith": a subject the parser left after the verb ("put it" is no such subject)
    for child in verb.children:
        if verb.lemma_.lower() in _ADDRESSEE_VERBS or verb.dep_ == "conj":
            break  # "telling CNBC:": whom it was said to; "... and recalled the freeze:": the first verb's subject says
        if child.i > verb.i and child.dep_ in ("dobj", "attr", "npadvmod", "oprd", "dep") and \
                child.pos_ in ("PROPN", "PRON", "NOUN", "NUM") and verb.i > 0 and not is_time(child) and \
                child.lower_ != "it" and \
                (any(t.is_quote for t in verb.doc[max(0, verb.i - 3):verb.i]) or
                 verb.doc[min(len(verb.doc) - 1, child.right_edge.i + 1)].text == ":"):
            return child
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.dep_ == "conj" and verb.tag_ in ("VBP", "VBZ", "VBD") and before is not None and before.dep_ == "conj" \
            and before.tag_ in ("NNS", "NNP", "NNPS") and before.head.dep_ in ("dobj", "pobj", "attr"):
        return before  # "the plan has its flaws and critics warn that ...": the parser took them for objects
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and cues.is_cue_verb(verb.head.head):
        return subject_of(cues, verb.head.head)  # "Lazar said he welcomed it and added, ..."
    reporter = _reporter_of_participle(cues, verb)
    if reporter is not None:
        return reporter
    if verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children):
        passive = [c for c in verb.head.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        if passive:
            return passive[0]  # "Larkin was joined by Reed and joked": Larkin, not the agent
    if verb.dep_ == "xcomp":
        passive = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if passive:
            return passive[0]  # "Trump was prompted to say", "he was quoted as saying"
        told = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i and c.pos_ in ("PROPN", "NOUN", "PRON")]
        if told and verb.head.i < told[0].i:
            return told[0]  # "The record prompted the atlas to state", "she urged him to say": the one told speaks
    if verb.dep_ in ("conj", "advcl", "xcomp", "acl") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "acl":
            maker = _maker_of_document(cues, _addressed_document(head) or head)
            if maker is not None:
                return maker  # "Trump issued a statement saying", "posted a message reading": who issued it
            return head if head.pos_ in ("NOUN", "PROPN", "PRON") or _adjective_as_noun(head) else None
        return subject_of(cues, head) if head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "relcl":
        return verb.head
    return None


_ADDRESSEE_VERBS = frozenset(["tell", "ask", "inform", "assure", "remind", "warn", "promise", "urge", "show"])
_DOCUMENTS = frozenset(["statement", "message", "tweet", "post", "letter", "email", "e-mail", "note", "memo",
                        "release", "video", "ad", "advert", "advertisement", "sign", "banner", "placard", "caption"])


_PARTICIPLE_CUES = frozenset(["say", "add", "write", "note", "explain", "argue", "insist", "state", "continue",
                              "conclude", "tell"])


def _reporter_of_participle(cues: Cues, verb: Token) -> Optional[Token]:
    """'X said Y would have to decide, saying, "..."': the subject of the reporting verb whose reported clause
    the participle ``verb`` hangs from (the parse ties it to the clause, whose subject is not who says it)."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.lemma_.lower() not in _PARTICIPLE_CUES:
        return None
    node = verb.head
    for _ in range(4):
        if node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
            node = node.head
        else:
            break
    if node.dep_ == "ccomp" and node.head.i < node.i and cues.is_cue_verb(node.head):
        return subject_of(cues, node.head)
    return None


def _addressed_document(noun: Token) -> Optional[Token]:
    """'mailed a letter to members stating', 'her note to staff explaining': the document sent to ``noun``
    (the parse hangs the participle on the addressee), or None."""
    to = noun.head
    if noun.dep_ != "pobj" or to.lower_ != "to" or to.head.i == to.i:
        return None
    gov = to.head
    if gov.lemma_.lower() in _DOCUMENTS:
        return gov
    if gov.pos_ in ("VERB", "AUX"):
        return next((c for c in gov.children if c.dep_ == "dobj" and c.lemma_.lower() in _DOCUMENTS), None)
    return None


def _maker_of_document(cues: Cues, noun: Token) -> Optional[Token]:
    """Who issued the document ``noun`` is ("issued a statement", "in a statement", "posted a message"): the
    subject of the verb it is the object of, directly or through a preposition; None for any other noun."""
    if noun.lemma_.lower() not in _DOCUMENTS:
        return None
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    elif noun.dep_ != "dobj":
        return None
    if gov.pos_ not in ("VERB", "AUX") or gov.i == noun.i:
        return None
    subj = subject_of(cues, gov)
    return subj if subj is not None and subj.i != noun.i else None


def is_time(tok: Token) -> bool:
    """A date or time ("Saturday", "last week"), which says nothing; an age ("the 52-year-old", tagged a date)
    is someone."""
    return (tok.ent_type_ in _WHEN and tok.lower_ != "old") or tok.lower_ in _TIME_WORDS


def speaker_token(cues: Cues, verb: Token, avoid: Spans) -> Optional[Token]:
    """The subject of ``verb`` outside the quoted text ``avoid``; a relative pronoun stays the mention
    (speakers.py resolves it to its antecedent)."""
    subj = subject_of(cues, verb)
    if verb.dep_ in ("advcl", "xcomp", "conj") and inside(verb.head.idx, avoid):
        # "X told Newsmax that Romney “had ...,” adding, “...”": climb out of the quote
        node = verb.head
        for _ in range(6):
            if node.head.i == node.i or not inside(node.idx, avoid):
                break
            node = node.head
        if not inside(node.idx, avoid) and node.pos_ in ("VERB", "AUX"):
            subj = subject_of(cues, node)
    if subj is not None and inside(subj.idx, avoid):
        subj = None
        nouns = [c for c in verb.children if c.pos_ in ("PROPN", "NOUN", "PRON") and not inside(c.idx, avoid)
                 and c.dep_ in ("nsubj", "npadvmod", "dep", "appos", "attr", "oprd", "intj", "nmod", "dobj")]
        before = [c for c in nouns if c.i < verb.i]
        after = [c for c in nouns if c.i > verb.i and c.dep_ != "dobj"]
        if before:
            subj = before[-1]
        elif after:
            subj = after[0]
    if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        maker = _maker_of_document(cues, verb.head)
        if maker is not None and not inside(maker.idx, avoid):
            subj = maker  # "Trump released a video that said", "she hoisted a sign that read": who made it
    if subj is not None and is_time(subj):  # "said Monday the council leader", parsed with Monday the subject
        subj = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")), None)
    if subj is None and verb.pos_ in ("VERB", "AUX"):
        subj = _fallback_subject(verb, avoid)
    return _whose_head(subj) if subj is not None else None


def _whose_head(subj: Token) -> Token:
    """A subject found inside a "whose" clause the parser did not hang from its noun ("Kay, whose debut album
    won the prize, said ..."): the noun before the comma the clause opens with, who speaks."""
    whose = next((c for c in subj.children if c.tag_ == "WP$" and c.i < subj.i), None)
    if whose is None or whose.i < 2 or whose.nbor(-1).text != "," \
            or whose.nbor(-2).pos_ not in ("PROPN", "NOUN"):
        return subj
    return whose.nbor(-2)


def _fallback_subject(verb: Token, avoid: Spans) -> Optional[Token]:
    """When the parse gives a reporting verb no subject: the name or pronoun just before it, or the
    nearest subject to its left in the sentence."""
    doc = verb.doc
    sent = verb.sent
    if verb.i + 1 < len(doc) and any(t.is_quote for t in doc[max(0, verb.i - 3):verb.i]):
        # '"...," said Robin Maynard, half joking': the name right after the verb
        t = doc[verb.i + 1]
        if not t.is_punct and not t.is_space and not inside(t.idx, avoid):
            for _ in range(8):
                if t.dep_ in ("compound", "det", "amod", "poss", "nmod", "case", "nummod") and t.head.i > t.i:
                    t = t.head
                else:
                    break
            if (t.pos_ in ("PROPN", "NOUN", "PRON") or (t.is_title and t.is_alpha) or _adjective_as_noun(t)) \
                    and not is_time(t) and t.lower_ != "it":  # '"...," put it': the object, not who says
                return t
    for t in doc[max(sent.start, verb.i - 30):verb.i]:
        if t.lower_ == "as" and t.dep_ in ("prep", "mark") and t.head.i in (verb.i, verb.head.i):
            obj = next((c for c in t.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
            if obj is not None and not inside(obj.idx, avoid):
                return obj  # "As Jane Doe, professor of law, put it, ...": the parse took "As" for a preposition
    j = verb.i - 1
    while j >= sent.start and (doc[j].is_punct or doc[j].is_space or doc[j].pos_ == "ADV"):
        if doc[j].text == ")":  # "Gov. John Kasich (R-OH), said": the name before the parenthesis
            k = j - 1
            while k > sent.start and k > j - 8 and doc[k].text != "(":
                k -= 1
            if doc[k].text == "(":
                j = k
        j -= 1
    if j >= sent.start and not inside(doc[j].idx, avoid) and doc[j].pos_ in ("PROPN", "PRON", "NOUN") \
            and doc[j].dep_ not in ("poss", "pobj", "dobj") and not is_time(doc[j]):
        return doc[j]
    if j >= sent.start and not inside(doc[j].idx, avoid):
        described = _relative_head(doc[j], verb)
        if described is not None:
            return described  # "a White House official who spoke anonymously said": the official
    subjects = [doc[k] for k in range(verb.i - 1, sent.start - 1, -1)
                if doc[k].dep_ == "nsubj" and not inside(doc[k].idx, avoid) and doc[k].lower_ not in _RELATIVE
                and doc[k].head.pos_ in ("VERB", "AUX") and doc[k].head.i <= verb.i]
    return subjects[0] if subjects else None


def _adjective_as_noun(tok: Token) -> bool:
    """'said the 52-year-old', 'said the younger': an adjective with a determiner, standing for a person."""
    return tok.pos_ == "ADJ" and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in tok.children)


def _relative_head(tok: Token, verb: Token) -> Optional[Token]:
    """The noun a relative clause ending at ``tok``, right before ``verb``, describes ("a party official
    who spoke on condition of anonymity", "Jane Doe, who chairs the group"), or None."""
    node = tok
    for _ in range(8):
        if node.dep_ == "relcl" and node.head.i < node.i and node.head.pos_ in ("NOUN", "PROPN") \
                and not is_time(node.head):
            return node.head
        if node.head.i == node.i or node.head.i >= verb.i:
            return None
        node = node.head
    return None


def one_name_joined(head: Token) -> bool:
    """A name the entity model missed joins its last word and one capitalised word with "and" ("Ironhorse Oil and
    Gas": one firm): the head ends a proper name of several words, neither is an entity, and the word after "and"
    is a bare proper noun (not "Marks and Spencer"-like pairs of one word each, nor two names)."""
    doc = head.doc
    conj = next((c for c in head.children if c.dep_ == "conj"), None)
    return conj is not None and head.pos_ == "PROPN" and conj.pos_ == "PROPN" and conj.i == head.i + 2 \
        and doc[head.i + 1].lower_ == "and" and conj.is_title and not list(conj.children) \
        and not head.ent_type_ and not conj.ent_type_ and any(c.dep_ == "compound" and c.pos_ == "PROPN"
                                                               for c in head.children)


def mention(tok: Token) -> Span:
    """The noun phrase headed by ``tok``, without relative clauses, appositions and the like; a description
    with a person's name in apposition is that name ("The Secretary of State, Jane Doe, said")."""
    doc = tok.doc
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "relcl":
        return doc[tok.i:tok.i + 1]
    field_name = role_field_name(tok) if tok.pos_ == "NOUN" else None
    if field_name is not None:
        return field_name
    name = appositive_name(tok)
    if name is not None:
        return mention(name)
    keep = {tok.i}
    joined = ("cc", "conj") if one_name_joined(tok) else ()
    for child in tok.children:
        if child.dep_ in _SPEAKER_DROP and child.tag_ != "HYPH" and child.dep_ not in joined \
                and not (child.dep_ == "prep" and child.lower_ == "of" and child.i > tok.i):
            continue
        if (child.dep_ in ("cc", "conj") and not joined) or (child.is_punct and child.tag_ != "HYPH") \
                or (child.dep_ == "compound" and child.pos_ == "VERB"):
            continue  # "Said Ellis": the verb is not part of the name ("52-year-old": its hyphens are)
        if child.dep_ == "advmod" and child.i < tok.i and tok.pos_ in ("NOUN", "PROPN"):
            continue  # "Even a senior strategist": the adverb is no part of who
        keep.update(t.i for t in child.subtree)
    lo, hi = tok.i, tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    # a compound name with a title directly before: keep it whole
    span = doc[lo:hi + 1]
    while len(span) > 1 and (span[0].is_punct or span[0].lower_ in ("“", "”", '"')):
        span = span[1:]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span


def appositive_name(tok: Token) -> Optional[Token]:
    """The name in apposition to the description ``tok``, if ``tok`` is not a name itself: a person's, or
    any other name of someone who can speak after a common noun ("The tour's sponsor, Mercedes, said")."""
    if tok.ent_type_ == "PERSON":
        return None
    found = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and (
        c.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and c.ent_type_ in ("ORG", "")))), None)
    if found is not None or tok.pos_ != "NOUN":
        return found
    for c in tok.children:  # "the play's author, US playwright Jo Hale": the name of the description's apposition
        if c.dep_ == "appos" and c.pos_ == "NOUN":
            inner = next((g for g in c.children if g.dep_ == "appos" and g.ent_type_ == "PERSON"), None)
            if inner is not None:
                return inner
    name = role_field_name(tok)
    return name.root if name is not None else None


def role_field_name(tok: Token) -> Optional[Span]:
    """The person's name a role with its field ends on, with no comma ("the minister for rural affairs Jo Hale"):
    the name follows a noun of the field inside the "for"/"of" phrase and closes the description."""
    doc = tok.doc
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ != "PERSON" or obj.i != prep.right_edge.i:
            continue
        first = obj.i
        while doc[first].ent_iob_ == "I":
            first -= 1
        if first > prep.i + 1 and doc[first - 1].pos_ == "NOUN":
            return doc[first:obj.i + 1]
    return None


def according_to(tok: Token) -> Optional[tuple[Span, Span]]:
    """``according to X``: (cue span, speaker mention)."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor(1).lower_ != "to":
        return None
    to = tok.nbor(1)
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    return tok.doc[tok.i:tok.i + 2], mention(_provider(objs[0]))


def _provider(obj: Token) -> Token:
    """'according to a recording released by Prairie Radio', 'a filing submitted by the county attorney': who
    provided the record (the source the article cites), else the record ``obj`` itself."""
    for acl in obj.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            for agent in acl.children:
                if agent.dep_ == "agent":
                    who = next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if who is not None:
                        return who
    return obj


def speaker_model(span: Optional[Span]) -> Optional[Speaker]:
    """The :class:`Speaker` record of a mention, without surrounding punctuation (None for none)."""
    if span is None:
        return None
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while start < end and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    if start == end:
        return None
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])  # doc[start:end].start_char, .end_char
    text = doc_text(doc)[a:b]
    cut = text.rfind(">") + 1  # 'tweet-date="March 10">Sanders aide Jeff Weaver': the words after the tag
    a, text = a + cut, text[cut:]
    lead = len(text) - len(text.lstrip())
    a, text = a + lead, text.strip()
    if not text or _MARKUP.search(text):
        return None  # 'tweet id="67213"': markup debris is nobody
    return Speaker(text=text, start=a, end=b, name=text)


# ---- speakers of direct quotes the cue's parse does not give


def name_after(doc: Doc, pair: QuotePair, verb: Token) -> Optional[Span]:
    """'"...," Trump, the frontrunner, said': the name right after the closing mark, before the cue."""
    span = doc.char_span(pair.close_at, len(doc_text(doc)), alignment_mode="expand")
    if span is None:
        return None
    i = span.start
    while i < verb.i and (doc[i].is_punct or doc[i].is_space):
        i += 1
    if i >= verb.i:
        return None
    t = doc[i]
    if not (t.pos_ in ("PROPN", "DET") or t.lower_ in _PERSONAL_PRONOUNS):
        return _short_name(doc, i, verb)
    for _ in range(8):
        if t.dep_ in ("compound", "amod", "nmod", "det", "nummod") and i <= t.head.i < verb.i:
            t = t.head
        else:
            break
    if t.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if doc[i].pos_ == "DET" and t.i != verb.i - 1:
        return None  # "the email read": only a short description right before the verb
    return mention(t)


def _short_name(doc: Doc, i: int, verb: Token) -> Optional[Span]:
    """'"...," screenwriter Jane Doe wrote', '"...," Will wrote': a short stretch of capitalised words (and the
    nouns before them) between the closing mark and the cue, which the parser took for something else."""
    words = doc[i:verb.i]
    if not 1 <= len(words) <= 5 or not words[-1].is_title or not words[-1].is_alpha or is_time(words[-1]):
        return None
    if any(not (t.is_alpha or t.text in (".", "-", "'")) or t.lower_ in _PERSONAL_PRONOUNS or t.pos_ == "ADP"
           for t in words):
        return None
    return words


def personal(subj: Token) -> bool:
    """A name of a person or group, or a third-person pronoun: a subject that can be a quote's speaker
    (an "I" or "we" outside a quote is the writer, or a quote of its own: not who said this one)."""
    return subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in _THIRD_PERSON


def next_subject(ctx: QuoteContext, pair: QuotePair, avoid: Spans) -> Optional[Span]:
    """For a quote with no cue: the subject of the sentence right after it in its paragraph
    ('"We will win." Smith made the promise in Ohio.'), when that is a name or a personal pronoun."""
    doc, text = ctx.doc, ctx.text
    j = pair.close_at
    while j < len(text) and text[j].isspace() and text[j] != "\n":
        j += 1
    if j >= len(text) or text[j] == "\n" or last_char(text, pair.end) not in (".", "!", "?"):
        return None
    first = doc.char_span(j, j + 1, alignment_mode="expand")
    if first is None:
        return None
    sent = doc[first.start].sent
    if sent.start != first.start or inside(sent.root.idx, avoid) or sent.root.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.text == ":" and c.i > sent.root.i for c in sent.root.children):
        return None  # '"..." Jones said on Saturday: "..."': that sentence introduces a quote of its own
    subj = speaker_token(ctx.cues, sent.root, avoid)
    return mention(subj) if subj is not None and personal(subj) else None


def previous_subject(ctx: QuoteContext, pair: QuotePair, avoid: Spans) -> Optional[Span]:
    """For a quote with no cue that opens a sentence: the subject of the sentence before it, when
    that is a name or a personal pronoun."""
    doc, text = ctx.doc, ctx.text
    j = pair.open_at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] not in ".!?:;,—”\"’)":
        return None
    tok = doc.char_span(j, j + 1, alignment_mode="expand")
    if tok is None:
        return None
    sent = doc[tok.start].sent
    # the top verb of the text before the quote ("Trump issued a statement, “...”")
    tops = [t for t in doc[sent.start:tok.start] if t.pos_ in ("VERB", "AUX") and not inside(t.idx, avoid)
            and (t.head.i == t.i or not sent.start <= t.head.i < tok.start)]
    if not tops:
        return None
    subj = speaker_token(ctx.cues, tops[0], avoid)
    if subj is None:
        return None
    return mention(subj) if personal(subj) else None


def governing_subject(ctx: QuoteContext, pair: QuotePair, span: Span, avoid: Spans) -> Optional[Span]:
    """For a quote with no cue that is part of a sentence ("Moore thanked him for “...”", "The campaign put it
    more carefully: “...”"): the subject of the verb outside the quote that the parse hangs it from, when that
    is a name, a personal pronoun or a noun (the one who writes, thanks or puts it that way)."""
    doc = ctx.doc
    root = next((t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i), None)
    if root is None:
        return None
    sent = root.sent
    node = root
    for _ in range(4):
        if node.head.i == node.i or not sent.start <= node.head.i < sent.end:
            return None
        node = node.head
        if inside(node.idx, avoid) or pair.open_at <= node.idx < pair.close_at:
            continue
        if node.pos_ in ("VERB", "AUX"):
            break
    else:
        return None
    if node.pos_ not in ("VERB", "AUX") or inside(node.idx, avoid):
        return None
    subj = speaker_token(ctx.cues, node, avoid)
    if subj is None or is_time(subj) or subj.lower_ in ("it", "this", "that", "there", "i", "we", "you") \
            or subj.pos_ not in ("PROPN", "NOUN", "PRON") or pair.open_at <= subj.idx < pair.close_at:
        return None
    return mention(subj)


def relayed_by(verb: Token) -> Optional[Span]:
    """'"...," X said, according to a record of the interview': who relays what ``verb`` says, the object of an
    "according to" set off by a comma after it in its sentence (PolNeAR takes the source the article cites,
    not the one it quotes); None when there is none."""
    doc = verb.doc
    end = verb.sent.end
    for i in range(verb.i + 1, min(end, verb.i + 25)):
        t = doc[i]
        if t.is_quote or "\n" in t.text:
            return None  # another quote, or the paragraph's end
        if t.lower_ == "according" and i > 0 and doc[i - 1].text == ",":
            found = according_to(t)
            return found[1] if found is not None else None
    return None
