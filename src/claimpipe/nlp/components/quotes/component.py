"""The ``claimpipe_quotes`` spaCy component: sets ``doc._.claimpipe_quotes`` from the parse and the entities.

Its one setting, ``attribution_model`` (``"trained"`` or ``"rules"``), says what decides reported speech. Its
data are the three word lists it reads (reporting verbs, verbs of belief, statement nouns), read from
:mod:`claimpipe.lexicon` when it is made, and the trained cue model; both are saved with ``nlp.to_disk`` (see
:class:`~claimpipe.nlp.components.base.Component`), so ``spacy.load`` of a saved pipeline finds the same
quotes. ``requires`` names everything it reads, so ``nlp.analyze_pipes()`` flags a pipeline that runs it
before the parser, the tagger's parts of speech, the lemmas, the named entities or ``claimpipe_entities``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from claimpipe.nlp import extensions, faults
from claimpipe.nlp.components.base import Component
from claimpipe.nlp.components.quotes.chooser import SpeakerModel
from claimpipe.nlp.components.quotes.context import QuoteWords
from claimpipe.nlp.components.quotes.extract import extract_quotes
from claimpipe.nlp.components.quotes.learned import CueModel

extensions.register()

# Also read, and left out because no component declares assigning it: token.pos (spaCy's English pipelines
# set it in the attribute ruler, which declares nothing), as for claimpipe_dates.
REQUIRES = [
    "doc.sents", "doc.ents", "token.dep", "token.head", "token.lemma", "token.ent_type",
    "doc._.claimpipe_paragraphs", "doc._.claimpipe_entities",
]


ATTRIBUTION_MODELS = ("trained", "rules")


@Language.factory("claimpipe_quotes", default_config={"attribution_model": "trained"}, requires=REQUIRES,
                  assigns=["doc._.claimpipe_quotes"])
def quotes_component(nlp: Language, name: str, attribution_model: str) -> "QuotesComponent":
    """Make a :class:`QuotesComponent` (``nlp.add_pipe("claimpipe_quotes")``; ``config={"attribution_model":
    "rules"}`` for the word-list rules alone)."""
    return QuotesComponent(nlp, name, attribution_model=attribution_model)


class QuotesComponent(Component):
    """Direct, mixed and indirect quotes with their cues and speakers; a failure costs only the quotes it
    touches (see :mod:`claimpipe.nlp.faults`).

    ``attribution_model``: ``"trained"`` (the default): reported speech is decided by the cue model trained on
    PolNeAR train (:mod:`~claimpipe.nlp.components.quotes.learned`, saved with the pipeline in
    ``attribution/``); ``"rules"``: by the word lists alone. Direct quotes are found by the rules either way;
    their speakers are the rules' unless the trained speaker chooser (:mod:`~claimpipe.nlp.components.quotes.chooser`,
    saved in ``speakers/``) prefers another mention by more than its margin.
    """

    LEXICONS = QuoteWords.LEXICONS  # speech_verbs, belief_verbs, statement_nouns

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    statement_nouns: frozenset[str]

    def __init__(self, nlp: Language, name: str = "claimpipe_quotes", *, attribution_model: str = "trained"):
        if attribution_model not in ATTRIBUTION_MODELS:
            raise ValueError(f"attribution_model must be one of {', '.join(ATTRIBUTION_MODELS)}, not {attribution_model!r}")
        self._words: Optional[QuoteWords] = None
        self.model: Optional[CueModel] = None
        self.speakers: Optional[SpeakerModel] = SpeakerModel.shipped()  # the trained speaker chooser
        super().__init__(nlp, name, attribution_model=attribution_model)
        self._configure()

    def __call__(self, doc: Doc) -> Doc:
        doc._.claimpipe_quotes = []
        with faults.isolated(doc, self.name):
            doc._.claimpipe_quotes = extract_quotes(doc, words=self.words, model=self.model, speakers=self.speakers,
                                                    report=faults.reporter(doc, self.name))
        return doc

    def _configure(self) -> None:
        if self.cfg.get("attribution_model", "trained") == "rules":
            self.model = None
        elif self.model is None:
            self.model = CueModel.shipped()

    def _save(self, path: Path) -> None:
        if self.model is not None:
            self.model.save(path / "attribution")
        if self.speakers is not None:
            self.speakers.save(path / "speakers")

    def _restore(self, path: Path) -> None:
        if (path / "attribution" / "meta.json").exists():
            self.model = CueModel.load(path / "attribution")
        if (path / "speakers" / "meta.json").exists():
            self.speakers = SpeakerModel.load(path / "speakers")

    def initialize(self, get_examples=None, *, nlp: Optional[Language] = None, **settings) -> None:
        """The shipped word lists and (for ``"trained"``) the shipped cue model."""
        self.model = None
        self.speakers = SpeakerModel.shipped()
        super().initialize(get_examples, nlp=nlp, **settings)

    @property
    def words(self) -> QuoteWords:
        """The component's lists as the rules take them (made again only when a list was replaced)."""
        words = self._words
        if words is None or words.speech_verbs is not self.speech_verbs \
                or words.belief_verbs is not self.belief_verbs or words.statement_nouns is not self.statement_nouns:
            words = self._words = QuoteWords(self.speech_verbs, self.belief_verbs, self.statement_nouns)
        return words
