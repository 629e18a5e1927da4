"""Filters for the public lists (django-filter). Invalid values are form errors shown to the reader.

Choices come from public data only: tags, actors and authors are looked up
by slug, so URLs stay readable (?tag=energy&actor=belarus&with=russia).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from archive import choices, dates
from archive.markup import escape
from archive.models import Commentary, Event, EventType, Source


class EDTFBoundField(forms.CharField):
    """A year, month or day typed as EDTF (1995, 2009-07, 1999-12-08); cleans to its ParsedDate."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", dates.MAX_EDTF_LENGTH)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return dates.parse(value)
        except dates.InvalidEDTF as exc:
            raise ValidationError(f"“{value}” is not a date: use a year (1995), a month (2009-07) or a day.") from exc


class EDTFBoundFilter(django_filters.Filter):
    """Overlap filter: from → the event may still be going on; until → it may already have begun."""

    field_class = EDTFBoundField

    def __init__(self, *args, bound: str, **kwargs):
        self.bound = bound
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.bound == "from":
            return qs.filter(date_latest__gte=value.earliest)
        return qs.filter(date_earliest__lte=value.latest)


class YearField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)


class FastSelect(forms.Select):
    """A <select> written in Python: Django renders each <option> through two templates, which made the
    filter form (every tag and actor as an option) most of a list page's time. Same markup, escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value]) if v is not None}
        options = "".join(
            f'<option value="{escape(option)}"{" selected" if str(option) in chosen else ""}>{escape(label)}</option>'
            for option, label in self.choices
        )  # f-strings and html.escape: format_html per option was ~1 ms for a list's 190 options
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class SlugChoiceFilter(django_filters.ChoiceFilter):
    """A tag, actor or author by slug, among what the request may see (a draft's tag is no public choice).

    The choices are (slug, name) pairs from archive.choices, kept for public viewers under the
    public-content version (archive/memo.py) instead of two model querysets per field (each an
    ``Exists`` pair compiled and run per request, for the <select> and again to validate).
    """

    def __init__(self, *args, choices_for, **kwargs):
        self.choices_for = choices_for
        kwargs.setdefault("empty_label", "Any")
        kwargs.setdefault("widget", FastSelect)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self.extra["choices"] = self.choices_for(self.parent.request)
        return super().field

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__slug": value})


def _slug_choice(choices_for, label, field_name):
    return SlugChoiceFilter(field_name=field_name, choices_for=choices_for, label=label)


class EventFilter(django_filters.FilterSet):
    actor = _slug_choice(choices.actors, "Actor", "actors")
    with_actor = _slug_choice(choices.actors, "Together with", "actors")
    event_type = django_filters.ChoiceFilter(
        choices=EventType.choices, label="Type", empty_label="Any", widget=FastSelect
    )
    tag = _slug_choice(choices.tags, "Tag", "tags")
    date_from = EDTFBoundFilter(label="From (year or date)", bound="from")
    date_to = EDTFBoundFilter(label="Until (year or date)", bound="to")

    class Meta:
        model = Event
        fields = ["actor", "with_actor", "event_type", "tag", "date_from", "date_to"]

    def __init__(self, data=None, *args, **kwargs):
        # ?with=russia is the short public spelling of the second actor.
        if data is not None and "with" in data and "with_actor" not in data:
            data = data.copy()
            data["with_actor"] = data["with"]
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        form = self.form.cleaned_data
        start, end = form.get("date_from"), form.get("date_to")
        if start and end and start.earliest > end.latest:
            return queryset.none()
        return super().filter_queryset(queryset)


class CommentaryFilter(django_filters.FilterSet):
    tag = _slug_choice(choices.tags, "Tag", "tags")
    actor = _slug_choice(choices.actors, "About", "actors")
    author = _slug_choice(choices.people, "Author", "authors")
    year = YearFilter(field_name="published_on", lookup_expr="year", label="Year")

    class Meta:
        model = Commentary
        fields = ["tag", "actor", "author", "year"]


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices, label="Kind", empty_label="Any", widget=FastSelect)
    reliability = django_filters.ChoiceFilter(
        choices=[c for c in Source.Reliability.choices if c[0]],
        label="Reliability",
        empty_label="Any",
        widget=FastSelect,
    )
    year = YearFilter(method="filter_year", label="Year")

    class Meta:
        model = Source
        fields = ["kind", "reliability", "year"]

    def filter_year(self, queryset, name, value):
        """Sources whose date may fall in that year (a source dated 199X matches 1995)."""
        return queryset.filter(date_earliest__year__lte=value, date_latest__year__gte=value)
