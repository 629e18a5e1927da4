"""Field clean-up shared by the source readers: whitespace, DOIs, ISBNs, pages, languages, dates."""

from __future__ import annotations

import datetime as dt
import re

from archive import dates

_DASHES = re.compile(r"\s*(?:--|[-‐‑‒–—])+\s*")
LANGUAGE_NAMES = {
    "english": "en", "american": "en", "british": "en", "russian": "ru", "belarusian": "be", "ukrainian": "uk",
    "german": "de", "ngerman": "de", "french": "fr", "polish": "pl", "italian": "it", "spanish": "es",
    "lithuanian": "lt", "latvian": "lv", "estonian": "et", "georgian": "ka",
}  # fmt: skip
_LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(value) -> str:
    """One line, single spaces (how the archive's fields and its exports hold text), without control
    characters (XML feeds and PostgreSQL refuse them)."""
    return " ".join(CONTROL.sub(" ", str(value or "")).split())


def doi(value: str) -> str:
    value = text(value)
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value, flags=re.I)


def isbn(value: str) -> str:
    """The first ISBN in the value (RIS's SN and BibTeX's isbn may hold several), without hyphens."""
    for candidate in re.split(r"[;,]|\s(?=\d{9})", text(value)):
        digits = re.sub(r"[\s-]", "", candidate).upper()
        if len(digits) in (10, 13) and digits[:-1].isdigit():
            return digits
    return ""


def pages(first: str, last: str = "") -> str:
    """'20--35', '20-35' or ('20', '35') → '20–35', the archive's range form."""
    first, last = text(first), text(last)
    if not last:
        parts = _DASHES.split(first, maxsplit=1)
        first, last = parts[0], (parts[1] if len(parts) > 1 else "")
    return f"{first}–{last}" if last else first


def language(value: str) -> str:
    value = text(value)
    if not value:
        return ""
    if value.lower() in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[value.lower()]
    return value if _LANGUAGE_CODE.match(value) and len(value) <= 12 else ""


def iso_day(value: str) -> dt.date | None:
    """An access date: 2024-05-01, 2024/05/01 or 2024/05/01/ (RIS); None when it is not a whole day."""
    match = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text(value))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def edtf_from_parts(year, month=None, day=None) -> str:
    out = f"{int(year):04d}"
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    return out


def checked_edtf(value: str, problems: list[str]) -> str:
    """The date in the archive's EDTF form, or '' with the reason added to problems."""
    value = text(value)
    if not value:
        return ""
    try:
        return dates.parse(value).edtf
    except dates.InvalidEDTF as exc:
        problems.append(f"date “{value}”: {exc}")
        return ""
