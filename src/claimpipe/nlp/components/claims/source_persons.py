"""Who a speaker mention stands for, beyond :mod:`.source`'s checks: a surname the entity model took for an
organisation ("O'Connell said" after "Paul O'Connell"), and a paper's report of a statement held inside it
("X believes ..., the Daily Post reported": X's)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from claimpipe import lexicon
from claimpipe.nlp.components.claims.source_speech import pair_before, tag_speaker
from claimpipe.nlp.components.claims.source_marks import _tokens
from claimpipe.nlp.components.claims.source_text import recent_speakers
from claimpipe.nlp.components.paragraphs import doc_text

SOURCE_WORDS = "source_words.txt"


def surname_org(e, full_names: dict) -> Optional[str]:
    """The person named in full before ``e`` when ``e`` is an ORG entity of one word that ends that person's name
    ("O'Connell is rumoured ..." after "Paul O'Connell", the second mention tagged as an organisation): the
    latest such name, else None. ``full_names``: the article's :func:`full_names`."""
    if e.label != "ORG" or " " in e.canonical:
        return None
    return full_name_before(full_names, e.canonical, e.start)


def full_names(ents: list) -> dict[str, tuple[list[int], list[str]]]:
    """The PERSON names of more than one word among ``ents``, by their last word: (offsets, names) in text order,
    indexed once per article so that a long article's mentions cost a lookup each."""
    index: dict[str, tuple[list[int], list[str]]] = {}
    for p in sorted((p for p in ents if p.label == "PERSON"), key=lambda p: p.start):
        words = p.canonical.split()
        if len(words) > 1:
            starts, names = index.setdefault(words[-1], ([], []))
            starts.append(p.start)
            names.append(p.canonical)
    return index


def full_name_before(full_names: dict, surname: str, at: int) -> Optional[str]:
    """The latest name of ``full_names`` (:func:`full_names`) ending in ``surname`` that starts before offset ``at``,
    else None."""
    starts, names = full_names.get(surname, ((), ()))
    k = bisect_left(starts, at)
    return names[k - 1] if k else None


def inner_holder(doc: Doc, name: str, quote, named: list) -> str:
    """A paper reporting someone's statement ("X believes ..., the Daily Post reported", "X has said ...,
    according to the Daily Post") is where it was made
    known: the statement is X's, the speaker named by a proper noun of a quote inside the paper's whose cue is
    inside it too (not "the BBC has said", the medium's own statement)."""
    outer = _tokens(doc, quote.cue.start, quote.cue.end) if quote.cue is not None else None
    if outer is None or outer.root.lemma_.lower() not in ("report", "accord") \
            or not {w.lower() for w in name.split()} & lexicon.words(SOURCE_WORDS, "media"):
        return name
    for q, inner in named:
        if q is not quote and inner != name and quote.start <= q.start and q.end <= quote.end \
                and q.cue is not None and quote.start <= q.cue.start < quote.end and q.speaker is not None:
            speaker = _tokens(doc, q.speaker.start, q.speaker.end)
            if speaker is not None and speaker.root.pos_ == "PROPN":
                return inner
    return name


STATE_BODIES = frozenset(["government", "administration", "regime"])  # a state's executive: no firm's description


FIELD_BODIES = frozenset(["ministry", "department", "commission", "committee", "agency", "office"])


