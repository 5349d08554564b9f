"""Repeated claims: near-duplicate claims across articles grouped, with a stable id.

Two claims are *near-duplicates* when

- their speakers agree: the same name (case aside), or at least one of them has none;
- they hold the same numbers (``12 percent`` and ``15 percent`` are two claims, however alike the words);
- the Jaccard similarity of their content words (lower-cased, stop words and punctuation dropped,
  numbers included) is at least :data:`THRESHOLD`; claims with fewer than :data:`MIN_TOKENS` content
  words are never grouped ("He said so." repeats everywhere and means nothing alone).

Groups are the connected components of that relation. Candidate pairs come from MinHash LSH
(``datasketch``: 72 permutations in 12 bands of 6 rows, so a pair at Jaccard 0.8 is a candidate with
probability 0.97, at 0.9 with 0.9995, at 0.5 with 0.17), and every candidate pair is then checked
exactly. LSH rather than an exact set-similarity join (prefix filtering): the cost of LSH grows with
the number of claims, whereas exact joins compare every pair that shares a frequent word, and news
claims share many ("percent", a country, a year): on the benchmark's 100,000 claims prefix filtering
took ten minutes, LSH takes seconds. The sentence encoder was not used: it measures paraphrase, not
the same statement, and would put "rose by 12 percent" and "fell by 12 percent" together.

The result depends only on the set of claims: not on their order (claims are hashed and compared in
claim id order, and LSH candidates are symmetric), not on the number of workers that extracted them, and
not on the process (the MinHash seed and hash function are fixed). A new group's id is ``g`` + the claim
id of its *anchor*, the member from the earliest article (document date, then document id, then position).
Ids stay across runs: given the ids the claims had before (:func:`group`'s ``previous``), a group keeps the
id most of its members had, whatever members join it (an earlier copy of the claim included). A claim
without a near-duplicate has no group (``group_id`` null), as in the claims desk.

Used by the write edge of a run (:mod:`claimpipe.run.regroup`: ``group_id`` in ``claims.jsonl``) and by the
claims desk (:mod:`claimpipe.review.desk`), with the same ids.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional

THRESHOLD = 0.8
NUM_PERM, BANDS, ROWS = 72, 12, 6
CHUNK = 1000
MAX_BUCKET = 64
MIN_TOKENS = 4
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d+(?:[.,]\d+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# months and weekdays must agree as numbers do: "in May 2003" and "in June 2003" are two claims
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
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


def tokens(text: str) -> tuple[tuple, tuple]:
    """(content words and numbers, numbers) of a claim text, each sorted, without repeats, interned
    (100,000 claims share a small vocabulary: tuples of shared strings keep that small in memory)."""
    words = set()
    numbers = set()
    for m in _WORD.finditer(text.lower()):
        w = m.group().replace("’", "'")
        if _NUMBER.fullmatch(w) or w in _CALENDAR:
            w = w.replace(",", "")
            numbers.add(w)
        elif w in STOP_WORDS or len(w) < 2:
            continue
        words.add(w.removesuffix("'s"))
    return tuple(sorted(map(sys.intern, words))), tuple(sorted(map(sys.intern, numbers)))


def _speaker(name: Optional[str]) -> Optional[str]:
    return " ".join(name.lower().split()) if name and name.strip() else None


def similar(a: tuple, b: tuple) -> float:
    """Jaccard similarity of two token sets (as tuples without repeats)."""
    if not a or not b:
        return 0.0
    inter = len(set(a).intersection(b))
    return inter / (len(a) + len(b) - inter)


def signatures(sets: list[tuple]):
    """The MinHash signatures of ``sets`` as one (n, NUM_PERM) uint64 array: datasketch's ``MinHash`` (seed 1),
    each distinct word's signature made once for the corpus rather than once per claim (claims share a small
    vocabulary), then a claim's as the minimum over its words' (numpy). The values are datasketch's own
    (``tests/test_groups.py`` compares them with ``MinHash.bulk`` of whole claims)."""
    import numpy as np
    from datasketch import MinHash

    empty = MinHash(num_perm=NUM_PERM, seed=1).hashvalues  # no word: datasketch's initial values
    vocabulary: dict[str, int] = {}
    flat = array("q")  # every claim's word numbers, one after the other
    ends = np.zeros(len(sets), dtype=np.int64)
    for i, words in enumerate(sets):
        flat.extend(vocabulary.setdefault(w, len(vocabulary)) for w in words)
        ends[i] = len(flat)
    # a word's own signature: the minimum over a claim's words is the claim's (min is all MinHash does)
    permuted = np.zeros((len(vocabulary), NUM_PERM), dtype=np.uint64)
    words = list(vocabulary)
    for begin in range(0, len(words), CHUNK):
        for k, m in enumerate(MinHash.bulk([[w.encode("utf-8")] for w in words[begin:begin + CHUNK]],
                                           num_perm=NUM_PERM, seed=1), begin):
            permuted[k] = m.hashvalues
    out = np.tile(empty.astype(np.uint64), (len(sets), 1))
    flat_ids = np.frombuffer(flat, dtype=np.int64) if len(flat) else np.zeros(0, dtype=np.int64)
    starts = np.r_[0, ends[:-1]] if len(sets) else ends
    for begin in range(0, len(sets), CHUNK):
        rows = np.arange(begin, min(begin + CHUNK, len(sets)))
        rows = rows[ends[rows] > starts[rows]]  # sets with a word (the others keep the initial values)
        if not len(rows):
            continue
        lo, hi = starts[rows[0]], ends[rows[-1]]
        out[rows] = np.minimum.reduceat(permuted[flat_ids[lo:hi]], starts[rows] - lo, axis=0)
    return out


def _candidate_pairs(sets: list[tuple]) -> Iterable[tuple[int, int]]:
    """Index pairs whose signatures agree on a whole band (LSH), smaller index first (repeats possible).

    Each band's rows are folded into one 64-bit key (a collision only adds a candidate, which is
    checked anyway), sorted, and runs of equal keys are buckets. A bucket of more than
    ``MAX_BUCKET`` claims (the same statement everywhere) gives each member's pair with the first
    and with the next, not every pair.
    """
    import numpy as np

    sig = signatures(sets)
    small = np.array([len(s) < MIN_TOKENS for s in sets], dtype=bool)
    mult = np.random.default_rng(1).integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)
    for band in range(BANDS):
        with np.errstate(over="ignore"):
            keys = (sig[:, band * ROWS:(band + 1) * ROWS] * mult).sum(axis=1, dtype=np.uint64)
        keys[small] = np.arange(int(small.sum()), dtype=np.uint64) ^ np.uint64(0xFFFF_FFFF_0000_0000)
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for a, b in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            bucket = sorted(int(i) for i in order[a:b] if not small[i])
            pairs = ((x, y) for k, x in enumerate(bucket) for y in bucket[k + 1:]) if len(bucket) <= MAX_BUCKET \
                else [(bucket[0], y) for y in bucket[1:]] + list(zip(bucket, bucket[1:]))
            yield from pairs  # a pair met in several bands is checked again: cheaper than remembering it


def components(members: list[Member], threshold: float = THRESHOLD) -> list[list[Member]]:
    """The groups of near-duplicates among ``members`` (two members or more each), each earliest first
    (:attr:`Member.order`, then claim id), the groups in the order of their first member."""
    members = sorted(members, key=lambda m: m.claim_id)  # the input order does not matter
    parsed = [tokens(m.text) for m in members]
    speakers = [_speaker(m.speaker) for m in members]
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs([p[0] for p in parsed]):
        if parsed[i][1] != parsed[j][1]:
            continue
        if speakers[i] and speakers[j] and speakers[i] != speakers[j]:
            continue
        if similar(parsed[i][0], parsed[j][0]) >= threshold:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    found: dict[int, list[Member]] = defaultdict(list)
    for i in range(len(members)):
        found[find(i)].append(members[i])
    out = [sorted(g, key=lambda m: (m.order, m.claim_id)) for g in found.values() if len(g) > 1]
    return sorted(out, key=lambda g: (g[0].order, g[0].claim_id))


def group(members: list[Member], previous: Optional[Mapping[str, Optional[str]]] = None,
          threshold: float = THRESHOLD) -> dict[str, str]:
    """claim id -> group id, for the claims that have at least one near-duplicate (a claim alone has none).

    ``previous`` (claim id -> the group id it had, e.g. read from the ``claims.jsonl`` being replaced) keeps
    ids stable: a group takes the previous id most of its members had (ties: the id of the earliest such
    member), each previous id going to one group only (the one holding most of its old members); a group
    without one is named ``g`` + the claim id of its earliest member (the next member's, should that id be
    kept by another group).
    """
    groups = components(members, threshold)
    previous = previous or {}
    claims: list[tuple[int, int, int, str]] = []  # (-members holding the id, group rank, first holder, id)
    for rank, g in enumerate(groups):
        held: dict[str, list[int]] = defaultdict(list)
        for k, m in enumerate(g):
            if previous.get(m.claim_id):
                held[previous[m.claim_id]].append(k)
        claims.extend((-len(ks), rank, ks[0], gid) for gid, ks in held.items())
    named: dict[int, str] = {}
    taken: set[str] = set()
    for _, rank, _, gid in sorted(claims):
        if rank not in named and gid not in taken:
            named[rank] = gid
            taken.add(gid)
    for rank, g in enumerate(groups):
        if rank in named:
            continue
        free = [gid for gid in ("g" + m.claim_id for m in g) if gid not in taken]
        gid = free[0] if free else f"g{g[0].claim_id}-{rank}"
        named[rank] = gid
        taken.add(gid)
    return {m.claim_id: named[rank] for rank, g in enumerate(groups) for m in g}
