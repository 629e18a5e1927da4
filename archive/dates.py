"""EDTF dates: parsing into sortable bounds, and honest wording for readers.

Events and sources carry dates of very different precision ("8 December
1999", "July 2009", "the early 1990s"). We keep the editor's EDTF string as
the truth and derive from it the earliest and latest possible day (for
sorting and range filters), a precision label (for constraints and display)
and its wording.

Only the part of EDTF we can say honestly is accepted (see `parse`): days,
months, years, trailing unknown digits (199X, 19XX, 2004-XX, 2004-06-XX),
seasons (2004-21 … 2004-24), closed intervals and sets of those. Open or
unknown interval ends, unknown digits in the middle of a date, qualifiers
inside a date and quarters or other sub-year groupings are refused with a
message, because every dated item needs both bounds and a wording that
claims no more than the string says. The `edtf` package still has to accept
the string, so what we store stays valid EDTF for other tools.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf
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

# EDTF leaves the months of a season open; we use the Northern Hemisphere's meteorological seasons.
# Winter 2004 is the winter that begins in December 2004 (as the edtf package also starts it).
SEASONS = {21: ("spring", 3, 5), 22: ("summer", 6, 8), 23: ("autumn", 9, 11), 24: ("winter", 12, 14)}

MAX_EDTF_LENGTH = 64

GENERIC_HELP = (
    "Use forms like 1999-12-08, 2009-07, 2009, 199X (the 1990s), 2004-06-XX (some day in June 2004), "
    "2004-21 (spring 2004), 2004-01-01/2004-01-04 (a range), 1990~/1993~ (early 1990s) "
    "or [2004,2005] (2004 or 2005)."
)

_SINGLE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX)"
    r"(?:-(?P<day>\d{2}|XX)(?P<time>T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}(?::\d{2})?)?)?)?)?"
    r"(?P<qualifier>[?~%])?"
)
# A plain day, month or year (ISO 8601, EDTF level 0). Once `_single` has built real dates from it,
# it is valid EDTF: the edtf grammar (tens of milliseconds per string) is asked only about the rest.
_CALENDAR = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2})?)?")


class InvalidEDTF(ValueError):
    """Raised with a reader-friendly message when an EDTF string is unusable."""


@dataclass(frozen=True)
class ParsedDate:
    """Bounds, precision and wording of one EDTF string.

    `start_precision`/`end_precision` say how precisely each bound is known
    ("2009-07/2010" starts at a month and ends at a year), for exports that
    give dates at their true precision.
    """

    edtf: str
    earliest: dt.date
    latest: dt.date
    precision: str
    start_precision: str = PRECISION_DAY
    end_precision: str = PRECISION_DAY
    words: str = ""
    season: int | None = None  # 1 spring … 4 winter, for a bare season (CSL has a field for it)


def _invalid(text: str) -> InvalidEDTF:
    return InvalidEDTF(f"“{text}” is not a valid EDTF date. {GENERIC_HELP}")


def _qualified(words: str, qualifier: str | None) -> str:
    if qualifier == "%":
        return f"about {words}?"
    if qualifier == "~":
        return f"about {words}"
    if qualifier == "?":
        return f"{words}?"
    return words


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _single(text: str) -> ParsedDate:
    """One date (no interval, no set): its bounds, precision and words."""
    match = _SINGLE.fullmatch(text)
    if not match:
        if re.search(r"[?~%](?!$)", text):
            raise InvalidEDTF(f"In “{text}” put ?, ~ or % at the end of the date only, e.g. 2004-06? or 2004-06~.")
        raise _invalid(text)
    try:
        earliest, latest, precision, words, season = _single_parts(text, match)
    except InvalidEDTF:
        raise
    except ValueError as exc:  # a month or day that does not exist
        raise _invalid(text) from exc
    # A season's bounds are months; decades and centuries are written as years in ISO dates.
    bound_precision = PRECISION_MONTH if season else precision
    return ParsedDate(
        text,
        earliest,
        latest,
        precision,
        start_precision=bound_precision,
        end_precision=bound_precision,
        words=_qualified(words, match["qualifier"]),
        season=season,
    )


def _single_parts(text: str, match: re.Match) -> tuple[dt.date, dt.date, str, str, int | None]:
    year, month, day = match["year"], match["month"], match["day"]
    misplaced_x = InvalidEDTF(
        f"In “{text}” only the last digits may be unknown: write 199X, 19XX, 2004-XX or 2004-06-XX."
    )
    if "X" in year:
        if month is not None:
            raise misplaced_x
        if year.endswith("XX"):
            first = int(year[:2]) * 100
            # 19XX is 1900–1999: not "the 20th century" (1901–2000), nor "the 1900s" (also read as 1900–1909).
            words = f"{first}–{first + 99}"
            return dt.date(first, 1, 1), dt.date(first + 99, 12, 31), PRECISION_CENTURY, words, None
        first = int(year[:3]) * 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), PRECISION_DECADE, f"the {first}s", None
    y = int(year)
    if month is None or month == "XX":
        if day not in (None, "XX"):
            raise misplaced_x
        return dt.date(y, 1, 1), dt.date(y, 12, 31), PRECISION_YEAR, str(y), None
    m = int(month)
    if m in SEASONS:
        if day is not None:
            raise _invalid(text)
        name, first_month, last_month = SEASONS[m]
        last_year, last_month = y + (last_month - 1) // 12, (last_month - 1) % 12 + 1
        words = f"{name} {y}" if last_year == y else f"{name} {y}–{last_year}"
        return dt.date(y, first_month, 1), _month_end(last_year, last_month), PRECISION_RANGE, words, m - 20
    if 25 <= m <= 41:
        raise InvalidEDTF(
            f"“{text}” is a quarter or another part of a year, which the archive does not use: "
            "give a season (2004-21 spring … 2004-24 winter) or a range (2004-01/2004-03)."
        )
    if day is None or day == "XX":
        return dt.date(y, m, 1), _month_end(y, m), PRECISION_MONTH, f"{MONTHS[m - 1]} {y}", None
    d = dt.date(y, m, int(day))
    return d, d, PRECISION_DAY, f"{d.day} {MONTHS[d.month - 1]} {d.year}", None


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


def _span_words(left: str, right: str, start: ParsedDate, end: ParsedDate) -> str:
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
    return f"{start.words} – {end.words}"


def _span(text: str, left: str, right: str, open_message: str) -> ParsedDate:
    """Two dates as one span: an interval (left/right) or consecutive dates in a set (left..right)."""
    if left.strip() in ("", "..") or right.strip() in ("", ".."):
        raise InvalidEDTF(open_message)
    start, end = _single(left.strip()), _single(right.strip())
    if end.latest < start.earliest:
        raise InvalidEDTF(f"“{text}” ends before it starts.")
    words = _span_words(left.strip(), right.strip(), start, end)
    return ParsedDate(
        text, start.earliest, end.latest, PRECISION_RANGE, start.start_precision, end.end_precision, words
    )


def _join(words: list[str], conjunction: str) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def _set(text: str) -> ParsedDate:
    """[a,b] (one of them) or {a,b} (all of them); a member may be consecutive dates a..b."""
    members = []
    for member in text[1:-1].split(","):
        member = member.strip()
        if ".." in member:
            left, _, right = member.partition("..")
            members.append(
                _span(member, left, right, f"“{text}” is open-ended: list the dates, e.g. [2004,2005] or [2004..2006].")
            )
        elif member:
            members.append(_single(member))
        else:
            raise _invalid(text)
    first = min(members, key=lambda p: p.earliest)
    last = max(members, key=lambda p: p.latest)
    words = _join([p.words for p in members], "or" if text[0] == "[" else "and")
    return ParsedDate(
        text, first.earliest, last.latest, PRECISION_RANGE, first.start_precision, last.end_precision, words
    )


@lru_cache(maxsize=4096)  # pure, and the edtf grammar costs milliseconds per string (see bench/reader_pages.py)
def parse(text: str) -> ParsedDate:
    """Parse an EDTF string; raise InvalidEDTF with a message editors understand."""
    text = (text or "").strip()
    if not text:
        raise InvalidEDTF(f"Enter a date in EDTF. {GENERIC_HELP}")
    if len(text) > MAX_EDTF_LENGTH:
        raise InvalidEDTF(f"An EDTF date has at most {MAX_EDTF_LENGTH} characters.")
    if text[0] + text[-1] in ("[]", "{}"):
        parsed = _set(text)
    elif "/" in text:
        left, _, right = text.partition("/")
        parsed = _span(
            text,
            left,
            right,
            f"“{text}” has an open or unknown end: give both ends of the range, e.g. 2004/2006 or 1990~/1993~.",
        )
    else:
        parsed = _single(text)
    if _CALENDAR.fullmatch(text):
        return parsed
    try:  # what we store must stay valid EDTF for other tools, not only for our reading of it
        parse_edtf(text)
    except (EDTFParseException, ValueError, TypeError, AttributeError, OverflowError) as exc:
        raise _invalid(text) from exc
    return parsed


@lru_cache(maxsize=4096)
def describe(text: str) -> str:
    """Say an EDTF date in words: 'July 2009', 'early 1990s', '1–4 January 2004', '2004 or 2005'."""
    text = (text or "").strip()
    if not text:
        return "undated"
    try:
        return parse(text).words
    except InvalidEDTF:
        return text  # stored before a rule tightened: show what was typed rather than guess


def within_year(text: str, year: int) -> str:
    """The wording without its year, for a list already headed by that year: "3 June", "July", "1–4 January".

    Only a day or a month loses its year; "2009", "about 2009" or "spring 2009" keep their words,
    since without the year they would say nothing or mislead.
    """
    words = describe(text)
    suffix = f" {year}"
    if words.endswith(suffix):
        rest = words[: -len(suffix)]
        if any(month in rest for month in MONTHS):
            return rest
    return words


def of(record) -> ParsedDate:
    """The parsed date of a saved event or source, never raising.

    A string saved before a rule tightened (or written straight to the
    database) falls back to the stored bounds at day precision, so a page or
    an export shows what is known instead of failing.
    """
    try:
        return parse(record.date_edtf)
    except InvalidEDTF:
        return ParsedDate(
            record.date_edtf, record.date_earliest, record.date_latest, PRECISION_RANGE, words=record.date_edtf
        )


def _at_precision(value: dt.date, precision: str) -> str:
    if precision == PRECISION_MONTH:
        return value.strftime("%Y-%m")
    if precision in (PRECISION_YEAR, PRECISION_DECADE, PRECISION_CENTURY):
        return f"{value.year:04d}"
    return value.isoformat()


def iso_bounds(date: str | ParsedDate) -> tuple[str, str | None]:
    """ISO 8601 start/end at the date's true precision (for schema.org and exports).

    The end is None when the date is one day, month or year.
    """
    parsed = parse(date) if isinstance(date, str) else date
    start = _at_precision(parsed.earliest, parsed.start_precision)
    if parsed.precision in (PRECISION_RANGE, PRECISION_DECADE, PRECISION_CENTURY):
        return start, _at_precision(parsed.latest, parsed.end_precision)
    return start, None
