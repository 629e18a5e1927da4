"""Render a Markdown body with numbered footnotes for its inline citations.

Numbering follows first appearance. Citing the same source at the same
locator again reuses the number, and the footnote gets one backlink per use
("^ a b"), as encyclopedias do.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.markup import render_markdown

from .keys import find_groups

# Private-use characters mark where footnote references go; they survive
# Markdown and sanitising, and editors cannot type them (they are stripped).
_OPEN, _CLOSE = "\ue000", "\ue001"


@dataclass
class Footnote:
    number: int
    key: str
    locator: str
    source: object | None
    uses: list[str] = field(default_factory=list)  # anchor ids of each reference

    @property
    def anchor(self) -> str:
        return f"fn-{self.number}"

    @property
    def backlinks(self) -> list[tuple[str, str]]:
        """(label, anchor) pairs; labels are a, b, c … when the note is used more than once."""
        if len(self.uses) == 1:
            return [("^", self.uses[0])]
        return [(_letter(i), anchor) for i, anchor in enumerate(self.uses)]


@dataclass
class RenderedBody:
    html: SafeString
    footnotes: list[Footnote]


def _letter(index: int) -> str:
    letters = string.ascii_lowercase
    return letters[index] if index < 26 else f"{letters[index // 26 - 1]}{letters[index % 26]}"


def render_with_footnotes(text: str, sources_by_key: dict[str, object]) -> RenderedBody:
    """Markdown → sanitised HTML, with [@key, loc] replaced by numbered footnote links.

    Unknown keys are kept as footnotes with no source, so a page never
    breaks; the admin refuses unknown keys before they are saved.
    """
    text = (text or "").replace(_OPEN, "").replace(_CLOSE, "")
    numbers: dict[tuple[str, str], Footnote] = {}
    pieces, last = [], 0
    for group in find_groups(text):
        pieces.append(text[last : group.start])
        marks = []
        for ref in group.refs:
            note = numbers.get((ref.key, ref.locator))
            if note is None:
                note = Footnote(len(numbers) + 1, ref.key, ref.locator, sources_by_key.get(ref.key))
                numbers[(ref.key, ref.locator)] = note
            anchor = f"fnref-{note.number}-{len(note.uses) + 1}"
            note.uses.append(anchor)
            marks.append(f"{_OPEN}{note.number}:{anchor}{_CLOSE}")
        pieces.append("".join(marks))
        last = group.end
    pieces.append(text[last:])
    html = render_markdown("".join(pieces))
    notes = {note.number: note for note in numbers.values()}
    for note in notes.values():
        for anchor in note.uses:
            placeholder = f"{_OPEN}{note.number}:{anchor}{_CLOSE}"
            link = (
                f'<sup class="fn-ref" id="{anchor}"><a href="#{note.anchor}" '
                f'aria-describedby="{anchor}-preview">[{note.number}]</a>'
                f'<span class="fn-preview" id="{anchor}-preview" role="tooltip">'
                f"{escape(_preview(note))}</span></sup>"
            )
            html = html.replace(placeholder, link, 1)
    return RenderedBody(mark_safe(html), sorted(notes.values(), key=lambda n: n.number))


def _preview(note: Footnote) -> str:
    if note.source is None:
        # Never the key: a key can name a source the public may not see (reader-suggested keys echo titles).
        return "Source not available"
    label = getattr(note.source, "preview_label", None) or str(note.source)
    if getattr(note.source, "under_review", False):
        return label  # a source the public may not see: not even where it was cited
    # "Russia Profile VI (2), p. 5": the reference's closing period gives way to the locator.
    return f"{label.rstrip().removesuffix('.')}, {note.locator}." if note.locator else label
