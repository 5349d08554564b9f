"""Text-level helpers of the claim sources (:mod:`.source`): where a quote stands in the text (a sentence that
continues an earlier quote, a statement that is only an aside of the author's sentence, a quote under a
dash-and-name line, a cue introducing the next quote, the writer's own "I think"), and the forms of a name (a
surname for the name given in full, a hyphenated word made whole, a description by age)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon
from claimpipe.nlp.components.entities import MEDIA_HEADS, first_names
from claimpipe.nlp.components.claims.source_marks import _inside_marks, _tokens, inside_any
from claimpipe.nlp.components.claims.source_speech import framed_clause
from claimpipe.nlp.components.paragraphs import token_positions
from claimpipe.nlp.components.quotes.speakers import modifies_a_noun

if TYPE_CHECKING:
    from claimpipe.nlp.components.claims.source import SourceIndex


def _sentence_initial(doc: Doc, at: int) -> bool:
    tok = _tokens(doc, at, at + 1)
    return tok is not None and tok[0].is_sent_start


def _quoted_words(text: str) -> Optional[int]:
    """How many words stand inside quotation marks in ``text`` (None when it has no pair of marks)."""
    inside = re.findall(r"[\"“]([^\"”]*)[\"”]", text)
    return sum(len(x.split()) for x in inside) if inside else None


def _mislabelled_person(words: list[str], first: frozenset[str]) -> bool:
    """A person's name the entity model gave another label ("Jose Mourinho" tagged a place): two or three
    capitalised words, the first a first name."""
    return len(words) <= 3 and words[0].lower() in first and all(w[:1].isupper() and w[1:].islower() for w in words)


def _surnames(ents: list) -> dict:
    """Each word that ends a person's name of several words -> [(offset, name)]; each first word of a name of two
    words, as ``"<first> "``, likewise (a family name written first: "Li Ming" ... "Mr Li")."""
    out: dict = {}
    first = first_names()
    for e in ents:
        words = e.canonical.split()
        if len(words) > 1 and (e.label == "PERSON" or _mislabelled_person(words, first)):
            out.setdefault(words[-1], []).append((e.start, e.canonical))
            if len(words) == 2:
                out.setdefault(words[0] + " ", []).append((e.start, e.canonical))
    return out


def _full_name(index: SourceIndex, word: str, at: int, titled: bool = False) -> Optional[str]:
    """The person named in full before ``at`` whose name ends with ``word`` ("Hale" after "Simon Hale"), the
    latest such, or after a title ("Mr Li") the one person whose name of two words starts with it; None when
    there is none."""
    named = [name for start, name in index.surnames.get(word, ()) if start < at]
    if not named and titled:
        first = {name for start, name in index.surnames.get(word + " ", ()) if start < at}
        named = sorted(first) if len(first) == 1 else []
    return named[-1] if named else None


def _whole_words(doc: Doc, span: Span) -> str:
    """The span's text with the hyphenated word it starts inside made whole ("mortem" -> "post-mortem")."""
    start = span.start
    while start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start:span.end].text


def _aged(head: Token) -> bool:
    """The description gives an age ("the 30-year-old world number two"): it describes a person."""
    return any(t.lower_ == "old" and _aged_word(t) for t in head.doc[head.left_edge.i:head.i])


LIST_MARKS = ("-", "•", "*", "–")


def _list_intro(span: Span, text: str) -> Optional[Span]:
    """The sentence a list item belongs to: the item is a line opening with a bullet or dash, and the lines before
    it, back over the other items, reach a line ending with a colon ("The court ordered him to:" then "- pay a
    fine"); None when the span is no such item."""
    start = span.start_char
    line = text.rfind("\n", 0, start) + 1
    if not text[line:start + 1].lstrip().startswith(LIST_MARKS):
        return None
    while line > 0:
        prev = text.rfind("\n", 0, line - 1) + 1
        above = text[prev:line].strip()
        if not above:
            line = prev
            continue
        if above.startswith(LIST_MARKS):
            line = prev
            continue
        if not above.endswith(":"):
            return None
        colon = _tokens(span.doc, prev + text[prev:line].rindex(":"), prev + text[prev:line].rindex(":") + 1)
        return colon[0].sent if colon is not None else None
    return None


