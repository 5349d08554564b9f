"""Quotes and reported speech, with who said them.

``claimpipe_quotes`` runs after the parser and ``claimpipe_entities``. It finds

* **direct quotes**: the text inside quotation marks of any common kind (" “” ‘’ «» „“ ``''``).
  Marks are paired by kind on a stack, so nested quotes work and one unbalanced mark costs only
  the quote it belongs to. An apostrophe (contractions, plural possessives such as "leaders’ ")
  is never taken for a closing mark when a better one follows. A paragraph that opens a quote and
  does not close it continues into the next paragraph's opening mark (one quote per paragraph
  piece, sharing the speaker).
* **mixed quotes**: a quoted fragment inside reported speech (X said the plan was "dead on
  arrival"); the content is the reported clause.
* **indirect speech**: a reporting verb with a clausal complement (``X said (that) ...``,
  ``X told reporters ...``, ``it has been suggested by X that ...``, ``..., X said``) and
  ``according to X, ...``.

A quoted stretch tied to no cue and too short to be a statement (a scare-quoted word, a title)
is not a quote. The speaker is the mention the parse ties to the cue (subject, passive agent,
``according to`` object, the text before ``X: "..."``, the name after a dash); where the small
parser misses it, the name right after ``"...," said`` or before the cue is taken. A direct quote
with no cue of its own takes the speaker of the quote it continues (same multi-paragraph quote,
same paragraph, or the quote that ended the paragraph before), else the subject of the next or
previous sentence when that is a name or a personal pronoun. Names are resolved within the
article by :mod:`claimpipe.nlp.components.quotes.speakers`.

Everything is rule-based over the spaCy parse (no extra model); the rules were developed on
PolNeAR train and checked on PolNeAR dev (``claimpipe eval polnear``).
"""

from __future__ import annotations

import bisect
import collections
import itertools
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

import numpy as np
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from claimpipe import lexicon
from claimpipe.nlp import extensions, faults
from claimpipe.nlp.faults import Report
from claimpipe.nlp.offsets import SpanIndex
from claimpipe.schema import Cue, Quote, Speaker
from claimpipe.nlp.components.paragraphs import doc_text
from claimpipe.nlp.components.quotes.speakers import lower_lemmas

extensions.register()

# Verbs that report speech or writing (a direct quote or a reported clause), and verbs of belief and intention
# that report only with a clausal complement (PolNeAR-style attribution of inner states): claimpipe.lexicon.
SPEECH_VERBS = lexicon.words("reporting_verbs.txt")
STATE_VERBS = lexicon.words("belief_verbs.txt")
_XCOMP_OK = frozenset("want plan intend decide promise pledge vow threaten hope expect urge call "
                      "need wish prefer refuse".split())
_NOT_CUE_WITHOUT_COMPLEMENT = frozenset("see find show read call continue order list post text".split())
_DOUBLE_FAMILY = {"curly", "low", "guil", "tex", "straight"}


@dataclass
class _Pair:
    """A quoted stretch: content offsets (without the marks) and the marks' offsets."""

    start: int
    end: int
    open_at: int
    close_at: int
    kind: str
    group: int = -1
    closed: bool = True


@dataclass
class _Found:
    quote: Quote
    cue_token: Optional[int] = None
    group: int = -1
    pieces: list = field(default_factory=list)
    guess: Optional[Speaker] = None


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _opening_context(prev: str) -> bool:
    return _is_space(prev) or prev in "([{—–-/:;\"“‘«„"


def _closer_like(prev: str, nxt: str) -> bool:
    return not _is_space(prev) and not nxt.isalnum()


def _possessive_like(text: str, i: int, end: int) -> bool:
    """``’`` after an ``s`` and followed by a space and a word: "the leaders’ views"."""
    if text[i - 1:i] not in ("s", "S"):
        return False
    j = i + 1
    return j < end and text[j] == " " and j + 1 < end and text[j + 1].isalnum()


def _better_single_closer(text: str, i: int, end: int, mark: str) -> bool:
    """Whether a non-possessive closing ``mark`` follows ``i`` before the next opener."""
    opener = "‘" if mark == "’" else "'"
    j = i + 1
    while j < end:
        c = text[j]
        if c == opener and _opening_context(text[j - 1]):
            return False
        if c == mark and _closer_like(text[j - 1], text[j + 1:j + 2]) and not _possessive_like(text, j, end):
            return True
        if c in "\n":
            return False
        j += 1
    return False


