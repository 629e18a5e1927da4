"""Any text an editor or reader can type must save: no index column may be narrower than a word.

PostgreSQL lexemes reach 2,047 bytes (longer words are left out of the tsvector);
the champion list once held them in a varchar(100), so one long bare URL lost the
editor's whole save with a 500.
"""

import pytest
from django.core.cache import cache
from django.db import connection

from archive.models import Commentary, Source
from search.models import SearchChampion, SearchDocument
from tests.helpers import commentary_post, new_commentary, source_post

LENGTHS = (101, 2047, 5000)
LONG_URL = "https://example.org/" + "/".join(f"segment{n:02}" for n in range(12))


def word(length: int, letter: str = "a") -> str:
    return (letter + "bcdefghij" * (length // 10 + 1))[:length]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("length", LENGTHS)
def test_editor_saves_commentary_with_a_long_word(editor_client, length):
    body = f"A claim about {LONG_URL} and {word(length)} in one paragraph."
    response = editor_client.post("/admin/archive/commentary/add/", commentary_post(body=body))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    commentary = Commentary.objects.get(slug="gas-and-milk")
    assert commentary.body == body
    assert SearchDocument.objects.filter(kind="commentary", object_id=commentary.pk).exists()


@pytest.mark.parametrize("length", LENGTHS)
def test_editor_saves_source_with_a_long_word(editor_client, length):
    title_word = word(min(length, 450), "t")
    data = source_post(citation_key="long2020", title=f"On {title_word}", abstract=f"About {word(length)}.")
    response = editor_client.post("/admin/archive/source/add/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    source = Source.objects.get(citation_key="long2020")
    assert source.title == f"On {title_word}" and source.abstract == f"About {word(length)}."
    assert SearchDocument.objects.filter(kind="source", object_id=source.pk).exists()


@pytest.mark.parametrize("length", LENGTHS)
def test_reader_suggests_a_source_with_a_long_word(client, db, length):
    data = {
        "title": word(300, "s"),
        "url": "https://example.org/long-words",
        "kind": "report",
        "why": f"It covers {word(min(length, 1900))} at length.",
        "contact_email": "",
        "website": "",
    }
    response = client.post("/suggest/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert Source.objects.get(url="https://example.org/long-words").title == word(300, "s")


def test_published_long_words_are_indexed_and_found(client, db):
    """The champion list keeps indexable long lexemes (PostgreSQL) and search still finds the text."""
    long_word = word(150)
    commentary = new_commentary(title="Long words", slug="long-words", body=f"Text {long_word}.", status="published")
    response = client.get("/search/", {"q": long_word})
    assert response.status_code == 200 and "Long words" in response.content.decode()
    if connection.vendor == "postgresql":
        document = SearchDocument.objects.get(kind="commentary", object_id=commentary.pk)
        assert SearchChampion.objects.filter(document=document, lexeme=long_word).exists()