SUBORDINATE_MARKS = frozenset(["after", "before", "when", "since", "until", "once", "because", "as", "although", "though"])


def _aside(quote, span: Span) -> bool:
    """A statement that is only part of the author's sentence: its cue is in a relative or adverbial clause of a
    main clause outside the quote ("costs were kept low by sharing a platform with the DB9, which Mr Bez
    described as '...'", "shares fell 5% after it said ..."), or it is the complement of a noun, not of its
    cue ("X reacted angrily to a host's suggestion that ...")."""
    doc = span.doc
    root = span.root
    if quote.start <= root.idx < quote.end:
        return False
    content = _tokens(doc, quote.start, quote.end)
    if content is not None and quote.kind == "indirect":
        croot = content.root
        noun = croot.head
        if croot.dep_ == "acl" and noun.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ != "PRON"
                                                               for c in noun.children):
            return True  # "reacted to a TV host's suggestion that ...": the host's statement, not the cue's
    if content is not None and framed_clause(content, span):
        return True  # "reacted to the news that ...", "his admission that ... will do little to ..."
    if quote.cue is None:
        return False
    cue = _tokens(doc, quote.cue.start, quote.cue.end)
    if cue is None or not (span.start <= cue.root.i < span.end):
        return False
    tok = cue.root
    while tok.i != root.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl") and not (root.lemma_ == "be" and _brought_in(tok, root, ("nsubj",)) and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in tok.children)) \
                and not _closing_who(tok, root, span):
            return True  # "which Mr Bez described as ...", "X, who said he would retire, will ...", "It is a first
            # nomination for X, who told ...": an aside; not "Among the critics was X, who said ..." (the main
            # clause only brings in the speaker, its subject)
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in SUBORDINATE_MARKS for c in tok.children):
            return True  # "after it said ...", "though only two have indicated that ...", not ", saying ..."
        if tok.dep_ == "pcomp" and tok.i != cue.root.i and not any(c.dep_ == "nsubj" for c in tok.children) \
                and cue.root.lower_ != "according":  # "for having "...," according to X": X's, wherever it hangs
            return True  # "was aimed at helping towns find ...": a cue inside a gerund's adjunct; not "with the
            # paper labelling it ..." (the gerund's own subject speaks)
        tok = tok.head
    return False


_HEADER = re.compile(r"[ \t]*[-–—][ \t]+([^\"“\n]{2,80}?)[ \t]*:?[ \t]*[\"“]")  # a colon may end the name


def _closing_who(clause: Token, root: Token, span: Span) -> bool:
    """A "who" clause that ends the sentence on a noun after the main verb ("The plan is backed by the traders'
    council, who say small shops face ..."): it carries what the sentence tells, its head's statement; not
    "X, who said he would retire, will ..." (the main clause goes on after it)."""
    last = max(t.i for t in clause.subtree)
    return clause.dep_ == "relcl" and clause.head.i > root.i and all(t.is_punct for t in span.doc[last + 1:span.end]) \
        and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children) and _brought_in(clause, root, ())


def _brought_in(clause: Token, root: Token, deps: tuple[str, ...]) -> bool:
    """The noun the relative ``clause`` hangs on (through appositions, conjuncts and compounds) is one the main
    clause brings in: a dependent of ``root`` with one of ``deps``, or the agent of its passive ("is backed by
    the traders' council, who say ..."); not a noun inside another phrase ("a nomination for X, who told ...")."""
    noun = clause.head
    while noun.dep_ in ("appos", "conj", "compound") and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent":
        return noun.head.head.i == root.i
    return noun.head.i == root.i and noun.dep_ in deps


