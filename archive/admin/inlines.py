"""Inline rows without a query per row: the change form's cost does not grow with its citations or authors.

Django's admin spends up to two queries per inline row: the row's label (`str(row)` reads its foreign
keys) and each autocomplete widget, which looks its chosen option up on its own. Here the rows are read
with their related objects joined, each row knows its parent, and the autocomplete widgets take their
chosen options from those rows.
"""

from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet


class KnownChoicesAutocomplete(AutocompleteSelect):
    """An autocomplete whose chosen options come from `known` (pk → object) when all are there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = {}  # shared by every row's copy of the widget (widget copies are shallow)

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not all(v in self.known for v in chosen):
            return super().optgroups(name, value, attr)  # a posted value not among the rows: look it up
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for v in chosen:
            obj = self.known[v]
            label = self.choices.field.label_from_instance(obj)
            options.append(self.create_option(name, obj.pk, label, set(chosen), len(options)))
        return [(None, options, 0)]


def _autocomplete(field):
    widget = getattr(field.widget, "widget", field.widget)  # inside the admin's RelatedFieldWidgetWrapper
    return widget if isinstance(widget, KnownChoicesAutocomplete) else None


class JoinedRowsFormSet(BaseInlineFormSet):
    """Rows that know their parent, and whose chosen related objects feed the autocomplete widgets."""

    def get_queryset(self):
        if hasattr(self, "_joined"):
            return self._joined
        rows = list(super().get_queryset())
        for row in rows:
            setattr(row, self.fk.name, self.instance)
        for name, field in self.form.base_fields.items():
            widget = _autocomplete(field)
            if widget is not None:
                attname = self.form._meta.model._meta.get_field(name).attname
                widget.known.update({str(getattr(r, attname)): getattr(r, name) for r in rows if getattr(r, attname)})
        self._joined = rows
        return rows


class JoinedRowsInlineMixin:
    """For an InlineModelAdmin: rows read with their autocomplete fields joined, and no query per row."""

    formset = JoinedRowsFormSet

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownChoicesAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
