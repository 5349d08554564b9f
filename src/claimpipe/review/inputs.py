"""What comes in from outside: the app's decision request, and the checks it shares with the import.

Everything here is untrusted (a browser page, a script on the machine, an annotation tool's export),
so each value is checked for its type and shape before it can reach ``reviews.jsonl``:

- :class:`DecisionRequest`, the body of the app's ``POST /api/decision`` (strict, no unknown field);
- :func:`plain_name` for reviewer names, :func:`timestamp` for times, :func:`link` for URLs;
- :func:`show_bidi` makes bidirectional control characters visible wherever text is shown.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime, timezone
from typing import Annotated, Literal, Optional, Union
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from claimpipe.schema import Verdict

# The explicit embeddings, overrides and isolates (the "Trojan Source" set): they reorder the text
# around them, so a shown value could read differently from what it is. The implicit marks (LRM,
# RLM, ALM) are left in text, where right-to-left scripts need them, and refused in URLs and names.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
MAX_NAME = 200
MAX_TEXT = 20_000
LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc).timestamp()


def show_bidi(text: str) -> str:
    """``text`` with each bidi control character replaced by a visible ``⟨U+202E⟩``."""
    return BIDI_CONTROLS.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def _invisible(ch: str) -> bool:
    """Control, format (bidi marks, zero-width), surrogate and line/paragraph separator characters."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def utf8(value: str) -> str:
    """The string, when it can be written as UTF-8 (no lone surrogate, as JSON's ``\\ud800`` makes)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"contains a lone surrogate (U+{ord(value[exc.start]):04X})") from None
    return value


def plain_name(value: Union[str, int]) -> str:
    """A reviewer's name: one line of at most 200 printable characters (surrounding spaces dropped)."""
    text = utf8(str(value)).strip()
    if not text:
        raise ValueError("a name cannot be empty")
    if len(text) > MAX_NAME:
        raise ValueError(f"a name has at most {MAX_NAME} characters")
    bad = next((ch for ch in text if _invisible(ch)), None)
    if bad is not None:
        raise ValueError(f"a name cannot hold control or formatting characters (U+{ord(bad):04X})")
    return text


def timestamp(value: Union[str, int, float]) -> str:
    """A time as ISO 8601 in UTC to the second: from ISO text, or from seconds since 1970."""
    if isinstance(value, bool):
        raise ValueError("a time is ISO 8601 text or a number of seconds, not a boolean")
    if isinstance(value, (int, float)):
        if not (math.isfinite(value) and 0 <= value <= LATEST):
            raise ValueError(f"{value!r} is not a time: seconds since 1970 up to the year 9999 are expected")
        when = datetime.fromtimestamp(value, timezone.utc)
    else:
        try:
            when = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value[:40]!r} is not an ISO 8601 time") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def link(url: Optional[str]) -> Optional[str]:
    """The URL when it is safe to make a link of, else None.

    http(s) only (no ``javascript:`` or ``data:``), with a host, and with no whitespace, control,
    bidi or other invisible character anywhere in it: what is shown is what is followed.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    if any(ch.isspace() or _invisible(ch) for ch in url):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed [IPv6] host
        return None
    return url if host else None


def _evidence(value: str) -> str:
    if value.strip() and link(value) is None:
        raise ValueError("the evidence URL must be an http:// or https:// URL with no space, control "
                         "or bidi character")
    return value.strip()


Text = Annotated[str, AfterValidator(utf8)]
Name = Annotated[str, AfterValidator(plain_name)]


class DecisionRequest(BaseModel):
    """The body of ``POST /api/decision``: the whole review state of one claim, as the page sends it.

    Strict (a number is no string, a string no list) and closed (an unknown field is an error), so a
    wrong body is answered 400 naming the field instead of failing deeper down. Empty strings mean
    "none" for the optional fields.
    """

    model_config = ConfigDict(strict=True, extra="forbid")

    claim_id: Text = Field(min_length=1, max_length=MAX_NAME, description="The claim decided on (claims.jsonl).")
    decision: Literal["accept", "reject", "pending"] = Field(default="pending", description="Is it a claim?")
    verdict: Optional[Union[Verdict, Literal[""]]] = Field(default=None, description="Fact-check verdict.")
    note: Optional[Text] = Field(default=None, max_length=MAX_TEXT, description="Free text.")
    evidence_url: Optional[Annotated[Text, AfterValidator(_evidence)]] = Field(
        default=None, max_length=4000, description="Where the evidence is: an http(s) URL."
    )
    speaker: Optional[Text] = Field(
        default=None, max_length=MAX_NAME, description="The speaker as corrected; the extracted one means no correction."
    )
    dates: Optional[Union[Annotated[Text, Field(max_length=MAX_TEXT)], list[Annotated[Text, Field(max_length=100)]]]] = Field(
        default=None, description="TIMEX3 values as corrected: a list, or one comma-separated string."
    )
    reviewer: Optional[Name] = Field(
        default=None, description="Who decides; used only by a server started with allow_reviewer_names."
    )

    def date_list(self) -> Optional[list[str]]:
        """The dates as a list (a string is split at commas and semicolons)."""
        if isinstance(self.dates, str):
            return [d for d in re.split(r"\s*[,;]\s*", self.dates) if d]
        return self.dates


_TAGS = {"str", "int", "float", "bool", "none", "dict", "list"}


def first_error(exc) -> tuple[str, str]:
    """(field, message) of a pydantic ValidationError's first error, for a reply or a problem line."""
    err = exc.errors()[0]
    # union members add tags such as 'str' or 'list[...]' to the location: they name no field
    loc = [str(p) for p in err["loc"] if isinstance(p, int) or ("[" not in p and p not in _TAGS)]
    field = loc[0] if loc else "body"
    where = ".".join(loc)
    msg = err["msg"].removeprefix("Value error, ")
    return field, f"{where or 'the record'}: {msg}"


class DeskDecisionRequest(BaseModel):
    """The body of ``POST /api/desk/decision``: a decision on a queue row, that is on every claim of a
    group (or on one claim). Each member keeps its note, evidence URL and corrections."""

    model_config = ConfigDict(strict=True, extra="forbid")

    gkey: Text = Field(min_length=1, max_length=MAX_NAME, description="A group id (g...) or a claim id.")
    decision: Literal["accept", "reject", "pending"] = Field(description="Is it a claim?")
    verdict: Optional[Union[Verdict, Literal[""]]] = Field(default=None, description="Fact-check verdict.")
    reviewer: Optional[Name] = Field(
        default=None, description="Who decides; used only by a server started with allow_reviewer_names."
    )


class SplitRequest(BaseModel):
    """The body of ``POST /api/desk/split``: take one claim out of its group of repeated claims."""

    model_config = ConfigDict(strict=True, extra="forbid")

    claim_id: Text = Field(min_length=1, max_length=MAX_NAME, description="The member to split off.")
    reviewer: Optional[Name] = Field(
        default=None, description="Who decides; used only by a server started with allow_reviewer_names."
    )
