"""Attribution errors that need no gold: pronoun speaker names and month names read as dates inside person names.

Runs the default pipeline over the BBC business, entertainment and sport folders of
``../shared/eval-data/bbc-fulltext`` (about 1,400 articles) and counts

* quote records whose ``speaker.name`` is a pronoun ("he", "They", "who", ...): a name never is one
  (also: how many speaker mentions are pronouns, and how many of them resolve to a name);
* DATEs holding a month name that is part of a person's name ("Theresa May", "Mr June", "April Ryan"):
  the month inside a PERSON entity, or right after a title, a common first name or a token the model
  tags PERSON.

Usage: python benchmarks/pronoun_speakers.py [--data DIR] [--limit N] [--show K] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("business", "entertainment", "sport")
PRONOUNS = frozenset("i me my he him his she her we us our they them their you your it its who whom that which "
                     "this these those one someone somebody".split())
MONTHS = frozenset("january february march april may june july august september october november december".split())
TITLES = frozenset("mr mrs ms miss dr sir lord lady dame mr. mrs. ms. dr. prof prof. professor".split())
# a few first names that are not months (the benchmark must not depend on claimpipe's own lexicon)
FIRST_NAMES = frozenset("theresa brian tom john mary david james sarah peter paul michael jane anne april "
                        "fannie".split())


def pronoun_speakers(doc) -> list[str]:
    """The speaker names of ``doc``'s quotes that are pronouns."""
    out = []
    for q in doc._.claimpipe_quotes or []:
        sp = q.speaker
        if sp is not None and sp.name is not None and _pronoun(sp.name):  # "US" is no pronoun
            out.append(sp.name)
    return out


def _pronoun(text: str) -> bool:
    text = text.strip()
    return text.lower() in PRONOUNS and not (len(text) > 1 and text.isupper())


def pronoun_mentions(doc) -> tuple[int, int]:
    """How many speaker mentions of ``doc``'s quotes are pronouns, and how many of them resolve to a name."""
    mentions = resolved = 0
    for q in doc._.claimpipe_quotes or []:
        sp = q.speaker
        if sp is not None and _pronoun(sp.text):
            mentions += 1
            resolved += sp.name is not None and not _pronoun(sp.name)
    return mentions, resolved


def month_names_in_persons(doc) -> list[str]:
    """The DATEs of ``doc`` whose month name belongs to a person's name (shown with the word before)."""
    persons = [(e.start, e.end) for e in (doc._.claimpipe_entities or []) if e.label == "PERSON"]
    persons += [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    out = []
    for d in doc._.claimpipe_dates or []:
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            if tok.lower_ not in MONTHS or not tok.is_title:
                continue
            in_person = any(a <= tok.idx < b for a, b in persons)
            prev = doc[tok.i - 1] if tok.i > 0 else None
            after_name = prev is not None and not prev.is_space and (
                (prev.lower_ in TITLES or prev.lower_ in FIRST_NAMES) and prev.is_title
                or prev.ent_type_ == "PERSON" and prev.is_title)
            if in_person or after_name:
                out.append(doc.text[max(0, tok.idx - 20):tok.idx + len(tok.text) + 10].replace("\n", " "))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval-data" / "bbc-fulltext")
    ap.add_argument("--limit", type=int, default=0, help="articles per folder (0: all)")
    ap.add_argument("--show", type=int, default=15, help="examples of each kind to print")
    ap.add_argument("--json", type=Path, default=None, help="also write the counts and examples here")
    args = ap.parse_args(argv)

    from claimpipe.io.read import Article, read_path
    from claimpipe.nlp.pipeline import build_pipeline, process

    nlp = build_pipeline()
    result: dict = {}
    for folder in FOLDERS:
        files = sorted((args.data / folder).glob("*.txt"))
        if args.limit:
            files = files[:args.limit]
        articles = [a for f in files for a in read_path(f) if isinstance(a, Article)]
        quotes = speakers = mentions = resolved = 0
        pron: Counter = Counter()
        months: list[str] = []
        for item in process(nlp, articles):
            if not isinstance(item, tuple):
                continue
            _, doc = item
            qs = doc._.claimpipe_quotes or []
            quotes += len(qs)
            speakers += sum(1 for q in qs if q.speaker is not None)
            m, r = pronoun_mentions(doc)
            mentions, resolved = mentions + m, resolved + r
            found = pronoun_speakers(doc)
            pron.update(n.lower() for n in found)
            months += month_names_in_persons(doc)
        result[folder] = {"articles": len(articles), "quotes": quotes, "with speaker": speakers,
                          "pronoun speaker names": sum(pron.values()),
                          "pronoun mentions": mentions, "pronoun mentions resolved to a name": resolved, "by pronoun": dict(pron.most_common()),
                          "month DATEs in person names": len(months), "month examples": months[:args.show]}
    total_p = sum(r["pronoun speaker names"] for r in result.values())
    total_m = sum(r["month DATEs in person names"] for r in result.values())
    for folder, r in result.items():
        print(f"{folder:14s} articles {r['articles']:4d}  quotes {r['quotes']:5d}  with speaker {r['with speaker']:5d}  "
              f"pronoun names {r['pronoun speaker names']:4d}  pronoun mentions {r['pronoun mentions']:4d} "
              f"(resolved {r['pronoun mentions resolved to a name']:4d})  month DATEs in person names {r['month DATEs in person names']:3d}")
        if r["by pronoun"]:
            print("   pronouns:", ", ".join(f"{k} {v}" for k, v in r["by pronoun"].items()))
        for ex in r["month examples"]:
            print("   month:", repr(ex))
    print(f"total: pronoun speaker names {total_p}, month DATEs in person names {total_m}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
