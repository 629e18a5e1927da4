"""The search engine contract (search.backend.SearchBackend), written once and run per engine.

Each engine's class runs when the test database is that engine's (bin/test: SQLite;
DATABASE_URL=postgres://…: PostgreSQL); a new engine (OpenSearch…) adds one class.
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from archive.models import Event
from search.aliases import expand_aliases
from search.models import SearchDocument, SearchGeneration
from search.query import parse

from .search_fixtures import demo_archive, search_demo  # noqa: F401

PAST = timezone.make_aware(dt.datetime(2025, 1, 1))


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

    @staticmethod
    def _event(slug, summary, body=""):
        return Event.objects.create(
            title=f"Note {slug}",
            slug=slug,
            event_type="summit",
            summary=summary,
            body=body,
            date_edtf="2001",
            status="published",
            publish_at=PAST,
        )

    def test_bm25_prefers_the_shorter_document_for_the_same_occurrences(self):
        """Length normalisation: one mention in a short text outweighs one mention in a long one."""
        filler = " ".join(f"filler{i} padding{i}" for i in range(120))
        self._event("short-one", "A telemetry agreement.")
        self._event("long-one", "A telemetry agreement.", body=filler)
        assert _slugs(self.match("telemetry agreement").ids)[:2] == ["short-one", "long-one"]

    def test_a_rarer_word_outweighs_a_common_one(self):
        """idf: a document with the rare word beats one with the common word, each once, same length."""
        for i in range(6):
            self._event(f"common-{i}", f"Quorum report number {i}.")
        self._event("rare-one", "Zircon report number seven.")
        self._event("common-one", "Quorum report number eight.")
        assert _slugs(self.match("zircon quorum").ids)[0] == "rare-one"

    def test_abbreviation_letters_are_not_words(self):
        """ "e.g." is not two search words: a text holding only "e.g." is no match for "e.g. telemetry"."""
        self._event("eg-only", "Talks, e.g. on prices, e.g. on debts, i.e. on money.")
        self._event("telemetry-one", "Telemetry of the pipeline.")
        found = _slugs(self.match("e.g. telemetry").ids)
        assert "telemetry-one" in found and "eg-only" not in found

    def test_a_letter_alone_is_still_searched(self):
        self._event("plan-b", "Plan B for the transit: a fallback route.")
        assert "plan-b" in _slugs(self.match("b").ids)

    def test_corpus_statistics_follow_every_write(self):
        """BM25's document count and total length stay those of the rows, through create, edit and delete."""

        def assert_exact():
            row = SearchGeneration.objects.get(pk=1)
            lengths = list(SearchDocument.objects.values_list("length", flat=True))
            assert (row.documents, row.length_total) == (len(lengths), sum(lengths))
            assert all(n > 0 for n in lengths)

        event = self._event("stats-one", "Pipeline statistics.")
        assert_exact()
        before = SearchDocument.objects.get(kind="event", object_id=event.pk).length
        event.summary = "Pipeline statistics, with many more words than it had when it was first written."
        event.save()
        assert SearchDocument.objects.get(kind="event", object_id=event.pk).length > before
        assert_exact()
        event.delete()
        assert_exact()
        call_command("rebuild_search_index", "--no-progress", stdout=io.StringIO())
        assert_exact()

    def test_letters_of_an_abbreviation_are_not_highlighted(self):
        self._event("telemetry-eg", "Telemetry, e.g. pressure readings.")
        parsed = expand_aliases(parse("e.g. telemetry"))
        found = self.engine.match(parsed, None, "relevance")
        hit = self.engine.fetch(parsed, found.ids[:1])[found.ids[0]]
        assert "<mark>Telemetry</mark>" in hit.snippet_html and "<mark>e</mark>" not in hit.snippet_html


class TestSQLiteBackend(BackendContract):
    vendor = "sqlite"
    backend_path = "search.sqlite.SQLiteBackend"


class TestPostgresBackend(BackendContract):
    vendor = "postgresql"
    backend_path = "search.postgres.PostgresBackend"

    def test_uncapped_ranking_equals_the_reference_ranking(self):
        """match() scores an uncapped search's rows read by tuple id in its own statement (postgres.py); the
        reference ranking reads them by primary key: same ids, same order, rank groups and all."""
        for q in ("gas", "gas debt", "Lukashenka", "gas -contract", "union state", "Belarus gas debt"):
            parsed = expand_aliases(parse(q))
            found = self.engine.match(parsed, None, "relevance")
            assert not found.capped
            sql, params = self.engine.exact_sql(parsed, None, 1000)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                reference = [row[0] for row in cursor.fetchall()]
            assert found.ids == reference and reference, q
