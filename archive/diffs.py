"""Word-level differences between two versions of a text, as HTML (<del>/<ins>).

Used by the edit-conflict page and the revision comparison: editors read the
changes word by word, as in MediaWiki's diff, rather than line by line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """One HTML fragment of `after` with removed words in <del> and added ones in <ins>."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(old[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<del class="diff-del">{escape("".join(old[i1:i2]))}</del>')
        if j2 > j1:
            out.append(f'<ins class="diff-ins">{escape("".join(new[j1:j2]))}</ins>')
    return mark_safe("".join(out))


def word_diff_sides(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Side by side: the old text with its removed words marked, the new one with its added words."""
    old, new = _TOKENS.findall(before or ""), _TOKENS.findall(after or "")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(escape("".join(old[i1:i2])))
            right.append(escape("".join(new[j1:j2])))
            continue
        if i2 > i1:
            left.append(f'<del class="diff-del">{escape("".join(old[i1:i2]))}</del>')
        if j2 > j1:
            right.append(f'<ins class="diff-ins">{escape("".join(new[j1:j2]))}</ins>')
    return mark_safe("".join(left)), mark_safe("".join(right))


@dataclass
class FieldChange:
    label: str
    before: str
    after: str
    html: SafeString  # word-level differences (text) or the lists' additions/removals
    before_html: SafeString = mark_safe("")
    after_html: SafeString = mark_safe("")


def set_change(label: str, before: list[str], after: list[str]) -> FieldChange | None:
    """Changes to a set of names (tags, actors, citations): removed ones struck out, added ones marked."""
    removed = [name for name in before if name not in after]
    added = [name for name in after if name not in before]
    if not removed and not added:
        return None
    kept = [name for name in after if name in before]
    parts = [f'<del class="diff-del">{escape(n)}</del>' for n in removed]
    parts += [f'<ins class="diff-ins">{escape(n)}</ins>' for n in added]
    parts += [escape(n) for n in kept]
    left = ", ".join(f'<del class="diff-del">{escape(n)}</del>' if n in removed else escape(n) for n in before)
    right = ", ".join(f'<ins class="diff-ins">{escape(n)}</ins>' if n in added else escape(n) for n in after)
    return FieldChange(
        label, ", ".join(before), ", ".join(after), mark_safe(", ".join(parts)), mark_safe(left), mark_safe(right)
    )


def text_change(label: str, before: str, after: str) -> FieldChange | None:
    if (before or "") == (after or ""):
        return None
    left, right = word_diff_sides(before, after)
    return FieldChange(label, before or "", after or "", word_diff(before, after), left, right)
