"""The ``claimpipe_quotes`` spaCy component: sets ``doc._.claimpipe_quotes`` from the parse and the entities.

It has no settings: its data are the three word lists it reads (reporting verbs, verbs of belief, statement
nouns), read from :mod:`claimpipe.lexicon` when it is made and saved with ``nlp.to_disk`` (see
:class:`~claimpipe.nlp.components.base.Component`), so ``spacy.load`` of a saved pipeline finds the same
quotes. ``requires`` names everything it reads, so ``nlp.analyze_pipes()`` flags a pipeline that runs it
before the parser, the tagger's parts of speech, the lemmas, the named entities or ``claimpipe_entities``.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from claimpipe.nlp import extensions, faults
from claimpipe.nlp.components.base import Component
from claimpipe.nlp.components.quotes.context import QuoteWords
from claimpipe.nlp.components.quotes.extract import extract_quotes

extensions.register()

# Also read, and left out because no component declares assigning it: token.pos (spaCy's English pipelines
# set it in the attribute ruler, which declares nothing), as for claimpipe_dates.
REQUIRES = [
    "doc.sents", "doc.ents", "token.dep", "token.head", "token.lemma", "token.ent_type",
    "doc._.claimpipe_paragraphs", "doc._.claimpipe_entities",
]


@Language.factory("claimpipe_quotes", default_config={}, requires=REQUIRES, assigns=["doc._.claimpipe_quotes"])
def quotes_component(nlp: Language, name: str) -> "QuotesComponent":
    """Make a :class:`QuotesComponent` (``nlp.add_pipe("claimpipe_quotes")``)."""
    return QuotesComponent(nlp, name)


class QuotesComponent(Component):
    """Direct, mixed and indirect quotes with their cues and speakers; a failure costs only the quotes it
    touches (see :mod:`claimpipe.nlp.faults`)."""

    LEXICONS = QuoteWords.LEXICONS  # speech_verbs, belief_verbs, statement_nouns

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    statement_nouns: frozenset[str]

    def __init__(self, nlp: Language, name: str = "claimpipe_quotes"):
        self._words: Optional[QuoteWords] = None
        super().__init__(nlp, name)

    def __call__(self, doc: Doc) -> Doc:
        doc._.claimpipe_quotes = []
        with faults.isolated(doc, self.name):
            doc._.claimpipe_quotes = extract_quotes(doc, words=self.words, report=faults.reporter(doc, self.name))
        return doc

    @property
    def words(self) -> QuoteWords:
        """The component's lists as the rules take them (made again only when a list was replaced)."""
        words = self._words
        if words is None or words.speech_verbs is not self.speech_verbs \
                or words.belief_verbs is not self.belief_verbs or words.statement_nouns is not self.statement_nouns:
            words = self._words = QuoteWords(self.speech_verbs, self.belief_verbs, self.statement_nouns)
        return words
