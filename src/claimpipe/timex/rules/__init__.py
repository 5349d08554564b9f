"""The rules of the grammar, one module per family of expressions. Importing this package registers them
in :data:`claimpipe.timex.grammar.RULES`, in the order below: between matches of equal length, the earlier
rule wins, so this order is part of the grammar (``tests/test_timex_properties.py`` pins it).

- :mod:`.dates`: dates with a day ("March 3, 2014", "2014-03-03", "March 3")
- :mod:`.months_years`: months, years, decades, centuries ("May 2005", "1998", "the 1990s")
- :mod:`.periods`: quarters, halves, seasons ("the third quarter", "last summer")
- :mod:`.days`: deictic days, parts of the day, weekdays ("yesterday", "this morning", "Friday")
- :mod:`.clock`: clock times ("10:35 a.m.", "16:08 UTC on Monday", "noon")
- :mod:`.holidays`: holidays ("Christmas", "Labor Day")
- :mod:`.relative`: units relative to the dct or a mention, and "ago" ("last week", "two years ago")
- :mod:`.durations`: durations ("three years", "a five-hour drive")
- :mod:`.sets`: recurring times ("every week", "twice a year")
- :mod:`.references`: past, present and future references ("now", "in recent years")
"""

from claimpipe.timex.rules import (  # noqa: F401 - each module registers its rules on import, in this order
    dates,
    months_years,
    periods,
    days,
    clock,
    holidays,
    relative,
    durations,
    sets,
    references,
)
