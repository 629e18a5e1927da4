"""Server-rendered SVG pictures of the events: a timeline per decade and the relations over time.

Both are drawn here in Python with format_html (every value escaped) and styled only
through classes in static/css/site.css, so they need no JavaScript, no inline style
and nothing from another host. They claim no more precision than the dates have:

- a day is a point; a month or a year is a bar as long as that month or year; a range
  is a bar from its earliest to its latest day;
- an approximate or uncertain date ("~", "?", "%", unknown digits, a decade, a set of
  alternatives) is drawn faded with a dashed outline;
- the marks are coloured by the kind of interaction the event type records (PLOVER,
  see archive.models.events.interaction_of).

Each timeline mark is a link to its event named by its title and date; the list of
events beneath each picture is its text alternative. The relations chart is an image
with a title and description, and its numbers are also given as a table.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from archive import dates, markup
from archive.models.events import CONFLICT, COOPERATION, interaction_of

WIDTH = 720
PAD_X = 14
ROW = 18
AXIS = 30
TOP = 8
MIN_BAR = 3
UNCERTAIN_MARKS = set("~?%X[{")


def _svg(template: str, *args) -> SafeString:
    """format_html for SVG: text is escaped, numbers keep their format codes ({:.1f})."""
    return mark_safe(template.format(*(a if isinstance(a, int | float) else markup.escape(a) for a in args)))


def _kind(event) -> str:
    return event.interaction or "other"


def is_uncertain(event) -> bool:
    """Approximate, uncertain, unknown digits, a decade or century, or one of several dates."""
    return bool(UNCERTAIN_MARKS & set(event.date_edtf)) or event.date_precision in (
        dates.PRECISION_DECADE,
        dates.PRECISION_CENTURY,
    )


@dataclass
class Mark:
    event: object
    start: float
    end: float  # equal to start for a point
    row: int = 0

    @property
    def point(self) -> bool:
        return self.event.date_precision == dates.PRECISION_DAY


def _pack(marks: list[Mark]) -> int:
    """Give each mark the first row where it does not touch the previous one; returns the number of rows."""
    ends: list[float] = []
    for mark in marks:
        left = mark.start - (6 if mark.point else 1)
        right = mark.end + (6 if mark.point else 1)
        for row, end in enumerate(ends):
            if left > end:
                mark.row, ends[row] = row, right
                break
        else:
            mark.row = len(ends)
            ends.append(right)
    return max(len(ends), 1)


def _decade_scale(decade: int):
    first, last = dt.date(decade, 1, 1), dt.date(decade + 10, 1, 1)
    span = (last - first).days
    usable = WIDTH - 2 * PAD_X

    def x(day: dt.date) -> float:
        day = min(max(day, first), last)
        return PAD_X + usable * (day - first).days / span

    return x


def _mark_svg(mark: Mark, y: float) -> str:
    """One mark as a link. f-strings with html.escape (what _svg does, without its per-argument calls: a
    200-event timeline draws 200 marks); every text value is escaped."""
    event = mark.event
    classes = f"mark mark-{_kind(event)}" + (" mark-uncertain" if is_uncertain(event) else "")
    label = html.escape(f"{event.title}, {event.date_display}")
    if mark.point:
        shape = f'<circle class="{classes}" cx="{mark.start:.1f}" cy="{y:.1f}" r="5"/>'
    else:
        width = max(mark.end - mark.start, MIN_BAR)
        shape = f'<rect class="{classes}" x="{mark.start:.1f}" y="{y - 5:.1f}" width="{width:.1f}" height="10" rx="2"/>'
    return f'<a href="{html.escape(event.get_absolute_url())}" aria-label="{label}"><title>{label}</title>{shape}</a>'


def decade_timeline(decade_group, id_suffix: str = "") -> SafeString:
    """One decade's events on a ten-year axis, one row per overlap."""
    decade = decade_group.decade
    x = _decade_scale(decade)
    events = list(decade_group.spanning) + [e for year in decade_group.years for e in year.events]
    events.sort(key=lambda e: (e.date_earliest, e.date_latest))
    marks = [Mark(e, x(e.date_earliest), x(e.date_latest + dt.timedelta(days=1))) for e in events]
    for mark in marks:
        if mark.point:
            mark.end = mark.start
    rows = _pack(marks)
    height = TOP + rows * ROW + AXIS
    axis_y = TOP + rows * ROW + 4
    ticks = []
    for i in range(11):
        tx = x(dt.date(decade + i, 1, 1))
        ticks.append(_svg('<line class="grid" x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}"/>', tx, tx, TOP - 4, axis_y))
        if i < 10:
            mid = (tx + x(dt.date(decade + i + 1, 1, 1))) / 2
            ticks.append(
                _svg(
                    '<text class="label{}" x="{:.1f}" y="{}" text-anchor="middle">{}</text>',
                    " label-odd" if i % 2 else "",
                    mid,
                    axis_y + 16,
                    decade + i,
                )
            )
    body = mark_safe("".join(_mark_svg(m, TOP + m.row * ROW + ROW / 2) for m in marks))
    title_id = f"timeline-{decade}{id_suffix}-title"
    return _svg(
        '<figure class="chart timeline-chart"><svg viewBox="0 0 {} {}" role="group" aria-labelledby="{}">'
        '<title id="{}">The {}s: {} on a time axis</title>{}'
        '<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/>{}</svg></figure>',
        WIDTH,
        height,
        title_id,
        title_id,
        decade,
        f"{len(events)} event" + ("" if len(events) == 1 else "s"),
        mark_safe("".join(ticks)),
        PAD_X,
        WIDTH - PAD_X,
        axis_y,
        axis_y,
        body,
    )


