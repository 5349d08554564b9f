"""claimpipe's spaCy components, in pipeline order: ``paragraphs`` (before the parser), then after the
model's own components ``entities``, ``dates``, ``quotes`` and ``claims``. Importing a module registers its
factory; every factory is also an entry point (``spacy_factories``), so ``nlp.add_pipe("claimpipe_dates")``
works in any pipeline once claimpipe is installed."""
