"""Who makes a claim: the speaker of the statement it belongs to, otherwise the article's author.

In order:

1. the quotes overlapping the claim that are statements: a scare-quoted phrase ("a 'sizable' contribution"), a
   title with a colon ("America: A Tribute to Heroes") and a quote whose cue is not a verb of saying or believing
   ("It had wanted to ...") are not; of the others, the one it overlaps most;
2. a sentence inside a quote that runs on from an earlier sentence or paragraph takes the speaker of the quote
   it continues;
3. a reported statement the quote finder missed: the claim's main verb says or believes ("X branded ...",
   "X protested ... and blamed ...") and its subject is the speaker;
4. otherwise the author: the author's own voice.

The speaker's name is checked: programmes, newspapers and broadcasters ("told ITV", "speaking on BBC One's
Breakfast with Frost") are where a statement was made, never who made it; "he"/"she" is the latest person the
article made a subject or a speaker, not a name inside a programme title or a list; a description ("the bank",
"the UK's biggest mortgage lender", "figures from the Bank of England") is the organisation it stands for.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.nlp.offsets import MentionIndex
from claimpipe.schema import ClaimSource

QUOTE_MARKS = "\"“”„«»‘’'`"
OPENING_MARKS = "\"“„«‘'`"
EXTRA_STATEMENT_VERBS = frozenset(["blame", "brand", "protest", "criticise", "criticize", "praise", "condemn", "hail",
                                   "dismiss", "label", "describe", "accuse", "attack", "defend"])
XCOMP_STATEMENT_VERBS = frozenset(["promise", "threaten", "claim", "vow", "pledge", "insist", "appear", "seem"])
NOT_STATEMENT_VERBS = frozenset(["see", "want", "wish", "hope", "intend", "learn", "plan", "try", "seek"])
MEDIA_WORDS = frozenset([
    "bbc", "itv", "sky", "cnn", "abc", "nbc", "cbs", "fox", "channel", "radio", "television", "tv", "newspaper",
    "times", "guardian", "telegraph", "independent", "observer", "mirror", "sun", "express", "mail", "herald",
    "citizen", "gazette", "post", "journal", "chronicle", "tribune", "magazine", "programme", "program", "show",
    "breakfast", "today", "news", "newsnight", "panorama", "reuters", "afp", "bloomberg", "agency", "station",
    "website", "podcast", "interview", "paper", "tabloid", "broadcaster", "sport", "five", "live", "world",
])
MEDIA_PREPS = frozenset(["on", "to", "in", "with"])
SPEAKING_VERBS = frozenset(["speak", "talk", "tell", "say", "write", "appear", "interview", "add", "comment"])
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her"])
HUMAN_NOUNS = frozenset([
    "analyst", "expert", "official", "critic", "spokesman", "spokeswoman", "spokesperson", "minister", "director",
    "chairman", "chairwoman", "chief", "executive", "economist", "source", "observer", "lawyer", "prosecutor",
    "police", "officer", "fan", "resident", "witness", "member", "manager", "coach", "doctor", "scientist",
    "researcher", "campaigner", "leader", "president", "secretary", "judge", "investor", "trader", "worker",
    "people", "person", "man", "woman", "voter", "owner", "founder", "boss", "politician", "MP", "mp", "senator",
    "teacher", "student", "parent", "victim", "player", "insider", "diplomat", "aide", "adviser", "advisor",
])
ORG_ROLE_NOUNS = frozenset([
    "bank", "lender", "company", "firm", "group", "airline", "carrier", "government", "ministry", "department",
    "club", "survey", "report", "statement", "study", "body", "regulator", "union", "council", "authority",
    "agency", "retailer", "maker", "producer", "giant", "operator", "organisation", "organization", "party",
    "watchdog", "court", "board", "society", "association", "federation", "league", "institute", "business",
])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def doc_statements(doc: Doc) -> list:
    """The doc's quotes that a claim reads: all but those only the trained attribution model found (attitudes
    and intentions PolNeAR counts as attribution, "X backs the plan", which are no statement of X's)."""
    return [q for q in doc._.claimpipe_quotes or [] if not q._by_model]


def quotes_in(span: Span, quotes: Optional[list] = None) -> list:
    """The quotes (default: the doc's statements, :func:`doc_statements`) that overlap ``span``."""
    if quotes is None:
        quotes = doc_statements(span.doc)
    start, end = span.start_char, span.end_char
    return [q for q in quotes if q.start < end and start < q.end]


@lru_cache(maxsize=1)
def _statement_verbs() -> frozenset[str]:
    return (lexicon.words("reporting_verbs.txt") | lexicon.words("belief_verbs.txt") | EXTRA_STATEMENT_VERBS) \
        - NOT_STATEMENT_VERBS