def _header_speaker(span: Span, index: SourceIndex, text: str) -> Optional[str]:
    """The speaker of a quote under a dash-and-name line ('- Bolton boss Sam Allardyce "We ...', or with a colon,
    '- Town manager Jo Bloggs: "We ...'): the name that ends the line's head, for every sentence up to the quote's
    last closing mark in the paragraph."""
    start = span.start_char
    para = text.rfind("\n", 0, start) + 1
    m = _HEADER.match(text, para)
    if m is None or start >= m.end() and not _inside_marks(text, m.end() - 1, start):
        return None
    head = _tokens(span.doc, m.start(1), m.end(1))
    if head is None:
        return None
    names = []
    for tok in reversed(head):  # the name ends the line: "Bolton boss Sam Allardyce"
        if tok.pos_ != "PROPN" or not tok.is_title:
            break
        names.insert(0, tok)
    if not names:
        return None
    ent = next((e for e in index.ent_index.overlapping(names[0].idx, m.end(1))
                if e.label == "PERSON" and e.start >= names[0].idx), None)
    return ent.canonical if ent is not None else head.doc[names[0].i:names[-1].i + 1].text


def _first_person_stance(quote, doc: Doc) -> bool:
    """A quote with no speaker whose cue has "I" or "we" as subject ("I think the band deserves it"): the
    writer's own voice, no reported statement."""
    if (quote.speaker is not None and quote.speaker.name) or quote.cue is None:
        return False
    cue = _tokens(doc, quote.cue.start, quote.cue.end)
    return cue is not None and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in cue.root.children)


def _introduces_next(quote, text: str) -> bool:
    """The quote's cue comes after it and introduces the next quote with a colon ('"...mad." Director Jane
    Roe said on Monday: "The shops ..."'): the cue is not this quote's."""
    cue = quote.cue
    return cue is not None and cue.start >= quote.end and re.match(r"[^\"“”\n.]{0,40}:", text[cue.end:]) is not None


STATEMENT_PARTICIPLE_ARGS = frozenset(["ccomp", "oprd"])
STATEMENT_PREPS = {"call": "for", "hint": "at"}  # verbs of saying whose object a preposition gives: what is said


def _statement_frame(root: Token, verbs: frozenset[str], lemma_of, stance_adjectives: frozenset[str]) -> Optional[Token]:
    """The main clause reports its subject's statement or stance though its verb is no verb of saying: a stance
    adjective with a content clause ("X is determined that ...", "is confident the plan will ..."), or a
    participle of saying after the act ("X welcomed the move, describing it as ...", "..., calling it a
    disgrace") with no subject of its own: the token whose subject says it (the root, or the "was" the parser gave the
    subject of "X was concerned that ..."), else None. ``lemma_of(verb, verbs)`` gives a verb's lemma."""
    if root.lemma_ == "be" and not any(c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "this", "that")
                                       for c in root.children):  # not "It is certain that ...": no one's stance
        for adj in (c for c in root.children if c.dep_ == "acomp" and c.lower_ in stance_adjectives):
            if any(c.dep_ == "ccomp" for c in adj.children) or any(c.dep_ == "ccomp" and c.i > adj.i for c in root.children):
                return root  # the clause on the adjective, or on "is" after it ("X is uncertain whether he ...")
    if root.lower_ in stance_adjectives and any(c.dep_ == "ccomp" and c.i > root.i for c in root.children):
        for holder in [root] + [c for c in root.children if c.dep_ in ("aux", "auxpass")]:
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "this", "that") for c in holder.children):
                return holder  # "X was concerned that ...", the adjective parsed as the main verb ("X" may hang on "was")
    prep = STATEMENT_PREPS.get(lemma_of(root, verbs))
    if prep and not any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children) \
            and any(c.dep_ == "prep" and c.lower_ == prep and any(o.dep_ == "pobj" for o in c.children)
                    for c in root.children):
        return root  # "X is calling for an end to ...", "X hinted at a cut in ...": X's statement
    for part in _participles(root):
        deps = {c.dep_ for c in part.children}
        if deps & {"nsubj", "nsubjpass", "mark"} or lemma_of(part, verbs) not in verbs:
            continue
        if deps & STATEMENT_PARTICIPLE_ARGS or ("dobj" in deps and any(
                (t.lower_ == "as" and t.dep_ == "prep") or t.dep_ == "oprd"
                for c in part.children if c.dep_ != "dobj" for t in c.subtree)):
            return root  # "describing it as ...": what it is called; not "blaming X as he withdrew" (a time)
    return None


