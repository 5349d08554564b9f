"""Parts of a year: quarters ("the third quarter", "next year's first quarter"), halves ("the second
half of 1998") and seasons ("last summer", "the winter of 1995"); without a year stated, the year under
discussion in the sentence, else the dct's."""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from claimpipe.timex.calendar import Point
from claimpipe.timex.grammar import _MODP, _apply_mod, _relative_year, _tx, rule
from claimpipe.timex.lexicon import _SPELLED_YEAR, SEASON, SEASON_MONTH, SEASONS, YEAR
from claimpipe.timex.numbers import spelled_year


_QORD = r"(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_YEAR_OF = rf"(?:\s+(?:of\s+|in\s+)?(?:(?P<year2>{YEAR})|(?P<rel2>this|last|next|the\s+(?:same|previous|following|current))\s+(?:fiscal\s+)?year))"


def _anchor_year(m, ctx, start) -> tuple[Optional[int], Optional[str], bool]:
    y = m["year"] if "year" in m.re.groupindex else None
    y2 = m["year2"] if "year2" in m.re.groupindex else None
    if y or y2:
        return int((y or y2).rstrip("'s").rstrip("’s")), None, True
    rel2 = m["rel2"] if "rel2" in m.re.groupindex else None
    rel2 = rel2 or (m["rel0"] if "rel0" in m.re.groupindex else None)  # "next year's first quarter"
    if rel2:
        rel = re.sub(r"\s+", " ", rel2.lower())
        rel = {"the current": "this", "the same": "the same"}.get(rel, rel)
        point, anchor = _relative_year(rel, ctx)
        return (point.day.year if point else None), anchor, False
    if ctx.year_ref is not None and ctx.year_ref_start is not None and ctx.year_ref_start >= ctx.sentence_start:
        return ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}", False
    if ctx.dct is not None:
        return ctx.dct.year, "dct", False
    if ctx.year_ref is not None:
        return ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}", False
    return None, None, False


@rule("quarter", rf"{_MODP}(?:the\s+)?(?:(?P<year>{YEAR})(?:'s|’s)?\s+|(?P<rel0>this|last|next)\s+year(?:'s|’s)\s+)?(?:fiscal\s+)?{_QORD}[\s-]+(?:fiscal\s+)?"
      rf"(?:-?\s*)quarter(?!s){_YEAR_OF}?")
def _quarter(m, ctx):
    q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4}[m["q"].lower()]
    y, anchor, explicit = _anchor_year(m, ctx, m.start())
    if y is None:
        return _apply_mod(_tx(m, "DATE", f"XXXX-Q{q}"), m["mod"])
    if anchor == "dct" and ctx.tense == "past" and ctx.dct is not None and q > (ctx.dct.month - 1) // 3 + 1:
        y -= 1
    p = Point(date(y, 3 * q - 2, 1), "Q")
    return _apply_mod(_tx(m, "DATE", p.value(), anchor=anchor, point=p, explicit_year=explicit), m["mod"])


@rule("half", rf"{_MODP}(?:the\s+)?(?:(?P<year>{YEAR})(?:'s|’s)?\s+)?(?P<h>first|second|latter|last|1st|2nd)[\s-]+half"
      rf"(?!\s+of\s+(?!(?:{YEAR}|this|last|next|the\s+year|the\s+same)))(?!\s*-?\s*(?:point|hour|inning|century|dozen|percent)){_YEAR_OF}?")
def _half(m, ctx):
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    y, anchor, explicit = _anchor_year(m, ctx, m.start())
    if y is None:
        return _apply_mod(_tx(m, "DATE", f"XXXX-H{h}"), m["mod"])
    p = Point(date(y, 1 if h == 1 else 7, 1), "H")
    return _apply_mod(_tx(m, "DATE", p.value(), anchor=anchor, point=p, explicit_year=explicit), m["mod"])


@rule("season", rf"{_MODP}(?:(?P<rel>this|last|next|the\s+coming|the\s+past|the|this\s+past|the\s+early|the\s+late)\s+)?"
      rf"(?P<s>{SEASON})(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<syear>{_SPELLED_YEAR})))?")
def _season(m, ctx):
    s = SEASONS[m["s"].lower()]
    if m["syear"]:  # "the winter of nineteen ninety-four"
        p = Point(date(spelled_year(m["syear"]), SEASON_MONTH[s], 1), "S", s)
        tx = _tx(m, "DATE", p.value(), point=p, explicit_year=True)
        rel = (m["rel"] or "").lower()
        tx.mod = "START" if rel == "the early" else "END" if rel == "the late" else None
        return _apply_mod(tx, m["mod"])
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if not rel and not m["year"] and not m["mod"]:
        return None
    if rel in ("the", "the early", "the late") and not m["year"] and m.group(0).lower().startswith("the fall"):
        return None
    if m["year"]:
        y, anchor = int(m["year"]), None
    elif ctx.dct is not None:
        y, anchor = ctx.dct.year, "dct"
        started = ctx.dct.month >= SEASON_MONTH[s] or (s == "WI" and ctx.dct.month <= 2)
        if rel in ("last", "the past", "this past"):
            y -= 1 if (ctx.dct.month < SEASON_MONTH[s] + 3 and s != "WI") or s == "WI" else 0
        elif rel in ("next", "the coming") and started:
            y += 1
        elif rel == "the" and ctx.year_ref is not None and ctx.year_ref_start >= ctx.sentence_start:
            y, anchor = ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}"
    elif ctx.year_ref is not None and rel in ("the", ""):
        y, anchor = ctx.year_ref.day.year, f"mention:{ctx.year_ref_start}"
    else:
        return _apply_mod(_tx(m, "DATE", f"XXXX-{s}"), m["mod"])
    p = Point(date(y, SEASON_MONTH[s], 1), "S", s)
    tx = _tx(m, "DATE", p.value(), anchor=anchor, point=p, explicit_year=bool(m["year"]))
    if rel == "the early":
        tx.mod = "START"
    elif rel == "the late":
        tx.mod = "END"
    return _apply_mod(tx, m["mod"])
