"""Names of claim sources (:mod:`.source`): the name a speaker's mention gives, tidied ('..., said Acme.' is Acme,
the sentence's full stop is no part of the name; "U.S." and "Co." keep theirs), the maker of data or a report cited
("research from a London broker", "a survey by the institute": the broker, the institute), and the look-up by
offset that the source index keeps."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon
from claimpipe.nlp.components.claims.source_lead import document_nouns
from claimpipe.nlp.components.entities import first_names
from claimpipe.schema import ClaimSource

ABBREVIATIONS = frozenset(["inc", "co", "corp", "ltd", "plc", "jr", "sr", "st", "bros", "dr", "mr", "mrs", "ms",
                           "no", "vs", "dept", "govt", "assn", "univ"])
MAKER_PREPS = frozenset(["from", "by"])  # not "of": "a survey of 5,000 firms" asked them
PRESS_NOUNS = frozenset(["report", "article", "story", "interview", "editorial", "column", "piece", "item"])
MAKER_ENTITIES = frozenset(["PERSON", "ORG"])  # a report named after its author or its body
NOT_PUBLICATIONS = frozenset(["DATE", "TIME", "GPE", "LOC", "NORP", "EVENT", "FAC"])  # "a report in March/Germany"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def speaker_name(name: Optional[str]) -> Optional[str]:
    """``name`` without the full stop of the sentence it ends ("M&S." -> "M&S"), unless the stop is an
    abbreviation's: a word with dots inside ("U.S.", "U.K."), an initial ("J."), or a short form ("Co.", "Inc.",
    "Jr.")."""
    if not name or not name.endswith(".") or name.endswith(".."):
        return name
    last = name.split()[-1][:-1]
    if "." in last or len(last) <= 1 or last.lower() in ABBREVIATIONS:
        return name
    return name[:-1]


NAME_LINKS = frozenset(["of", "and", "for", "the", "&", "de", "du", "von", "van"])  # "Bank of England"
# titles that are part of the way a person is named ("Mr Addink", "Sir Alex Ferguson"), unlike a role before the name
# ("Treasurer Peter Costello", "Barcelona star Ronaldinho", "DJ Mike Read": the name is the person's)
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "sir", "lord", "lady", "dame", "dr", "prof", "professor",
                        "baroness", "baron", "king", "queen", "prince", "princess", "rev", "father", "sister"])


def _proper(words: str) -> bool:
    """Every word capitalised but the links of a name ("Pensions Policy Institute", "Bank of England")."""
    split = words.split()
    return bool(split) and split[0][:1].isupper() and all(w[:1].isupper() or w in NAME_LINKS for w in split)


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    return lexicon.words("speaker_nouns.txt", "person")


def person_mentions(doc: Doc) -> dict[str, tuple[int, ...]]:
    """Where the entity model tagged each PERSON: its text -> the start offsets of those mentions (once per doc,
    for :func:`name_without_role`)."""
    out: dict[str, list[int]] = {}
    for e in doc.ents:
        if e.label_ == "PERSON":
            out.setdefault(e.text, []).append(e.start_char)
    return {name: tuple(starts) for name, starts in out.items()}


def named_speaker(name: str, text: str, persons: dict[str, tuple[int, ...]]) -> ClaimSource:
    """A claim source of type speaker named ``name`` as :func:`name_without_role` tidies it."""
    return ClaimSource(type="speaker", name=name_without_role(name, text, persons))


def name_without_role(name: Optional[str], text: str, persons: dict[str, tuple[int, ...]]) -> Optional[str]:
    """The name a claim's source is given: :func:`speaker_name`, without "the" before a proper name ("the PPI",
    "The Beige Book": PPI, Beige Book; "the company", "the Colorado centre" and "A Texas appeals court" stay
    descriptions), and without a role written before a person's name ("Treasurer Peter Costello", "Barcelona star
    Ronaldinho", "Magistrate Lee Gilmore": the person's name), where the entity model tagged the name apart from
    the role in the text, or a first name and a surname follow the role ("DJ Mike Read"), or the article names the
    person so elsewhere, or the role is a person noun of ``speaker_nouns.txt`` before a name of two or three words
    (no acronym). An honorific stays ("Mr Kim", "Sir Alex Ferguson"), and so does a first name ("Sharon
    Osbourne" is never "Osbourne"). ``text`` the doc's text, ``persons`` its :func:`person_mentions`. (The
    entities' own canonical names, :func:`claimpipe.nlp.components.entities.canonical_name`, drop titles and any
    leading "the"; this works on the speaker names the source rules give, which are not all entities.)"""
    name = speaker_name(name)
    if not name:
        return name
    if name[:4].lower() == "the " and _proper(name[4:]):
        name = name[4:]
    words = name.split()
    for k in range(1, len(words)):
        if words[k - 1].lower().rstrip(".") in HONORIFICS:
            break  # "Sir Alex Ferguson", "Lord Chancellor Lord Falconer": an honorific is part of the name
        rest = " ".join(words[k:])
        if len(words) - k >= 2 and (rest in persons or words[k].lower() in first_names() or (
                all(w.lower() in _role_nouns() for w in words[:k]) and _proper(rest) and len(words) - k <= 3
                and not any(w.isupper() for w in words[k:]))) \
                and not any(w.lower() in first_names() for w in words[:k]):  # "Sarah Jessica Parker" stays
            return rest  # "DJ Mike Read": a first name and a surname after the role; the person named elsewhere; "Boss
            # Henk Addink": a role noun before a name of two words or more
        role = name[:len(name) - len(rest)]
        if any(text[at - len(role):at] == role for at in persons.get(rest, ())):
            return rest  # "Barcelona star Ronaldinho": the entity model tagged the name apart from the role
    return name


def document_maker(head: Token, source_words) -> Optional[Span]:
    """The maker of data or a report with no name of its own ("research from a London broker", "a survey by the
    institute", "figures from analysts"): the phrase of the noun after "from" or "by" when it is a body or people
    (a noun for an organisation or a person who may speak, or a proper name); or the paper a press report
    appeared in (:func:`publication`). ``source_words(tag)`` the lexicon's words of a tag. None for any other
    noun ("research from last year")."""
    paper = publication(head) or site_owner(head)
    if paper is not None:
        return paper
    nouns = document_nouns()
    if head.lemma_.lower() not in nouns and head.lower_ not in nouns:
        return None
    named = named_maker(head)
    if named is not None:
        return named
    for prep in (c for c in _after(head) if c.dep_ == "prep" and c.lower_ in MAKER_PREPS):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            lemma = obj.lemma_.lower()
            if obj.pos_ == "PROPN" or lemma in source_words("org") or lemma in source_words("human"):
                return head.doc[obj.left_edge.i:obj.i + 1]
    return None


def _after(head: Token) -> list[Token]:
    """The words hanging from a document noun, and after the object of "according to" those the parser hung from
    "according" ("according to a study out last week from the trade body")."""
    according = head.head.head if head.dep_ == "pobj" and head.head.head.lower_ == "according" else None
    return [*head.children, *(c for c in according.children if c.i > head.i)] if according is not None \
        else list(head.children)


POSTED_NOUNS = frozenset(["statement", "message", "post", "note", "announcement", "letter"])
SITE_NOUNS = frozenset(["website", "site", "blog", "page", "homepage", "account"])


def own_word(tok: Token) -> bool:
    """``tok`` names who speaks through the document it qualifies: the owner of the site a statement is on ("a
    statement on her website"), or the maker of a statement ("a BBC statement read"), even a medium."""
    of = tok.head.lemma_.lower()
    return (tok.dep_ == "poss" and of in SITE_NOUNS) or (tok.dep_ in ("compound", "poss") and of in POSTED_NOUNS)


def site_owner(head: Token) -> Optional[Span]:
    """Whose website a statement was posted on ("a statement on her website said", "a message on the club's
    site"): the possessor, who speaks through it."""
    if head.lemma_.lower() not in POSTED_NOUNS:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "from")):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in SITE_NOUNS):
            poss = next((c for c in obj.children if c.dep_ == "poss"), None)
            if poss is not None:
                return head.doc[poss.left_edge.i:poss.i + 1]
    return None


