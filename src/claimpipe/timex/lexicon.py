"""The words of English temporal expressions: the tables that give them a meaning (month and weekday
numbers, number words, units and their TIMEX3 codes, parts of the day, seasons, modifier words, the
past/present/future references) and the regex pieces the rules are written with (``MONTH``, ``DAY``,
``YEAR``, ``NUM``, ``UNIT``, ``DMOD``...). Tables and pieces used by a single rule family stay beside it
in :mod:`claimpipe.timex.rules`.
"""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3, "thursday": 4,
    "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}
NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
    "a dozen": 12, "hundred": 100, "thousand": 1000, "a thousand": 1000, "a hundred": 100, "one hundred": 100, "a couple of": 2, "a couple": 2,
    "couple of": 2, "a half": 0.5, "half a": 0.5, "half an": 0.5,
}
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "a number of", "numerous", "countless"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "final": 4, "last": 4,
}
# unit word -> (duration code, calendar granularity)
UNITS = {
    "second": ("S", None), "minute": ("M", None), "hour": ("H", None), "day": ("D", "D"),
    "night": ("D", "D"), "week": ("W", "W"), "fortnight": ("W", "W"), "month": ("M", "M"),
    "quarter": ("Q", "Q"), "year": ("Y", "Y"), "decade": ("DE", "DE"), "century": ("CE", "CE"),
    "weekend": ("WE", "W"), "millennium": ("ML", None),
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_MONTH_FULL = r"january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.|(?:{_MONTH_ABBR})(?=\s+\d))"
WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
           r"(?:mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.)")
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUMWORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
            r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
            r"hundred|thousand|dozen)")
NUM = (rf"(?:\d+(?:[.,]\d+)?(?:\s+1/2)?|{_NUMWORD}(?:[- ]{_NUMWORD})*(?:\s+and\s+a\s+half)?|an?(?:\s+(?:hundred|dozen))?"
       r"(?:\s+and\s+a\s+half)?|a\s+couple(?:\s+of)?|couple\s+of|half\s+an?|a\s+half|several|a\s+few|few|many|"
       r"some|a\s+number\s+of|numerous)")
UNIT = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|"
        r"century|centuries|weekends?|millennium|millennia)")
PART = r"(?:morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
DMOD = (r"(?:early|earlier|late|later|mid|the\s+(?:early|late|mid|beginning\s+of|start\s+of|end\s+of|middle\s+of|"
        r"close\s+of|first\s+part\s+of|latter\s+part\s+of|last\s+part\s+of)|(?:the\s+)?end\s+of|"
        r"the\s+turn\s+of|around|about|approximately|roughly|circa|some|nearly|almost|"
        r"more\s+than|less\s+than|under|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|"
        r"fewer\s+than|close\s+to|just\s+over|just\s+under|well\s+over|barely)")
MOD_WORDS = [
    (r"early|earlier|the early|the beginning of|the start of|the first part of", "START"),
    (r"late|later|the late|the end of|end of|the close of|the latter part of|the last part of", "END"),
    (r"mid|the mid|the middle of", "MID"),
    (r"around|about|approximately|roughly|circa|some|close to|the turn of", "APPROX"),
    (r"nearly|almost|barely|just under", "LESS_THAN"),
    (r"less than|under|fewer than", "LESS_THAN"),
    (r"more than|over|just over|well over", "MORE_THAN"),
    (r"at least|no less than", "EQUAL_OR_MORE"),
    (r"at most|up to|no more than|within", "EQUAL_OR_LESS"),
]

REFS = [  # longer forms first: a regex alternation takes the first alternative that matches
    (r"in\s+this\s+day\s+and\s+age|the\s+present\s+time|at\s+the\s+moment|at\s+present|these\s+days|just\s+now|"
     r"nowadays|currently|presently|now|the\s+present|the\s+moment|this\s+time", "PRESENT_REF"),
    (r"(?:in\s+)?(?:the\s+past\s+few|the\s+last\s+few|past\s+few|last\s+few|the\s+recent|the\s+previous|the\s+earlier|"
     r"the\s+past|the\s+last|recent|past|previous|prior|earlier)\s+(?:years|months|weeks|days|decades|centuries|times|quarters)|"
     r"some\s+time\s+ago|a\s+while\s+ago|years\s+ago|long\s+ago|former\s+times|in\s+the\s+past|the\s+past|"
     r"recently|lately|earlier|recent|some\s+time|ago", "PAST_REF"),
    (r"(?:the\s+)?(?:coming|upcoming|next\s+few|future)\s+(?:years|months|weeks|days|decades|centuries|quarters)|"
     r"(?:the\s+)?(?:years|months|weeks|days|decades)\s+(?:ahead|to\s+come)|the\s+near\s+future|"
     r"the\s+foreseeable\s+future|the\s+future|in\s+future|a\s+later\s+date|future|eventually|later", "FUTURE_REF"),
]
# REFS entries that are too ambiguous on their own: only kept in the listed forms
_LONE_AMBIGUOUS = {"once", "earlier", "later", "ago", "some time", "future", "recent", "the moment", "this time",
                   "eventually", "formerly", "years ago"}

_TENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"

_SPELLED_YEAR = (rf"(?:nineteen|eighteen)[\s-]+{_TENS}(?:[\s-]+{_ONES})?|"
                 rf"two\s+thousand(?:\s+and)?(?:[\s-]+(?:{_ONES}|{_TENS}(?:[\s-]+{_ONES})?))?")
