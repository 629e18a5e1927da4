"""SQLite's bounded ranking stage (search/sqlite.py): it must rank its candidates exactly as bm25 over every match.

The stage runs at 100,000 documents; here the thresholds are lowered so it runs
on a few dozen events, and its ranking is compared with the exact path's (the
same search with the stage turned off).
"""

import pytest
from django.core.cache import cache
from django.db import connection

from search import backend, service, sqlite
from search.aliases import expand_aliases
from search.query import parse

from .bounded_fixtures import WORDS, assert_facet_lists

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 engine"),
]


def ranked(monkeypatch, q, bounded: bool, words=sqlite.CANDIDATE_WORDS):
    """The engine's ranking of q with very many matches pretended (capped counts), bounded stage on or off."""
    monkeypatch.setattr(sqlite, "CANDIDATE_WORDS", words)
    monkeypatch.setattr(sqlite, "COUNT_CAP", 3)
    monkeypatch.setattr(sqlite, "MAX_RESULTS", 6)
    monkeypatch.setattr(sqlite, "EXACT_MATCHES", -1 if bounded else 10**9)
    monkeypatch.setattr(sqlite, "CANDIDATES", 10**9)
    return sqlite.SQLiteBackend().match(expand_aliases(parse(q)), None, "relevance")


@pytest.mark.parametrize("q", ["quartz", "quartz nimbus", "quartz nimbus falcon ember tundra", "tundra falcon -nimbus"])
def test_bounded_stage_ranks_like_the_exact_path(bounded_corpus, monkeypatch, q):
    """Every event holds its words in the title or summary, so with every word a candidate word the widest
    candidate set is every match: the bounded ranking (scores by subtraction, rank groups, order) must be
    the exact one, all six places."""
    bounded = ranked(monkeypatch, q, bounded=True, words=len(WORDS))
    exact = ranked(monkeypatch, q, bounded=False, words=len(WORDS))
    assert bounded.bounded and not exact.bounded
    assert bounded.ids == exact.ids
    assert bounded.capped and bounded.total == sqlite.COUNT_CAP
    assert_facet_lists(bounded)
    assert_facet_lists(exact)


def test_a_capped_filtered_search_returns_each_ids_facet_values(bounded_corpus, monkeypatch):
    """With a filter the capped ranking joins every match (`_joined`); its facet values come with the ids too."""
    ranked(monkeypatch, "quartz", bounded=True)  # lowers the caps
    filtered = sqlite.SQLiteBackend().match(expand_aliases(parse("quartz nimbus")), {"type": ["event"]}, "relevance")
    assert filtered.capped
    assert_facet_lists(filtered)


def test_a_document_best_for_several_words_but_none_alone_stays_first(bounded_corpus, monkeypatch):
    q = " ".join(WORDS)
    for word in WORDS:
        assert ranked(monkeypatch, word, bounded=False).ids[0] != bounded_corpus["several"].id
    result = ranked(monkeypatch, q, bounded=True)
    assert result.bounded
    assert result.ids[0] == bounded_corpus["several"].id


def test_bounded_scores_equal_bm25_of_the_query(bounded_corpus):
    """bm25(candidates AND query) − bm25(candidates) is the query's own bm25, row by row."""
    parsed = expand_aliases(parse(" ".join(WORDS)))
    counts = {w: 4 for w in WORDS}
    candidates = sqlite.candidate_expressions(parsed, counts, 100)[-1]
    query = sqlite.match_expression(parsed)
    fts, bm25 = sqlite.FTS_TABLE, sqlite.BM25
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH c AS MATERIALIZED (SELECT rowid AS id, {bm25} AS s FROM {fts} WHERE {fts} MATCH %s),
                a AS MATERIALIZED (SELECT rowid AS id, {bm25} AS s FROM {fts} WHERE {fts} MATCH %s)
                SELECT a.id, a.s - c.s FROM a JOIN c ON c.id = a.id""",
            [candidates, f"({candidates}) AND ({query})"],
        )
        bounded = dict(cursor.fetchall())
        cursor.execute(f"SELECT rowid, {bm25} FROM {fts} WHERE {fts} MATCH %s", [query])
        exact = dict(cursor.fetchall())
    assert bounded_corpus["several"].id in bounded and len(bounded) >= 4
    assert all(abs(bounded[i] - exact[i]) < 1e-9 for i in bounded)


def test_candidates_hold_two_of_the_rarest_words_and_leave_out_the_commonest():
    parsed = expand_aliases(parse("alpha beta gamma delta epsilon"))
    counts = {"alpha": 10, "beta": 20, "gamma": 30, "delta": 40, "epsilon": 900}
    narrow, wide = sqlite.candidate_expressions(parsed, counts, 1000)
    assert '("epsilon")' not in narrow  # in the words-together phrase only
    assert '("alpha") AND (("beta") OR ("gamma") OR ("delta"))' in narrow
    assert wide.startswith(narrow) and "{title keywords summary}" in wide


def test_the_page_says_the_count_is_a_lower_bound_when_bounded(client, bounded_corpus, monkeypatch):
    for module in (backend, sqlite, service):
        monkeypatch.setattr(module, "COUNT_CAP", 3, raising=False)
        monkeypatch.setattr(module, "MAX_RESULTS", 6, raising=False)
    monkeypatch.setattr(sqlite, "EXACT_MATCHES", -1)
    cache.clear()
    data = client.get("/search/", {"q": " ".join(WORDS), "format": "json"}).json()
    assert data["total_is_lower_bound"] is True and data["total"] == 3
    assert data["results"][0]["title"] == "Notes"
    assert "3+ results" in client.get("/search/", {"q": " ".join(WORDS)}).content.decode()
    cache.clear()


@pytest.mark.parametrize("q", ["tundra", "quartz nimbus falcon ember tundra"])
def test_a_stale_estimate_of_capped_loses_no_result_nor_count(bounded_corpus, monkeypatch, q):
    """The vocabulary's estimate says capped (EXACT_MATCHES below any estimate) while the matches are fewer than
    COUNT_CAP: the confirming count must send the search to the exact path, with every match and its count."""
    monkeypatch.setattr(sqlite, "COUNT_CAP", 100)
    monkeypatch.setattr(sqlite, "EXACT_MATCHES", -1)
    stale = sqlite.SQLiteBackend().match(expand_aliases(parse(q)), None, "relevance")
    monkeypatch.setattr(sqlite, "EXACT_MATCHES", 10**9)
    exact = sqlite.SQLiteBackend().match(expand_aliases(parse(q)), None, "relevance")
    assert not stale.capped and not stale.bounded
    assert stale.total == exact.total == len(exact.ids) > 3
    assert stale.ids == exact.ids


def test_an_estimate_of_capped_is_confirmed_before_the_bounded_stage_ranks(bounded_corpus, monkeypatch):
    """Capped for real (COUNT_CAP 3): the count is the capped one and the ranking the exact one, whether the
    bounded stage fills the page (quartz nimbus: 7 matches) or falls back (tundra: 5 matches, 6 places)."""
    for q in ("quartz nimbus", "tundra"):
        result = ranked(monkeypatch, q, bounded=True, words=len(WORDS))
        exact = ranked(monkeypatch, q, bounded=False, words=len(WORDS))
        assert result.capped and result.total == 3 and result.ids == exact.ids
        assert result.bounded == (q != "tundra")
