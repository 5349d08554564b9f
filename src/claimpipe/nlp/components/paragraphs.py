"""Segmentation: paragraphs, sentence starts at paragraph breaks, and the trailing author bio.

``claimpipe_paragraphs`` runs before the parser: it marks the first token after every line break
as a sentence start, so no sentence crosses a paragraph break or the title line (the parser keeps
boundaries that are already set). It also records the paragraphs' character spans and a trailing
author-bio / contact paragraph, which is not a source of claims (config ``detect_bio``).

The pure functions :func:`iter_paragraphs`, :func:`find_bio` and :func:`set_paragraph_starts` do the work;
:class:`ParagraphsComponent` (factory ``claimpipe_paragraphs``) puts them on the doc.
"""

from __future__ import annotations

import re
import weakref
from typing import Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc

from claimpipe.nlp import extensions, faults
from claimpipe.nlp.components.base import Component

extensions.register()

_TEXT_CACHE: dict[int, tuple] = {}  # id(doc) -> (weak reference to the doc, its text)
_WORD_CACHE: dict[int, tuple] = {}  # id(doc) -> (weak reference to the doc, {token text: token indices})


def _remembered(cache: dict, doc: Doc, make):
    """``make(doc)``, computed once and kept in ``cache`` while the doc lives."""
    key = id(doc)
    cached = cache.get(key)
    if cached is not None and cached[0]() is doc:
        return cached[1]
    value = make(doc)
    cache[key] = (weakref.ref(doc, lambda _, key=key: cache.pop(key, None)), value)
    return value


def doc_text(doc: Doc) -> str:
    """``doc.text``, remembered while the doc lives (spaCy rebuilds the string on every access)."""
    return _remembered(_TEXT_CACHE, doc, lambda d: d.text)


def token_positions(doc: Doc) -> dict[str, list[int]]:
    """Each token text of ``doc`` with the indices of its tokens in order, built once while the doc lives (to find
    a word's other occurrences without rescanning a long article for each)."""
    def positions(d: Doc) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for tok in d:
            out.setdefault(tok.text, []).append(tok.i)
        return out

    return _remembered(_WORD_CACHE, doc, positions)


