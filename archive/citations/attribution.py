"""An item's citations as readers see them: footnote sources (hidden ones masked) and the bibliography."""

from __future__ import annotations

from dataclasses import dataclass, field

UNDER_REVIEW_TEXT = "Source under review"


class UnderReview:
    """Stands in for a cited source the public may not see (pending or rejected).

    It carries no detail of the source: footnotes show only that the source is
    being reviewed.
    """

    under_review = True
    preview_label = UNDER_REVIEW_TEXT
    reliability = ""

    def __str__(self):
        return UNDER_REVIEW_TEXT


@dataclass
class Attribution:
    """An item's citations split into what readers see."""

    footnote_sources: dict = field(default_factory=dict)  # key → Source or UnderReview
    bibliography: list = field(default_factory=list)  # [(Source, [locators])], visible sources only
    sources: list = field(default_factory=list)  # visible Source objects, in first-cited order


def attribute(citations, can_see) -> Attribution:
    """Split citations into footnote sources (hidden ones masked) and a bibliography of visible sources."""
    result = Attribution()
    grouped: dict[int, tuple] = {}
    for citation in citations:
        source = citation.source
        if not can_see(source):
            result.footnote_sources.setdefault(source.citation_key, UnderReview())
            continue
        result.footnote_sources[source.citation_key] = source
        if source.pk not in grouped:
            grouped[source.pk] = (source, [])
            result.sources.append(source)
        if citation.locator:
            grouped[source.pk][1].append(citation.locator)
    result.bibliography = sorted(grouped.values(), key=lambda pair: pair[0].reference.casefold())
    return result


LONG_BIBLIOGRAPHY = 6


def bibliography_adds(bibliography, footnotes) -> bool:
    """Whether a list of works tells the reader more than the notes above it do.

    It does when it is long (a sorted list is then easier to scan than notes in order of use) or when it
    names a work no note cites; otherwise it would only repeat the same two or three entries.
    """
    if len(bibliography) >= LONG_BIBLIOGRAPHY:
        return True
    noted = {getattr(note.source, "pk", None) for note in footnotes}
    return any(source.pk not in noted for source, _locators in bibliography)
