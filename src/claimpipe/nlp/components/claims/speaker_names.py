"""The quotes' speaker names as the claims read them.

The quote finder names each speaker mention from what is near it: "he" is the latest man mentioned, "the firm"
the latest company. The claims' source rules (:func:`claimpipe.nlp.components.claims.source._checked_name`) read
the whole article for the same mention: "he" is the latest person made a subject or a speaker (not a name inside
a quote or a programme title), "the firm" the latest company that spoke or was made a subject, "The 27-year-old"
whom the sentence before is about, "Treasurer Peter Costello" Peter Costello. Without this step a claim and the
quote it is made of could name two people in one record ("He added: ..." credited to the speaker by the claim
and to the man he had just praised by its quote).

:func:`checked_speakers` gives each quote's speaker that name, keeping the mention itself (its text and offsets,
what the attribution evaluation scores); a mention the rules name nobody (a medium, "no-one") keeps the quote
finder's name, and so does a group the quote finder named in full where the rules keep only its head noun
("representatives of the armed forces", not "representatives": a record's name tells more). On the claims of the
41 audit sets labelled with a speaker, the names of 1,498 of their 1,641 quotes are one the label accepts,
instead of 1,374 (``python scripts/quote_speaker_names.py``; README, "Quote speaker names").
"""

from __future__ import annotations

from spacy.tokens import Doc

from claimpipe.nlp.components.claims.source import SourceIndex, _checked_name
from claimpipe.nlp.components.claims.source_names import name_without_role
from claimpipe.nlp.components.quotes.speakers import PRONOUNS  # never a name

MAX_QUOTES = 1000  # more quotes than any news article has (a quote storm): the quote finder's names stay, so the
# step's cost stays bounded (the rules look back over the article for each mention)


def checked_speakers(doc: Doc, quotes: list, index: SourceIndex) -> list:
    """``quotes`` with each named speaker's name as the claims' source rules resolve its mention (a new quote
    where the name changes, the same object otherwise); a name the rules cut to its first words stays whole, and
    an article with more than :data:`MAX_QUOTES` quotes keeps the quote finder's names."""
    if len(quotes) > MAX_QUOTES:
        return quotes
    out, text = [], doc.text  # (once: doc.text joins every token each time it is read)
    for quote in quotes:
        speaker = quote.speaker
        if speaker is not None and speaker.name:
            name = _checked_name(doc, speaker.start, speaker.end, speaker.name, index)
            name = name_without_role(name, text, index.persons) if name else None
            if name and name != speaker.name and name.lower() not in PRONOUNS \
                    and not speaker.name.startswith(name + " of "):  # the rules' head of "representatives of ..."
                quote = quote.model_copy(update={"speaker": speaker.model_copy(update={"name": name})})
        out.append(quote)
    return out