class _SingleClosers:
    """:func:`_better_single_closer` for the marks of one paragraph ``text[start:end]``: the positions where the
    answer is decided (an opener, a non-possessive closer, a line break) are found once per mark, and each
    question takes the first of them after its mark."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.decided: dict[str, tuple[list[int], list[bool]]] = {}

    def __call__(self, i: int, mark: str) -> bool:
        decided = self.decided.get(mark)
        if decided is None:
            decided = self.decided[mark] = self._decided(mark)
        positions, answers = decided
        k = bisect.bisect_right(positions, i)
        return answers[k] if k < len(positions) else False

    def _decided(self, mark: str) -> tuple[list[int], list[bool]]:
        text, end = self.text, self.end
        opener = "‘" if mark == "’" else "'"
        positions: list[int] = []
        answers: list[bool] = []
        # the tests of _better_single_closer at each j, in its order (j > i >= start, so text[j - 1] exists)
        for m in _SINGLE_DECIDERS[mark].finditer(text, self.start + 1, end):
            j = m.start()
            c = text[j]
            if c == opener and _opening_context(text[j - 1]):
                answer = False
            elif c == mark and _closer_like(text[j - 1], text[j + 1:j + 2]) and not _possessive_like(text, j, end):
                answer = True
            elif c == "\n":
                answer = False
            else:
                continue
            positions.append(j)
            answers.append(answer)
        return positions, answers


_SINGLE_DECIDERS = {"’": re.compile("[‘’\n]"), "'": re.compile("['\n]")}  # opener, mark, line break


class _Stack(list):
    """The open marks of :func:`_scan_paragraph` ``(kind, offset, mark length)``, counted by kind."""

    def __init__(self):
        super().__init__()
        self.open = collections.Counter()

    def append(self, item: tuple[str, int, int]) -> None:
        super().append(item)
        self.open[item[0]] += 1

    def __delitem__(self, index) -> None:
        for kind, _, _ in (self[index] if isinstance(index, slice) else [self[index]]):
            self.open[kind] -= 1
        super().__delitem__(index)


_MARK_CHARS = re.compile("[`'\"“”„«»‘’]")


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[_Pair], list[tuple[str, int, int]]]:
    """Paired quotation marks of ``text[start:end]``, and the marks left open at its end."""
    stack = _Stack()  # (kind, offset, mark length)
    pairs: list[_Pair] = []
    better_single_closer = _SingleClosers(text, start, end)

    def close(kind_set: tuple[str, ...], at: int, length: int) -> bool:
        if not any(stack.open[kind] for kind in kind_set):
            return False  # (the search below deletes what it passes, but finds nothing here)
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] in kind_set:
                kind, pos, mlen = stack[k]
                del stack[k:]
                pairs.append(_Pair(pos + mlen, at, pos, at + length, kind))
                return True
        return False

    def has_open(kind: str) -> bool:
        return stack.open[kind] > 0

    i = start
    while i < end:
        # only quotation marks, apostrophes and backticks change anything: jump to the next one
        m = _MARK_CHARS.search(text, i, end)
        if m is None:
            break
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i > start else ""
        nxt = text[i + 1] if i + 1 < end else ""
        if c == "`" and nxt == "`":
            stack.append(("tex", i, 2))
            i += 2
            continue
        if c == "'" and nxt == "'":
            after = text[i + 2] if i + 2 < end else ""
            # two apostrophes: a closing mark, or (newspaper style) an opening one
            if has_open("tex") and not (_opening_context(prev) and after.isalnum()):
                close(("tex",), i, 2)
            elif _opening_context(prev) and not _is_space(after):
                stack.append(("tex", i, 2))
            i += 2
            continue
        if c == "“":
            if has_open("low") and not _opening_context(prev):
                close(("low",), i, 1)
            elif has_open("curly") and not _is_space(prev) and not nxt.isalnum():
                close(("curly",), i, 1)  # a mis-typed closing mark
            else:
                stack.append(("curly", i, 1))
        elif c == "”":
            if has_open("straight") and not has_open("curly") and not has_open("low") and not _is_space(prev):
                close(("straight",), i, 1)  # "...”: mixed marks, closing in context
            elif has_open("curly") or has_open("low"):
                if not (_opening_context(prev) and nxt.isalnum() and not has_open("low")):
                    close(("curly", "low"), i, 1)
                else:
                    # a mis-typed opening mark while one is open: the earlier one was unbalanced
                    close(("curly",), i, 0)
                    pairs.pop()
                    stack.append(("curly", i, 1))
            elif _opening_context(prev) and (nxt.isalnum() or nxt in "‘'"):
                stack.append(("curly", i, 1))
        elif c == "„":
            stack.append(("low", i, 1))
        elif c == "«":
            stack.append(("guil", i, 1))
        elif c == "»":
            close(("guil",), i, 1)
        elif c == '"':
            if has_open("straight"):
                if _opening_context(prev) and not _is_space(nxt) and not nxt in ".,;:!?)":
                    # a new opener: the open one was never closed
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][0] == "straight":
                            del stack[k:]
                            break
                    stack.append(("straight", i, 1))
                else:
                    close(("straight",), i, 1)
            elif (has_open("curly") or has_open("low")) and not _is_space(prev) and not nxt.isalnum():
                close(("curly", "low"), i, 1)  # “...": mixed marks, closing in context
            elif not _is_space(nxt) or _opening_context(prev):
                stack.append(("straight", i, 1))
        elif c == "‘":
            if not (prev.isalnum() and nxt.isalnum()):
                stack.append(("single", i, 1))
        elif c == "’":
            if has_open("single") and _closer_like(prev, nxt):
                if not (_possessive_like(text, i, end) and better_single_closer(i, "’")):
                    close(("single",), i, 1)
        elif c == "'":
            if has_open("sstraight") and _closer_like(prev, nxt):
                if not (_possessive_like(text, i, end) and better_single_closer(i, "'")):
                    close(("sstraight",), i, 1)
            elif _opening_context(prev) and nxt.isalpha():
                stack.append(("sstraight", i, 1))
        i += 1
    return pairs, stack


def _paragraph_spans(doc: Doc) -> list[tuple[int, int]]:
    paras = doc._.claimpipe_paragraphs
    if paras:
        return [tuple(p) for p in paras]
    from claimpipe.nlp.components.paragraphs import iter_paragraphs

    return list(iter_paragraphs(doc_text(doc)))


_MARKUP = re.compile(r"<[A-Za-z/][^<>\n]{0,400}>")


def _mask_markup(text: str) -> str:
    """``text`` with HTML/XML tags blanked out (their attribute quotes are not quotation marks)."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def _outermost(pairs: list[_Pair]) -> list[_Pair]:
    """``pairs`` without those inside another (opened before and closed after it), in order."""
    if len(pairs) < 2:
        return pairs
    by_open = sorted(pairs, key=lambda q: q.open_at)
    opens = [q.open_at for q in by_open]
    reach = list(itertools.accumulate((q.close_at for q in by_open), max))  # the latest close among the first k
    out = []
    for q in pairs:
        k = bisect.bisect_left(opens, q.open_at)  # by_open[:k] opened before q
        if not (k and reach[k - 1] > q.close_at):
            out.append(q)
    return out


def find_quote_marks(text: str, paragraphs: list[tuple[int, int]]) -> list[_Pair]:
    """Quoted stretches of ``text``: outermost pairs only, multi-paragraph quotes as grouped pieces."""
    text = _mask_markup(text)
    out: list[_Pair] = []
    group = 0
    carry: Optional[tuple[str, int]] = None  # (family, group) of a quote running on from the last paragraph
    for p, (pstart, pend) in enumerate(paragraphs):
        pairs, left_open = _scan_paragraph(text, pstart, pend)
        # a paragraph that continues a running quote: its first mark is the continuation opener,
        # and its closing mark may sit anywhere in it
        if carry is not None:
            first = [q for q in pairs if q.open_at == pstart]
            if first:
                first[0].group = carry[1]
            else:
                lo = [k for k in left_open if k[1] == pstart]
                if not lo:
                    carry = None
        pairs = _outermost(pairs)
        for q in pairs:
            if q.group < 0:
                group += 1
                q.group = group
            out.append(q)
        new_carry = None
        if left_open:
            kind, pos, mlen = left_open[0]
            inside_pair = any(q.open_at < pos < q.close_at for q in pairs)
            nxt = paragraphs[p + 1] if p + 1 < len(paragraphs) else None
            continues = (
                not inside_pair and kind in _DOUBLE_FAMILY and nxt is not None
                and text[nxt[0]:nxt[0] + mlen] in ("“", "\"", "„", "«", "``", "''", "”")
            )
            if continues:
                if carry is not None and pos == pstart:
                    g = carry[1]
                else:
                    group += 1
                    g = group
                content_end = pend
                out.append(_Pair(pos + mlen, content_end, pos, pend, kind, g, closed=False))
                new_carry = (kind, g)
        carry = new_carry
    out.sort(key=lambda q: q.start)
    return [q for q in out if q.end - q.start >= 1 and text[q.start:q.end].strip()]


# --------------------------------------------------------------------------------------------
# cues and speakers


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_VERBS or lemma in STATE_VERBS or tok.pos_ in ("VERB", "AUX"):
        return lemma
    low = tok.lower_  # a capitalised verb tagged as a name ("Tweeted")
    for suffix, add in (("ied", "y"), ("ed", ""), ("ed", "e"), ("s", ""), ("es", "")):
        if low.endswith(suffix) and low[: -len(suffix)] + add in SPEECH_VERBS:
            return low[: -len(suffix)] + add
    return lemma