def _participles(root: Token) -> list[Token]:
    """The participles after the main act: the root's own ("X rejected the charges, saying ..."), and one set off
    by a comma after the content clause of the root's object noun, which the parser hangs from that clause ("X
    rejected the claim that Y had quit, saying ..."): the subject of the act is who says it."""
    out = [c for c in root.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    for obj in (c for c in root.children if c.dep_ == "dobj"):
        for clause in (c for c in obj.children if c.dep_ == "acl" and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)):
            out += [c for c in clause.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > 0
                    and c.doc[c.i - 1].text == ","]
    return out


def _reported_in_sentence(doc: Doc, candidate: int, at: int) -> bool:
    """The person mention at offset ``candidate`` is the subject of a clause reported in the sentence of the
    pronoun at ``at`` ("He hoped Mary would ..., he added": Mary is said about, not who says): never that
    pronoun's antecedent."""
    cand, pron = _tokens(doc, candidate, candidate + 1), _tokens(doc, at, at + 1)
    if cand is None or pron is None or cand[0].sent.start != pron[0].sent.start:
        return False
    tok = cand[0]
    while tok.head.i != tok.i:
        if tok.dep_ == "ccomp":
            return not (tok.left_edge.i <= pron[0].i <= tok.right_edge.i)
        tok = tok.head
    return False


def _titled_person(doc: Doc, span: Span, index: "SourceIndex", entity_of) -> Optional[str]:
    """A title with the article ("the Bishop said", "the Archdeacon"): the nearest person named before with that
    title, in apposition ("the Bishop of Leeds, Tom Harris") or before the name ("Bishop Tom Harris").
    ``entity_of(index, tok, labels)`` gives the entity holding a token."""
    if len(span) != 2 or span[0].lower_ != "the" or not span[1].text[:1].isupper() or span[1].text.isupper():
        return None  # not "the ADB", an acronym's name
    title = span[1].lower_
    for tok in reversed(doc[max(0, span.start - 400):span.start]):
        if tok.lower_ != title:
            continue
        near = [c for c in tok.subtree if c.dep_ == "appos"] + [tok.head] * (tok.dep_ in ("compound", "appos"))
        for cand in near + [c for c in tok.head.children if c.dep_ == "appos" and c.i > tok.i]:
            ent = entity_of(index, cand, ("PERSON",))
            if ent is not None:
                return ent.canonical
    return None


PERSONAL_WORDS = frozenset(["he", "she", "him", "her", "they", "we", "i", "you"])


def recent_speakers(doc: Doc, at: int, index: "SourceIndex"):
    """The statements before offset ``at`` in its sentence or the one before, latest first: (speaker, its span)."""
    here = _tokens(doc, at, at + 1)
    if here is None:
        return
    sent = here[0].sent
    first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    latest = index.spoken_quotes.before(at)
    while latest is not None:
        speaker = latest[1].speaker
        span = _tokens(doc, speaker.start, speaker.end)
        if span is None or span.start < first:
            return
        yield speaker, span
        latest = index.spoken_quotes.before(latest[1].start)


