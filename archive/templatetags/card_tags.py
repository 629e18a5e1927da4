"""List cards for events and commentary, written in Python rather than as an include inside a loop.

An `{% include %}` per row was most of a list page's render time (issue 14: about 35 ms for
the events list); these tags build the same markup in Python (f-strings, every value from the
database through html.escape), so a card costs a few hundredths of a millisecond. One card
layout for every list: the title, then one line of badges (date, type, tags, status).
"""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive import dates
from archive.models import EventType
from archive.prefetch import authorships_of, tags_of

register = template.Library()

# get_event_type_display() flattens the choices and hashes the value on every call (~0.1 ms a card).
TYPE_LABELS = {value: str(label) for value, label in EventType.choices}


def tag_chips(tags) -> str:
    if not tags:
        return ""
    chips = " ".join(f'<li><a href="{escape(t.get_absolute_url())}">{escape(t.name)}</a></li>' for t in tags)
    return mark_safe(f'<ul class="tags" aria-label="Tags">{chips}</ul>')


def _hidden_mark(item) -> str:
    if item.is_public:
        return ""
    return format_html('<strong class="draft-mark">{} — not public</strong>', item.preview_state)


def type_badge(event) -> str:
    kind = escape(event.interaction or "other")
    label = escape(TYPE_LABELS.get(event.event_type, str(event.event_type)))
    return mark_safe(f'<span class="badge badge-{kind}">{label}</span>')


@register.simple_tag
def event_card(event, year=None, tags=True):
    """<li class="event-item">: title link, then date, type and tags as badges.

    Under a year heading (`year`), a day or month date drops its repeated year.
    Written with f-strings and html.escape (the escaping format_html does, without its per-argument overhead):
    every value from the database is escaped; the fragments built here are already safe.
    """
    when = dates.within_year(event.date_edtf, year) if year else event.date_display
    return mark_safe(
        f'<li class="event-item"><a href="{escape(event.get_absolute_url())}">{escape(event.title)}</a> '
        f'<div class="card-meta"><span class="badge badge-date">{escape(when)}</span> {type_badge(event)} '
        f"{_hidden_mark(event)} {tag_chips(tags_of(event)) if tags else ''}</div></li>\n"
    )


@register.simple_tag
def event_cards(events, year=None, tags=True):
    """Every card of a list in one tag call: a {% for %} around {% event_card %} cost more per row (the loop's
    context, the tag's argument resolution) than the card itself."""
    return mark_safe("".join(event_card(event, year, tags) for event in events))


@register.simple_tag
def commentary_card(commentary):
    """<li class="commentary-item">: title link, then authors, date and tags."""
    authors = ", ".join(a.person.full_name for a in authorships_of(commentary)) or "The editors"
    day = commentary.published_on
    return mark_safe(
        f'<li class="commentary-item"><a href="{escape(commentary.get_absolute_url())}">{escape(commentary.title)}</a> '
        f'<div class="card-meta"><span class="byline">{escape(authors)}</span> '
        f'<time class="badge badge-date" datetime="{day.isoformat() if day else ""}">'
        f"{f'{day.day} {dates.MONTHS[day.month - 1]} {day.year}' if day else ''}</time> "
        f"{_hidden_mark(commentary)} {tag_chips(tags_of(commentary))}</div></li>\n"
    )


@register.simple_tag
def event_type_badge(event):
    """The event's type as a badge coloured by the kind of interaction it records (see models.events)."""
    return type_badge(event)
