"""Where an item's sources come from: counts by affiliation and country of origin, and when to warn.

Readers of contested relations need to see at a glance whether an event rests on
sources of one camp. The line reads "3 sources: 1 academic (Russia), 1 independent
(Russia), 1 think tank (Italy)"; it takes the warning style when two or more sources
all share one affiliation or one country, or when any cited source is rated
unreliable, deprecated or blacklisted. A single source is not warned about for
sharing its own origin (that would flag every one-source item); the line still says
"1 source". Only sources the reader may see are counted; hidden ones are counted
as "under review" without any detail. Pages and the event exports use this one
module, so the wording and the rule cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from archive.models import Source

# Short words for the line; the model's labels are longer ("State-owned or government").
AFFILIATION_WORDS = {
    Source.Affiliation.STATE: "state-owned or government",
    Source.Affiliation.INDEPENDENT: "independent",
    Source.Affiliation.ACADEMIC: "academic",
    Source.Affiliation.THINK_TANK: "think tank",
    Source.Affiliation.INTERNATIONAL: "international organization",
}
UNKNOWN_AFFILIATION = "of unknown affiliation"
WARN_RELIABILITY = {Source.Reliability.UNRELIABLE, Source.Reliability.DEPRECATED, Source.Reliability.BLACKLISTED}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass
class Group:
    count: int
    affiliation: str  # words, e.g. "academic"
    country: str  # country name, "" when unknown

    def __str__(self) -> str:
        return f"{self.count} {self.affiliation}" + (f" ({self.country})" if self.country else "")


@dataclass
class SourceMix:
    count: int = 0
    under_review: int = 0
    groups: list[Group] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # one per source, in citation order (exports)
    countries: list[str] = field(default_factory=list)

    @property
    def warn(self) -> bool:
        return bool(self.warnings)

    @property
    def summary(self) -> str:
        """ "3 sources: 1 academic (Russia), 2 independent (Russia)" (empty when nothing is cited)."""
        if not self.count and not self.under_review:
            return ""
        text = _plural(self.count, "source")
        if self.groups:
            text += ": " + ", ".join(str(g) for g in self.groups)
        if self.under_review:
            text += f"; {self.under_review} more under review"
        return text

    def __bool__(self) -> bool:
        return bool(self.count or self.under_review)


def _affiliation(source) -> str:
    return AFFILIATION_WORDS.get(source.affiliation, UNKNOWN_AFFILIATION)


def _country(source) -> str:
    country = source.country_of_origin if source.country_of_origin_id else None
    return country.name if country is not None else ""


def mix_of(sources, under_review: int = 0) -> SourceMix:
    """The mix of `sources` (visible Source objects, distinct, with country_of_origin selected)."""
    mix = SourceMix(count=len(sources), under_review=under_review)
    mix.affiliations = [_affiliation(s) for s in sources]
    mix.countries = [_country(s) for s in sources]
    counts = Counter(zip(mix.affiliations, mix.countries, strict=True))
    # Largest groups first; ties in the order first cited.
    order = {pair: i for i, pair in reversed(list(enumerate(zip(mix.affiliations, mix.countries, strict=True))))}
    for (affiliation, country), n in sorted(counts.items(), key=lambda item: (-item[1], order[item[0]])):
        mix.groups.append(Group(n, affiliation, country))
    if mix.count >= 2:
        every = "Both sources" if mix.count == 2 else f"All {mix.count} sources"
        if len(set(mix.affiliations)) == 1 and mix.affiliations[0] != UNKNOWN_AFFILIATION:
            mix.warnings.append(f"{every} are {mix.affiliations[0]}.")
        if len(set(mix.countries)) == 1 and mix.countries[0]:
            mix.warnings.append(f"{every} come from {mix.countries[0]}.")
    rated = [s for s in sources if s.reliability in WARN_RELIABILITY]
    if rated:
        labels = sorted({s.get_reliability_display().lower() for s in rated})
        verb = "is" if len(rated) == 1 else "are"
        mix.warnings.append(f"{_plural(len(rated), 'source')} {verb} rated {' or '.join(labels)}.")
    return mix


def mix_of_citations(citations, can_see) -> SourceMix:
    """The mix over an item's citations: each source once, hidden ones only counted."""
    seen: dict[int, object] = {}
    hidden: set[int] = set()
    for citation in citations:
        source = citation.source
        if can_see(source):
            seen.setdefault(source.pk, source)
        else:
            hidden.add(source.pk)
    return mix_of(list(seen.values()), under_review=len(hidden))


def mix_of_attribution(attribution) -> SourceMix:
    """The mix of an item's visible sources (archive.public.attribution), counting masked ones as under review."""
    hidden = sum(1 for source in attribution.footnote_sources.values() if getattr(source, "under_review", False))
    return mix_of(attribution.sources, under_review=hidden)