def _is_cue_verb(tok: Token) -> bool:
    if tok.lower_ not in _CUE_FORMS and tok.lemma_.lower() not in _CUE_LEMMAS:
        return False  # _lemma can give nothing that counts below
    if tok.dep_ == "amod" or (tok.i >= 2 and tok.nbor(-1).text == "-" and tok.nbor(-2).lower_ == "so"):
        return False  # "so-called", an adjective
    lemma = _lemma(tok)
    if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children):
        return True  # "Trump went on"
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return True  # "as Cornyn put it"
    if lemma in ("shoot", "fire", "hit") and any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children):
        return True  # "Bennett shot back"
    if lemma not in SPEECH_VERBS and lemma not in STATE_VERBS:
        return False
    if tok.pos_ in ("VERB", "AUX"):
        return True
    if tok.pos_ == "PROPN" and tok.lemma_.lower() != lemma:
        return True
    # the small model sometimes tags a reporting verb as a noun ("Arif Alvi state that ...")
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.pos_ in ("NOUN", "PROPN") and (nxt is None or nxt.is_punct) and \
            any(t.is_quote for t in tok.doc[max(0, tok.i - 5):tok.i]):
        return True  # '"...," the email read.'
    return tok.pos_ in ("NOUN", "PROPN") and nxt is not None and nxt.lower_ in ("that", ":") and tok.i > 0 \
        and tok.nbor(-1).pos_ in ("PROPN", "PRON", "NOUN")


def _subject_of(verb: Token) -> Optional[Token]:
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
    if verb.pos_ in ("NOUN", "PROPN") and verb.i > 0:  # "Arif Alvi state that ..."
        prev = verb.nbor(-1)
        return prev
    if verb.dep_ == "compound" and verb.head.i > verb.i and verb.head.pos_ in ("PROPN", "NOUN"):
        return verb.head  # "Said Ellis:", parsed as a name
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject_of(verb.head.head)  # "he began by saying"
    # "... read one", "said Smith": a subject the parser left after the verb
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("dobj", "attr", "npadvmod", "oprd", "dep") and \
                child.pos_ in ("PROPN", "PRON", "NOUN", "NUM") and verb.i > 0 and \
                (any(t.is_quote for t in verb.doc[max(0, verb.i - 3):verb.i]) or
                 verb.doc[min(len(verb.doc) - 1, child.right_edge.i + 1)].text == ":"):
            return child
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and _is_cue_verb(verb.head.head):
        return _subject_of(verb.head.head)  # "Lazar said he welcomed it and added, ..."
    if verb.dep_ == "xcomp":
        passive = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        if passive:
            return passive[0]  # "Trump was prompted to say", "he was quoted as saying"
    if verb.dep_ in ("conj", "advcl", "xcomp", "acl") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "acl":
            return head if head.pos_ in ("NOUN", "PROPN", "PRON") else None
        return _subject_of(head) if head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "relcl":
        return verb.head
    return None


_RELATIVE = ("who", "which", "that")


def _fallback_subject(verb: Token, avoid: list[tuple[int, int]]) -> Optional[Token]:
    """When the parse gives a reporting verb no subject: the name or pronoun just before it, or the
    nearest subject to its left in the sentence."""
    doc = verb.doc
    sent = verb.sent
    if verb.i + 1 < len(doc) and any(t.is_quote for t in doc[max(0, verb.i - 3):verb.i]):
        # '"...," said Robin Maynard, half joking': the name right after the verb
        t = doc[verb.i + 1]
        if not t.is_punct and not t.is_space and not _inside(t.idx, avoid):
            for _ in range(8):
                if t.dep_ in ("compound", "det", "amod", "poss", "nmod", "case", "nummod") and t.head.i > t.i:
                    t = t.head
                else:
                    break
            if t.pos_ in ("PROPN", "NOUN", "PRON") or (t.is_title and t.is_alpha):
                return t
    j = verb.i - 1
    while j >= sent.start and (doc[j].is_punct or doc[j].is_space or doc[j].pos_ == "ADV"):
        j -= 1
    if j >= sent.start and not _inside(doc[j].idx, avoid) and doc[j].pos_ in ("PROPN", "PRON", "NOUN") \
            and doc[j].dep_ not in ("poss", "pobj", "dobj"):
        return doc[j]
    subjects = [doc[k] for k in range(verb.i - 1, sent.start - 1, -1)
                if doc[k].dep_ == "nsubj" and not _inside(doc[k].idx, avoid) and doc[k].lower_ not in _RELATIVE
                and doc[k].head.pos_ in ("VERB", "AUX") and doc[k].head.i <= verb.i]
    return subjects[0] if subjects else None


def _speaker_token(verb: Token, avoid: list[tuple[int, int]]) -> Optional[Token]:
    """The subject of ``verb`` outside the quoted text ``avoid``; a relative pronoun gives its antecedent."""
    subj = _subject_of(verb)
    if verb.dep_ in ("advcl", "xcomp", "conj") and _inside(verb.head.idx, avoid):
        # "X told Newsmax that Romney “had ...,” adding, “...”": climb out of the quote
        node = verb.head
        for _ in range(6):
            if node.head.i == node.i or not _inside(node.idx, avoid):
                break
            node = node.head
        if not _inside(node.idx, avoid) and node.pos_ in ("VERB", "AUX"):
            subj = _subject_of(node)
    if subj is not None and _inside(subj.idx, avoid):
        subj = None
        nouns = [c for c in verb.children if c.pos_ in ("PROPN", "NOUN", "PRON") and not _inside(c.idx, avoid)
                 and c.dep_ in ("nsubj", "npadvmod", "dep", "appos", "attr", "oprd", "intj", "nmod", "dobj")]
        before = [c for c in nouns if c.i < verb.i]
        after = [c for c in nouns if c.i > verb.i and c.dep_ != "dobj"]
        if before:
            subj = before[-1]
        elif after:
            subj = after[0]
    if subj is None and verb.pos_ in ("VERB", "AUX"):
        subj = _fallback_subject(verb, avoid)
    return subj  # a relative pronoun stays the mention; speakers.py resolves it to its antecedent


_SPEAKER_DROP = {"relcl", "appos", "acl", "advcl", "punct", "parataxis", "cc", "conj", "prep"}


def _mention(tok: Token) -> Span:
    """The noun phrase headed by ``tok``, without relative clauses, appositions and the like."""
    doc = tok.doc
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "relcl":
        return doc[tok.i:tok.i + 1]
    keep = {tok.i}
    for child in tok.children:
        if child.dep_ in _SPEAKER_DROP and not (child.dep_ == "prep" and child.lower_ == "of" and child.i > tok.i):
            continue
        if child.dep_ in ("cc", "conj") or child.is_punct or (child.dep_ == "compound" and child.pos_ == "VERB"):
            continue  # "Said Ellis": the verb is not part of the name
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


def _cue_span(cue: Token) -> Span:
    """The cue verb with its particle ("point out", "call for")."""
    doc = cue.doc
    end = cue.i + 1
    for child in cue.children:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return doc[cue.i:end]


