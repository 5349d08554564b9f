"""Quotes and reported speech, with who said them: the ``claimpipe_quotes`` component.

``claimpipe_quotes`` runs after the parser, the named entities and ``claimpipe_entities``. It finds

* **direct quotes**: the text inside quotation marks of any common kind (" “” ‘’ «» „“ ``''``), paired by
  kind so that nested quotes work and one unbalanced mark costs only its quote; a quote running over
  several paragraphs is one quote per paragraph piece, sharing the speaker.
* **mixed quotes**: a quoted fragment inside reported speech (X said the plan was "dead on
  arrival"); the content is the reported clause.
* **indirect speech**: a reporting verb with a clausal complement (``X said (that) ...``,
  ``X told reporters ...``, ``it has been suggested by X that ...``, ``..., X said``) and
  ``according to X, ...``.

Direct quotes are found by rules over the spaCy parse; reported speech by a cue model trained on PolNeAR train
(``learned``: numpy over the parse, no second model pass; ``attribution_model: "rules"`` for the word lists
alone), checked on PolNeAR dev (``claimpipe eval polnear``). The modules, in the order a quote is found:

============  ===================================================================================
marks         which quotation marks pair up (pure text, no spaCy)
cues          reporting verbs and other cues, from the component's word lists
context       what the rules share for one doc: the word lists and the doc's indexes
mentions      the speaker mention the parse ties to a cue (or a neighbouring sentence gives)
direct        direct and mixed quotes: a quoted stretch with its cue and speaker
learned       the trained cue model: candidate cues, what each would report, its features, its scores
indirect      reported clauses, ``according to X``, ``Name: statement``
chooser       the trained speaker chooser: another mention replaces the rules' speaker of a direct quote
              when it scores more than a margin above it
speakers      a speaker mention resolved to a name used in the article
extract       :func:`extract_quotes`: all of the above merged, speakers inherited and resolved
component     :class:`QuotesComponent`, made by the ``claimpipe_quotes`` factory
============  ===================================================================================
"""

from claimpipe.nlp.components.quotes.component import QuotesComponent, quotes_component
from claimpipe.nlp.components.quotes.context import QuoteWords
from claimpipe.nlp.components.quotes.cues import Cues
from claimpipe.nlp.components.quotes.extract import extract_quotes
from claimpipe.nlp.components.quotes.marks import QuotePair, find_quote_marks

__all__ = ["Cues", "QuotePair", "QuoteWords", "QuotesComponent", "extract_quotes", "find_quote_marks",
           "quotes_component"]
