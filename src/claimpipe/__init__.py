"""claimpipe: claims, quotes, dates and entities from news articles, as validated JSONL records.

The pipeline reads like its modules: ``read`` -> ``segment`` -> spaCy components (``entities``,
``dates``, ``quotes``, ``claims``) -> ``assemble`` -> ``write`` / ``db``.
Importing the package is cheap: spaCy is imported only by the modules that need it.
"""

__version__ = "0.1.0"
