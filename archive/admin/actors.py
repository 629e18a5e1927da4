from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from archive.models import Actor, ActorAlias, Person


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    inlines = [ActorAliasInline]
    ordering = ["name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["family_name", "given_name", "affiliation"]
    search_fields = ["family_name", "given_name", "affiliation"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["actor"]
    ordering = ["family_name", "given_name"]
