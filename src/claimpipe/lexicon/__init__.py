"""The word lists claimpipe's rules read, as data files beside this module, each read once.

============================  ===================================================================
file                          what it lists (and who reads it)
============================  ===================================================================
``reporting_verbs.txt``       verbs that report speech or writing (quotes); tag ``core``: the
                              plainest ones, which make a claim an attribution (claims)
``belief_verbs.txt``          verbs of belief and intention that report with a clause (quotes)
``hedge_adverbs.txt``         adverbs that hedge a statement (claims: modality)
``statement_nouns.txt``       nouns of documents and statements ("the report said") (quotes)
``geonames_places.txt``       countries, capitals and large cities, from GeoNames (entities)
``territories.txt``           disputed and historical territories GeoNames lacks (entities)
``person_words.txt``          titles and first names, tagged ``title`` / ``first`` and ``male`` /
                              ``female`` (quotes: a pronoun's gender; dates: "Mr June")
``speaker_nouns.txt``         nouns of a described speaker, tagged ``person`` / ``org`` / ``media`` ("the
                              minister said": the nearest name of that kind) (quotes)
``evaluative.txt``            evaluative words from VADER's lexicon (MIT), tagged ``pos`` / ``neg``
                              (claims: the opinion evidence of the claim kinds)
``source_words.txt``          words of outlets and programmes (``media``), nouns of people who speak
                              (``human``) and of organisations described (``org``) (claims: source)
``stance_adjectives.txt``     adjectives of a stance that report with a content clause ("is confident
                              that ...") (claims: source)
``period_nouns.txt``          nouns of a quantity reckoned over a period ("2004 sales": a year, not a
                              count) (claims: quantities)
============================  ===================================================================

A list file holds one entry per line (a lemma, or a phrase), optionally followed by tags; ``#`` starts a
comment. A component that reads a list saves the list it used with ``nlp.to_disk``, so a saved pipeline
keeps its words even if the shipped files change.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Union

PathLike = Union[str, Path]


def path(name: str) -> Path:
    """The shipped file ``name`` (e.g. ``"reporting_verbs.txt"``)."""
    return Path(str(resources.files("claimpipe.lexicon").joinpath(name)))


def read_entries(source: PathLike) -> dict[str, tuple[str, ...]]:
    """``{entry: tags}`` of a list file (entries lower-cased as written; tags after two or more spaces or a tab)."""
    import re

    entries: dict[str, tuple[str, ...]] = {}
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        entry, *tags = re.split(r"\t| {2,}", line.strip())
        entries[entry] = tuple(t for tag in tags for t in tag.split())
    return entries


@lru_cache(maxsize=64)
def _shipped(name: str) -> dict[str, tuple[str, ...]]:
    return read_entries(path(name))


def words(name: str, tag: Optional[str] = None, *, source: Optional[PathLike] = None) -> frozenset[str]:
    """The entries of the list ``name`` (those with ``tag`` when given); read from ``source`` instead of the
    shipped file when given (a component restored from disk)."""
    if source is None:
        return _shipped_words(name, tag)
    return frozenset(e for e, tags in read_entries(source).items() if tag is None or tag in tags)


@lru_cache(maxsize=128)
def _shipped_words(name: str, tag: Optional[str]) -> frozenset[str]:
    """The shipped list's entries (with ``tag``), built once: callers on the per-claim path ask again and again."""
    return frozenset(e for e, tags in _shipped(name).items() if tag is None or tag in tags)


@lru_cache(maxsize=1)
def _gendered() -> dict[str, str]:
    return {w: g for g in ("male", "female") for w in words("person_words.txt", g)}


PRONOUN_GENDERS = {"he": "male", "him": "male", "she": "female", "her": "female"}  # the gender a pronoun tells


def gender_of(word: str) -> Optional[str]:
    """The gender ("male" or "female") a lower-cased title or first name tells (``person_words.txt``), or None."""
    return _gendered().get(word)
