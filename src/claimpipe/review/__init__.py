"""Review: read articles with their claims marked, record decisions, share and move them.

- :mod:`.store` reads an annotations folder and appends decisions to ``reviews.jsonl``;
- :mod:`.render` writes the HTML article view shared by the app and the report;
- :mod:`.server` is the local review app (standard library ``http.server``);
- :mod:`.inputs` checks what comes from outside (the app's decision request, names, times, URLs);
- :mod:`.export` converts decisions to ClaimReview, Label Studio, Prodigy and doccano, and back;
- the claims desk, the app's front door: :mod:`.desk` (its SQLite database), :mod:`.queue` (filters,
  pages, facets; repeated claims: :mod:`claimpipe.run.groups`), :mod:`.desk_pages`, :mod:`.profile_pages`,
  :mod:`.desk_list` and :mod:`.desk_routes` (its pages and routes), :mod:`.desk_export` (``--where``).
"""

from __future__ import annotations

from claimpipe.review.store import Corpus, ReviewStore, load_corpus

__all__ = ["Corpus", "ReviewStore", "load_corpus"]
