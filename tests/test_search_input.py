"""Queries of any shape give a page or a clear message (200 or 400), never a 500, on each database."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relations_site.middleware import QUERY_CONTROL
from search.query import MAX_QUERY_LENGTH, parse

from .search_fixtures import demo_archive, search_demo  # noqa: F401  (the demo archive, loaded once per module)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_demo")]
URL = reverse("archive:search")
FEED = reverse("archive:search_feed")

NASTY = [
    '"unbalanced quote',
    'gas "',
    '""',
    "the of and",
    "& | ! ( ) : * NEAR AND",
    "gas & milk | !war",
    "a:* <-> b <2> c",
    "NEAR(gas milk, 2)",
    "title:gas",
    "gas*",
    "^gas",
    "-",
    "--gas",
    "- - -",
    "OR",
    "OR OR gas OR",
    "gas OR",
    "'; DROP TABLE archive_event; --",
    "1' OR '1'='1",
    "x" * 10_000,
    "gas " * 3000,
    "😀 🇧🇾 gas 🔥",
    "\u200b\u200d",
    "\ue000mark\ue001",
    "%s %(x)s %%",
    "\\",
    "газ Лукашэнка ŁUKAŠENKA",
]


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries_give_a_page(client, query):
    for params in ({"q": query}, {"q": query, "format": "json"}, {"q": query, "sort": "newest"}):
        response = client.get(URL, params)
        assert response.status_code == 200, (query, response.content[:300])
    assert client.get(FEED, {"q": query}).status_code == 200


def test_nul_bytes_get_a_clear_400(client):
    response = client.get(URL, {"q": "gas\x00milk"})
    assert response.status_code == 400
    assert "control character (such as %00 or %01) in a query parameter" in response.content.decode()
    as_json = client.get(URL, {"q": "gas\x00", "format": "json"})
    assert as_json.status_code == 400 and "control character" in as_json.json()["errors"][0]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "gas", "sort": "random"}, "Select a valid choice"),
        ({"q": "gas", "format": "xml"}, "Select a valid choice"),
        ({"q": "gas", "tag": [f"t{i}" for i in range(11)]}, "at most 10 values"),
        ({"q": "gas", "actor": "x" * 300}, "not valid"),
    ],
)
def test_bad_parameters_get_a_clear_400_keeping_the_query(client, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="gas"' in html


def test_long_query_is_shortened_with_a_notice(client):
    response = client.get(URL, {"q": "gas " + "x" * 10_000})
    assert response.status_code == 200
    assert "only its beginning was used" in response.content.decode()


def test_only_exclusions_explains(client):
    assert "Add a word to search for" in client.get(URL, {"q": "-gas"}).content.decode()


def test_unknown_filter_values_just_find_nothing(client):
    data = client.get(URL, {"q": "gas", "tag": "no-such-tag", "format": "json"}).json()
    assert data["total"] == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=200))
def test_generated_queries_never_fail(client, query):
    response = client.get(URL, {"q": query, "format": "json"})
    assert response.status_code in (200, 400)
    if not QUERY_CONTROL.search(query):
        assert response.status_code == 200


OPERATORS = st.sampled_from(['"', "-", "OR", "AND", "NOT", "NEAR", "&", "|", "!", "(", ")", ":", "*", "<->", "'", "^"])
WORDS = st.sampled_from(["gas", "milk", "war", "Lukashenka", "union", "state", "the", "Газпром", "zzz"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(OPERATORS, WORDS), max_size=12))
def test_generated_operator_soup_never_fails(client, parts):
    response = client.get(URL, {"q": " ".join(parts), "format": "json"})
    assert response.status_code == 200


@given(raw=st.text(max_size=2000))
@settings(max_examples=100, deadline=None)
def test_parser_keeps_only_words(raw):
    parsed = parse(raw)
    assert len(parsed.raw) <= MAX_QUERY_LENGTH
    for term in [t for c in parsed.clauses for t in c.terms] + parsed.excluded:
        assert all(word.isalnum() or "_" in word for word in term.words)


def test_parser_understands_phrases_or_and_exclusion():
    parsed = parse('"milk war" OR dairy -gas Belarus')
    assert [[t.words for t in c.terms] for c in parsed.clauses] == [[("milk", "war"), ("dairy",)], [("belarus",)]]
    assert [t.words for t in parsed.excluded] == [("gas",)]


@pytest.mark.parametrize("edtf", ["1999-12-08", "2009-07", "2009", "0999", "2004-01-01/2004-01-04", "1995-02~", "199X"])
def test_fast_date_descriptions_match_the_edtf_ones(edtf):
    from archive import dates
    from search.index import describe_date

    assert describe_date(edtf) == dates.describe(edtf)
