"""The sentences claims may come from: every sentence of the article but the title and the author bio, whole.

The parser's sentences are mended before they become candidates, so that a claim is a whole clause:

- a sentence never crosses a paragraph break (the title line's sentence does not take the body's first word);
- a piece that does not end a sentence (no full stop, question or exclamation mark, with any closing quotation
  mark, before the next piece of its paragraph) is joined to the next piece when it has no clause of its own,
  the next one starts in lower case ('UK' + 'house' + 'prices rose ...') or with a title ending in '!' or '?'
  before a comma ('for the song' + 'Yeah!, while ...');
- an attribution tail after a quote ('Mr Kashyap's lawyer said.', 'he added.') is joined to the quote it closes;
- what is left without a minimal clause (a finite verb, a verb with its subject, or a verb with its object or
  complement) is not a candidate, nor is a bare attribution tail or a labelled list of names: a team sheet,
  'he added.', 'Subs Not Used: Rice, Todd.'.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from claimpipe import lexicon

CLOSERS = "\"'”’»)]"
_TITLE_CUT = re.compile(r"[A-Z][^\s,.!?]*(?: [A-Z][^\s,.!?]*){0,5}[!?][\"'”’]?[,;]")  # "Yeah!, while ..."
ENDS = (".", "!", "?", "…")
SUBJECT_DEPS = frozenset(["nsubj", "nsubjpass", "expl", "csubj", "csubjpass"])
PREDICATE_DEPS = frozenset(["dobj", "attr", "acomp", "ccomp", "xcomp", "oprd", "agent", "dative"])
FINITE_TAGS = frozenset(["VBD", "VBP", "VBZ", "MD"])
TAIL_DEPS = frozenset(["nsubj", "punct", "advmod", "npadvmod", "prep", "dative", "dobj", "aux", "neg", "cc", "prt"])


def _excluded(doc: Doc) -> list[tuple[int, int]]:
    return [tuple(x) for x in (doc._.claimpipe_title, doc._.claimpipe_bio) if x]


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or not span.doc[start].text.strip()):
        start += 1
    while end > start and (span.doc[end - 1].is_space or not span.doc[end - 1].text.strip()):
        end -= 1
    return span.doc[start:end]


def _lines(span: Span) -> list[Span]:
    """``span`` cut at its line breaks (a sentence never crosses a paragraph), each piece trimmed."""
    doc = span.doc
    out, start = [], span.start
    for t in span:
        if "\n" in t.text or "\n" in t.whitespace_:
            end = t.i if "\n" in t.text else t.i + 1
            out.append(doc[start:end])
            start = t.i + 1
    out.append(doc[start:span.end])
    return [p for p in (_trim(x) for x in out) if len(p)]


def _ends_sentence(span: Span) -> bool:
    return span.text.rstrip().rstrip(CLOSERS).endswith(ENDS)


def _ends_with_quote(span: Span) -> bool:
    text = span.text.rstrip()
    return bool(text) and text[-1] in "\"”’'" and text.rstrip(CLOSERS).endswith(ENDS + (",",))


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return lexicon.words("reporting_verbs.txt")


def is_attribution_tail(span: Span) -> bool:
    """'he added.', 'Mr Kashyap's lawyer Mihir Desai said.': a subject and a reporting verb, nothing reported."""
    root = span.root
    if root.lemma_.lower() not in _reporting_verbs() or any(c in span.text for c in "\"“”"):
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if not subjects or not all(c.dep_ in TAIL_DEPS for c in root.children):
        return False
    subject = {t.i for c in subjects for t in c.subtree}
    rest = [t for t in span if t.i not in subject and not t.is_punct]
    return len(rest) <= 4  # the verb and at most "on Tuesday", "reporters", "later"


def has_clause(span: Span) -> bool:
    """A minimal clause: a finite verb, a verb with its subject, or a verb with an object or complement."""
    start, end = span.start, span.end
    for t in span:
        if t.tag_ in FINITE_TAGS:
            return True
        head = t.head
        if t.dep_ in SUBJECT_DEPS and head.pos_ in ("VERB", "AUX") and start <= head.i < end:
            return True
        if t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" and any(c.dep_ in PREDICATE_DEPS for c in t.children):
            return True
    return False


def is_name_list(span: Span) -> bool:
    """A labelled list of names ("Subs Not Used: Rice, Todd.", "Booked: Ampadu, Clay."): a heading of a few
    capitalised words, a colon, then only names, numbers and their commas; a team sheet's line, not a clause."""
    colon = next((t.i for t in span[:6] if t.text == ":"), None)
    if colon is None or colon == span.start:
        return False
    head, rest = span.doc[span.start:colon], span.doc[colon + 1:span.end]
    return all(t.is_title or t.is_punct for t in head) and any(t.pos_ == "PROPN" for t in rest) and all(
        t.pos_ in ("PROPN", "NUM", "PUNCT", "CCONJ") for t in rest)


def _same_paragraph(doc: Doc, a: Span, b: Span) -> bool:
    return a.end <= b.start and all("\n" not in t.text_with_ws for t in doc[a.end - 1:b.start])


def candidate_sentences(doc: Doc) -> list[Span]:
    """The sentences claims may come from: whole, outside the title and the bio, each a minimal clause."""
    excluded = _excluded(doc)
    pieces = []
    for sent in doc.sents:
        for span in _lines(sent):
            if not any(t.is_alpha for t in span):
                continue
            if any(s <= span.start_char < e or s < span.end_char <= e for s, e in excluded):
                continue
            pieces.append(span)
    parsed = doc.has_annotation("DEP")
    merged: list[Span] = []
    for span in pieces:
        if merged and _same_paragraph(doc, merged[-1], span):
            prev = merged[-1]
            unfinished = not _ends_sentence(prev) and (
                not parsed or not has_clause(prev) or not span.text[:1].isupper()
                or _TITLE_CUT.match(span.text) is not None)  # a sentence missing its full stop ("... $4.06
            # trillion However, ...") stays apart: both halves are clauses; one cut before a title ending in
            # '!' or '?' ("for the song" | "Yeah!, while ...") does not
            if unfinished or (_ends_with_quote(prev) and is_attribution_tail(span)):
                merged[-1] = doc[prev.start:span.end]
                continue
        merged.append(span)
    if not parsed:
        return merged  # no parse (a sentencizer alone): no clause to check
    return [span for span in merged if has_clause(span) and not is_attribution_tail(span) and not is_name_list(span)]