def _it_speaker(doc: Doc, at: int, index: "SourceIndex", resolve, is_person) -> Optional[str]:
    """Who 'it' at offset ``at`` stands for as a speaker ("..., it added", "It also said ...", "It claims ..."):
    the latest speaker of a statement in its sentence or the one before, when that is no person (a body, a paper
    described, "the firm", a work named with the article, "The Silver Key claims"), resolved by
    ``resolve(doc, start, end, name, index)``; ``is_person(span)`` says a mention is a person's."""
    for step, (speaker, span) in enumerate(recent_speakers(doc, at, index)):
        if step == 3:
            return None
        if span.text.lower() == "it":
            continue  # an "it" before: the one it stands for
        if span.text.lower() in PERSONAL_WORDS or is_person(span):
            return None
        return resolve(doc, speaker.start, speaker.end, speaker.name, index)
    return None


def _number_name(subj: Token) -> Optional[str]:
    """A number word the article made a name ("TV channel Five", "the band Three") that is later the subject of a
    statement ("Five said it had ..."): that name, not a count of people."""
    if subj.pos_ != "NUM" or not subj.is_title or any(c.dep_ == "prep" for c in subj.children):
        return None
    for tok in (subj.doc[i] for i in token_positions(subj.doc)[subj.text] if i < subj.i):
        if tok.i > 0 and subj.doc[tok.i - 1].pos_ == "NOUN" \
                and subj.doc[tok.i - 1].is_lower and subj.doc[tok.i - 1].tag_ == "NN":
            return subj.text  # "TV channel Five": the noun before it names what the number is
    return None


def person_genders(doc: Doc, ents: list) -> dict:
    """The gender each person's title or first name tells ("Mr Smith", "Mary Jones"), or a "he"/"she" made the
    subject of the clause the person is said to say ("Ann Lee said she ..."): canonical name -> gender, for the
    persons whose signs agree."""
    pronouns = {"he": "male", "she": "female"}
    seen: dict = {}
    for e in ents:
        span = _tokens(doc, e.start, e.end) if e.label == "PERSON" else None
        if span is None:
            continue
        signs = seen.setdefault(e.canonical, set())
        for w in [span[0].lower_] + ([doc[span.start - 1].lower_] if span.start > 0 else []):
            signs |= {lexicon.gender_of(w)} - {None}
        if span.root.dep_ == "nsubj":
            signs |= {pronouns[s.lower_] for c in span.root.head.children if c.dep_ == "ccomp"
                      for s in c.children if s.dep_ == "nsubj" and s.lower_ in pronouns}
            signs |= {"neuter"} if _own_its(span.root) else set()
    return {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}


