import pytest

from archive.models import Citation, Commentary, Person, Source, Tag


def inline_management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def world(db):
    sources = [
        Source.objects.create(citation_key=k, kind="book", title=k.title(), status="approved")
        for k in ("alpha2001", "beta2002", "gamma2003")
    ]
    tags = [Tag.objects.create(name=n, slug=n.lower()) for n in ("Energy", "Trade")]
    person = Person.objects.create(given_name="Ada", family_name="Writer", slug="ada-writer")
    return sources, tags, person


def commentary_post(world, body):
    sources, tags, person = world
    data = {
        "title": "Gas and milk",
        "slug": "gas-and-milk",
        "standfirst": "Why it matters.",
        "body": body,
        "published_on": "2020-08-05",
        "status": "draft",
        "publish_at_0": "2020-08-05",
        "publish_at_1": "10:00:00",
        "tags": [str(t.pk) for t in tags],
        **inline_management("authorships", 1),
        "authorships-0-person": str(person.pk),
        "authorships-0-affiliation": "Example Institute",
        "authorships-0-order": "0",
        **inline_management("citations", 3),
    }
    for i, source in enumerate(sources):
        data.update(
            {
                f"citations-{i}-source": str(source.pk),
                f"citations-{i}-locator": f"p. {i + 1}",
                f"citations-{i}-order": str(i),
                f"citations-{i}-quote": "",
                f"citations-{i}-note": "",
            }
        )
    return data


def test_editor_creates_cited_commentary_in_one_form(editor_client, world):
    body = "Claim one [@alpha2001, p. 1]. Claim two [@beta2002, p. 9]. Again [@alpha2001, p. 1]."
    response = editor_client.post("/admin/archive/commentary/add/", commentary_post(world, body))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    commentary = Commentary.objects.get(slug="gas-and-milk")
    assert {t.name for t in commentary.tags.all()} == {"Energy", "Trade"}
    assert commentary.authorships.get().affiliation == "Example Institute"
    cited = set(Citation.objects.filter(commentary=commentary).values_list("source__citation_key", "locator"))
    # three inline rows, plus beta2002 at p. 9 added from the body
    assert cited == {("alpha2001", "p. 1"), ("beta2002", "p. 2"), ("gamma2003", "p. 3"), ("beta2002", "p. 9")}
    assert commentary.history.earliest().history_type == "+"
    assert commentary.history.earliest().history_user.username == "ed"


def test_unknown_citation_key_is_refused_and_nothing_is_lost(editor_client, world):
    body = "A claim [@nosuchkey2020, p. 3] and [@alpha2001]."
    response = editor_client.post("/admin/archive/commentary/add/", commentary_post(world, body))
    assert response.status_code == 200
    assert not Commentary.objects.exists()
    content = response.content.decode()
    assert "Unknown citation key: @nosuchkey2020" in content
    assert "A claim [@nosuchkey2020, p. 3]" in content  # what was typed is still in the form
    assert 'value="Gas and milk"' in content


def test_admin_pages_for_every_model_load(editor_client, demo):
    for model in ("source", "event", "commentary", "actor", "person", "tag", "citation"):
        url = f"/admin/archive/{model}/"
        response = editor_client.get(url)
        if model == "citation":
            assert response.status_code in (200, 404)
            continue
        assert response.status_code == 200, url
        assert editor_client.get(url + "?q=belarus").status_code == 200
        assert editor_client.get(url + "add/").status_code == 200


def test_autocomplete_for_sources(editor_client, demo):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "archive", "model_name": "citation", "field_name": "source", "term": "oliph"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]][0].startswith("A Problem With the Udder")


def test_history_records_who_changed_what(editor_client, demo, editor):
    source = Source.objects.get(citation_key="oliphant2009")
    url = f"/admin/archive/source/{source.pk}/history/"
    assert editor_client.get(url).status_code == 200
    source.title = "Changed"
    source._history_user = editor
    source.save()
    latest = source.history.first()
    assert latest.history_user == editor
    assert latest.diff_against(latest.prev_record).changed_fields == ["title"]


def test_anonymous_cannot_reach_admin(client, demo):
    response = client.get("/admin/archive/source/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
