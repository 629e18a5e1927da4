"""Events and commentary: one form each, with citations, authors and tags inline."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from archive.citations.sync import sync_body_citations, unknown_keys
from archive.models import Actor, Citation, Commentary, CommentaryAuthor, Event

CITATION_HELP = (
    "Markdown. Cite a source inline by its key: [@oliphant2009, p. 5]; several at once: "
    "[@a, pp. 20–21; @b]. The same source and locator cited twice share one footnote. "
    "Cited sources are added to the citations below when you save."
)


class BodyCitationFormMixin:
    """Refuse a body that cites keys no source has, keeping everything typed."""

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        missing = unknown_keys(body)
        if missing:
            plural = "s" if len(missing) > 1 else ""
            listed = ", ".join(f"@{k}" for k in missing)
            raise forms.ValidationError(
                f"Unknown citation key{plural}: {listed}. Add the source first, or correct the key."
            )
        return body


class EventAdminForm(BodyCitationFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": CITATION_HELP}

    def clean(self):
        cleaned = super().clean()
        actors = cleaned.get("actors")
        if cleaned.get("status") == "published" and actors is not None:
            if sum(1 for a in actors if a.kind == Actor.Kind.COUNTRY) < 2:
                self.add_error("actors", "A published event involves at least two countries.")
        return cleaned


class CommentaryAdminForm(BodyCitationFormMixin, forms.ModelForm):
    class Meta:
        model = Commentary
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        help_texts = {"body": CITATION_HELP}


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 1
    fields = ["order", "source", "locator", "quote", "note"]
    autocomplete_fields = ["source"]


class EventCitationInline(CitationInline):
    fk_name = "event"


class CommentaryCitationInline(CitationInline):
    fk_name = "commentary"


class CommentaryAuthorInline(admin.TabularInline):
    model = CommentaryAuthor
    extra = 1
    autocomplete_fields = ["person"]


class ContentAdmin(SimpleHistoryAdmin):
    """Shared behaviour: "view on site" doubles as the draft preview, citations synced after save."""

    list_filter = ["status", "tags"]
    autocomplete_fields = ["tags", "actors"]
    prepopulated_fields = {"slug": ["title"]}
    save_on_top = True

    def view_on_site(self, obj):
        # Staff see drafts on the public templates (with a draft banner); the public gets 404.
        return obj.get_absolute_url()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_body_citations(form.instance)


@admin.register(Event)
class EventAdmin(ContentAdmin):
    form = EventAdminForm
    list_display = ["title", "date_edtf", "event_type", "status", "publish_at"]
    list_filter = ["status", "event_type", "date_precision", "actors", "tags"]
    search_fields = ["title", "summary", "slug"]
    date_hierarchy = "date_earliest"
    ordering = ["-date_earliest"]
    inlines = [EventCitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "date_edtf", "event_type", "summary", "body"]}),
        ("Who and what", {"fields": ["actors", "tags"]}),
        ("Publication", {"fields": ["status", "publish_at"]}),
    ]


@admin.register(Commentary)
class CommentaryAdmin(ContentAdmin):
    form = CommentaryAdminForm
    list_display = ["title", "author_names", "published_on", "status", "publish_at"]
    list_filter = ["status", "tags", "published_on"]
    search_fields = ["title", "standfirst", "slug", "authors__family_name"]
    autocomplete_fields = ["tags", "actors", "related_events", "original_publication"]
    date_hierarchy = "published_on"
    ordering = ["-published_on"]
    inlines = [CommentaryAuthorInline, CommentaryCitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "published_on"]}),
        ("Context", {"fields": ["tags", "actors", "related_events", "original_publication"]}),
        ("Publication", {"fields": ["status", "publish_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    @admin.display(description="authors")
    def author_names(self, obj):
        return ", ".join(p.full_name for p in obj.authors.all())