def _tokens(doc: Doc, start: int, end: int) -> Optional[Span]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _is_statement(quote, doc: Doc, text: str, verbs: frozenset[str]) -> bool:
    """Not a scare-quoted phrase, a title with a colon, or a quote whose cue is not a verb of saying or believing."""
    content = text[quote.start:quote.end].strip(QUOTE_MARKS + " ,.")
    marked = text[quote.start:quote.start + 1] in OPENING_MARKS or (
        quote.start > 0 and text[quote.start - 1] in OPENING_MARKS)
    cue = quote.cue
    if cue is not None and cue.text.strip() == ":" and not marked:
        return False  # "America: A Tribute to Heroes raised ..."
    if marked and len(content.split()) <= 2 and quote.kind != "indirect":
        return False  # a scare-quoted word: 'a "sizable" contribution'
    if quote.kind == "mixed":
        quoted = _quoted_words(text[quote.start:quote.end])
        if quoted is not None and quoted <= 2:
            return False  # 'pledged a "sizable" aid contribution': the marks set off a word, not a statement
    if cue is not None and cue.text.strip() not in (":", "-", "—"):
        toks = _tokens(doc, cue.start, cue.end)
        if toks is not None and toks.root.pos_ in ("VERB", "AUX") and toks.root.lemma_.lower() not in verbs:
            return False  # "It had wanted to help fund ...", "a wave of attacks saw ..."
    return True


def _quoted_words(text: str) -> Optional[int]:
    """How many words stand inside quotation marks in ``text`` (None when it has no pair of marks)."""
    import re

    inside = re.findall(r"[\"“]([^\"”]*)[\"”]", text)
    return sum(len(x.split()) for x in inside) if inside else None


def _entities(doc: Doc) -> list:
    ents = doc._.claimpipe_entities
    if ents is None:
        from claimpipe.schema import Entity

        ents = [Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_, canonical=e.text)
                for e in doc.ents]
    return ents


def _in_media(doc: Doc, start: int, end: int) -> bool:
    """The mention is a medium or lies in one: 'BBC Sport', 'the Gloucester Citizen', 'on BBC One's Breakfast with
    Frost', 'told ITV'."""
    span = _tokens(doc, start, end)
    if span is None:
        return False
    words = {t.lower_ for t in span}
    if words & MEDIA_WORDS and span.root.pos_ == "PROPN":
        return True
    tok = span.root
    for _ in range(6):  # climb to the verb: a mention inside "on/to <medium>" of a speaking verb is where it was said
        head = tok.head
        if tok.dep_ in ("dobj", "dative") and head.lemma_.lower() == "tell":
            return not (words & {"reporters", "journalists"}) and tok.pos_ == "PROPN"
        if tok.dep_ == "pobj" and head.lower_ in MEDIA_PREPS:
            phrase = {t.lower_ for t in head.subtree}
            if phrase & MEDIA_WORDS:
                return True
        if head is tok or head.pos_ in ("VERB", "AUX"):
            break
        tok = head
    return False


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


@dataclass
class SourceIndex:
    """What :func:`source` looks up in the whole doc, indexed once per doc: a claim costs bisections, not a pass
    over every entity and quote of the article."""

    ents: list
    ent_index: MentionIndex
    subject_persons: _Latest  # persons the article made a clause's subject (or the antecedent of 'who')
    speaking_persons: _Latest  # speakers named after a PERSON entity
    speaking_orgs: _Latest  # speakers named after an ORG entity
    named_orgs: _Latest  # ORG entities
    spoken_quotes: _Latest  # quotes with a speaker, by their end

    @classmethod
    def of(cls, doc: Doc) -> "SourceIndex":
        ents = _entities(doc)
        quotes = doc_statements(doc)
        persons = {e.canonical for e in ents if e.label == "PERSON"}
        orgs = {e.canonical for e in ents if e.label == "ORG"}
        speakers = [q.speaker for q in quotes if q.speaker is not None]
        return cls(
            ents=ents,
            ent_index=MentionIndex(ents),
            subject_persons=_Latest((e.start, e.canonical) for e in ents if _subject_person(doc, e)),
            speaking_persons=_Latest(
                (sp.start, sp.name) for sp in speakers
                if sp.name and sp.text.lower() not in PERSON_PRONOUNS  # a guessed name: its mention counts itself
                and sp.name in persons and not _in_media(doc, sp.start, sp.end)),
            speaking_orgs=_Latest((sp.start, sp.name) for sp in speakers if sp.name in orgs),
            named_orgs=_Latest((e.start, e.canonical) for e in ents if e.label == "ORG"),
            spoken_quotes=_Latest((q.end, q) for q in quotes if q.speaker is not None),
        )


