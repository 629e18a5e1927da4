"""Group events into decades and years without claiming more precision than we have.

An event dated "2009-07" sits under 2009; one dated "199X" or "1992~/1993~"
cannot be placed in a single year, so it sits at the top of its decade,
under "Within the decade", with its honest wording ("early 1990s").
An event whose span crosses decades sits in the decade it starts in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# A timeline reads whole up to this many events; /timeline/ pages longer ones (a 100,000-event archive
# must not draw every event on one page), and an actor's or a pair's page shows its latest this many
# with a link to the full, paged timeline.
PAGE_SIZE = 200


@dataclass
class YearGroup:
    year: int
    events: list = field(default_factory=list)


@dataclass
class DecadeGroup:
    decade: int
    spanning: list = field(default_factory=list)  # events not placeable in one year
    years: list[YearGroup] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.decade}s"

    @property
    def count(self) -> int:
        return len(self.spanning) + sum(len(y.events) for y in self.years)


def single_year(event) -> int | None:
    """The event's year when its date fits in one year, else None."""
    if event.date_earliest.year == event.date_latest.year:
        return event.date_earliest.year
    return None


def group_by_decade(events) -> list[DecadeGroup]:
    """Events (already sorted by earliest date) → decades → years, in order."""
    decades: dict[int, DecadeGroup] = {}
    for event in events:
        start = event.date_earliest.year
        decade = decades.setdefault(start - start % 10, DecadeGroup(start - start % 10))
        year = single_year(event)
        if year is None:
            decade.spanning.append(event)
            continue
        if not decade.years or decade.years[-1].year != year:
            decade.years.append(YearGroup(year))
        decade.years[-1].events.append(event)
    return [decades[key] for key in sorted(decades)]


@dataclass
class Latest:
    """The latest events of a longer list, back in date order, and whether there are more."""

    events: list
    more: bool


def page_size() -> int:
    return PAGE_SIZE


def latest(queryset, n: int | None = None) -> Latest:
    """One query: the last n events by date (one more to know whether there are more), oldest first."""
    n = page_size() if n is None else n
    rows = list(queryset.order_by("-date_earliest", "-date_latest", "-title", "-pk")[: n + 1])
    return Latest(rows[:n][::-1], len(rows) > n)