def named_maker(head: Token) -> Optional[Span]:
    """The person or body a report is named after ("the Kok report said", "according to the Wim report", "the
    Halifax survey"): the proper nouns compounded before the noun, when they name a person or an organisation
    (not a place, a date or an event: "the Lisbon report", "the 2004 report")."""
    last = next((c for c in head.children if c.dep_ == "compound" and c.i == head.i - 1), None)
    if last is None or last.ent_type_ not in MAKER_ENTITIES:
        return None
    name = head.doc[last.left_edge.i:head.i]  # "the Japan Motion Picture Producers figures": the whole name
    return name if all(t.pos_ == "PROPN" for t in name) else None


def publication(head: Token) -> Optional[Span]:
    """The paper a press report appeared in ("a report in the Harbour Gazette said ...", "according to reports in
    the Farming Ledger trade weekly"): the proper name after "in", its proper-noun words only (not "the",
    "Lisbon-published" or "trade weekly"). None when the report is not a press noun or the name is a date or a
    place ("a report in March", "a story in Germany")."""
    if head.lemma_.lower() not in PRESS_NOUNS:
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            run: list = []  # the last run of adjacent proper nouns up to the object
            for t in (t for t in obj.subtree if t.i <= obj.i and t.pos_ == "PROPN"):
                run = run + [t] if run and run[-1].i == t.i - 1 else [t]
            if not run or run[-1].i < obj.i - 2 or any(t.ent_type_ in NOT_PUBLICATIONS for t in run):
                continue
            return head.doc[run[0].i:run[-1].i + 1]
    return None


