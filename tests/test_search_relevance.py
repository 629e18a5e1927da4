"""Relevance on the demo archive, through the public page: what readers type, what they should see first.

Runs on whichever database is configured (bin/test: SQLite; DATABASE_URL=postgres://…: PostgreSQL).
"""

import pytest
from django.urls import reverse

from .search_fixtures import demo_archive, search_demo  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_demo")]
URL = reverse("archive:search")


def search(client, q, **params):
    response = client.get(URL, {"q": q, "format": "json", **params})
    assert response.status_code == 200, response.content
    data = response.json()
    data["slugs"] = [r["url"].rstrip("/").rsplit("/", 1)[-1] for r in data["results"]]
    return data


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("milk war", "milk-war-2009"),
        ("union state", "union-state-1999"),
        ("Lukashenka", "loan-row-2009"),  # the event titled "Lukashenko accuses Russia…"
        ("gas contract", "gas-contract-2004"),
    ],
)
def test_title_matches_rank_first(client, typed, first):
    assert search(client, typed)["slugs"][0] == first


def test_gas_ranks_titles_with_gas_first(client):
    results = search(client, "gas")["results"]
    titled = [("gas" in r["title"].lower()) for r in results]
    assert titled[0] and titled == sorted(titled, reverse=True)


def test_aliases_are_announced_and_highlighted(client):
    data = search(client, "Lukashenka")
    notice = next(n for n in data["notices"] if n.startswith("Also searched for:"))
    assert "Lukashenko" in notice and "Лукашенко" in notice
    html = client.get(URL, {"q": "Lukashenka"}).content.decode()
    assert "Also searched for:" in html
    assert "<mark>Lukashenko</mark>" in html  # the alias spelling is marked in the title and snippets


def test_no_alias_notice_without_aliases(client):
    assert not any(n.startswith("Also searched for") for n in search(client, "milk war")["notices"])


def test_any_word_finds_partial_matches_and_says_so(client):
    data = search(client, "gas zeppelin")
    assert data["total"] > 0 and "gas-dispute-2004" in data["slugs"]
    assert data["every_word_matched"] is False
    assert "No document has every word; these are the best partial matches." in data["notices"]
    html = client.get(URL, {"q": "gas zeppelin"}).content.decode()
    assert "No document has every word" in html


def test_every_word_ranks_above_fewer_words(client):
    data = search(client, "gas debt")
    assert data["every_word_matched"] is True
    assert data["slugs"][0] == "gas-debt-and-csto-boycott-2009"
    assert not any("partial" in n for n in data["notices"])


def test_a_question_gets_a_ranked_answer(client):
    data = search(client, "what were the causes of the gas disputes between russia and belarus")
    assert data["total"] > 0
    assert "gas-dispute-2004" in data["slugs"][:3]


def test_thirty_word_question_is_not_truncated(client):
    words = (
        "how did the gas disputes the milk war the union state treaty the customs union and the loan row between "
        "russia and belarus change relations after the collapse of the soviet union in the nineties"
    )
    assert len(words.split()) >= 30
    data = search(client, words)
    assert data["total"] > 0 and not any("long" in n for n in data["notices"])


def test_only_stop_words_give_a_page_with_a_notice(client):
    data = search(client, "what is the of and")
    assert data["total"] == 0 and any("not searched for" in n for n in data["notices"])
    assert client.get(URL, {"q": "what is the of and"}).status_code == 200


@pytest.mark.parametrize("q", ["gas " * 125, "the " * 125, "gas milk " * 50, "a" * 500, " ".join(["x"] * 250)])
def test_repeated_and_long_input_gives_a_page(client, q):
    assert client.get(URL, {"q": q}).status_code == 200
    assert client.get(URL, {"q": q, "format": "json"}).status_code == 200
    assert client.get(reverse("archive:search_feed"), {"q": q}).status_code == 200


def test_a_hyphen_joins_nothing_and_a_dash_excludes_nothing(client):
    assert search(client, "Belarus-Russia")["slugs"] == search(client, "Belarus Russia")["slugs"]
    for typed in ("gas - contract", "gas --contract", "gas – contract"):
        assert "gas-contract-2004" in search(client, typed)["slugs"], typed
    assert "gas-contract-2004" not in search(client, "gas -contract")["slugs"]


def test_quoted_items_must_occur(client):
    data = search(client, '"milk" Belarus')
    assert data["slugs"] and "milk-war-2009" in data["slugs"]
    milk = search(client, "milk")
    assert data["total"] == milk["total"] and set(data["slugs"]) <= set(milk["slugs"])
    assert search(client, "Belarus")["total"] > data["total"]
