"""Claims: the check-worthy sentences of an article, with their kind, modality, source and amounts.

====================  =====================================================================================
module                what it holds
====================  =====================================================================================
``sentences``         the candidate sentences: all but the title and the author-bio paragraph
``checkworthiness``   the check-worthiness model: sentence features and a logistic-regression score
``kinds``             the claim kind (attribution, prediction, quantity, ...): its evidence and the rules; modality
``kind_model``        the trained kind model that weighs the evidence (numpy)
``source``            who makes the claim: the speaker of the quote it overlaps most, else the author
``quantities``        money, percentages and counts, normalised
``extract``           :func:`extract_claims` and :class:`Claim`: the above put together for one doc
``component``         the ``claimpipe_claims`` spaCy component (config, per-run cut, saved with the pipeline)
====================  =====================================================================================

The names callers use are importable from here.
"""

from claimpipe.nlp.components.claims.component import ClaimsComponent, claims_component
from claimpipe.nlp.components.claims.degree import is_comparison
from claimpipe.nlp.components.claims.extract import Claim, extract_claims
from claimpipe.nlp.components.claims.kinds import (
    KINDS,
    MODALITIES,
    is_attribution,
    is_future,
    kind,
    kind_evidence,
    modality,
    rule_kind,
)
from claimpipe.nlp.components.claims.sentences import candidate_sentences
from claimpipe.nlp.components.claims.source import source

__all__ = [
    "KINDS",
    "MODALITIES",
    "Claim",
    "ClaimsComponent",
    "candidate_sentences",
    "claims_component",
    "extract_claims",
    "is_attribution",
    "is_comparison",
    "is_future",
    "kind",
    "kind_evidence",
    "modality",
    "rule_kind",
    "source",
]