def state_body(head, index, at: int) -> bool:
    """"the government" at offset ``at`` is a body of its own, not the firm that spoke last ("The firm said ...
    Last month, the government said ..."), unless an organisation named before is a government; so is a ministry or
    a department named by its field ("figures from the trade ministry"), unless one named before has that field."""
    lemma = head.lemma_.lower()
    if lemma in FIELD_BODIES and head.pos_ in ("NOUN", "PROPN"):  # "the trade ministry": named by its field
        fields = [c.lower_ for c in head.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
        return bool(fields) and not any(e.label == "ORG" and e.start < at and all(
            w in e.canonical.lower() for w in fields) for e in index.ents)
    return lemma in STATE_BODIES and not any(
        e.label == "ORG" and e.start < at and lemma in e.canonical.lower() for e in index.ents)


def previous_subject(doc: Doc, at: int) -> Optional[Token]:
    """The subject of the main verb of the sentence before offset ``at`` (None at the doc's first sentence)."""
    here = _tokens(doc, at, at + 1)
    if here is None or here[0].sent.start == 0:
        return None
    root = doc[here[0].sent.start - 1].sent.root
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def subject_phrase(subj: Token) -> str:
    """``subj`` with its determiner, adjectives, compounds and possessor ("the class-action lawsuit")."""
    left = min(t.i for t in subj.subtree if t.dep_ in ("det", "amod", "compound", "poss") or t is subj)
    return subj.doc[left:subj.i + 1].text


def it_state_body(doc: Doc, at: int, index) -> Optional[str]:
    """What 'it' at offset ``at`` stands for when the sentence before is about a state's executive ("the
    government has expanded its role. It recently said ..."): that body's phrase, else None."""
    subj = previous_subject(doc, at)
    if subj is None or subj.tag_ != "NN" or not state_body(subj, index, subj.idx):
        return None
    return subject_phrase(subj)


def they_speaker(doc: Doc, at: int, index, resolve) -> Optional[str]:
    """Whom 'they' at offset ``at`` stands for as a speaker ("Officials claim ... They also allege ..."): the
    speaker of the latest statement in its sentence or the one before when that speaker is plural (a plural
    noun, or names joined by "and"), resolved by ``resolve(doc, start, end, name, index)``; else None."""
    if _tokens(doc, at, at + 1) is None:
        return None
    for speaker, span in recent_speakers(doc, at, index):
        root = span.root
        if span.text.lower() != "they" and speaker.start < at and (
                root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in root.children)):
            return resolve(doc, speaker.start, speaker.end, speaker.name, index)
    return pair_before(doc, at, index.ents)  # "X and Y ... The two firms will ... They said": X's (and Y's)


AGENT_ENDINGS = ("er", "or", "ist", "ian")
NOT_AGENTS = frozenset(["number", "paper", "letter", "matter", "order", "water", "power", "quarter", "border",
                        "sector", "factor", "error", "minor", "major", "meter", "chapter", "layer", "corner"])


def agent_noun(subj) -> bool:
    """People named by what they do, in the plural ("The organisers are hoping that ...", "promoters believe
    ..."): a plural common noun whose lemma is an agent noun (-er, -or, -ist, -ian), not a thing ("the numbers
    show")."""
    lemma = subj.lemma_.lower()
    return subj.tag_ == "NNS" and len(lemma) >= 6 and lemma.endswith(AGENT_ENDINGS) and lemma not in NOT_AGENTS


def _is_document(tok: Token) -> bool:
    """Data or a finding that speaks for itself ("statistics released on Monday", "an investigation")."""
    documents = lexicon.words(SOURCE_WORDS, "document")
    return tok.lemma_.lower() in documents or tok.lower_ in documents


def _puts_at(verb: Token) -> bool:
    """An estimate set at an amount: "put" with "at" (on the verb or inside its object, "put the amount of aid
    needed at ...") and a subject that is data or a finding ("estimates from the bank put the cost at ...")."""
    if verb.lemma_.lower() != "put":
        return False
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in c.subtree]  # "the amount of aid needed at ..."
    return any(c.dep_ == "prep" and c.lower_ == "at" for c in list(verb.children) + objects) \
        and any(c.dep_ == "nsubj" and _is_document(c) for c in verb.children)


SHOWING_VERBS = frozenset(["show", "reveal", "suggest", "indicate"])


def data_shows(verb: Token) -> bool:
    """Data showing a finding as a noun phrase: "figures showed a fall in growth", "figures released on Monday
    showed exports at a record" (a verb of showing, active, with an object and a subject that is data or a
    finding); with a clause ("showed that ...") it is a verb of saying already."""
    return verb.lemma_.lower() in SHOWING_VERBS and verb.tag_ != "VBG" \
        and any(c.dep_ == "dobj" and c.i > verb.i for c in verb.children) \
        and any(c.dep_ == "nsubj" and _is_document(c) for c in verb.children)