def _according_to(tok: Token) -> Optional[tuple[Span, Span]]:
    """``according to X``: (cue span, speaker span)."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor(1).lower_ != "to":
        return None
    to = tok.nbor(1)
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    return tok.doc[tok.i:tok.i + 2], _mention(objs[0])


# --------------------------------------------------------------------------------------------
# direct quotes


def _tokens(doc: Doc, start: int, end: int) -> Optional[Span]:
    return doc.char_span(start, end, alignment_mode="expand")


def _inside(i: int, spans: Iterable[tuple[int, int]]) -> bool:
    if isinstance(spans, (SpanIndex, _SpansAnd)):  # indexed: a bisection, not a pass over every span
        return spans.covers(i)
    return any(a <= i < b for a, b in spans)


class _SpansAnd:
    """The spans of a :class:`SpanIndex` and one more, ``[a, b)``, for :func:`_inside` (made at no cost)."""

    def __init__(self, spans: SpanIndex, a: int, b: int):
        self.spans, self.a, self.b = spans, a, b

    def covers(self, i: int) -> bool:
        return self.a <= i < self.b or self.spans.covers(i)


class _DocIndex:
    """What the quote rules look up in a doc again and again, found once per doc on first use: line breaks,
    sentence starts, entity starts. :func:`extract_quotes` keeps one for its doc while it runs."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._breaks: Optional[list[int]] = None
        self._sent_starts: Optional[list[int]] = None
        self._ents: Optional[tuple] = None
        self._ent_starts: Optional[list[int]] = None

    def breaks(self) -> list[int]:
        """The offsets of the "\\n" characters of the doc's text."""
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", doc_text(self.doc))]
        return self._breaks

    def line_bounds(self, start: int, end: int) -> tuple[int, int]:
        """``text.rfind("\\n", 0, start) + 1`` and ``text.find("\\n", end)`` (the text's length for none)."""
        breaks = self.breaks()
        k = bisect.bisect_left(breaks, start)
        a = breaks[k - 1] + 1 if k else 0
        k = bisect.bisect_left(breaks, end)
        return a, (breaks[k] if k < len(breaks) else len(doc_text(self.doc)))

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """``doc[i].sent.start``, ``doc[i].sent.end``."""
        doc = self.doc
        if self._sent_starts is None:
            if "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks \
                    or not doc.has_annotation("SENT_START"):
                sent = doc[i].sent  # spaCy's own answer (or its error)
                return sent.start, sent.end
            marks = doc.to_array([SENT_START]).reshape(-1).astype(np.int64)
            self._sent_starts = np.flatnonzero(marks == 1).tolist()
        starts = self._sent_starts
        # Span.sent: back to the last token marked as a start (or the first), on to the next one marked (or the end)
        k = bisect.bisect_right(starts, i)
        return (starts[k - 1] if k else 0), (starts[k] if k < len(starts) else len(doc))

    def entity_of(self, i: int) -> Optional[Span]:
        """The first of ``doc.ents`` holding token ``i`` (they are in order and do not overlap), or None."""
        if self._ents is None:
            self._ents = self.doc.ents
            self._ent_starts = [e.start for e in self._ents]
        k = bisect.bisect_right(self._ent_starts, i)
        if k and i < self._ents[k - 1].end:
            return self._ents[k - 1]
        return None


def _first_holding(spans: list[tuple[int, int]], queries: list[tuple[int, int]]) -> list[int]:
    """For each ``(s, e)`` of ``queries``, the first ``k`` with ``spans[k][0] <= s`` and ``e <= spans[k][1]``, or -1.

    The queries are answered by start; the spans that start at or before one are entered into a Fenwick tree
    over their ends (largest first) that keeps the smallest index, so a query reads the spans ending at or
    after its end."""
    ends = sorted({b for _, b in spans})
    size = len(ends)
    none = len(spans)
    tree = [none] * (size + 1)
    by_start = sorted(range(len(spans)), key=lambda k: spans[k][0])
    out = [-1] * len(queries)
    p = 0
    for q in sorted(range(len(queries)), key=lambda q: queries[q][0]):
        s, e = queries[q]
        while p < len(by_start) and spans[by_start[p]][0] <= s:
            k = by_start[p]
            r = size - bisect.bisect_left(ends, spans[k][1])
            while r <= size:
                if k < tree[r]:
                    tree[r] = k
                r += r & -r
            p += 1
        best = none
        r = size - bisect.bisect_left(ends, e)  # the ranks of the ends >= e
        while r > 0:
            if tree[r] < best:
                best = tree[r]
            r -= r & -r
        out[q] = best if best < none else -1
    return out


_INDEXES: dict[int, _DocIndex] = {}  # id(doc) -> its index, while extract_quotes runs on it


def _index(doc: Doc) -> _DocIndex:
    """The doc's :class:`_DocIndex` while :func:`extract_quotes` runs on it, else a new one."""
    index = _INDEXES.get(id(doc))
    return index if index is not None and index.doc is doc else _DocIndex(doc)


def _quote_root(span: Span) -> Optional[Token]:
    """The first token of ``span`` whose head is outside it (or itself), preferring words to punctuation."""
    first_root = None
    for t in span:
        head = t.head.i
        if not (span.start <= head < span.end) or head == t.i:
            if not t.is_punct and not t.is_space:
                return t
            if first_root is None:
                first_root = t
    return first_root


def _linked(verb: Token, span: Span) -> bool:
    """Whether the parse ties ``verb`` to the quoted ``span`` (either way round)."""
    root = _quote_root(span)
    if root is None:
        return False
    node = root
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.i == verb.i:
            return True
        if not node.is_punct and node.pos_ in ("VERB", "AUX") and node.i != verb.i and node.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "parataxis"):
            break
    node = verb
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        if span.start <= node.i < span.end:
            return True
    return False


def _window(doc: Doc, start_tok: int, end_tok: int, quoted: list[tuple[int, int]], among: list[int]) -> list[Token]:
    """The tokens ``among`` (indices in order) of ``doc[start_tok:end_tok]`` outside the ``quoted`` stretches."""
    lo = bisect.bisect_left(among, max(start_tok, 0))
    hi = bisect.bisect_left(among, min(end_tok, len(doc)))
    return [t for t in (doc[i] for i in among[lo:hi]) if not _inside(t.idx, quoted)]


def _sentence_bounds(doc: Doc, tok_i: int) -> tuple[int, int]:
    return _index(doc).sentence_bounds(min(max(tok_i, 0), len(doc) - 1))


def _para_bounds(doc: Doc, pair: _Pair) -> tuple[int, int]:
    return _index(doc).line_bounds(pair.open_at, pair.close_at)


