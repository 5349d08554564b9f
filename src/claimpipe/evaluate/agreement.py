"""Two labellers on the same audit articles (``claimpipe eval agreement``), and the labels they agree on.

A claim-field audit file (:mod:`claimpipe.evaluate.fields`) is one person's reading. Before a tool is held to a
floor on such labels, the labels themselves need a measure: a second labeller labels the same sentences blind,
following the same guidelines, and the two files are compared field by field:

- ``checkworthy`` per sentence and ``kind`` per claim: observed agreement and Cohen's kappa (agreement beyond
  what the two labellers' own label frequencies would give by chance);
- ``fragment`` per claim: observed agreement;
- ``source`` per claim both call a non-fragment: the same speaker when the two lists of accepted names share a
  name, ignoring case, or one name is the other's whole words at its end ("Smith" and "John Smith"); "author"
  only matches "author";
- quantities: matched by overlapping offsets; a match agrees when the kind is the same and, where both give an
  amount, the amount. Agreement is ``2 * agreed / (|A| + |B|)`` (F1 of one file against the other).

:func:`agreed_labels` keeps only what both labellers agree on, in the audit format, so that ``eval fields
--agreed-with`` scores the tool where the labels are not in doubt: a disputed sentence, source or kind is left
unlabelled, a disputed quantity's span is listed in ``quantity_disputed`` (a tool quantity there is not scored).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from claimpipe.evaluate.fields import overlap, same_amount


@dataclass
class Agreement:
    """Agreement of two labellers on one categorical field."""

    pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, a, b) -> None:
        self.pairs.append((str(a), str(b)))

    @property
    def total(self) -> int:
        return len(self.pairs)

    @property
    def agreed(self) -> int:
        return sum(a == b for a, b in self.pairs)

    @property
    def observed(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa: ``(observed - chance) / (1 - chance)``, chance from each labeller's label shares."""
        if not self.total:
            return 0.0
        first, second = Counter(a for a, _ in self.pairs), Counter(b for _, b in self.pairs)
        chance = sum(first[k] * second[k] for k in first) / self.total ** 2
        return (self.observed - chance) / (1 - chance) if chance < 1 else 1.0

    def confusions(self, top: int = 8) -> list[tuple[tuple[str, str], int]]:
        """The most frequent disagreements, as unordered label pairs."""
        return Counter(tuple(sorted(p)) for p in self.pairs if p[0] != p[1]).most_common(top)


@dataclass
class AgreementResult:
    articles: int = 0
    missing: list[str] = field(default_factory=list)  # articles in one file only, or with different text
    unaligned: int = 0  # sentences or claims whose offsets only one file has
    checkworthy: Agreement = field(default_factory=Agreement)
    fragment: Agreement = field(default_factory=Agreement)
    kind: Agreement = field(default_factory=Agreement)
    source: Agreement = field(default_factory=Agreement)  # ("same", "same") or ("first", "second") per claim
    quantities_first: int = 0
    quantities_second: int = 0
    quantities_agreed: int = 0
    disagreements: list[dict] = field(default_factory=list)

    @property
    def quantity_agreement(self) -> float:
        n = self.quantities_first + self.quantities_second
        return 2 * self.quantities_agreed / n if n else 0.0


def _names(source) -> list[str]:
    return [source] if isinstance(source, str) else list(source or [])


def same_source(a, b) -> bool:
    """Whether two source labels (a name or a list of accepted names) name the same speaker (see the module)."""
    first = [n.casefold().split() for n in _names(a)]
    second = [n.casefold().split() for n in _names(b)]
    for x in first:
        for y in second:
            if x == y:
                return True
            if ["author"] not in (x, y) and x and y:
                short, long = sorted((x, y), key=len)
                if long[len(long) - len(short):] == short:
                    return True
    return False


