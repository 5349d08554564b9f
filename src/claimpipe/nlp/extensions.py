"""The ``Doc._.claimpipe_*`` extension attributes that claimpipe's components read and write.

Registered once, guarded with ``has_extension``. Every component imports :func:`register`.

=========================  ==========================================================  ===============
attribute                  value                                                       written by
=========================  ==========================================================  ===============
``claimpipe_dct``          document creation date ``YYYY-MM-DD`` or None               the caller
``claimpipe_title``        ``(start, end)`` of the title line, or None                 the caller
``claimpipe_paragraphs``   list of ``(start, end)`` paragraph character spans          claimpipe_paragraphs
``claimpipe_bio``          ``(start, end)`` of a trailing author-bio paragraph or None claimpipe_paragraphs
``claimpipe_entities``     list of :class:`claimpipe.schema.Entity`                    claimpipe_entities
``claimpipe_dates``        list of :class:`claimpipe.schema.TimeExpression`            claimpipe_dates
``claimpipe_quotes``       list of :class:`claimpipe.schema.Quote`                     claimpipe_quotes
``claimpipe_claims``       list of :class:`claimpipe.nlp.components.claims.Claim`                     claimpipe_claims
``claimpipe_faults``       list of :class:`claimpipe.nlp.faults.Fault` (isolated errors)   every component
=========================  ==========================================================  ===============
"""

from __future__ import annotations

from spacy.tokens import Doc

_DEFAULTS = {
    "claimpipe_dct": None,
    "claimpipe_title": None,
    "claimpipe_paragraphs": None,
    "claimpipe_bio": None,
    "claimpipe_entities": None,
    "claimpipe_dates": None,
    "claimpipe_quotes": None,
    "claimpipe_claims": None,
    "claimpipe_faults": None,
}


def register() -> None:
    for name, default in _DEFAULTS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
