"""What a well-formed TIMEX3 value is: a checker for the values the grammar emits.

TimeML 1.2.1 values are ISO 8601 with TimeML's extensions: ``X`` for an unknown digit or field
("XXXX-03", "199X"), decades and centuries as truncated years ("199", "19"), weeks, quarters, halves
and seasons ("2014-W07", "1989-Q3", "2001-H2", "2020-SU"), parts of the day ("2020-05-17TNI"), the
weekend ("2020-W20-WE"), durations ("P3M", "PT2H30M", "PXY", "P1DE") and the references
"PRESENT_REF", "PAST_REF", "FUTURE_REF". :func:`is_valid` says whether a value is one of these and, where
it names a calendar day or clock time, whether that day and time exist.
"""

from __future__ import annotations

import re
from calendar import monthrange

_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
_DATE = (rf"(?:{_YEAR}(?:-(?:(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"
         r"|W(?:\d{1,2}|XX)(?:-(?:[1-7]|WE|X))?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?"
         r"|\d{3}|XXX|\d{2}|XX)")  # a year and what is finer; or a decade ("199"), a century ("19")
_CLOCK = r"(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?"
_PART = r"(?:MO|MI|AF|EV|NI|DT)"
_TIME = rf"(?:{_DATE})?T(?:{_CLOCK}|{_PART})"
_NUMBER = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = (rf"P(?:(?:{_NUMBER}(?:Y|M|W|D|Q|H|L|E|C|DE|CE|ML|WE))+(?:T(?:{_NUMBER}[HMS])+)?"
             rf"|T(?:{_NUMBER}[HMS])+)")
_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"

_PATTERNS = {
    "DATE": re.compile(rf"(?:{_DATE}|{_REF})(?:T{_PART})?"),
    "TIME": re.compile(rf"{_TIME}|{_REF}"),
    "DURATION": re.compile(_DURATION),
    "SET": re.compile(rf"{_DURATION}|{_TIME}|{_DATE}"),
}
_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)")
_HOUR = re.compile(r"T(\d\d)(?::(\d\d))?")


def is_valid(type_: str, value: str) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value of type ``type_`` (DATE, TIME, DURATION, SET) that names
    only days and clock times that exist ("2021-02-29" and "T25:00" do not)."""
    pattern = _PATTERNS.get(type_)
    if pattern is None or pattern.fullmatch(value) is None:
        return False
    day = _DAY.match(value)
    if day is not None:
        year, month, dd = day.groups()
        last = monthrange(int(year), int(month))[1] if year.isdigit() else (29 if month == "02" else 31)
        if int(dd) > last:
            return False
    clock = _HOUR.search(value)
    if clock is not None and clock.group(1) == "24" and clock.group(2) not in (None, "00"):
        return False
    return True
