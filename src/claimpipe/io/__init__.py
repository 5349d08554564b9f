"""Input and output at the edges: articles read from files (``read``), records written atomically (``write``),
JSONL files checked against the schema (``validate``). Nothing here imports spaCy."""
