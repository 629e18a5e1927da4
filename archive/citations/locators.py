"""Locators ("p. 5", "pp. 20–21") normalised so that equal places compare equal."""

import re

_RANGE = re.compile(r"(\d+)\s*[-‐‑‒–—]+\s*(\d+)")
_SPACES = re.compile(r"\s+")
_PAGE_WORD = re.compile(r"^(?:pages?|pp?\.?)\s*(?=\d)", re.IGNORECASE)


def normalize_locator(text: str) -> str:
    """'pp 20-21' → 'pp. 20–21'; 'page 5' → 'p. 5'; anything else is trimmed as typed."""
    text = _SPACES.sub(" ", (text or "").strip())
    if not text:
        return ""
    if _PAGE_WORD.match(text) or text[0].isdigit():
        rest = _PAGE_WORD.sub("", text).strip()
        rest = _RANGE.sub(r"\1–\2", rest)
        prefix = "pp." if ("–" in rest or "," in rest) else "p."
        return f"{prefix} {rest}"
    return _RANGE.sub(r"\1–\2", text)