_BREAK = re.compile(r"[\n\r]")
_STOP_THEN_CAPITAL = re.compile(r"\.[ \t]+(?=[A-Z])")  # a full stop, spaces, a capital: where the parser may run on
_NUMBER_UNITS = frozenset(["m", "bn", "k", "tn", "mn", "p"])  # '$640m.', '£2bn.', '50p.'
_NOT_ENDS = frozenset(["v", "vs", "mr", "mrs", "ms", "dr", "st", "no", "gen", "sen", "rep", "gov", "lt", "col", "capt",
                       "prof", "rev", "sgt", "fr", "sr", "jr", "mt", "ft", "cf", "e.g", "i.e", "viz", "approx"])
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CONTACT = re.compile(
    r"\b(?:can be (?:reached|contacted)|contact (?:him|her|them|the author)|follow (?:him|her|them) on|"
    r"on (?:twitter|x|linkedin|mastodon|bluesky)\b|@\w{2,}\b)",
    re.IGNORECASE,
)
_BIO_VERB = re.compile(
    r"\b(?:is an? (?:[\w-]+ ){0,4}(?:fellow|researcher|journalist|analyst|professor|lecturer|writer|author|"
    r"correspondent|editor|reporter|columnist|scholar|expert|consultant|director|contributor|student|candidate)|"
    r"speciali[sz]es (?:on|in)|writes (?:about|on)|is the author of|(?:holds|has) a (?:PhD|doctorate|degree))\b",
    re.IGNORECASE,
)
_LEADING_NAME = re.compile(
    r"^((?:Dr\.? |Prof\.? )?[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|al|bin|el)){1,3})"
    r"(?=,? (?:is|was|specializes|specialises|writes|has|teaches|works|covers|holds|serves|leads|heads)\b)"
)


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the non-blank lines of ``text``, stripped of surrounding white space."""
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        yield start, start + len(stripped)


def find_bio(text: str, paragraphs: list[tuple[int, int]]) -> Optional[tuple[int, int]]:
    """The span of a trailing author-bio / contact paragraph, or None.

    Only the last paragraph is considered; it counts as a bio when it carries contact details
    (an e-mail address, "can be reached at", a social handle) or opens with a name followed by a
    biographical verb ("X is a senior fellow at ...", "X specializes on ...").
    """
    if len(paragraphs) < 2:
        return None
    start, end = paragraphs[-1]
    para = text[start:end]
    if len(para) > 800:
        return None
    contact = bool(_EMAIL.search(para) or _CONTACT.search(para))
    bio_verb = bool(_BIO_VERB.search(para))
    leading_name = bool(_LEADING_NAME.match(para))
    if contact or (bio_verb and leading_name):
        return start, end
    return None


def bio_author(text: str, bio: Optional[tuple[int, int]]) -> Optional[str]:
    """The name a bio paragraph opens with ("Emil Avdaliani specializes on ..." -> "Emil Avdaliani")."""
    if bio is None:
        return None
    match = _LEADING_NAME.match(text[bio[0] : bio[1]])
    return match.group(1) if match else None


def _token_index(starts, offsets):
    """The index of the token each character offset falls in (``starts``: the tokens' first offsets)."""
    import numpy as np

    return (np.searchsorted(starts, offsets, side="right") - 1).tolist()


def stop_starts(doc: Doc, text: str, starts) -> list[int]:
    """Tokens after a full stop that ends a sentence where the parser is known to run on: a stop the tokenizer
    split off ('... starred in Collateral and Ray. Clive Owen ...'), a money or number unit with its stop
    ('losses of $640m. Allianz said ...'), or an abbreviation or initial before a capitalised function word
    ('Malcolm X. Besides ...', 'Acme Inc. The firm ...'; never 'George W. Bush' nor 'Smith v. The State')."""
    from spacy.lang.en.stop_words import STOP_WORDS

    matches = list(_STOP_THEN_CAPITAL.finditer(text))
    if not matches:
        return []
    out = []
    stops, nexts = _token_index(starts, [m.start() for m in matches]), _token_index(starts, [m.end() for m in matches])
    for m, i, j in zip(matches, stops, nexts):
        tok, nxt = doc[i], doc[j]
        if nxt.idx != m.end() or not tok.text.endswith("."):
            continue
        stem = tok.text[:-1].lower()
        if tok.text == ".":
            ok = i > 0 and doc[i - 1].text[-1:].isalnum() and not doc[i - 1].whitespace_
        elif stem in _NUMBER_UNITS:
            ok = i > 0 and doc[i - 1].like_num and not doc[i - 1].whitespace_
        else:
            ok = (any(c.isalpha() for c in stem) and stem not in _NOT_ENDS and nxt.text.istitle()
                  and nxt.lower_ in STOP_WORDS)
        if ok:
            out.append(j)
    return out


def set_paragraph_starts(doc: Doc) -> Doc:
    """Mark every token that follows a line break as a sentence start (and the break token as not), and the
    tokens after the full stops of :func:`stop_starts`."""
    text = doc_text(doc)
    has_break = "\n" in text or "\r" in text
    if not has_break and ". " not in text:
        return doc
    import numpy as np
    from spacy.attrs import IDX

    starts = doc.to_array([IDX]).reshape(-1).astype(np.int64)
    n = len(doc)
    not_starts, new_starts = [], []
    if has_break:
        offsets = [m.start() for m in _BREAK.finditer(text)]
        # a line break is never trailing white space, so it sits inside the token starting last before it
        broken = set(_token_index(starts, offsets))
        not_starts = [i for i in sorted(broken) if i >= 1]
        new_starts = [i + 1 for i in sorted(broken) if i + 1 < n and i + 1 not in broken]
    new_starts += stop_starts(doc, text, starts)
    if not not_starts and not new_starts:
        return doc
    # what setting ``token.is_sent_start`` one token at a time does, in one pass: the setter checks the whole
    # doc for a parse on every call (quadratic in a long article); it refuses to write into a parsed doc
    from spacy.attrs import SENT_START
    from spacy.errors import Errors

    if doc.has_annotation("DEP"):
        raise ValueError(Errors.E043)
    values = doc.to_array([SENT_START]).reshape(-1).astype(np.int64)
    if not_starts:
        values[np.array(not_starts, dtype=np.int64)] = -1
    if new_starts:
        values[np.array(new_starts, dtype=np.int64)] = 1
    doc.from_array([SENT_START], values.astype(np.uint64))
    return doc


class ParagraphsComponent(Component):
    """Sentence starts at line breaks, the paragraphs' spans and (``detect_bio``) the trailing bio paragraph."""

    def __init__(self, nlp: Language, name: str, *, detect_bio: bool = True):
        super().__init__(nlp, name, detect_bio=detect_bio)

    def __call__(self, doc: Doc) -> Doc:
        with faults.isolated(doc, self.name):
            set_paragraph_starts(doc)
        self.set_paragraphs(doc)
        return doc

    def set_paragraphs(self, doc: Doc) -> Doc:
        """The doc-level part: ``doc._.claimpipe_paragraphs`` and ``doc._.claimpipe_bio`` (the pipeline calls it
        again on a long text joined from pieces, whose sentence starts the pieces already have)."""
        with faults.isolated(doc, self.name):
            text = doc_text(doc)
            paragraphs = list(iter_paragraphs(text))
            doc._.claimpipe_paragraphs = paragraphs
            doc._.claimpipe_bio = find_bio(text, paragraphs) if self.cfg["detect_bio"] else None
        return doc


@Language.factory(
    "claimpipe_paragraphs",
    default_config={"detect_bio": True},
    assigns=["token.is_sent_start", "doc._.claimpipe_paragraphs", "doc._.claimpipe_bio"],
)
def make_paragraphs(nlp: Language, name: str, detect_bio: bool) -> ParagraphsComponent:
    """Runs before the parser (which keeps the sentence starts it sets). ``detect_bio``: look for a trailing
    author-bio / contact paragraph (``doc._.claimpipe_bio``; claims take their author from it)."""
    return ParagraphsComponent(nlp, name, detect_bio=detect_bio)
