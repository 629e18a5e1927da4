"""List cards for events and commentary, written in Python rather than as an include inside a loop.

An `{% include %}` per row was most of a list page's render time (issue 14: about 35 ms for
the events list); these tags build the same markup with format_html, so every value is
escaped and a page of 20 cards costs well under a millisecond. One card layout for every
list: the title, then one line of badges (date, type, tags, status).
"""

from django import template
from django.utils.html import format_html, format_html_join

from archive import dates

register = template.Library()


def tag_chips(tags) -> str:
    if not tags:
        return ""
    return format_html(
        '<ul class="tags" aria-label="Tags">{}</ul>',
        format_html_join(" ", '<li><a href="{}">{}</a></li>', ((t.get_absolute_url(), t.name) for t in tags)),
    )


def _hidden_mark(item) -> str:
    if item.is_public:
        return ""
    return format_html('<strong class="draft-mark">{} — not public</strong>', item.preview_state)


def type_badge(event) -> str:
    return format_html(
        '<span class="badge badge-{}">{}</span>', event.interaction or "other", event.get_event_type_display()
    )


@register.simple_tag
def event_card(event, year=None, tags=True):
    """<li class="event-item">: title link, then date, type and tags as badges.

    Under a year heading (`year`), a day or month date drops its repeated year.
    """
    when = dates.within_year(event.date_edtf, year) if year else event.date_display
    return format_html(
        '<li class="event-item"><a href="{}">{}</a> <div class="card-meta">'
        '<span class="badge badge-date">{}</span> {} {} {}</div></li>\n',
        event.get_absolute_url(),
        event.title,
        when,
        type_badge(event),
        _hidden_mark(event),
        tag_chips(list(event.tags.all())) if tags else "",
    )


@register.simple_tag
def commentary_card(commentary):
    """<li class="commentary-item">: title link, then authors, date and tags."""
    authors = ", ".join(a.person.full_name for a in commentary.authorships.all()) or "The editors"
    day = commentary.published_on
    return format_html(
        '<li class="commentary-item"><a href="{}">{}</a> <div class="card-meta">'
        '<span class="byline">{}</span> <time class="badge badge-date" datetime="{}">{}</time> {} {}</div></li>\n',
        commentary.get_absolute_url(),
        commentary.title,
        authors,
        day.isoformat() if day else "",
        f"{day.day} {dates.MONTHS[day.month - 1]} {day.year}" if day else "",
        _hidden_mark(commentary),
        tag_chips(list(commentary.tags.all())),
    )


@register.simple_tag
def event_type_badge(event):
    """The event's type as a badge coloured by the kind of interaction it records (see models.events)."""
    return type_badge(event)