class _Latest:
    """``(offset, value)`` pairs: the value at the latest offset before a point, by bisection. Of pairs at the
    same offset the first given wins (as a scan in list order keeping the first maximum does)."""

    def __init__(self, pairs: Iterable[tuple[int, object]]):
        first: dict[int, object] = {}
        for at, value in pairs:
            first.setdefault(at, value)
        self.offsets = sorted(first)
        self.values = [first[at] for at in self.offsets]

    def before(self, at: int) -> Optional[tuple[int, object]]:
        """The pair with the greatest offset below ``at``, or None."""
        k = bisect_left(self.offsets, at)
        return (self.offsets[k - 1], self.values[k - 1]) if k else None


def reported_within(doc, quote, others: list, tokens) -> bool:
    """The quote's cue lies inside the content clause of another quote's cue ("X said the cuts could indicate a
    'change in pricing'": the cuts say nothing of their own; the sentence is X's statement). ``others`` the other
    statements overlapping the claim; ``tokens(doc, start, end)`` a span of characters."""
    cue = tokens(doc, quote.cue.start, quote.cue.end) if quote.cue is not None else None
    if cue is None:
        return False
    outer = {t.root.i for t in (tokens(doc, q.cue.start, q.cue.end) for q in others
                                if q is not quote and q.cue is not None) if t is not None} - {cue.root.i}
    tok, through = cue.root, False
    while tok.head.i != tok.i:
        through = through or tok.dep_ == "ccomp"
        tok = tok.head
        if tok.i in outer and through:
            return True
    return False


TRAILING_DATA = re.compile(
    r",\s+((?:new |the latest |latest |official |recent )?(?:figures|data|statistics|research|survey|study|report))"
    r"(?:\s+(?:from|by)\s+(?:the\s+)?([^,]{2,60}?))?\s+(?:show|shows|showed|suggest|suggests|suggested|indicate|"
    r"indicates|indicated|reveal|reveals|revealed)\W*$")


def trailing_data(span: Span) -> Optional[str]:
    """The maker of data cited after the sentence it bears out ("The economy grew by 8.1%, figures from the trade
    ministry show"): the body after "from" or "by", whatever the parse made of the words; None when the data
    has no maker named ("..., official figures show": the author's account of them) or there is no such cue."""
    m = TRAILING_DATA.search(span.text)
    return (m.group(2) or m.group(1)) if m else None


def unnamed_reports(quote, text: str) -> bool:
    """The quote's speaker is reports no one is named for ("according to reports", "according to news agency
    reports", "local press reports"): lower-case words ending in "reports", with no outlet or maker after them
    ("reports in the Harbour Gazette", "reports from Reuters")."""
    words = quote.speaker.text.split() if quote.speaker is not None else []
    after = text[quote.speaker.end:quote.speaker.end + 40].split()[:3] if words else []
    named_after = len(after) >= 2 and after[0] in ("in", "from", "by", "on") and any(w[:1].isupper() for w in after[1:])
    return bool(words) and words[-1] == "reports" and all(w.islower() for w in words) and not named_after


def group_name(span: Span, name: Optional[str]) -> Optional[str]:
    """A group named by a plural noun with "of", as written (``name`` is the mention's text): the noun phrase up
    to its head ("Creditors of South Korea's top card firm": Creditors; "The organisers of the first grand slam":
    The organisers), not a document's, whose "of" names its makers ("Surveys of economists"). Else ``name``."""
    head = span.root
    if name == span.text and head.tag_ == "NNS" and head.lemma_.lower() not in document_nouns() \
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return span.doc[span.start:head.i + 1].text
    return name


def described_body(verb: Token, org_words: frozenset[str]) -> Optional[str]:
    """The subject of a speech act when it is a body described by its noun with a word that tells which ("the
    Egyptian government has spoken about ...", "the national bank has called on ..."): the description. Not "the
    government" alone, which the article's other bodies may be."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or subj.tag_ == "NNS" or subj.lemma_.lower() not in org_words:
        return None
    mods = [c for c in subj.children if c.dep_ in ("amod", "compound") and c.i < subj.i]
    det = [c for c in subj.children if c.dep_ == "det" and c.lower_ == "the"]
    return subj.doc[det[0].i:subj.i + 1].text if det and mods and not any(c.dep_ == "poss" for c in subj.children) else None