def _own_its(subj: Token) -> bool:
    """The subject's clause gives it an "its" ("Acme is confident of its case", "Acme has cut its forecast"): the
    "its" of the verb's object, of an object of a preposition on the verb or its adjective, no noun coordinated
    before it ("the club and its owners"): a body the entity model took for a person, never a "he" or "she"."""
    verb = subj.head
    heads = [verb] + [c for c in verb.children if c.dep_ == "acomp"]
    nouns = [c for h in heads for c in h.children if c.dep_ == "dobj"] + [
        o for h in heads for p in h.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return any(c.dep_ == "poss" and c.lower_ == "its" for n in nouns for c in n.children)


def _fit_gender(doc: Doc, index: "SourceIndex", subject: tuple, at: int, want: Optional[str]) -> tuple:
    """The antecedent of a "he"/"she" (gender ``want``) at offset ``at``, from the nearest person ``subject``
    (offset, name): one of another gender gives way to the nearest before it that may be the pronoun's; one of
    unknown gender to a person of the right gender in the same sentence or the one before, unless it spoke last.
    Only for a pronoun that opens the sentence outside a direct quote: the article's own subject, not one a speaker
    talks about."""
    genders = index.genders
    pron = _tokens(doc, at, at + 1)
    if want is None or genders.get(subject[1]) == want or pron is None or not (
            pron[0].is_sent_start or _speaker_after_quote(pron[0])) or any(
            q.kind == "direct" and q.start <= at < q.end for q in doc._.claimpipe_quotes or []):
        return subject  # a "she" inside a sentence or someone's quote may be who the quote is about
    sent = pron[0].sent
    floor = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    known = genders.get(subject[1]) is not None
    speaker = index.speaking_persons.before(at)
    if not known and speaker is not None and speaker[1] == subject[1]:
        return subject  # the person of unknown gender who spoke last ('X said ... "...," he told Reuters')
    cand = subject
    while cand is not None:
        g = genders.get(cand[1])
        if g == want or (known and g is None):
            return cand
        if not known and cand[0] < floor:
            break
        cand = index.subject_persons.before(cand[0])
    return subject


def _speaker_after_quote(pron: Token) -> bool:
    """The pronoun is the subject of the main verb after a quote closed ('"...," he said'): the article's own
    reference to the speaker, as one opening a sentence is."""
    head = pron.head
    return pron.dep_ == "nsubj" and head.dep_ in ("ROOT", "conj") and pron.i > 0 and any(
        t.text in "\"”" for t in pron.doc[max(head.sent.start, pron.i - 3):pron.i])


def _included_entity(index: "SourceIndex", subj: Token, entity_of):
    """The body named after "including" in a plural subject that names no one itself ("Groups including the
    Farmers' Union are calling for ..."): who speaks for the groups. ``entity_of(index, tok)``: the entity at a
    token, or None."""
    if subj.tag_ != "NNS":
        return None
    for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ == "including"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            ent = entity_of(index, obj, ("ORG", "PERSON"))
            if ent is not None:
                return ent
    return None


def _role_named_after(doc: Doc, index: "SourceIndex", head: Token, speaks) -> Optional[str]:
    """A person the article first gives by a role held for someone ("her agent said", "according to his former
    adviser") and names only later: the person named with that role as a title ("Agent Jo Hale said"), else the
    person who speaks in the next sentence. ``speaks(tok)``: whether ``tok`` makes a statement."""
    if head.pos_ != "NOUN" or head.tag_ != "NN" or not any(
            c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their") for c in head.children):
        return None
    lemma = head.lemma_.lower()
    later = [(e, span) for e in index.ents if e.label == "PERSON" and e.start > head.idx
             for span in [_tokens(doc, e.start, e.end)] if span is not None]
    for e, span in later:
        if span.start > 0 and doc[span.start - 1].lemma_.lower() == lemma:
            return e.canonical  # "Agent Jo Hale"
    sent = head.sent
    if sent.end >= len(doc):
        return None
    nxt = doc[sent.end].sent
    return next((e.canonical for e, span in later if nxt.start <= span.root.i < nxt.end and speaks(span.root)), None)


ENDORSING_VERBS = frozenset(["endorse"])


def _endorser(root: Token, index: "SourceIndex", entity_of) -> Optional[str]:
    """Who endorses the subject, told in the passive ("the plan is endorsed by the Farmers' Union", "by many of the
    sport's top names, including Ann Cole"): an endorsement is a stance made public, the named agent's (one
    named after "including" in it first). ``entity_of(index, tok, labels)``: the entity at a token, or None."""
    if root.lemma_.lower() not in ENDORSING_VERBS or not any(c.dep_ == "auxpass" for c in root.children):
        return None
    for obj in (o for c in root.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"):
        included = [o for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "including"
                    for o in t.children if o.dep_ == "pobj"]
        for tok in included + [obj]:
            ent = entity_of(index, tok, ("ORG", "PERSON"))
            if ent is not None:  # a surname: the name the article gave in full
                return (_full_name(index, ent.canonical, ent.start) if " " not in ent.canonical else None) \
                    or ent.canonical
    return None


def _agreeing_person(index: "SourceIndex", pronoun: str, found: Optional[str], named: Optional[str]) -> Optional[str]:
    """Of the person the claim sources found for a speaker's "he"/"she" (``found``) and the one the quote finder
    named (``named``), the one whose gender agrees with the pronoun: '"...," she added' after a man was named is
    the woman who spoke before him, not him, though she was named in no subject ("echoed by Anna Webb")."""
    want = lexicon.PRONOUN_GENDERS.get(pronoun)
    genders = index.genders
    if found is None or want is None or genders.get(found) in (None, want) or named is None:
        return found
    return named if genders.get(named) == want else found


def _age_description(span: Span) -> bool:
    """The mention describes a person by age alone ("the 27-year-old", "The 30-year-old said"): its head is the
    "old" of "<n>-year-old", which the parser makes an adjective, not a person noun, after "the"."""
    head, doc = span.root, span.doc
    the = span[0].lower_ == "the" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
    return head.lower_ == "old" and the and _aged_word(head)


def _aged_subject(verb: Token) -> Optional[Token]:
    """The "old" of "The 29-year-old believes ..." when the parser hung it from the verb as a modifier, not as
    its subject: the subject, on the verb's left, opening the clause with "the"."""
    return next((c for c in verb.lefts if c.dep_ in ("amod", "npadvmod", "dep") and c.lower_ == "old"
                 and _aged_word(c) and c.left_edge.i > 0 and verb.doc[c.left_edge.i - 1].lower_ == "the"), None)


def _aged_word(old: Token) -> bool:
    doc = old.doc
    return old.i >= 2 and doc[old.i - 1].text == "-" and doc[old.i - 2].lower_ in ("year", "years")


def _own_org_name(index: "SourceIndex", head: Token, entity_of) -> Optional[str]:
    """An organisation noun whose proper-noun modifier names it ("the Florida-based Rosen group" after "the Rosen
    Group"): the organisation named so before, the latest ORG whose name is the modifier and the noun, or (when
    the entity model took the modifier for no organisation) starts with the modifier; never another
    organisation the article named since. None when no such ORG was named ("the Tokyo firm": a firm of Tokyo)."""
    names = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < head.i]
    if not names:
        return None
    words = head.doc[min(c.left_edge.i for c in names):head.i]
    if any(t.pos_ != "PROPN" for t in words):
        return None
    written = words.text.lower()
    named = not any(entity_of(index, c, ("ORG",)) for c in names)
    for e in reversed([e for e in index.ents if e.label == "ORG" and e.start < words[0].idx]):
        name = e.canonical.lower()
        if name == f"{written} {head.lower_}" or (named and (name.startswith(written + " ") or name == written)):
            return e.canonical
    return None


def _main_subject_before(doc: Doc, at: int, index: "SourceIndex", entity_of) -> Optional[str]:
    """The person the sentence before offset ``at`` is about: the subject of its main verb ("Lopez was introduced
    to the drugs by her coach, Carl Stone, who ..." is about Lopez, not the coach a relative clause adds), whom a
    description opening the next sentence ("The 29-year-old believes ...") goes on about; None when no person is
    that subject, or the subject's owner ("Campbell's relay triumph made up for ...": Campbell)."""
    here = _tokens(doc, at, at + 1)
    if here is None or here[0].sent.start == 0:
        return None
    root = doc[here[0].sent.start - 1].sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")] or (  # (a noun the parser made the
        [root] if root.pos_ in ("NOUN", "PROPN") else [])  # root: the verb after it taken for its modifier)
    for subj in subjects + [p for s in subjects for p in s.children if p.dep_ == "poss"]:
        ent = entity_of(index, subj, ("PERSON",))
        full = ent.canonical if ent is not None else _full_name(index, subj.text, subj.idx) \
            if subj.text[:1].isupper() and entity_of(index, subj) is None else None  # "Irons" a noun to the parser
        if full:
            return full  # the person, or the surname of one named in full before
    return None


def _subject_orgs(doc: Doc, ents: list, quotes: list, tokens) -> list[tuple[int, str]]:
    """``(offset, name)`` of the ORG mentions the article makes a clause's subject ("Y - the firm which lost the
    tender - may return"), none inside a direct quote: the organisation a later "the company" goes on about.
    ``tokens(doc, start, end)``: the span of characters."""
    quoted = inside_any([(q.start, q.end) for q in quotes if q.kind == "direct"])
    out = []
    for e in ents:
        span = tokens(doc, e.start, e.end) if e.label == "ORG" else None
        if span is None or quoted(e.start):
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")):
            out.append((e.start, e.canonical))  # not "Senate sources say ...": a body qualifying who speaks
    return out


def _named_orgs(doc: Doc, ents: list) -> list[tuple[int, str]]:
    """``(offset, name)`` of the ORG mentions, but for a name that only qualifies the noun after it ("the new Toyota
    stadium"): no organisation a later "it" or "the firm" stands for."""
    return [(e.start, e.canonical) for e in ents if e.label == "ORG" and not modifies_a_noun(doc, e)]


def _org_before(at: int, index: "SourceIndex") -> Optional[str]:
    """What 'the bank' at offset ``at`` stands for: the latest organisation that spoke before it or that the
    article made a clause's subject since ("If X pulls out, Y may return. The company said ..." is Y), else the
    latest organisation named."""
    latest = max((x for x in (index.speaking_orgs.before(at), index.subject_orgs.before(at)) if x is not None),
                 key=lambda x: x[0], default=None) or index.named_orgs.before(at)
    return latest[1] if latest is not None else None


def _speaking_bodies(doc: Doc, speakers: list, persons: set, orgs: set, index_ents, tokens) -> list[tuple[int, str]]:
    """``(offset, name)`` of the speakers that are organisations: named after an ORG entity, or a proper name the
    entity model left unlabelled that is no person ("According to the Weekly Post, ..."; its "the" dropped), so
    that "the paper said" after it is that paper, not one that spoke before; never a description ("the paper",
    "the bank") whose name the quote finder guessed, not wrote. ``index_ents``: the doc's entities by offset;
    ``tokens(doc, start, end)``: the span of characters."""
    out = []
    for sp in speakers:
        span = tokens(doc, sp.start, sp.end)
        if span is not None and span.root.pos_ == "NOUN" and (sp.name or "").lower() not in span.text.lower():
            continue  # "the paper said": a description, resolved where it is read, not a name that spoke (but "the
            # Halifax survey" names its body)
        if sp.name in orgs:
            out.append((sp.start, sp.name))
            continue
        if span is None or not sp.name or sp.name in persons or span.root.pos_ != "PROPN":
            continue
        org = next((e for e in index_ents.overlapping(sp.start, sp.end) if e.label == "ORG"), None)
        if org is not None or not any(t.ent_type_ in ("PERSON", "GPE", "LOC", "NORP") for t in span):
            out.append((sp.start, org.canonical if org is not None else
                        sp.name[4:] if sp.name.lower().startswith("the ") else sp.name))
    return out


def _medium_described(span: Span, index: "SourceIndex") -> Optional[str]:
    """"The paper said ..." (a definite singular medium noun, ``lexicon/source_words.txt``): the latest medium
    (a body with a medium's word in its name) that spoke before it, the paper cited last ("According to the
    Weekly Post, ..."), not one cited earlier nor a firm that spoke since."""
    head, media = span.root, lexicon.words("source_words.txt", "media")
    if head.pos_ != "NOUN" or head.tag_ != "NN" or span[0].lower_ != "the" or not 2 <= len(span) <= 3 \
            or head.lemma_.lower() not in media or any(t.dep_ not in ("compound", "amod") or not t.is_lower
                                                       for t in span[1:-1]):  # "the industry newspaper"
        return None
    bodies = index.speaking_orgs
    k = bisect_left(bodies.offsets, span.start_char)
    return next((bodies.values[i] for i in range(k - 1, -1, -1)
                 if {w.lower() for w in bodies.values[i].split()} & media
                 or bodies.values[i].split()[-1] in MEDIA_HEADS), None)  # "the Hollywood Reporter"
