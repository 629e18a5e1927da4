"""The search index moved from the archive app to its own: an existing database upgrades with `migrate` alone."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.models import SearchDocument, SearchFacet, SearchTerm

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("search", None)]  # unapplies search 0001 and archive's migration that depends on it
LAST_BEFORE_THE_MOVE = ("archive", "0009_pending_revisions")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def test_an_index_written_before_the_move_is_kept_and_read_by_the_search_app():
    executor = _migrate(BEFORE_THE_MOVE)
    assert ("archive", "0010_search_models_moved") not in executor.loader.applied_migrations
    old = executor.loader.project_state(LAST_BEFORE_THE_MOVE).apps
    # Under the old schema the index models belong to archive, and so do their content types.
    for model in ("searchdocument", "searchfacet"):
        ContentType.objects.filter(app_label="search", model=model).delete()
        ContentType.objects.get_or_create(app_label="archive", model=model)
    OldDocument = old.get_model("archive", "SearchDocument")
    when = dt.datetime(2020, 1, 2, tzinfo=dt.UTC)
    doc = OldDocument.objects.create(
        kind="event", object_id=987654, title="Written before the move", url="/events/x/", public_from=when
    )
    old.get_model("archive", "SearchFacet").objects.create(document=doc, name="tag", value="trade", label="Trade")
    old.get_model("archive", "SearchTerm").objects.create(word="beforemove", length=10, documents=1)

    executor = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())
    moved = SearchDocument.objects.get(kind="event", object_id=987654)
    assert (moved.title, moved.public_from) == ("Written before the move", when)
    assert list(SearchFacet.objects.filter(document=moved).values_list("name", "value")) == [("tag", "trade")]
    assert SearchTerm.objects.get(word="beforemove").documents == 1
    assert SearchDocument._meta.db_table == "archive_searchdocument"
    # The engine's own full-text structures, created by archive's migrations, are still there.
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "postgresql":
            columns = [c.name for c in connection.introspection.get_table_description(cursor, "archive_searchdocument")]
            assert "vector" in columns
        else:
            assert "archive_search_fts" in tables
    assert ContentType.objects.filter(app_label="search", model="searchdocument").exists()
    assert not ContentType.objects.filter(app_label="archive", model__in=["searchdocument", "searchfacet"]).exists()


def test_an_index_written_before_facet_lists_gets_them_from_its_facet_rows():
    before = ("search", "0004_words_together_index")
    executor = _migrate([before])
    old = executor.loader.project_state(before).apps
    Document, Facet = old.get_model("search", "SearchDocument"), old.get_model("search", "SearchFacet")
    when = dt.datetime(2020, 1, 2, tzinfo=dt.UTC)
    doc = Document.objects.create(kind="event", object_id=987655, title="Faceted", url="/events/f/", public_from=when)
    written = (("type", "event", "Event"), ("tag", "trade\x1eflows", "Trade\x1fflows"), ("decade", "2000s", "2000s"))
    for name, value, label in written:
        Facet.objects.create(document=doc, name=name, value=value, label=label)
    bare = Document.objects.create(kind="event", object_id=987656, title="Bare", url="/events/b/", public_from=when)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    # The separators in a value or label written before are spaces now, in the facet rows as in the packed list.
    cleaned = [("type", "event", "Event"), ("tag", "trade flows", "Trade flows"), ("decade", "2000s", "2000s")]
    packed = SearchDocument.objects.get(pk=doc.pk).facet_list
    assert sorted(tuple(entry.split("\x1f")) for entry in packed.split("\x1e")) == sorted(cleaned)
    rows = SearchFacet.objects.filter(document_id=doc.pk).values_list("name", "value", "label")
    assert sorted(rows) == sorted(cleaned)
    assert SearchDocument.objects.get(pk=bare.pk).facet_list == ""
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "archive_searchfacet")
    assert "archive_searchfacet_cover" not in indexes
    assert any(i["columns"] == ["document_id"] and i["index"] for i in indexes.values())
    if connection.vendor == "postgresql":  # the full-text indexes dropped for the fill are there again
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'archive_searchdocument' "
                "AND indexdef ~ ' USING (gin|rum) '"
            )
            rebuilt = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'rum')")
            rum = cursor.fetchone()[0]
        assert rebuilt == {"archive_searchdoc_vector"} | ({"archive_searchdoc_vector_rum"} if rum else set())