def _find_direct_cue(doc: Doc, pair: _Pair, span: Span, quoted: list[tuple[int, int]],
                     cues: list[int]) -> Optional[tuple[Token, bool]]:
    """The reporting verb of a quoted span, in its paragraph: (verb, tied by the parse).

    ``cues``: the tokens that pass :func:`_may_report` (:func:`_report_candidates`), the only ones
    that can be a cue here."""
    first, last = span.start, span.end  # tokens of the content
    pa, pb = _para_bounds(doc, pair)
    skip = _SpansAnd(quoted, pair.open_at, pair.close_at) if isinstance(quoted, SpanIndex) else \
        quoted + [(pair.open_at, pair.close_at)]
    # tokens left of the opening mark in its sentence, right of the closing mark up to the sentence end
    # (the sentence is looked up only when a possible cue is in the paragraph on that side)
    k = bisect.bisect_left(cues, first)
    left = []
    if k > 0 and doc[cues[k - 1]].idx >= pa:
        ls, _ = _sentence_bounds(doc, first - 1 if first > 0 else 0)
        left = [t for t in _window(doc, ls, first, skip, cues) if t.idx >= pa]
    after = last
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space) and doc[after].idx < pair.close_at + 2:
        after += 1
    right = []
    k = bisect.bisect_left(cues, last)
    if after < len(doc) and doc[after].idx < pb and k < len(cues) and doc[cues[k]].idx < pb:
        _, re_ = _sentence_bounds(doc, after)
        right = [t for t in _window(doc, last, re_, skip, cues) if t.idx < pb]
    candidates = [t for t in left + right if _is_cue_verb(t) or t.lower_ == "according"]
    if not candidates:
        return None
    linked = [t for t in candidates if t.lower_ != "according" and _linked(t, span)]
    distances: dict[int, int] = {}

    def distance(t: Token) -> int:
        if t.i not in distances:
            distances[t.i] = _distance(t)
        return distances[t.i]

    def _distance(t: Token) -> int:
        if t.i < first:
            between = doc[t.i + 1:first]
        else:
            between = doc[last:t.i]
        subj = _subject_of(t) if t.i >= last else None
        own = {x.i for x in subj.subtree} if subj is not None and subj.i >= last else set()
        if t.lower_ == "according":
            acc = _according_to(t)
            if acc is not None:
                own = set(range(t.i, acc[1].end))
        return sum(1 for b in between if not (b.is_punct or b.is_space or b.i in own or b.pos_ == "ADV"))

    if linked:
        return min(linked, key=distance), True
    near = [t for t in candidates if distance(t) <= 3]
    if near:
        return min(near, key=distance), False
    return None


def _colon_speaker(doc: Doc, pair: _Pair) -> Optional[tuple[Span, Optional[Span], Optional[Token]]]:
    """``X said: "..."`` / ``X: "..."`` (also across a paragraph break): (cue, speaker, cue verb)."""
    j = pair.open_at - 1
    text = doc_text(doc)
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] != ":":
        return None
    colon = doc.char_span(j, j + 1, alignment_mode="expand")
    if colon is None or colon.start == 0:
        return None
    sent = doc[colon.start - 1].sent
    verbs = [t for t in doc[sent.start:colon.start] if _is_cue_verb(t) and not t.is_quote]
    if verbs:
        verb = verbs[-1]
        subj = _speaker_token(verb, [])
        return _cue_span(verb), (_mention(subj) if subj is not None else None), verb
    prev = doc[colon.start - 1]
    if prev.pos_ == "VERB" and prev.sent.start < prev.i and (prev.dep_ in ("ROOT", "conj") or prev.head.i > colon.start):
        # "Trump leaned in and boomed:" - the verb right before the colon introduces the quote
        subj = _speaker_token(prev, [])
        return _cue_span(prev), (_mention(subj) if subj is not None else None), prev
    # the clause the colon ends: its top verb (the parser may join it to the quote after the colon)
    tops = [t for t in doc[sent.start:colon.start] if t.pos_ in ("VERB", "AUX")
            and (t.head.i == t.i or not sent.start <= t.head.i < colon.start)]
    root = tops[0] if tops else sent.root
    if root.pos_ in ("VERB", "AUX") and root.i < colon.start:
        # "Trump went even further:" - the subject of the sentence the colon ends
        subj = _speaker_token(root, [])
        if subj is not None and (subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.pos_ == "PROPN"
                                 or subj.lower_ in ("he", "she", "they", "we", "i")):
            return colon, _mention(subj), None
    # "HEADLINE - Philip Bump:": the short name between the last dash or stop and the colon
    k = colon.start - 1
    while k > sent.start and colon.start - k < 6 and not (doc[k - 1].is_punct or doc[k - 1].is_space):
        k -= 1
    label = doc[k:colon.start]
    if label and all(t.pos_ == "PROPN" or (t.is_title and t.is_alpha) or t.is_punct for t in label) and not any(t.pos_ in ("VERB", "AUX") for t in label) \
            and (k == sent.start or doc[k - 1].text in ("-", "—", "–", ".", ";", "|")):
        return colon, label, None
    if prev.pos_ not in ("PROPN", "NOUN", "PRON") or prev.sent.start < colon.start - 8:
        return None  # "X:" heads only a short line
    head = prev
    while head.dep_ in ("compound", "amod", "det", "poss") and head.head.i > head.i and head.head.i < colon.start:
        head = head.head
    return colon, _mention(head), None


def _dash_speaker(doc: Doc, pair: _Pair) -> Optional[tuple[Span, Span]]:
    """``"..." — X``: (the dash, the name after it)."""
    text = doc_text(doc)
    j = pair.close_at
    while j < len(text) and (text[j].isspace() or text[j] == ","):
        j += 1
    if j >= len(text) or text[j] not in "—–-―":
        return None
    if "\n" in text[pair.close_at:j]:
        line_end = _index(doc).line_bounds(j, j)[1]
        if line_end - j > 80:
            return None  # only a short signature line ("- Sanders.") speaks for the quote above it
    k = j
    while k < len(text) and (text[k] in "—–-―" or text[k].isspace()):
        k += 1
    dash = doc.char_span(j, j + 1, alignment_mode="expand")
    after = doc.char_span(k, min(k + 1, len(text)), alignment_mode="expand")
    if dash is None or after is None:
        return None
    tok = after[0]
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or (tok.pos_ == "PROPN"):
        ent = _index(doc).entity_of(tok.i)
        return dash, ent if ent is not None else _mention(tok)
    return None


def _subtree_ends(tok: Token) -> tuple[int, int]:
    """The indices of the first and the last token of ``tok.subtree``, without walking all of it."""
    first = tok
    while (left := next(first.lefts, None)) is not None:
        first = left
    last = tok
    while rights := list(last.rights):
        last = rights[-1]
    return first.i, last.i


def _complement(verb: Token, span: Span) -> Optional[Token]:
    """The child of ``verb`` whose subtree holds ``span`` (its words; end punctuation may hang off the verb)."""
    doc = span.doc
    start, end = span.start, span.end
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    for child in verb.children:
        first, last = _subtree_ends(child)
        if first <= start and end - 1 <= last and child.dep_ not in ("nsubj", "nsubjpass", "punct"):
            return child
    return None


