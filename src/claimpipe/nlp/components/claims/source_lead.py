"""The source of a news story's lead (:mod:`.source`): a first sentence that cites data or a report with no maker
("..., figures have shown", "..., a report says") is the finding of the body the next sentence names as saying
it ("..., the Commerce Department said", "the joint report from the FAO said"): a lead gives the news, the
sentence after it whose news it is."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from claimpipe import lexicon

REPORT_NOUNS = frozenset(["report", "survey", "study", "review", "analysis", "statement"])  # "a statement from X": X's
NAMED = ("ORG", "PERSON", "GPE")


@lru_cache(maxsize=1)
def document_nouns() -> frozenset[str]:
    """Nouns of data and reports ("figures", "research", "a survey"): the lexicon's documents and the report nouns."""
    return lexicon.words("source_words.txt", "document") | REPORT_NOUNS


def _is_lead(doc: Doc, start: int, text: str) -> bool:
    """The sentence at offset ``start`` opens the first paragraph after the headline."""
    para = text.rfind("\n", 0, start) + 1
    before = [p for p in text[:para].split("\n") if p.strip()]
    return len(before) == 1 and not text[para:start].strip()


def lead_source(doc: Doc, name: str, quote, index, text: str, tokens, resolve) -> str:
    """``name``, the speaker of ``quote`` in a claim, or, when that speaker is unnamed data or a report ("figures",
    "a report") in the story's lead, the named body that speaks in the next sentence (its statement's speaker
    resolved by ``resolve(doc, start, end, name, index)``, among ``index.statements``; ``tokens(doc, start, end)`` a
    span of characters)."""
    speaker = getattr(quote, "speaker", None)
    span = tokens(doc, speaker.start, speaker.end) if speaker is not None else None
    if span is None or span.root.pos_ != "NOUN" or span.root.lemma_.lower() not in document_nouns() \
            or any(t.ent_type_ in NAMED for t in span) or any(c.dep_ == "prep" for c in span.root.children):
        return name
    sent = span.root.sent
    if not _is_lead(doc, sent.start_char, text) or sent.end >= len(doc):
        return name
    nxt = doc[sent.end].sent
    if nxt.start < len(doc) and not nxt.text.strip():
        nxt = doc[nxt.end].sent if nxt.end < len(doc) else nxt
    named = {e.canonical for e in index.ents if e.label in NAMED}
    for q in index.statements:
        sp = q.speaker
        if sp is None or q.cue is None or not (nxt.start_char <= q.cue.start < nxt.end_char):
            continue
        found = resolve(doc, sp.start, sp.end, sp.name, index)
        if found in named:
            return found
    return name
