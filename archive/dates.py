"""EDTF dates: parsing into sortable bounds, and honest wording for readers.

Events and sources carry dates of very different precision ("8 December
1999", "July 2009", "the early 1990s"). We keep the editor's EDTF string as
the truth and derive from it the earliest and latest possible day (for
sorting and range filters) and a precision label (for constraints and
display).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf, struct_time_to_date
from edtf.parser.edtf_exceptions import EDTFParseException

PRECISION_DAY = "day"
PRECISION_MONTH = "month"
PRECISION_YEAR = "year"
PRECISION_DECADE = "decade"
PRECISION_CENTURY = "century"
PRECISION_RANGE = "range"

PRECISION_CHOICES = [
    (PRECISION_DAY, "Day"),
    (PRECISION_MONTH, "Month"),
    (PRECISION_YEAR, "Year"),
    (PRECISION_DECADE, "Decade"),
    (PRECISION_CENTURY, "Century"),
    (PRECISION_RANGE, "Range"),
]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

MAX_EDTF_LENGTH = 64


class InvalidEDTF(ValueError):
    """Raised with a reader-friendly message when an EDTF string is unusable."""


@dataclass(frozen=True)
class ParsedDate:
    edtf: str
    earliest: dt.date
    latest: dt.date
    precision: str


def _single_precision(text: str) -> str:
    core = text.rstrip("?~%")
    if core.endswith("XX") and len(core) == 4:
        return PRECISION_CENTURY
    if core.endswith("X") and len(core) == 4:
        return PRECISION_DECADE
    parts = core.split("-")
    if core.startswith("-"):
        parts = parts[1:]
    if len(parts) >= 3:
        return PRECISION_DAY
    if len(parts) == 2:
        return PRECISION_MONTH
    return PRECISION_YEAR


@lru_cache(maxsize=4096)  # pure, and the edtf grammar costs milliseconds per string (see bench/reader_pages.py)
def parse(text: str) -> ParsedDate:
    """Parse an EDTF string; raise InvalidEDTF with a message editors understand."""
    text = (text or "").strip()
    if not text:
        raise InvalidEDTF("Enter a date in EDTF, e.g. 1999-12-08, 2009-07, 2009, 199X or 1990~/1993~.")
    if len(text) > MAX_EDTF_LENGTH:
        raise InvalidEDTF(f"An EDTF date has at most {MAX_EDTF_LENGTH} characters.")
    try:
        parsed = parse_edtf(text)
        earliest = struct_time_to_date(parsed.lower_strict())
        latest = struct_time_to_date(parsed.upper_strict())
    except (EDTFParseException, ValueError, TypeError, AttributeError, OverflowError) as exc:
        raise InvalidEDTF(
            f"“{text}” is not a valid EDTF date. Use forms like 1999-12-08, 2009-07, 2009, "
            "199X (the 1990s), 2004-01-01/2004-01-04 (a range) or 1990~/1993~ (early 1990s)."
        ) from exc
    if not isinstance(earliest, dt.date) or not isinstance(latest, dt.date):
        raise InvalidEDTF(f"“{text}” has an open end; give both ends of the range.")
    if latest < earliest:
        raise InvalidEDTF(f"“{text}” ends before it starts.")
    precision = PRECISION_RANGE if "/" in text else _single_precision(text)
    return ParsedDate(text, earliest, latest, precision)


def _qualifier(text: str) -> str:
    if text.endswith("%"):
        return "about {}?"
    if text.endswith("~"):
        return "about {}"
    if text.endswith("?"):
        return "{}?"
    return "{}"


def _describe_single(text: str) -> str:
    core = text.rstrip("?~%")
    parsed = parse(core)
    d = parsed.earliest
    if parsed.precision == PRECISION_CENTURY:
        century = d.year // 100 + 1
        suffix = "th" if 10 <= century % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(century % 10, "th")
        words = f"the {century}{suffix} century"
    elif parsed.precision == PRECISION_DECADE:
        words = f"the {d.year}s"
    elif parsed.precision == PRECISION_YEAR:
        words = str(d.year)
    elif parsed.precision == PRECISION_MONTH:
        words = f"{MONTHS[d.month - 1]} {d.year}"
    else:
        words = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return _qualifier(text).format(words)


def _part_of_decade(start: ParsedDate, end: ParsedDate) -> str | None:
    """'1990~/1993~' reads as 'early 1990s': a vague span inside one decade."""
    if start.precision != PRECISION_YEAR or end.precision != PRECISION_YEAR:
        return None
    decade = start.earliest.year - start.earliest.year % 10
    if end.latest.year - end.latest.year % 10 != decade:
        return None
    first, last = start.earliest.year % 10, end.latest.year % 10
    if last - first > 4:
        return None
    middle = (first + last) / 2
    if middle < 3.5:
        return f"early {decade}s"
    if middle < 6.5:
        return f"mid-{decade}s"
    return f"late {decade}s"


@lru_cache(maxsize=4096)
def describe(text: str) -> str:
    """Say an EDTF date in words: 'July 2009', 'early 1990s', '1–4 January 2004'."""
    text = (text or "").strip()
    if not text:
        return "undated"
    try:
        if "/" not in text:
            return _describe_single(text)
        left, right = text.split("/", 1)
        if not left or not right or left == ".." or right == "..":
            return text
        start, end = parse(left.rstrip("?~%")), parse(right.rstrip("?~%"))
        if left.endswith("~") and right.endswith("~"):
            vague = _part_of_decade(start, end)
            if vague:
                return vague
        if start.precision == end.precision == PRECISION_DAY and not (left + right).strip("0123456789-"):
            a, b = start.earliest, end.earliest
            if (a.year, a.month) == (b.year, b.month):
                return f"{a.day}–{b.day} {MONTHS[a.month - 1]} {a.year}"
            if a.year == b.year:
                return f"{a.day} {MONTHS[a.month - 1]} – {b.day} {MONTHS[b.month - 1]} {a.year}"
        return f"{_describe_single(left)} – {_describe_single(right)}"
    except InvalidEDTF:
        return text


def iso_bounds(text: str) -> tuple[str, str | None]:
    """ISO 8601 start/end at the date's true precision (for schema.org and exports)."""
    parsed = parse(text)

    def at_precision(value: dt.date, precision: str) -> str:
        if precision == PRECISION_MONTH:
            return value.strftime("%Y-%m")
        if precision in (PRECISION_YEAR, PRECISION_DECADE, PRECISION_CENTURY):
            return f"{value.year:04d}"
        return value.isoformat()

    if parsed.precision == PRECISION_RANGE:
        left, right = text.split("/", 1)
        lp = parse(left.rstrip("?~%")).precision
        rp = parse(right.rstrip("?~%")).precision
        return at_precision(parsed.earliest, lp), at_precision(parsed.latest, rp)
    if parsed.precision in (PRECISION_DECADE, PRECISION_CENTURY):
        return at_precision(parsed.earliest, parsed.precision), at_precision(parsed.latest, parsed.precision)
    return at_precision(parsed.earliest, parsed.precision), None
