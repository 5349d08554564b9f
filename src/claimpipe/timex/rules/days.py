"""Days named relative to the dct or a mention: "today", "the day before yesterday", "tonight",
"yesterday morning", "this afternoon", "the following evening", "Friday", "last Friday", "the next
Monday" (a bare weekday is the last one before the dct, or the next one in a future-tense clause)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional

from claimpipe.timex.calendar import Point
from claimpipe.timex.grammar import _MODP, _apply_mod, _tx, mod_of, rule
from claimpipe.timex.lexicon import MONTH, PART, PARTS_OF_DAY, WEEKDAY, WEEKDAYS


_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _dct_day(offset: int, ctx) -> tuple[Optional[Point], Optional[str]]:
    if ctx.dct is None:
        return None, None
    return Point(ctx.dct + timedelta(days=offset), "D"), "dct"


@rule("deictic_day", rf"{_MODP}(?P<pre>the\s+day\s+(?:before|after)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
      rf"(?:\s+(?P<part>{PART}))?")
def _deictic_day(m, ctx):
    w = m["w"].lower()
    after = m.string[m.end(): m.end() + 20].lower()
    before = m.string[max(0, m.start() - 8): m.start()].lower()
    if re.match(r"['’]s\s+(?:youth|world|society|generation|children|kids|young|economy|standards|technology|"
                r"america|families|women|men|people|culture|youngsters)\b", after) or \
            (w in ("today", "tomorrow") and re.search(r"\b(?:of|for)\s+$", before) and not m["part"]
             and re.match(r"\s*(?:,|\.|$|and\b|who\b|that\b)", after) and "world" in m.string[max(0, m.start() - 40):m.start()]):
        return None  # "today's youth", "the world of tomorrow": the present and the future in general
    offset = _DEICTIC[w]
    if m["pre"]:
        offset += -1 if "before" in m["pre"].lower() else 1
    point, anchor = _dct_day(offset, ctx)
    part = PARTS_OF_DAY.get((m["part"] or "").lower()) or ("NI" if w == "tonight" else None)
    base = point.value() if point else "XXXX-XX-XX"
    mod = mod_of(m["mod"])
    if part:
        return _tx(m, "TIME", f"{base}T{part}", mod=mod, anchor=anchor, point=point)
    return _tx(m, "DATE", base, mod=mod, anchor=anchor, point=point)


@rule("part_deictic", rf"(?:(?P<mod>early|late|mid)[\s-]*)?(?P<part>{PART})\s+(?P<w>yesterday|today|tomorrow)")
def _part_deictic(m, ctx):
    """'mid-afternoon yesterday', 'late morning today'."""
    point, anchor = _dct_day(_DEICTIC[m["w"].lower()], ctx)
    base = point.value() if point else "XXXX-XX-XX"
    return _apply_mod(_tx(m, "TIME", f"{base}T{PARTS_OF_DAY[m['part'].lower()]}", anchor=anchor, point=point),
                      m["mod"])


@rule("part_of_day", rf"{_MODP}(?P<rel>this|last|yesterday|tomorrow|early\s+this|late\s+last|late\s+this|the)\s+(?P<part>{PART})"
      rf"(?!\s+of\b)")
def _part_of_day(m, ctx):
    rel = m["rel"].lower().split()[-1]
    part = PARTS_OF_DAY[m["part"].lower()]
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1, "the": 0}[rel]
    if rel == "the" and m["part"].lower() == "night":
        return None
    point, anchor = _dct_day(offset, ctx)
    if rel == "the" and ctx.ref is not None and ctx.ref.gran == "D":
        point, anchor = ctx.ref, f"mention:{ctx.ref_start}"
    base = point.value() if point else "XXXX-XX-XX"
    return _apply_mod(_tx(m, "TIME", f"{base}T{part}", anchor=anchor, point=point), m["mod"])


def _weekday_point(wd: int, rel: str, ctx) -> tuple[Optional[Point], Optional[str]]:
    if rel.startswith("the "):  # "the previous Friday": the one before the day under discussion
        if ctx.ref is not None and ctx.ref.gran == "D":
            base, anchor = ctx.ref.day, f"mention:{ctx.ref_start}"
        elif ctx.dct is not None:
            base, anchor = ctx.dct, "dct"
        else:
            return None, None
        if rel in ("the following", "the next"):
            return Point(base + timedelta(days=(wd - base.isoweekday()) % 7 or 7), "D"), anchor
        return Point(base - timedelta(days=(base.isoweekday() - wd) % 7 or 7), "D"), anchor
    if ctx.dct is None:
        return None, None
    base = ctx.dct
    diff = wd - base.isoweekday()
    if rel in ("last", "past"):
        back = (base.isoweekday() - wd) % 7 or 7
        return Point(base - timedelta(days=back), "D"), "dct"
    if rel in ("next", "coming", "this coming"):
        fwd = diff % 7 or 7
        return Point(base + timedelta(days=fwd), "D"), "dct"
    if rel == "this":
        return Point(base + timedelta(days=diff), "D"), "dct"
    ahead, back = diff % 7, (-diff) % 7
    if ctx.tense == "future":
        return Point(base + timedelta(days=ahead), "D"), "dct"
    return Point(base - timedelta(days=back), "D"), "dct"


@rule("weekday", rf"{_MODP}(?:(?P<rel>last|this|next|this\s+coming|coming|past|the\s+(?:previous|preceding|prior|following|next))\s+)?(?P<wd>{WEEKDAY})(?!\s*,?\s*{MONTH})"
      rf"(?:\s+(?P<part>{PART}|night))?", check=lambda m, text: m.group("wd")[:1].isupper())
def _weekday(m, ctx):
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    point, anchor = _weekday_point(wd, rel, ctx)
    base = point.value() if point else f"XXXX-WXX-{wd}"
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    if part:
        return _apply_mod(_tx(m, "TIME", f"{base}T{part}", anchor=anchor, point=point), m["mod"])
    return _apply_mod(_tx(m, "DATE", base, anchor=anchor, point=point), m["mod"])
