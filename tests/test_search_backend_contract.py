"""The search engine contract (search.backend.SearchBackend), written once and run per engine.

Each engine's class runs when the test database is that engine's (bin/test: SQLite;
DATABASE_URL=postgres://…: PostgreSQL); a new engine (OpenSearch…) adds one class.
"""

import pytest
from django.db import connection

from search.aliases import expand_aliases
from search.models import SearchDocument
from search.query import parse

from .search_fixtures import demo_archive, search_demo  # noqa: F401


def _slugs(ids):
    urls = dict(SearchDocument.objects.filter(id__in=ids).values_list("id", "url"))
    return [urls[i].rstrip("/").rsplit("/", 1)[-1] for i in ids]


@pytest.mark.django_db
@pytest.mark.usefixtures("search_demo")
class BackendContract:
    vendor = ""
    backend_path = ""

    @pytest.fixture(autouse=True)
    def backend(self):
        if connection.vendor != self.vendor:
            pytest.skip(f"needs {self.vendor}")
        module, _, name = self.backend_path.rpartition(".")
        self.engine = getattr(__import__(module, fromlist=[name]), name)()

    def match(self, q, filters=None, sort="relevance"):
        return self.engine.match(expand_aliases(parse(q)), filters, sort)

    def test_any_word_matches_and_every_word_ranks_first(self):
        found = self.match("gas debt")
        assert found.complete and found.total > 3
        assert _slugs(found.ids)[0] == "gas-debt-and-csto-boycott-2009"

    def test_partial_matches_are_flagged(self):
        found = self.match("gas zeppelin")
        assert found.total and not found.complete

    def test_filters_are_data(self):
        everything = self.match("gas")
        energy = self.match("gas", {"tag": ["energy"]})
        both = self.match("gas", {"tag": ["energy"], "decade": ["2000s"]})
        assert 0 < both.total <= energy.total < everything.total
        assert set(both.ids) <= set(energy.ids) <= set(everything.ids)
        assert self.match("gas", {"tag": ["no-such-tag"]}).total == 0

    def test_sorts_by_date(self):
        newest = self.match("gas", sort="newest").ids
        dates = dict(SearchDocument.objects.filter(id__in=newest).values_list("id", "date_sort"))
        assert [dates[i] for i in newest] == sorted((dates[i] for i in newest), reverse=True)

    def test_required_phrase_and_exclusion(self):
        assert "milk-war-2009" not in _slugs(self.match('"milk ban"').ids)
        assert "gas-contract-2004" not in _slugs(self.match("gas -contract").ids)
        assert "gas-contract-2004" in _slugs(self.match("gas contract").ids)

    def test_only_public_rows(self):
        hidden = SearchDocument.objects.filter(public_from__isnull=True).values_list("id", flat=True)
        assert not set(self.match("Belarus").ids) & set(hidden)

    def test_fetch_highlights_any_spelling(self):
        parsed = expand_aliases(parse("Lukashenka"))
        found = self.engine.match(parsed, None, "relevance")
        hits = self.engine.fetch(parsed, found.ids[:3])
        assert set(hits) == set(found.ids[:3])
        assert "<mark>Lukashenko</mark>" in hits[found.ids[0]].title_html

    def test_similar_words(self):
        assert "gazprom" in self.engine.similar_words("gazprm")


class TestSQLiteBackend(BackendContract):
    vendor = "sqlite"
    backend_path = "search.sqlite.SQLiteBackend"


class TestPostgresBackend(BackendContract):
    vendor = "postgresql"
    backend_path = "search.postgres.PostgresBackend"
