"""Repeated claims: near-duplicate claims across articles grouped, with a stable id.

Two claims are *near-duplicates* when

- their speakers agree: the same name (case aside), or at least one of them has none;
- they hold the same numbers (``12 percent`` and ``15 percent`` are two claims, however alike the words);
- the Jaccard similarity of their content words (lower-cased, stop words and punctuation dropped,
  numbers included) is at least :data:`THRESHOLD`; claims with fewer than :data:`MIN_TOKENS` content
  words are never grouped ("He said so." repeats everywhere and means nothing alone).

Groups are the connected components of that relation. Candidate pairs are found by *prefix
filtering* (Bayardo et al., "Scaling up all pairs similarity search", WWW 2007): each claim's tokens
are sorted rarest first, and two sets with Jaccard >= t must share a token among the first
``len - ceil(t * len) + 1`` of each, so only claims sharing a rare token are compared, and every pair
is then checked exactly. This is used rather than MinHash LSH (``datasketch``): LSH is approximate
(a pair above the threshold is missed with some probability, and which one depends on the hash seeds),
while prefix filtering finds exactly the pairs above the threshold with no extra dependency and
little memory (one inverted list of prefix tokens), in a few seconds for 100,000 claims.

The result depends only on the set of claims: not on their order, the number of workers that
extracted them or the hash seed. A group's id is ``g`` + the claim id of its *anchor*, the member from
the earliest article (document date, then document id, then position): adding later articles keeps the
id; only an earlier copy of the claim, extracted later, moves it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

THRESHOLD = 0.7
MIN_TOKENS = 4
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own said same
    says say she should so some such than that the their theirs them themselves then there these they this
    those through to told too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves according s t""".split()
)


@dataclass(frozen=True)
class Member:
    """What grouping needs of a claim."""

    claim_id: str
    text: str
    speaker: Optional[str] = None
    order: tuple = ()  # sorts the earliest appearance first: (document date, doc id, start)


def tokens(text: str) -> tuple[frozenset, frozenset]:
    """(content words and numbers, numbers) of a claim text."""
    words = set()
    numbers = set()
    for m in _WORD.finditer(text.lower()):
        w = m.group().replace("’", "'")
        if _NUMBER.fullmatch(w):
            w = w.replace(",", "")
            numbers.add(w)
        elif w in STOP_WORDS or len(w) < 2:
            continue
        words.add(w.removesuffix("'s"))
    return frozenset(words), frozenset(numbers)


def _speaker(name: Optional[str]) -> Optional[str]:
    return " ".join(name.lower().split()) if name and name.strip() else None


def similar(a: frozenset, b: frozenset) -> float:
    """Jaccard similarity of two token sets."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def _prefix_length(n: int, threshold: float) -> int:
    return n - math.ceil(threshold * n - 1e-9) + 1


def _candidate_pairs(sets: list[frozenset], threshold: float) -> Iterable[tuple[int, int]]:
    """Index pairs that may reach ``threshold`` (prefix filtering), each pair once, smaller index first."""
    df = Counter(t for s in sets for t in s)
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        if len(s) < MIN_TOKENS:
            continue
        ordered = sorted(s, key=lambda t: (df[t], t))
        seen: set[int] = set()
        for t in ordered[:_prefix_length(len(s), threshold)]:
            for j in index[t]:
                if j not in seen:
                    seen.add(j)
                    yield j, i
            index[t].append(i)


def group(members: list[Member], threshold: float = THRESHOLD) -> dict[str, str]:
    """claim id -> group id, for the claims that have at least one near-duplicate."""
    members = sorted(members, key=lambda m: m.claim_id)  # the input order does not matter
    parsed = [tokens(m.text) for m in members]
    speakers = [_speaker(m.speaker) for m in members]
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs([p[0] for p in parsed], threshold):
        if parsed[i][1] != parsed[j][1]:
            continue
        if speakers[i] and speakers[j] and speakers[i] != speakers[j]:
            continue
        if similar(parsed[i][0], parsed[j][0]) >= threshold:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        components[find(i)].append(i)
    out: dict[str, str] = {}
    for indices in components.values():
        if len(indices) < 2:
            continue
        anchor = min(indices, key=lambda i: (members[i].order, members[i].claim_id))
        gid = "g" + members[anchor].claim_id
        for i in indices:
            out[members[i].claim_id] = gid
    return out
