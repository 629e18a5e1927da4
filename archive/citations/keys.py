"""Find Pandoc-style citations in Markdown: [@key], [@key, p. 5], [@a, pp. 1–2; @b]."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .locators import normalize_locator

# A bracketed group whose items each start with @key; not a Markdown link (no "(" right after).
GROUP = re.compile(r"\[((?:[^\[\]]*?)@[A-Za-z][^\[\]]*?)\](?!\()")
ITEM = re.compile(
    r"^\s*(?:see\s+|cf\.\s+)?@([A-Za-z][A-Za-z0-9_:.\-]*[A-Za-z0-9_]|[A-Za-z])\s*(?:,\s*(.*?))?\s*$", re.I
)


@dataclass(frozen=True)
class CiteRef:
    key: str
    locator: str


@dataclass(frozen=True)
class CiteGroup:
    start: int
    end: int
    refs: tuple[CiteRef, ...]


def find_groups(text: str) -> list[CiteGroup]:
    """All citation groups in text, in order. Items that do not parse make the group plain text."""
    groups = []
    for match in GROUP.finditer(text or ""):
        refs = []
        for part in match.group(1).split(";"):
            item = ITEM.match(part)
            if not item:
                refs = []
                break
            refs.append(CiteRef(item.group(1), normalize_locator(item.group(2) or "")))
        if refs:
            groups.append(CiteGroup(match.start(), match.end(), tuple(refs)))
    return groups


def cited_keys(text: str) -> list[str]:
    """Distinct keys in order of first appearance."""
    seen: dict[str, None] = {}
    for group in find_groups(text):
        for ref in group.refs:
            seen.setdefault(ref.key, None)
    return list(seen)


def cited_refs(text: str) -> list[CiteRef]:
    """Distinct (key, locator) pairs in order of first appearance."""
    seen: dict[CiteRef, None] = {}
    for group in find_groups(text):
        for ref in group.refs:
            seen.setdefault(ref, None)
    return list(seen)
