"""Quote and attribution evaluation on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR is US political news with brat standoff attribution annotation: every attribution relation
(``E`` line) ties a Content span to a Cue and usually a Source. The layout is
``DIR/text/<article>.txt`` and ``DIR/attributions/<article>_<annotator>.ann``; when an article has
several annotators' files, the first in sorted order is used.

Scoring (a match is an overlap of at least half the shorter span):

* **direct quotes**: gold Content spans that start with a quotation mark, against the system's
  ``direct`` quotes. A system direct quote that overlaps a gold *non-direct* content (a mixed or
  indirect attribution) is left out of direct precision: the two tasks draw that line differently.
* **speaker accuracy**: of the matched gold quotes, how many have a system quote whose speaker
  mention overlaps the gold Source (quotes without a gold Source are not counted).
* **quote+speaker**: P/R/F1 where a match must also have the right speaker (gold without a Source:
  the system must give none or any; counted as right).
* **all attributions**: every gold Content against every system quote (direct, mixed, indirect).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

QUOTE_OPENERS = "\"“”‘'«»„`"


@dataclass
class GoldAttribution:
    """One brat attribution relation: content (possibly discontinuous), cue and source."""

    content: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(a for a, _ in self.content)

    @property
    def end(self) -> int:
        return max(b for _, b in self.content)

    def is_direct(self, text: str) -> bool:
        """A direct quote: the content starts with a quotation mark."""
        return text[self.start:self.start + 1] in QUOTE_OPENERS or text[self.start:self.start + 2] == "``"


@dataclass
class Article:
    name: str
    text: str
    gold: list[GoldAttribution]


def _parse_spans(field_text: str) -> list[tuple[int, int]]:
    spans = []
    for part in field_text.split(";"):
        a, b = part.split()
        spans.append((int(a), int(b)))
    return spans


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attribution relations of one brat ``.ann`` file (relations without a Content are skipped)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            kind_and_spans = cols[1].split(" ", 1)
            if len(kind_and_spans) == 2:
                try:
                    spans[cols[0]] = _parse_spans(kind_and_spans[1])
                except ValueError:
                    continue
        elif line.startswith("E") and len(cols) >= 2:
            events.append(cols[1])
    out = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in event.split():
            role, _, ref = arg.partition(":")
            if role.startswith("Attribution"):
                continue
            if ref in spans:
                roles.setdefault(role.rstrip("0123456789"), []).extend(spans[ref])
        if roles.get("Content"):
            out.append(GoldAttribution(roles["Content"], roles.get("Cue", []), roles.get("Source", [])))
    return out


def iter_articles(directory: Path, limit: Optional[int] = None) -> Iterator[Article]:
    """PolNeAR articles of ``directory`` (a split folder holding ``text/`` and ``attributions/``)."""
    directory = Path(directory)
    anns: dict[str, Path] = {}
    for path in sorted((directory / "attributions").glob("*.ann")):
        article = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        anns.setdefault(article, path)
    count = 0
    for text_path in sorted((directory / "text").glob("*.txt")):
        if limit is not None and count >= limit:
            break
        ann = anns.get(text_path.stem)
        if ann is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        yield Article(text_path.stem, text, read_ann(ann))
        count += 1