def _mixed_content(doc: Doc, verb: Token, span: Span, start: int, end: int) -> Optional[tuple[int, int]]:
    """The reported clause around a quoted fragment, when the fragment is only part of it."""
    comp = _complement(verb, span)
    if comp is None or comp.dep_ not in ("ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "prep", "advcl"):
        return None
    sub = list(comp.subtree)
    text = doc_text(doc)
    depth = 0
    outside = []
    clean = span.end  # doc[span.end:clean] holds no punctuation but quotation marks
    for t in sub:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        if depth or not t.is_alpha or start <= t.idx < end:
            continue
        if t.idx >= end:
            while clean < t.i and not (doc[clean].is_punct and not doc[clean].is_quote):
                clean += 1
            if clean < t.i:
                break  # after the quote and a comma: another clause
        if t.lower_ in _FUNCTION_WORDS:
            continue
        outside.append(t)
    inside = [t for t in sub if t.is_alpha and start <= t.idx < end]
    if not _is_fragment(len(inside), len(outside)):
        return None
    a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    while b > a and text[b - 1] in ".,;: " and not (start <= b - 1 < end):
        b -= 1
    if start <= b <= end:  # the clause ends inside the quote: keep its closing mark
        b = end
        while b < len(text) and text[b] in "\"”’'»":
            b += 1
    if sub[0].lower_ == "that" and len(sub) > 1:
        a = sub[1].idx
    return a, b


def _framed(doc: Doc, pair: _Pair, verb: Token) -> bool:
    """A quote set off as speech around ``verb``: ``"...," X said`` or ``X said, "..."``."""
    text = doc_text(doc)
    if verb.idx > pair.close_at:
        return _last_char(text, pair.end) in (",", "?", "!") and \
            len(text[pair.close_at:verb.idx].split()) <= 3
    between = text[verb.idx + len(verb.text):pair.open_at].strip()
    return between in (",", ":")


def _last_char(text: str, end: int) -> str:
    """``text[:end].rstrip()[-1:]`` without copying the text."""
    j = end - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


_FUNCTION_WORDS = frozenset("that about of as it this to the a an was is be were are".split())


def _is_fragment(inside: int, outside: int) -> bool:
    """A quote of ``inside`` words is a fragment of a reported clause with ``outside`` unquoted words."""
    return outside >= 1 and inside < 3 * outside + 3


def _fragment_of(doc: Doc, quote: Quote, host: Quote) -> bool:
    """Whether ``quote`` is only a quoted fragment of the reported clause ``host`` (a mixed quote)."""
    span = doc.char_span(host.start, host.end, alignment_mode="expand")
    if span is None:
        return False
    inside = sum(1 for t in span if t.is_alpha and quote.start <= t.idx < quote.end)
    outside = sum(1 for t in span if t.is_alpha and not quote.start <= t.idx < quote.end
                  and t.lower_ not in _FUNCTION_WORDS)
    return _is_fragment(inside, outside)


def _is_statement(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    if len(words) >= 8:
        return True
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    ends = span.text.rstrip()[-1:] in ".?!,"
    return len(words) >= 4 and has_verb and ends


def _speaker_from(tok: Optional[Token]) -> Optional[Span]:
    return _mention(tok) if tok is not None else None


def _direct_quotes(doc: Doc, pairs: list[_Pair], cues: list[int], report: Report) -> list[_Found]:
    quoted = SpanIndex((q.open_at, q.close_at) for q in pairs)  # the same for every pair: indexed once
    quoted_content = SpanIndex((q.start, q.end) for q in pairs)
    found: list[_Found] = []
    for pair in pairs:
        try:
            item = _one_direct(doc, pair, quoted, pairs, cues, quoted_content)
        except Exception as exc:  # noqa: BLE001 - one bad quote costs only itself
            report(exc, f"quote at {pair.start}")
            continue
        if item is not None:
            found.append(item)
    return found


def _content_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc_text(doc)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _one_direct(doc: Doc, pair: _Pair, quoted: list[tuple[int, int]], pairs: list[_Pair],
                cues: list[int], quoted_content: Optional[SpanIndex] = None) -> Optional[_Found]:
    start, end = _content_span(doc, pair.start, pair.end)
    if end <= start:
        return None
    span = _tokens(doc, start, end)
    if span is None or not len(span):
        return None
    text = doc_text(doc)
    if quoted_content is None:
        quoted_content = [(q.start, q.end) for q in pairs]
    cue_span: Optional[Span] = None
    speaker: Optional[Span] = None
    cue_tok: Optional[Token] = None
    kind = "direct"
    content = (start, end)
    hit = _find_direct_cue(doc, pair, span, quoted, cues)
    if hit is not None and not hit[1] and not _framed(doc, pair, hit[0]):
        colon = _colon_speaker(doc, pair)
        if colon is not None:
            hit = None
    if hit is not None:
        verb, tied = hit
        if verb.lower_ == "according":
            acc = _according_to(verb)
            if acc:
                cue_span, speaker = acc
        else:
            cue_tok = verb
            cue_span = _cue_span(verb)
            speaker = _speaker_from(_speaker_token(verb, quoted_content))
            if verb.idx >= pair.close_at and (speaker is None or speaker.start_char < pair.close_at):
                speaker = _name_after(doc, pair, verb) or speaker
            if tied:
                mixed = _mixed_content(doc, verb, span, start, end)
                if mixed is not None:
                    kind, content = "mixed", mixed
    if cue_span is None:
        colon = _colon_speaker(doc, pair)
        if colon is not None:
            cue_span, speaker, cue_tok = colon
            hit = (cue_tok, True) if cue_tok is not None else None
        else:
            dash = _dash_speaker(doc, pair)
            if dash is not None:
                cue_span, speaker = dash
    if cue_span is None and not _is_statement(span):
        return None  # a scare-quoted word or a title
    if cue_span is not None and hit is not None and not hit[1] and not _is_statement(span) \
            and not _framed(doc, pair, hit[0]):
        return None  # a short quoted phrase near, but not tied to, a reporting verb
    guess = None
    if cue_span is None:
        guess = _next_subject(doc, pair, quoted_content) or _previous_subject(doc, pair, quoted_content)
    a, b = content
    q = Quote(
        text=text[a:b], start=a, end=b, kind=kind,
        cue=Cue(text=cue_span.text, start=cue_span.start_char, end=cue_span.end_char) if cue_span is not None else None,
        speaker=_speaker_model(speaker) if speaker is not None else None,
    )
    return _Found(q, cue_tok.i if cue_tok is not None else None, pair.group, [(pair.start, pair.end)],
                  _speaker_model(guess) if guess is not None else None)


def _name_after(doc: Doc, pair: _Pair, verb: Token) -> Optional[Span]:
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
    if not (t.pos_ in ("PROPN", "DET") or t.lower_ in ("he", "she", "they", "we", "i")):
        return None
    for _ in range(8):
        if t.dep_ in ("compound", "amod", "nmod", "det", "nummod") and i <= t.head.i < verb.i:
            t = t.head
        else:
            break
    if t.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if doc[i].pos_ == "DET" and t.i != verb.i - 1:
        return None  # "the email read": only a short description right before the verb
    return _mention(t)


def _personal(subj: Token) -> bool:
    return subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in ("he", "she", "they", "we", "i")


def _next_subject(doc: Doc, pair: _Pair, avoid: list[tuple[int, int]]) -> Optional[Span]:
    """For a quote with no cue: the subject of the sentence right after it in its paragraph
    ('"We will win." Smith made the promise in Ohio.'), when that is a name or a personal pronoun."""
    text = doc_text(doc)
    j = pair.close_at
    while j < len(text) and text[j].isspace() and text[j] != "\n":
        j += 1
    if j >= len(text) or text[j] == "\n" or _last_char(text, pair.end) not in (".", "!", "?"):
        return None
    first = doc.char_span(j, j + 1, alignment_mode="expand")
    if first is None:
        return None
    sent = doc[first.start].sent
    if sent.start != first.start or _inside(sent.root.idx, avoid) or sent.root.pos_ not in ("VERB", "AUX"):
        return None
    subj = _speaker_token(sent.root, avoid)
    return _mention(subj) if subj is not None and _personal(subj) else None


def _previous_subject(doc: Doc, pair: _Pair, avoid: list[tuple[int, int]]) -> Optional[Span]:
    """For a quote with no cue that opens a sentence: the subject of the sentence before it, when
    that is a name or a personal pronoun."""
    text = doc_text(doc)
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
    tops = [t for t in doc[sent.start:tok.start] if t.pos_ in ("VERB", "AUX") and not _inside(t.idx, avoid)
            and (t.head.i == t.i or not sent.start <= t.head.i < tok.start)]
    if not tops:
        return None
    subj = _speaker_token(tops[0], avoid)
    if subj is None:
        return None
    return _mention(subj) if _personal(subj) else None


def _speaker_model(span: Optional[Span]) -> Optional[Speaker]:
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
    if not text.strip():
        return None
    return Speaker(text=text, start=a, end=b, name=text)


# --------------------------------------------------------------------------------------------
# indirect speech


def _clause_span(tokens: list[Token]) -> Optional[tuple[int, int]]:
    """Offsets of a reported clause: without a leading "that" or punctuation (quotation marks stay)."""
    toks = [t for t in tokens if not t.is_space]
    while toks and ((toks[0].is_punct and not toks[0].is_quote) or toks[0].lower_ == "that"):
        toks = toks[1:]
    while toks and toks[-1].is_punct and not toks[-1].is_quote and toks[-1].text != ")":
        toks = toks[:-1]
    if len(toks) < 2:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _derived_forms() -> frozenset[str]:
    """Lower-cased word forms that :func:`_lemma` maps to a speech verb by a suffix rule."""
    forms = set()
    for verb in SPEECH_VERBS:
        for suffix, add in _SUFFIX_RULES:
            if verb.endswith(add):
                forms.add(verb[: len(verb) - len(add)] + suffix)
    return frozenset(forms)


_SUFFIX_RULES = (("ied", "y"), ("ed", ""), ("ed", "e"), ("s", ""), ("es", ""))
_PHRASAL_CUES = frozenset(("go", "put", "shoot", "fire", "hit"))
_CUE_LEMMAS = SPEECH_VERBS | STATE_VERBS | _PHRASAL_CUES
_CUE_FORMS = _derived_forms()


def _may_report(tok: Token) -> bool:
    """A cheap test passed by every token :func:`_one_indirect` can turn into a quote."""
    if tok.lower_ in _CUE_FORMS or tok.text == ":" or tok.lower_ == "according":
        return True
    return tok.lemma_.lower() in _CUE_LEMMAS


# The hashes (as in token.lower; the same in every vocab) of the lower-case forms that pass _may_report.
_REPORT_LOWER_IDS: Optional[np.ndarray] = None


def _report_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that pass :func:`_may_report`, in order (computed per distinct word)."""
    global _REPORT_LOWER_IDS

    if not len(doc):
        return []
    if _REPORT_LOWER_IDS is None:
        # a token's text is ":" exactly when its lower-case form is
        _REPORT_LOWER_IDS = np.array(sorted(get_string_id(w) for w in _CUE_FORMS | {":", "according"}), dtype=np.uint64)
    rows = doc.to_array([LOWER, LEMMA])
    lowers = rows[:, 0]
    at = np.searchsorted(_REPORT_LOWER_IDS, lowers)  # np.isin, without its fixed cost
    at[at == len(_REPORT_LOWER_IDS)] = 0
    by_low = _REPORT_LOWER_IDS[at] == lowers
    lemmas, lemma_inv = np.unique(rows[:, 1], return_inverse=True)
    lemmas = lemmas.tolist()
    lower = lower_lemmas(doc.vocab.strings, lemmas)  # each lemma lowered once per process
    by_lemma = np.array([lower[h] in _CUE_LEMMAS for h in lemmas], dtype=bool)
    return np.flatnonzero(by_low | by_lemma[lemma_inv]).tolist()


def _indirect_quotes(doc: Doc, taken: list[tuple[int, int]], used_cues: set[int], cues: list[int],
                     report: Report) -> list[_Found]:
    found: list[_Found] = []
    for i in cues:
        if i in used_cues:
            continue
        tok = doc[i]
        try:
            item = _one_indirect(doc, tok, taken)
        except Exception as exc:  # noqa: BLE001 - one bad clause costs only itself
            report(exc, f"reported speech at {tok.idx}")
            continue
        if item is not None:
            found.append(item)
    return found


def _that_clause(tok: Token) -> list[Token]:
    """``CUE (by X | reporters) that CLAUSE`` when the parser missed the complement: the clause tokens."""
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and j <= tok.i + 8:
        t = doc[j]
        if t.is_sent_start:
            break  # the end of tok's sentence (tok.sent, looked up only when needed)
        if t.lower_ == "that" and j > tok.i + 1:
            rest = [x for x in doc[j + 1:tok.sent.end]]
            return rest if sum(1 for x in rest if x.pos_ in ("VERB", "AUX")) else []
        if t.pos_ in ("VERB", "AUX") or t.is_punct or t.lower_ in ("that",):
            return []
        j += 1
    return []


def _headline_colon(doc: Doc, tok: Token) -> Optional[_Found]:
    """``Name: statement`` opening a sentence (headlines, transcripts): the name said the statement."""
    sent = tok.sent
    if tok.i - sent.start < 1 or tok.i - sent.start > 5:
        return None
    before = doc[sent.start:tok.i]
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in before):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN") for t in before) or before[0].is_punct:
        return None
    rest = [t for t in doc[tok.i + 1:sent.end]]
    if rest and (rest[0].is_quote or rest[0].is_space):
        return None
    if sum(1 for t in rest if t.is_alpha) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    bounds = _clause_span(rest)
    if bounds is None:
        return None
    a, b = bounds
    speaker = doc[sent.start:tok.i]
    return _Found(Quote(text=doc_text(doc)[a:b], start=a, end=b, kind="indirect",
                        cue=Cue(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)),
                        speaker=_speaker_model(speaker)), None)


def _one_indirect(doc: Doc, tok: Token, taken: list[tuple[int, int]]) -> Optional[_Found]:
    if _inside(tok.idx, taken):
        return None
    if tok.text == ":":
        return _headline_colon(doc, tok)
    acc = _according_to(tok)
    if acc is not None:
        cue, speaker = acc
        head = tok.head
        # the clause "according to X" modifies, without the phrase itself
        if head.i == tok.i or head.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
            sent = tok.sent
            tokens = [t for t in sent if not (tok.i <= t.i < speaker.end)]
        else:
            own = {t.i for t in tok.subtree} | set(range(tok.i, speaker.end))
            tokens = [t for t in head.subtree if t.i not in own]
        # keep the longest run of tokens on one side of the phrase
        left = [t for t in tokens if t.i < tok.i]
        right = [t for t in tokens if t.i >= speaker.end]
        side = right if len([t for t in right if t.is_alpha]) >= len([t for t in left if t.is_alpha]) else left
        bounds = _clause_span(side)
        if bounds is None:
            return None
        a, b = bounds
        return _Found(Quote(text=doc_text(doc)[a:b], start=a, end=b, kind="indirect",
                            cue=Cue(text=cue.text, start=cue.start_char, end=cue.end_char),
                            speaker=_speaker_model(speaker)), None)
    if not _is_cue_verb(tok):
        return None
    lemma = tok.lemma_.lower()
    comp = None
    for child in tok.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and lemma in _XCOMP_OK and child.i > tok.i):
            comp = child
            break
    tokens: list[Token]
    if comp is not None:
        tokens = list(comp.subtree)
        if comp.i < tok.i:  # "The plan is dead, he said."
            tokens = [t for t in tokens if t.i < tok.i]
    elif tok.dep_ in ("parataxis", "ccomp") and tok.head.i < tok.i and tok.i > 0 and \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and \
            any(t.is_punct for t in doc[max(tok.head.i, tok.i - 4):tok.i]) and lemma in SPEECH_VERBS:
        own = {t.i for t in tok.subtree}
        tokens = [t for t in tok.head.subtree if t.i not in own and t.i < tok.i]
    else:
        tokens = _that_clause(tok)
        if not tokens:
            return None
    if lemma in _NOT_CUE_WITHOUT_COMPLEMENT and comp is None:
        return None
    bounds = _clause_span(tokens)
    if bounds is None:
        return None
    a, b = bounds
    if sum(1 for t in tokens if t.is_alpha) < 2:
        return None
    subj = _speaker_token(tok, taken)
    if subj is None and lemma in STATE_VERBS and lemma not in SPEECH_VERBS:
        return None
    if subj is not None and subj.lower_ in ("this", "these", "those"):
        return None  # "This explains ...": not a speaker
    speaker = _mention(subj) if subj is not None else None
    cue = _cue_span(tok)
    return _Found(Quote(text=doc_text(doc)[a:b], start=a, end=b, kind="indirect",
                        cue=Cue(text=cue.text, start=cue.start_char, end=cue.end_char),
                        speaker=_speaker_model(speaker) if speaker is not None else None), tok.i)


# --------------------------------------------------------------------------------------------


def _inherit_speakers(doc: Doc, found: list[_Found], paragraphs: list[tuple[int, int]]) -> None:
    """Quotes with no speaker: the speaker of their multi-paragraph group, of an earlier quote in the
    same paragraph, or of the quote that ends the paragraph before when this one opens its paragraph."""
    by_group: dict[int, _Found] = {}
    for f in found:
        if f.quote.speaker is not None and f.group >= 0:
            by_group.setdefault(f.group, f)
    para_of = {}
    starts = [a for a, _ in paragraphs]
    if all(x <= y for x, y in zip(starts, starts[1:])):
        # the first paragraph holding an offset: the first to end after it, if it starts at or before it
        reach = list(itertools.accumulate((b for _, b in paragraphs), max))
        for f in found:
            k = bisect.bisect_right(reach, f.quote.start)
            para_of[id(f)] = k if k < len(paragraphs) and paragraphs[k][0] <= f.quote.start else -1
    else:
        for f in found:
            para_of[id(f)] = next((k for k, (a, b) in enumerate(paragraphs) if a <= f.quote.start < b), -1)
    last_in_para: dict[int, _Found] = {}
    ordered = sorted(found, key=lambda f: f.quote.start)
    for f in ordered:
        p = para_of[id(f)]
        if f.quote.speaker is None and f.quote.kind == "direct":
            src = by_group.get(f.group) if f.group >= 0 else None
            if src is None or src is f:
                src = last_in_para.get(p)
            if src is None and p > 0 and f.quote.start - paragraphs[p][0] <= 2:
                prev = last_in_para.get(p - 1)
                if prev is not None and prev.quote.kind == "direct":
                    src = prev
            if src is not None and src.quote.speaker is not None:
                f.quote.speaker = src.quote.speaker.model_copy()
            elif f.guess is not None:
                f.quote.speaker = f.guess
        if f.quote.speaker is not None and f.quote.kind in ("direct", "mixed"):
            last_in_para[p] = f


def _raise(exc: BaseException, where: str) -> None:
    raise exc


def extract_quotes(doc: Doc, *, report: Optional[Report] = None) -> list[Quote]:
    """Direct, mixed and indirect quotes of ``doc`` with their cues and resolved speakers.

    ``report(exc, where)``: called when one quote, one reported clause or the speaker resolution raises,
    which then costs only that item (the component passes :func:`claimpipe.nlp.faults.reporter`); without it
    the exception propagates.
    """
    if report is None:
        report = _raise
    if not len(doc):
        return []
    from claimpipe.nlp.components.quotes.speakers import resolve_speakers

    _INDEXES[id(doc)] = _DocIndex(doc)
    try:
        return _extract_quotes(doc, resolve_speakers, report)
    finally:
        _INDEXES.pop(id(doc), None)


def _extract_quotes(doc: Doc, resolve_speakers, report: Report) -> list[Quote]:
    paragraphs = _paragraph_spans(doc)
    pairs = find_quote_marks(doc_text(doc), paragraphs)
    cues = _report_candidates(doc)
    direct = _direct_quotes(doc, pairs, cues, report)
    taken = [(min(f.quote.start, *(a for a, _ in f.pieces)), max(f.quote.end, *(b for _, b in f.pieces)))
             for f in direct]
    used = {f.cue_token for f in direct if f.cue_token is not None}
    indirect = _indirect_quotes(doc, SpanIndex(taken), used, cues, report)
    # an indirect clause that holds a short quoted fragment makes a mixed quote; one that is
    # mostly a direct quote gives way to it
    kept_direct = []
    dropped: set[int] = set()
    # the host of each direct quote: the first indirect one holding it
    hosts = _first_holding([(g.quote.start, g.quote.end) for g in indirect], [(f.quote.start, f.quote.end) for f in direct])
    for f, h in zip(direct, hosts):
        host = indirect[h] if h >= 0 else None
        if host is not None and f.quote.kind == "direct":
            if _fragment_of(doc, f.quote, host.quote):
                host.quote.kind = "mixed"
                continue
            dropped.add(id(host))
        kept_direct.append(f)
    indirect = [g for g in indirect if id(g) not in dropped]
    blocking = SpanIndex((f.quote.start, f.quote.end) for f in kept_direct if f.quote.kind != "indirect")
    indirect = [g for g in indirect if not blocking.overlaps(g.quote.start, g.quote.end) or g.quote.kind == "mixed"]
    found = sorted(kept_direct + indirect, key=lambda f: f.quote.start)
    _inherit_speakers(doc, found, paragraphs)
    quotes = [f.quote for f in found]
    try:
        resolve_speakers(doc, quotes)
    except Exception as exc:  # noqa: BLE001 - names stay the mentions themselves
        report(exc, "speaker resolution")
    return quotes


@Language.component("claimpipe_quotes", requires=["token.dep"], assigns=["doc._.claimpipe_quotes"])
def quotes_component(doc: Doc) -> Doc:
    """Set ``doc._.claimpipe_quotes``; a failure costs only the quotes it touches (see :mod:`claimpipe.nlp.faults`)."""
    doc._.claimpipe_quotes = []
    with faults.isolated(doc, "claimpipe_quotes"):
        doc._.claimpipe_quotes = extract_quotes(doc, report=faults.reporter(doc, "claimpipe_quotes"))
    return doc
