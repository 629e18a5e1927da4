"""PostgreSQL's bounded stage (search/postgres.py): its candidates, and that it scores them exactly.

The stage runs at 100,000 documents; here the caps and list lengths are lowered so it runs on a few dozen
events. The estimates it chooses candidates with (search/estimates.py) are checked on any database.
"""

import itertools

import pytest
from django.db import connection

from archive.models import Event
from search import postgres
from search.aliases import expand_aliases
from search.estimates import share_at_least
from search.models import SearchDocument
from search.query import parse

from .bounded_fixtures import WORDS, assert_facet_lists

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's engine")


def slugs(ids):
    """The events' slugs, in the order of these index row ids (row ids are not event ids)."""
    urls = dict(SearchDocument.objects.filter(id__in=ids).values_list("id", "url"))
    return [urls[i].rstrip("/").rsplit("/", 1)[-1] for i in ids]


def bounded(monkeypatch, q, several=True):
    """The bounded ranking of q with every word "common" and each champion list one entry long."""
    monkeypatch.setattr(postgres, "COUNT_CAP", 3)
    monkeypatch.setattr(postgres, "MAX_RESULTS", 6)
    for name, value in (("RARE", 0), ("CANDIDATES", 1), ("MIN_CANDIDATES", 1), ("RECENT", 0)):
        monkeypatch.setattr(postgres, name, value)
    if not several:
        monkeypatch.setattr(postgres, "several_rarest", lambda *args: [])
    return postgres.PostgresBackend().match(expand_aliases(parse(q)), None, "relevance")


@on_postgres
@pytest.mark.django_db
def test_a_document_holding_several_rare_words_is_a_candidate(bounded_corpus, monkeypatch):
    """Without the several-words set the champion lists miss the best document; with it, it ranks first."""
    q = " ".join(WORDS)
    assert slugs(bounded(monkeypatch, q, several=False).ids)[0] != "several"
    monkeypatch.undo()
    result = bounded(monkeypatch, q)
    assert result.bounded and result.capped
    assert slugs(result.ids)[0] == "several"


@on_postgres
@pytest.mark.django_db
@pytest.mark.parametrize("q", ["quartz nimbus falcon ember tundra", "quartz nimbus falcon ember -tundra"])
def test_bounded_scores_are_the_exact_scores(bounded_corpus, monkeypatch, q):
    """Every candidate is checked and scored on the vector it reads: the bounded order is the exact order of
    the candidates it found, and nothing it returns fails the query (the exclusion) or is hidden."""
    Event.objects.create(
        title="Quartz nimbus falcon ember draft", slug="draft", event_type="summit", summary="quartz nimbus falcon",
        date_edtf="2001", status="draft",
    )  # fmt: skip
    result = bounded(monkeypatch, q)
    parsed = expand_aliases(parse(q))
    sql, params = postgres.PostgresBackend().exact_sql(parsed, None, 1000)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        exact = [row[0] for row in cursor.fetchall()]
    assert result.ids and set(result.ids) <= set(exact)
    assert result.ids == [i for i in exact if i in set(result.ids)]
    assert result.bounded
    assert_facet_lists(result)
    if "-tundra" in q:
        assert not any(slug.startswith("tundra") for slug in slugs(result.ids))


def test_share_at_least_matches_counting_every_combination():
    shares = [0.1, 0.25, 0.4, 0.05, 0.6]
    for k in range(len(shares) + 1):
        expected = 0.0
        for held in itertools.product([False, True], repeat=len(shares)):
            if sum(held) >= k:
                p = 1.0
                for h, s in zip(held, shares, strict=True):
                    p *= s if h else 1 - s
                expected += p
        assert share_at_least(shares, k) == pytest.approx(expected)


def test_several_rarest_leaves_out_common_words_and_widens_while_the_set_stays_small():
    parsed = parse("alpha beta gamma delta epsilon zeta eta")
    counts = {"alpha": 100, "beta": 200, "gamma": 300, "delta": 400, "epsilon": 500, "zeta": 600, "eta": 9000}
    chosen = [c.terms[0].text for c in postgres.several_rarest(parsed, counts, 10_000)]
    assert chosen == ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]  # eta: in 90 % of the documents
    common = {w: n if w == "eta" else n * 8 for w, n in counts.items()}  # 8–48 %: three of six too many, of five not
    narrower = [c.terms[0].text for c in postgres.several_rarest(parsed, common, 10_000)]
    assert narrower == ["alpha", "beta", "gamma", "delta", "epsilon"]
    assert postgres.several_rarest(parse("alpha beta gamma"), counts, 10_000) == []


@on_postgres
@pytest.mark.django_db
def test_with_the_rum_index_the_words_together_are_candidates(bounded_corpus, monkeypatch):
    """`Notes` holds "quartz, nimbus" together (the words-together rank group) and is best for neither word: the
    champion lists miss it, the RUM index finds it (migration 0004 creates it where the extension exists)."""
    with connection.cursor() as cursor:
        if not postgres.has_together_index(cursor):
            pytest.skip("the rum extension is not installed on this server")
    monkeypatch.setattr(postgres, "CANDIDATES_ALL_WORDS", 0)
    monkeypatch.setattr(postgres, "has_together_index", lambda cursor: False)
    without = bounded(monkeypatch, "quartz nimbus")
    assert without.bounded and slugs(without.ids)[0] != "several"
    monkeypatch.undo()
    monkeypatch.setattr(postgres, "CANDIDATES_ALL_WORDS", 0)
    result = bounded(monkeypatch, "quartz nimbus")
    assert result.bounded and slugs(result.ids)[0] == "several"


@on_postgres
@pytest.mark.django_db
@pytest.mark.parametrize("k, n", [(1, 3), (2, 4), (3, 5), (3, 6), (4, 4)])
def test_the_nested_at_least_query_holds_exactly_the_texts_with_k_of_the_words(k, n):
    """postgres._at_least, the several-words set's tsquery: true for a text holding at least k of the n words."""
    words = ["alder", "birch", "cedar", "fir", "larch", "maple"][:n]
    parts = [(f"plainto_tsquery('{postgres.CONFIG}'::regconfig, %s)", [w]) for w in words]
    sql, params = postgres._at_least(k, parts)
    with connection.cursor() as cursor:
        for size in range(n + 1):
            for held in itertools.combinations(words, size):
                cursor.execute(
                    f"SELECT to_tsvector('{postgres.CONFIG}'::regconfig, %s) @@ {sql}",
                    [" ".join(held) or "oak", *params],
                )
                assert cursor.fetchone()[0] == (size >= k), held