def _quantity_pairs(first: list[dict], second: list[dict]) -> list[tuple[int, int]]:
    """Overlapping quantities paired one to one (greedily, largest overlap first)."""
    candidates = sorted(((overlap((q["start"], q["end"]), (r["start"], r["end"])), i, j)
                         for i, q in enumerate(first) for j, r in enumerate(second)), reverse=True)
    pairs, used_a, used_b = [], set(), set()
    for size, i, j in candidates:
        if size and i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return pairs


def _split_quantities(first: list[dict], second: list[dict]) -> tuple[set[int], set[int], set[int]]:
    """Indices of the first file's quantities the second agrees with (paired, same kind and amount), of the
    second's agreed with, and of the second's paired at all."""
    pairs = _quantity_pairs(first, second)
    agreed = [(i, j) for i, j in pairs
              if first[i]["kind"] == second[j]["kind"] and same_amount(first[i].get("amount"), second[j].get("amount"))]
    return {i for i, _ in agreed}, {j for _, j in agreed}, {j for _, j in pairs}


def _shared(first: list[dict], second: list[dict], missing: Optional[list[str]] = None) -> Iterator[tuple[dict, dict]]:
    """The two files' labels of each article both have with the same text; the others noted in ``missing``."""
    by_file = {lab["file"]: lab for lab in second}
    for a in first:
        b = by_file.pop(a["file"], None)
        if b is not None and b["sha256"] == a["sha256"]:
            yield a, b
        elif missing is not None:
            missing.append(f"{a['file']}: " + ("not in the second file" if b is None else "text differs"))
    if missing is not None:
        missing += [f"{f}: not in the first file" for f in by_file]


def _compare_claims(name: str, first: dict, second: dict, result: AgreementResult, text: Optional[str]) -> None:
    others = {(c["start"], c["end"]): c for c in second["claims"]}
    for c in first["claims"]:
        d = others.get((c["start"], c["end"]))
        if d is None:
            result.unaligned += 1
            continue
        quote = text[c["start"]:c["end"]] if text else None
        result.fragment.add(c["fragment"], d["fragment"])
        if c["fragment"] or d["fragment"]:
            if c["fragment"] != d["fragment"]:
                result.disagreements.append({"article": name, "field": "fragment", "first": c["fragment"],
                                             "second": d["fragment"], "start": c["start"], "text": quote})
            continue
        same = same_source(c["source"], d["source"])
        result.source.add("same" if same else "first", "same" if same else "second")
        if not same:
            result.disagreements.append({"article": name, "field": "source", "first": c["source"],
                                         "second": d["source"], "start": c["start"], "text": quote})
        result.kind.add(c["kind"], d["kind"])
        if c["kind"] != d["kind"]:
            result.disagreements.append({"article": name, "field": "kind", "first": c["kind"], "second": d["kind"],
                                         "start": c["start"], "text": quote})


def compare(first: list[dict], second: list[dict], texts: Optional[dict[str, str]] = None) -> AgreementResult:
    """Field-by-field agreement of two audit files on the articles (same file name and sha256) they share;
    ``texts`` (file name -> article text), when given, puts each disagreement's sentence in the report."""
    result = AgreementResult()
    for a, b in _shared(first, second, result.missing):
        result.articles += 1
        text = (texts or {}).get(a["file"])
        checks = {(s["start"], s["end"]): s["checkworthy"] for s in b["sentences"]}
        for s in a["sentences"]:
            other = checks.get((s["start"], s["end"]))
            if other is None:
                result.unaligned += 1
                continue
            result.checkworthy.add(s["checkworthy"], other)
            if s["checkworthy"] != other:
                result.disagreements.append({"article": a["file"], "field": "checkworthy", "first": s["checkworthy"],
                                             "second": other, "start": s["start"],
                                             "text": text[s["start"]:s["end"]] if text else None})
        _compare_claims(a["file"], a, b, result, text)
        qa, qb = a.get("quantities", []), b.get("quantities", [])
        agreed_a, agreed_b, _ = _split_quantities(qa, qb)
        result.quantities_first += len(qa)
        result.quantities_second += len(qb)
        result.quantities_agreed += len(agreed_a)
        disputed = [("first", q) for i, q in enumerate(qa) if i not in agreed_a]
        for side, q in disputed + [("second", q) for j, q in enumerate(qb) if j not in agreed_b]:
            result.disagreements.append({"article": a["file"], "field": "quantity",
                                         side: f"{q['kind']} {q.get('amount')}", "start": q["start"],
                                         "text": text[q["start"]:q["end"]] if text else None})
    return result


