"""Annotation records for the claims desk's tests, benchmark and screenshots, made with the schema
(no model involved): :func:`write_article` writes one article with its claims and marks;
:func:`generate` writes a corpus of any size with repeated statements across articles."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from claimpipe.io.write import record_line
from claimpipe.nlp.assemble import claim_id_for
from claimpipe.schema import ClaimRecord, ClaimSource, DocumentRecord, Entity, TimeExpression


@dataclass
class Sentence:
    """A claim: its text, speaker (None: the author's), check-worthiness, kind, entities
    ``(needle, label)`` and dates ``(needle, TIMEX3 value)``."""

    text: str
    speaker: Optional[str] = None
    cw: float = 0.5
    kind: str = "quantity"
    entities: list = field(default_factory=list)
    dates: list = field(default_factory=list)


def article_records(doc_id: str, title: str, dct: Optional[str], sentences: list[Sentence],
                    author: Optional[str] = None) -> tuple[DocumentRecord, list[ClaimRecord]]:
    text = title + "\n\n" + " ".join(s.text for s in sentences) + "\n"
    ents, times, claims = [], [], []
    at = len(title) + 2
    for s in sentences:
        start, end = at, at + len(s.text)
        mine_e = [Entity(text=n, start=start + s.text.index(n), end=start + s.text.index(n) + len(n), label=lab,
                         canonical=n) for n, lab in s.entities]
        mine_d = [TimeExpression(text=n, start=start + s.text.index(n), end=start + s.text.index(n) + len(n),
                                 type="DATE", value=v) for n, v in s.dates]
        ents += mine_e
        times += mine_d
        claims.append(ClaimRecord(
            claim_id=claim_id_for(doc_id, s.text), doc_id=doc_id, text=s.text, start=start, end=end, kind=s.kind,
            checkworthiness=s.cw, entities=mine_e, dates=mine_d,
            source=ClaimSource(type="speaker", name=s.speaker) if s.speaker else ClaimSource(type="author", name=author)))
        at = end + 1
    doc = DocumentRecord(doc_id=doc_id, source=f"articles/{doc_id}.txt", text=text, title=title, dct=dct,
                         author=author, encoding="utf-8", model="test", entities=ents, dates=times,
                         claims=[c.claim_id for c in claims])
    return doc, claims


def write_article(folder: Path, doc_id: str, title: str, dct: Optional[str], sentences: list[Sentence],
                  author: Optional[str] = None) -> list[str]:
    """Append one article to ``folder``'s documents.jsonl and claims.jsonl; its claim ids."""
    doc, claims = article_records(doc_id, title, dct, sentences, author)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "documents.jsonl", "a", encoding="utf-8") as fh:
        fh.write(record_line(doc))
    with open(folder / "claims.jsonl", "a", encoding="utf-8") as fh:
        fh.writelines(record_line(c) for c in claims)
    return [c.claim_id for c in claims]


FIRST = ["Tony", "Ana", "Ishaq", "Maria", "Lev", "Amara", "Jonas", "Mei", "Omar", "Sofia", "Ravi", "Elena",
         "Karim", "Nadia", "Pavel", "Grace", "Hugo", "Leila", "Tariq", "Ingrid"]
LAST = ["Blair", "Dar", "Petrosyan", "Aliyev", "Khan", "Novak", "Silva", "Okafor", "Larsen", "Haddad",
        "Tanaka", "Moreau", "Fischer", "Costa", "Ivanova"]
PLACES = ["Armenia", "Azerbaijan", "Pakistan", "Georgia", "Turkey", "India", "Iran", "Kazakhstan", "Ukraine",
          "Poland", "Brazil", "Nigeria", "Kenya", "Egypt", "Japan", "Vietnam", "Chile", "Peru", "Canada", "Norway"]
ORGS = ["the World Bank", "the IMF", "the central bank", "the statistics office", "the UN", "the ministry"]
METRICS = ["exports", "imports", "inflation", "unemployment", "wheat output", "defence spending", "gas imports",
           "tourism revenue", "public debt", "electricity prices", "car sales", "foreign investment"]
VERBS = ["rose", "fell", "grew", "dropped", "climbed", "declined"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def random_sentence(rng: random.Random) -> Sentence:
    place, metric, verb = rng.choice(PLACES), rng.choice(METRICS), rng.choice(VERBS)
    year, n = str(rng.randint(2000, 2025)), rng.randint(2, 90)
    if rng.random() < 0.5:
        who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        return Sentence(f"{who} said {place}'s {metric} {verb} by {n} percent in {year}.", who,
                        round(rng.random(), 3), "quantity", [(who, "PERSON"), (place, "GPE")], [(year, year)])
    org, month = rng.choice(ORGS), rng.randint(1, 12)
    text = f"According to {org}, {metric} in {place} {verb} to {n} billion dollars in {MONTHS[month - 1]} {year}."
    return Sentence(text, None, round(rng.random(), 3), "quantity", [(place, "GPE")],
                    [(f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}")])


def generate(folder: Path, claims: int = 100_000, per_article: int = 10, repeated: float = 0.1,
             seed: int = 19) -> dict:
    """A corpus of ``claims`` claims, ``per_article`` an article; a share ``repeated`` of them are
    statements that come back in several articles (the same words, sometimes with a lead-in)."""
    rng = random.Random(seed)
    viral = [random_sentence(rng) for _ in range(max(1, int(claims * repeated / 5)))]
    written = 0
    n_docs = -(-claims // per_article)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as docs_fh, \
            open(folder / "claims.jsonl", "w", encoding="utf-8") as claims_fh:
        for i in range(n_docs):
            k = min(per_article, claims - written)
            sentences, seen = [], set()
            while len(sentences) < k:
                s = rng.choice(viral) if rng.random() < repeated else random_sentence(rng)
                if s.text in seen:
                    continue
                seen.add(s.text)
                sentences.append(s)
            dct = f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            title = f"{rng.choice(PLACES)}: {rng.choice(METRICS)} in focus ({i})"
            doc, records = article_records(f"gen-{i:06d}", title, dct, sentences, author="Desk Writer")
            docs_fh.write(record_line(doc))
            claims_fh.writelines(record_line(c) for c in records)
            written += k
    return {"articles": n_docs, "claims": written, "repeated_statements": len(viral)}