def quoted_as_saying(tok: Token) -> Optional[Token]:
    """Who a paper or a body "quoted ... as saying" a statement is (``tok``: the verb "quoted" or the "saying" under
    its "as"): the object quoted ("the Daily Post quoted a source close to the talks as saying ...": the source,
    not the paper), or the subject of the passive ("Jane Marlow was quoted as saying ..."); else None."""
    if tok.dep_ == "pcomp" and tok.head.lower_ == "as":
        tok = tok.head.head
    if tok.lemma_.lower() != "quote" or not any(
            c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
            for c in tok.children):
        return None
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    return next((c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)


def quoting_verb(span) -> Optional[Token]:
    """The verb "quoted ... as saying" whose subject or agent the mention ``span`` is ("the paper quoted X as
    saying", "X was quoted by the paper as saying"): who is quoted speaks, not the paper."""
    if span is None:
        return None
    root = span.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else \
        root.head if root.dep_ == "nsubj" else None
    return verb if verb is not None and quoted_as_saying(verb) is not None else None


NOBODY = frozenset(["no-one", "noone", "no one", "nobody", "none", "nothing"])


HEARSAY = frozenset(["rumour", "rumor", "speculation", "gossip", "whisper"])


def body_of_its_own(head: Token, ent, words: Callable[[str], frozenset]) -> bool:
    """``head``, a noun after the possessive name ``ent``, is a body of its own that speaks for itself: a part of an
    organisation or a party outside it ("the bank's board", "its creditors"), or a person's own people ("Mr Holt's
    team"; "Acme's Windows team" speaks for Acme). ``words(tag)``: the source words with that tag."""
    lemma = head.lemma_.lower()
    return lemma in words("part") | words("outside") or (ent.label == "PERSON" and lemma in words("entourage"))


def nobody(span) -> bool:
    """A negative pronoun, no speaker ("No-one knows what ...", "Nobody believes ..."): the mention, or "No" cut
    from its "-one"; hearsay with no maker ("recent rumours have suggested ...")."""
    doc, text = span.doc, span.text.lower()
    head = span.root
    if head.lemma_.lower() in HEARSAY and not any(c.dep_ == "prep" and c.lower_ in ("from", "by", "in")
                                                  for c in head.children):
        return True  # "recent rumours have suggested that ...": hearsay with no maker is nobody's statement
    if text == "no" and span.end < len(doc):
        text = "".join(t.text_with_ws for t in doc[span.start:min(span.end + 2, len(doc))]).lower().strip()
    return text in NOBODY or text.replace("-", "").replace(" ", "") in ("noone",)


def _quoted_at(text: str, at: int) -> bool:
    """Offset ``at`` lies inside a quote its paragraph opened: the last quotation mark before it opens one (no
    letter before it, one after it)."""
    para = text.rfind("\n", 0, at) + 1
    k = max(text.rfind(c, para, at) for c in "\"“”")
    if k < para or text[k] == "”":
        return False
    return (k == 0 or text[k - 1].isspace() or text[k - 1] in "(-—") and not text[k + 1:k + 2].isspace()


def later_speaker(doc: Doc, quote, index):
    """The speaker a quote with no cue runs on from when another's statement came between it and the speaker the
    quote finder gave it ('"...," said Ruiz. Jan Ekberg said that "this may be ... "Many families ..."': Ekberg's,
    not Ruiz's): the speaker of the latest statement ending just before it, named after the quote's own and
    outside quotation marks (not a statement inside the quote before, '"... they have indicated that ...'); else
    None."""
    tagged = tag_speaker(doc, quote, doc_text(doc))
    if tagged is not None:
        return tagged  # '"...," Acme Bank's Lowe.': the name set after the quote as its tag
    latest = index.spoken_quotes.before(quote.start + 1)
    closed = quote.speaker is not None and _named_after_close(doc_text(doc), quote)
    if latest is None or (quote.cue is not None and not closed) or quote.speaker is None or latest[1] is quote \
            or quote.start - latest[0] > 200:
        return None
    other = tag_speaker(doc, latest[1], doc_text(doc)) or latest[1].speaker  # after '"...," Acme Bank's Lowe.'
    if (other.start <= quote.speaker.start and not closed) or other.end > quote.start or not other.name \
            or _quoted_at(doc_text(doc), other.start):
        return None
    return other


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]*\s+\S")


def _named_after_close(text: str, quote) -> bool:
    """The quote's speaker (and its cue) come only after the quote closed its sentence ('"... keep the game
    honest." The two panels will report back ...', '"... couple of years." Dawson played ...'): the subject
    of the author's next sentence, not who spoke; the quote runs on from the statement before it."""
    after = quote.speaker.start >= quote.end and (quote.cue is None or quote.cue.start >= quote.end)
    return after and _SENTENCE_END.search(text, max(quote.start, quote.end - 2), quote.speaker.start + 1) is not None