def agreed_labels(first: list[dict], second: list[dict]) -> list[dict]:
    """The first file's labels where the second agrees (see the module); articles the second lacks are dropped."""
    out = []
    for a, b in _shared(first, second):
        checks = {(s["start"], s["end"]): s["checkworthy"] for s in b["sentences"]}
        sentences = [s for s in a["sentences"] if checks.get((s["start"], s["end"])) == s["checkworthy"]]
        others = {(c["start"], c["end"]): c for c in b["claims"]}
        claims = []
        for c in a["claims"]:
            d = others.get((c["start"], c["end"]))
            if d is None or d["fragment"] != c["fragment"]:
                continue
            kept = {"start": c["start"], "end": c["end"], "fragment": c["fragment"]}
            if not c["fragment"] and same_source(c["source"], d["source"]):
                kept["source"] = list(dict.fromkeys(_names(c["source"]) + _names(d["source"])))
            if not c["fragment"] and c["kind"] == d["kind"]:
                kept["kind"] = c["kind"]
            claims.append(kept)
        qa, qb = a.get("quantities", []), b.get("quantities", [])
        agreed, _, paired = _split_quantities(qa, qb)
        disputed = [q for i, q in enumerate(qa) if i not in agreed] + [q for j, q in enumerate(qb) if j not in paired]
        out.append({"file": a["file"], "sha256": a["sha256"], "sentences": sentences, "claims": claims,
                    "quantities": [q for i, q in enumerate(qa) if i in agreed],
                    "quantity_scope": a.get("quantity_scope", []),
                    "quantity_disputed": [[q["start"], q["end"]] for q in disputed]})
    return out


def article_texts(folder: Path, labels: list[dict]) -> dict[str, str]:
    """The text of each labelled article present under ``folder`` (file name -> text, as the scorer reads it)."""
    from claimpipe.io.read import read_path

    return {lab["file"]: next(iter(read_path(folder / lab["file"]))).text for lab in labels
            if (folder / lab["file"]).is_file()}


def write_disagreements(result: AgreementResult, path: Path) -> None:
    """One JSON line per disagreement, written whole or not at all."""
    from claimpipe.io.write import AtomicWriter

    with AtomicWriter(path) as out:
        for d in result.disagreements:
            out.write_line(json.dumps(d, ensure_ascii=False))


def format_result(r: AgreementResult, *, top: int = 8) -> str:
    def line(label: str, a: Agreement, kappa: bool = True) -> str:
        k = f"  kappa {a.kappa:.3f}" if kappa else ""
        return f"{label:<13}{a.observed:.3f} ({a.agreed}/{a.total}){k}"

    lines = [f"articles: {r.articles}   unaligned sentences or claims: {r.unaligned}",
             line("checkworthy", r.checkworthy), line("fragment", r.fragment, kappa=False),
             line("source", r.source, kappa=False), line("kind", r.kind),
             f"{'quantities':<13}{r.quantity_agreement:.3f} ({r.quantities_agreed} agreed; "
             f"{r.quantities_first} in the first file, {r.quantities_second} in the second)"]
    if r.kind.confusions(top):
        lines.append("kind disagreements: " + ", ".join(f"{a}/{b} {n}" for (a, b), n in r.kind.confusions(top)))
    lines += [f"skipped {m}" for m in r.missing]
    return "\n".join(lines)
