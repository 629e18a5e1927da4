from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from archive.models import Source, SourceCreator


class SourceCreatorInline(admin.TabularInline):
    model = SourceCreator
    extra = 1
    fields = ["order", "role", "given_name", "family_name", "literal_name", "person"]
    autocomplete_fields = ["person"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["citation_key", "title", "kind", "date_edtf", "status", "reliability", "cited_count"]
    list_filter = ["status", "reliability", "kind", "affiliation", "language"]
    search_fields = ["citation_key", "title", "container_title", "creators__family_name", "creators__literal_name"]
    autocomplete_fields = ["part_of", "country_of_origin"]
    readonly_fields = ["reviewed_by", "reviewed_at", "submitted_by", "created_at", "updated_at"]
    inlines = [SourceCreatorInline]
    ordering = ["citation_key"]
    fieldsets = [
        (None, {"fields": ["citation_key", "kind", "title", "abstract"]}),
        (
            "Publication",
            {
                "fields": [
                    "container_title",
                    "part_of",
                    "publisher",
                    "place",
                    "date_edtf",
                    ("volume", "issue", "pages", "edition"),
                    "language",
                ]
            },
        ),
        ("Where to find it", {"fields": ["url", "archived_url", "accessed", "doi", "isbn"]}),
        ("Who stands behind it", {"fields": ["country_of_origin", "affiliation"]}),
        (
            "Moderation",
            {
                "fields": [
                    "status",
                    "reliability",
                    "moderator_note",
                    "discussion_urls",
                    "reviewed_by",
                    "reviewed_at",
                    "submitted_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_citations=Count("citations"))

    @admin.display(description="cited", ordering="n_citations")
    def cited_count(self, obj):
        return obj.n_citations

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.status == Source.Status.APPROVED else None

    def save_model(self, request, obj, form, change):
        if not change and obj.submitted_by_id is None:
            obj.submitted_by = request.user
        super().save_model(request, obj, form, change)