def _subject_person(doc: Doc, e) -> bool:
    """A PERSON mention made a clause's subject (or the antecedent of 'who'), not inside a medium."""
    if e.label != "PERSON":
        return False
    span = _tokens(doc, e.start, e.end)
    if span is None or _in_media(doc, e.start, e.end):
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "relcl" for c in root.children) or (
        root.dep_ in ("appos", "compound") and root.head.dep_ in ("nsubj", "nsubjpass"))


def _person_before(at: int, index: SourceIndex) -> Optional[str]:
    """Whom 'he'/'she' at offset ``at`` stands for: the latest person the article made a clause's subject (or the
    antecedent of 'who') or a speaker before it, never one inside a medium."""
    subject = index.subject_persons.before(at)
    speaker = index.speaking_persons.before(at)
    if speaker is not None and (subject is None or speaker[0] > subject[0]):
        return speaker[1]
    return subject[1] if subject is not None else None


def _org_before(at: int, index: SourceIndex) -> Optional[str]:
    """What 'the bank' at offset ``at`` stands for: the latest organisation that spoke before it, else the latest
    organisation named."""
    latest = index.speaking_orgs.before(at) or index.named_orgs.before(at)
    return latest[1] if latest is not None else None


def _entity_of(index: SourceIndex, tok: Token, labels=("PERSON", "ORG", "NORP", "GPE")):
    """The first entity (in the doc's order) of one of ``labels`` that holds ``tok``."""
    for e in index.ent_index.overlapping(tok.idx, tok.idx + 1):
        if e.label in labels:
            return e
    return None


def _checked_name(doc: Doc, start: int, end: int, name: Optional[str], index: SourceIndex) -> Optional[str]:
    """The speaker mention's name, checked: None for a medium; 'he'/'she' re-resolved; a description resolved."""
    if _in_media(doc, start, end):
        return None
    span = _tokens(doc, start, end)
    if span is None:
        return name
    text = span.text.lower()
    if text in PERSON_PRONOUNS:
        return _person_before(start, index) or name
    if text == "it":
        return _org_before(start, index) or name  # an organisation that has been speaking
    head = span.root
    if head.pos_ == "NOUN":
        if _entity_of(index, head) is None:
            for poss in (c for c in head.children if c.dep_ == "poss"):
                ent = _entity_of(index, poss, ("PERSON", "ORG"))
                if ent is not None:
                    return ent.canonical  # "Mr Tanzi's statement"
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "by", "at")):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    ent = _entity_of(index, obj, ("ORG", "PERSON"))
                    if ent is not None:
                        return ent.canonical  # "figures from the Bank of England"
            if head.lemma_.lower() in ORG_ROLE_NOUNS and head.tag_ != "NNS":
                own = [c for c in head.children if c.dep_ == "compound" and _entity_of(index, c, ("ORG",))]
                if own:
                    return _entity_of(index, own[0], ("ORG",)).canonical  # "the Halifax survey"
                return _org_before(start, index) or name  # "the bank", "the UK's biggest mortgage lender"
    return name


def _subject_name(doc: Doc, verb: Token, index: SourceIndex) -> Optional[str]:
    """Who the verb's subject names (a person, an organisation, people or a body), or the name right before it."""
    name = _subject(doc, verb, index)
    if name is None and verb.i > 0:
        ent = _entity_of(index, doc[verb.i - 1], ("PERSON", "ORG"))  # "... director of rugby Nigel Melville told"
        if ent is not None and not _in_media(doc, ent.start, ent.end):
            return ent.canonical
    return name


def _subject(doc: Doc, verb: Token, index: SourceIndex) -> Optional[str]:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    while subj is None and verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    ent = _entity_of(index, subj)
    if ent is not None:
        return None if _in_media(doc, ent.start, ent.end) else ent.canonical
    left = min(t.i for t in subj.subtree if t.dep_ in ("det", "amod", "compound", "poss", "nummod", "case") or t is subj)
    phrase = doc[left:subj.i + 1]
    if subj.lower_ in PERSON_PRONOUNS:
        return _person_before(subj.idx, index)
    if subj.lower_ == "it":
        return _org_before(subj.idx, index)
    if subj.pos_ == "PROPN":
        return phrase.text  # a name the entity model missed
    if subj.pos_ == "NOUN":
        name = _checked_name(doc, phrase.start_char, phrase.end_char, phrase.text, index)
        if name != phrase.text or subj.lemma_.lower() in HUMAN_NOUNS or (
                subj.lemma_.lower() in ORG_ROLE_NOUNS and subj.tag_ == "NNS"):
            return name  # a name it stands for, or people and bodies ("analysts", "the companies")
    return None


