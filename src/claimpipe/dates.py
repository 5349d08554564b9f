"""Dates (interim): spaCy's DATE/TIME entities, not yet normalised.

Replaced by the TIMEX3 normaliser of the dates issue.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions
from .schema import TimeExpression

extensions.register()


def extract_dates(doc: Doc, *, dct: str | None = None) -> list[TimeExpression]:
    return [
        TimeExpression(text=e.text, start=e.start_char, end=e.end_char, type="TIME" if e.label_ == "TIME" else "DATE")
        for e in doc.ents
        if e.label_ in ("DATE", "TIME")
    ]


@Language.component("claimpipe_dates", requires=["doc.ents"], assigns=["doc._.claimpipe_dates"])
def dates_component(doc: Doc) -> Doc:
    doc._.claimpipe_dates = extract_dates(doc, dct=doc._.claimpipe_dct)
    return doc
