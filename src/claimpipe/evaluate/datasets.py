"""The public evaluation datasets: where they are, and a reader for each format.

The data is not part of claimpipe: give its path, or set ``CLAIMPIPE_SHARED`` to the folder holding
``eval-data/`` (see its ``SOURCES.md``). Evaluation (:mod:`claimpipe.evaluate`) and training
(:mod:`claimpipe.training`) read the same files through these readers:

- CheckThat! 2024 Task 1 TSV and ClaimBuster JSON: labelled sentences (:class:`Sentence`);
- CoNLL-2003: documents of IOB1-tagged sentences;
- TimeML (TimeBank, AQUAINT, TempEval-3): plain text with gold TIMEX3 offsets (:class:`TimeMLDoc`);
- PolNeAR: articles with brat attribution relations (:class:`PolnearArticle`).
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from claimpipe.errors import ClaimpipeError

SHARED_ENV = "CLAIMPIPE_SHARED"
CT24 = "checkthat2024-en"  # the folder of the CheckThat! 2024 English files under eval-data/
CT24_TRAIN = "CT24_checkworthy_english_train.tsv"
CT24_DEV = "CT24_checkworthy_english_dev.tsv"
CT24_DEVTEST = "CT24_checkworthy_english_dev-test.tsv"


class DataNotFound(ClaimpipeError, FileNotFoundError):
    """Public evaluation data that is not where it was looked for, or whose place was not given."""


def eval_data(*parts: str) -> Optional[Path]:
    """``$CLAIMPIPE_SHARED/eval-data/<parts>``, or None when ``CLAIMPIPE_SHARED`` is not set."""
    root = os.environ.get(SHARED_ENV)
    return Path(root, "eval-data", *parts) if root else None


# --------------------------------------------------------------------------- CheckThat! 2024, ClaimBuster


@dataclass(frozen=True)
class Sentence:
    """One labelled sentence: ``label`` is True when it is check-worthy."""

    id: int
    text: str
    label: bool


def _clean(text: str) -> str:
    """Drop the CSV-style outer quotes some CT24 rows carry ('"We did it."' -> 'We did it.')."""
    text = text.strip()
    if len(text) > 1 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1].replace('""', '"').strip()
    return text


def read_tsv(path: Path) -> list[Sentence]:
    """Sentences of a CheckThat! TSV (Sentence_id, Text, class_label Yes/No)."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"Sentence_id", "Text", "class_label"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return [
            Sentence(int(row["Sentence_id"]), _clean(row["Text"]), row["class_label"].strip().lower() == "yes")
            for row in reader
            if row.get("Text")
        ]


def read_claimbuster(path: Path) -> list[Sentence]:
    """Sentences of a ClaimBuster JSON list ({sentence_id, label 0/1, text})."""
    return [Sentence(int(r["sentence_id"]), _clean(r["text"]), int(r["label"]) == 1) for r in json.loads(path.read_text())]


# --------------------------------------------------------------------------- CoNLL-2003


def read_conll(path: Path) -> Iterator[list[tuple[list[str], list[str]]]]:
    """Documents of a CoNLL-2003 file: lists of sentences, each ``(tokens, IOB1 tags)``."""
    doc: list = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if words:
                    doc.append((words, tags))
                    words, tags = [], []
                if doc:
                    yield doc
                doc = []
                continue
            if not line.strip():
                if words:
                    doc.append((words, tags))
                    words, tags = [], []
                continue
            parts = line.split()
            words.append(parts[0])
            tags.append(parts[-1])
    if words:
        doc.append((words, tags))
    if doc:
        yield doc


def iob1_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """The ``(start, end, type)`` token spans of a sequence of IOB1 tags."""
    spans = set()
    start = None
    label = None
    for i, tag in enumerate(tags + ["O"]):
        kind, _, typ = tag.partition("-")
        if start is not None and (tag == "O" or kind == "B" or typ != label):
            spans.add((start, i, label))
            start, label = None, None
        if tag != "O" and start is None:
            start, label = i, typ
    return spans


# --------------------------------------------------------------------------- TimeML

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


@dataclass
class GoldTimex:
    """A gold TIMEX3, its offsets into the plain text of ``<TEXT>``."""

    text: str
    start: int
    end: int
    type: str
    value: str
    mod: Optional[str] = None


@dataclass
class TimeMLDoc:
    """A TimeML file: its name, plain text, creation date and gold TIMEX3s."""

    name: str
    text: str
    dct: Optional[str]
    timexes: list[GoldTimex]


def read_tml(path: Path) -> TimeMLDoc:
    """The plain text of ``<TEXT>``, its gold TIMEX3s (offsets into that text) and the dct."""
    raw = Path(path).read_text(encoding="utf-8")
    dct = None
    dct_m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if dct_m:
        value = dict(_ATTR.findall(dct_m.group(1))).get("value", "")
        dct = value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = body_m.group(1) if body_m else raw
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            if a.get("functionInDocument") == "CREATION_TIME":
                continue
            timexes.append(GoldTimex("", start, length, a.get("type", "DATE"), a.get("value", ""), a.get("mod")))
    chunk = html.unescape(body[pos:])
    parts.append(chunk)
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(Path(path).name, text, dct, timexes)


def tml_files(directory: Path) -> list[Path]:
    """The ``.tml`` files under ``directory``, sorted by path."""
    return sorted(Path(directory).rglob("*.tml"))


# --------------------------------------------------------------------------- PolNeAR

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
class PolnearArticle:
    """A PolNeAR article: its name (the text file's stem), text and gold attributions."""

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


def polnear_articles(directory: Path, limit: Optional[int] = None) -> Iterator[PolnearArticle]:
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
        yield PolnearArticle(text_path.stem, text, read_ann(ann))
        count += 1