def _swatch(shape: str, classes: str) -> SafeString:
    if shape == "point":
        inner = _svg('<circle class="{}" cx="12" cy="7" r="5"/>', classes)
    else:
        inner = _svg('<rect class="{}" x="1" y="2" width="24" height="10" rx="2"/>', classes)
    return _svg('<svg viewBox="0 0 26 14" aria-hidden="true" focusable="false">{}</svg>', inner)


LEGEND = [
    ("point", "mark", "a known day"),
    ("bar", "mark", "a month, a year or a range: as long as it lasts"),
    ("bar", "mark mark-uncertain", "approximate or uncertain"),
    ("bar", "mark mark-cooperation", "cooperation"),
    ("bar", "mark mark-conflict", "conflict"),
    ("bar", "mark", "other (domestic or one-sided)"),
]


def legend() -> SafeString:
    """What the marks mean (shapes for precision, colours for the kind of interaction)."""
    return _svg(
        '<ul class="legend" aria-label="Legend">{}</ul>',
        format_html_join("", "<li>{} {}</li>", ((_swatch(shape, cls), words) for shape, cls, words in LEGEND)),
    )


@dataclass
class YearCount:
    year: int
    cooperation: int = 0
    conflict: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.cooperation + self.conflict + self.other


def relations_by_year(counts) -> list[YearCount]:
    """Events per year (the year each starts) by kind of interaction, every year from the first to the last.

    `counts` are (year, event type, number of events) rows, as ``year_type_counts`` gives them.
    """
    years: dict[int, Counter] = {}
    for year, event_type, n in counts:
        years.setdefault(year, Counter())[interaction_of(event_type) or "other"] += n
    if not years:
        return []
    return [
        YearCount(year, years.get(year, {}).get(COOPERATION, 0), years.get(year, {}).get(CONFLICT, 0),
                  years.get(year, {}).get("other", 0))
        for year in range(min(years), max(years) + 1)
    ]  # fmt: skip


def year_type_counts(events) -> list[tuple[int, str, int]]:
    """One aggregate query: (start year, event type, count) for a queryset of events, however many."""
    return list(
        events.order_by()
        .values_list("date_earliest__year", "event_type")
        .annotate(n=Count("pk"))
        .values_list("date_earliest__year", "event_type", "n")
    )


def relations_chart(years: list[YearCount], chart_id: str = "relations") -> SafeString:
    """Diverging bars: cooperation above the axis, conflict below, one column per year."""
    if not years:
        return mark_safe("")
    top = max(max(y.cooperation for y in years), 1)
    bottom = max(max(y.conflict for y in years), 1)
    unit = 16 if top + bottom <= 10 else 160 / (top + bottom)
    mid = 12 + top * unit
    height = mid + bottom * unit + 34
    usable = WIDTH - 2 * PAD_X - 24
    step = usable / len(years)
    bar = max(min(step * 0.7, 28), 2)
    parts = [_svg('<line class="axis" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>', PAD_X + 24, WIDTH - PAD_X, mid, mid)]
    label_every = 1 if len(years) <= 12 else 5
    for i, y in enumerate(years):
        cx = PAD_X + 24 + step * i + step / 2
        if y.cooperation:
            parts.append(_svg(
                '<rect class="bar-cooperation" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>',
                cx - bar / 2, mid - y.cooperation * unit, bar, y.cooperation * unit,
            ))  # fmt: skip
        if y.conflict:
            parts.append(_svg(
                '<rect class="bar-conflict" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"/>',
                cx - bar / 2, mid, bar, y.conflict * unit,
            ))  # fmt: skip
        if y.year % label_every == 0 or len(years) <= 12:
            parts.append(_svg(
                '<text class="label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>',
                cx, height - 8, y.year,
            ))  # fmt: skip
    parts.append(_svg('<text class="label" x="{}" y="{:.1f}">{}</text>', PAD_X, 12 + 10, f"+{top}"))
    parts.append(_svg('<text class="label" x="{}" y="{:.1f}">{}</text>', PAD_X, height - 30, f"−{bottom}"))
    coop = sum(y.cooperation for y in years)
    conflict = sum(y.conflict for y in years)
    busiest = max(years, key=lambda y: (y.conflict, y.year))
    description = (
        f"From {years[0].year} to {years[-1].year}: {coop} cooperative and {conflict} conflictual events"
        + (f"; most conflict in {busiest.year} ({busiest.conflict})" if busiest.conflict else "")
        + "."
    )
    return _svg(
        '<figure class="chart relations-chart">'
        '<svg viewBox="0 0 {} {:.0f}" role="img" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">Events per year: cooperation above the line, conflict below</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>'
        '<figcaption>{} The numbers are in the table below.</figcaption></figure>',
        WIDTH, height, chart_id, chart_id, chart_id, chart_id, description, mark_safe("".join(parts)), description,
    )  # fmt: skip
