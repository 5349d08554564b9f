"""Quotes (interim): the spans inside matched quotation marks.

Replaced by the quote and reported-speech extractor of the quotes issue.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions
from .schema import Quote

extensions.register()

_PAIRS = re.compile(r"\"([^\"\n]{2,}?)\"|“([^”\n]{2,}?)”")


def extract_quotes(doc: Doc) -> list[Quote]:
    quotes = []
    for m in _PAIRS.finditer(doc.text):
        group = 1 if m.group(1) is not None else 2
        quotes.append(Quote(text=m.group(group), start=m.start(group), end=m.end(group), kind="direct"))
    return quotes


@Language.component("claimpipe_quotes", assigns=["doc._.claimpipe_quotes"])
def quotes_component(doc: Doc) -> Doc:
    doc._.claimpipe_quotes = extract_quotes(doc)
    return doc