def _reported_speaker(span: Span, index: SourceIndex, verbs: frozenset[str]) -> Optional[str]:
    """The subject of the claim's main verb when that verb says or believes something ('X branded ... a
    "temporary surprise"', 'X has protested his innocence and blamed ...', 'X also confirmed that ...')."""
    root = span.root
    for verb in [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
        lemma = verb.lemma_.lower()
        if lemma not in verbs or verb.tag_ == "VBG" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            continue  # "is expected on 6 January", "was declared insolvent": passive, no speaker
        deps = {c.dep_ for c in verb.children}
        if not (deps & {"ccomp", "oprd"} or ("xcomp" in deps and lemma in XCOMP_STATEMENT_VERBS)
                or ("dobj" in deps and lemma in EXTRA_STATEMENT_VERBS)):
            continue  # "reported a drop in profit", "agreed to offer a loan": an act, not a statement
        name = _subject_name(span.doc, verb, index)
        if name:
            return name
    return None


def _continued_quote(span: Span, index: SourceIndex, text: str):
    """The earlier quote a sentence continues: it opens with a quotation mark, or its paragraph opened one that
    is not closed before it, and no quote overlaps it."""
    start = span.start_char
    para = text.rfind("\n", 0, start) + 1
    before = text[para:start]
    opens = text[start:start + 1] in OPENING_MARKS
    if not opens:
        stripped = before.lstrip()
        if not stripped or stripped[0] not in OPENING_MARKS:
            return None
        if sum(before.count(c) for c in "\"“”") % 2 == 0:
            return None  # the paragraph's quote closed before the sentence
    latest = index.spoken_quotes.before(start + 1)  # the quote with a speaker that ends last, at or before it
    return latest[1] if latest is not None and start - latest[0] < 1500 else None


def statement_quotes(span: Span, quotes: Optional[list] = None) -> list:
    """The quotes overlapping ``span`` that are statements (not scare quotes, colon titles or wishes)."""
    doc = span.doc
    text = doc_text(doc)
    verbs = _statement_verbs()
    return [q for q in quotes_in(span, quotes) if _is_statement(q, doc, text, verbs)]


def source(span: Span, *, author: Optional[str] = None, quotes: Optional[list] = None,
           index: Optional[SourceIndex] = None) -> ClaimSource:
    """The speaker of the statement ``span`` belongs to (see the module docstring), otherwise the author.

    ``quotes``: the quotes overlapping ``span`` when the caller knows them (default: looked up among the doc's);
    ``index``: the doc's :class:`SourceIndex`, built once for all its claims (default: built here)."""
    doc = span.doc
    overlapping = quotes_in(span, quotes)
    text = doc_text(doc)
    verbs = _statement_verbs()
    if index is None:
        index = SourceIndex.of(doc)
    root = span.root
    subject = [t for c in root.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    subject_span = (subject[0].idx, subject[-1].idx + len(subject[-1])) if subject else None
    if root.lemma_.lower() in verbs and not any(
            (q.cue is not None and q.cue.start <= root.idx < q.cue.end)
            or (q.speaker is not None and subject_span and _overlap((q.speaker.start, q.speaker.end), subject_span))
            for q in overlapping):
        main = _reported_speaker(span, index, verbs)
        if main:  # "All three band members stressed that ..., although Bourne admitted ...": the main statement
            return ClaimSource(type="speaker", name=main)
    best, best_overlap = None, 0
    for q in overlapping:
        if not _is_statement(q, doc, text, verbs):
            continue
        ov = _overlap((q.start, q.end), (span.start_char, span.end_char))
        speaker = getattr(q, "speaker", None)
        cue = getattr(q, "cue", None)
        if speaker is not None and getattr(speaker, "name", None):
            name = _checked_name(doc, speaker.start, speaker.end, speaker.name, index)
        elif cue is not None:
            toks = _tokens(doc, cue.start, cue.end)
            name = _subject_name(doc, toks.root, index) if toks is not None else None
        else:
            name = None
        if name and ov > best_overlap:
            best, best_overlap = name, ov
    if best:
        return ClaimSource(type="speaker", name=best)
    if not any(_is_statement(q, doc, text, verbs) for q in overlapping):
        continued = _continued_quote(span, index, text)
        if continued is not None:
            name = _checked_name(doc, continued.speaker.start, continued.speaker.end, continued.speaker.name, index)
            if name:
                return ClaimSource(type="speaker", name=name)
    name = _reported_speaker(span, index, verbs)
    if name:
        return ClaimSource(type="speaker", name=name)
    return ClaimSource(type="author", name=author)
