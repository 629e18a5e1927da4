"""Compare revisions: any two versions side by side, word-level text differences, changed tags,
actors and citations; reached from the history page and the review screen."""

import pytest
from django.test import Client

from archive.models import Actor, Source, Tag
from archive.services import publication

from .helpers import commentary_post, new_commentary

URL = "/admin/archive/commentary/{}/"


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def edited(db, moderator):
    """Version 1: a draft; version 2: a new sentence, a tag, an actor and a citation."""
    Source.objects.create(citation_key="svr1994", kind="book", title="A book", status="approved")
    tag = Tag.objects.create(name="Energy", slug="energy")
    actor = Actor.objects.create(kind="country", name="Belarus", slug="belarus")
    item = new_commentary(body="Gas flowed west.")
    data = commentary_post(item, body="Gas flowed west, cheaply [@svr1994, p. 12].", tags=[tag.pk], actors=[actor.pk])
    assert login(moderator).post(URL.format(item.pk) + "change/", data).status_code == 302
    return item


def test_history_links_to_the_comparison_of_each_version(editor, edited):
    page = login(editor).get(URL.format(edited.pk) + "history/").content.decode()
    assert page.count(f"/admin/archive/commentary/{edited.pk}/compare/?b=") == edited.history.count()
    assert 'style="' not in page.split('id="change-history"')[1]


def test_a_history_without_a_compare_view_has_no_compare_column(moderator, edited):
    """Sources share the history template but have no compare view: no column, no broken links."""
    source = Source.objects.get(citation_key="svr1994")
    page = login(moderator).get(f"/admin/archive/source/{source.pk}/history/").content.decode()
    assert 'id="change-history"' in page and "/compare/" not in page and ">Compare</th>" not in page


def test_two_versions_side_by_side_word_by_word(editor, edited, django_assert_max_num_queries):
    # One save writes a version for the fields and one per many-to-many set: compare the first and last.
    oldest, newest = edited.history.order_by("history_id").first(), edited.history.order_by("history_id").last()
    client = login(editor)
    with django_assert_max_num_queries(16):  # bounded by the fields compared, not by the history length
        response = client.get(URL.format(edited.pk) + "compare/", {"a": oldest.history_id, "b": newest.history_id})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'diff-del">Gas' not in page and 'diff-ins">Gas' not in page  # unchanged words are plain
    assert '<del class="diff-del">west.</del>' in page and '<ins class="diff-ins">west, cheaply' in page
    assert '<ins class="diff-ins">Energy</ins>' in page and '<ins class="diff-ins">Belarus</ins>' in page
    assert '<ins class="diff-ins">@svr1994, p. 12</ins>' in page
    same = client.get(URL.format(edited.pk) + "compare/", {"a": newest.history_id, "b": "current"})
    assert "The two versions are the same." in same.content.decode()
    missing = client.get(URL.format(edited.pk) + "compare/", {"a": "999999", "b": "current"})
    assert missing.status_code == 404 and "No version" in missing.content.decode()
    assert client.get(URL.format(edited.pk) + "compare/", {"a": "x<y", "b": "current"}).status_code == 404
    # Digits that are not ASCII (str.isdigit accepts them, int() does not) are unknown versions, not a 500.
    for value in ("²", "١٢"):
        assert client.get(URL.format(edited.pk) + "compare/", {"a": value, "b": "current"}).status_code == 404
        assert client.get(URL.format(edited.pk) + "compare/", {"b": value}).status_code in (200, 404)


def test_review_screen_compares_the_proposal_with_the_live_item(editor, moderator, edited):
    publication.transition(edited, moderator, "publish")
    edited.refresh_from_db()
    login(editor).post(URL.format(edited.pk) + "change/", commentary_post(edited, body="Gas flowed east."))
    client = login(moderator)
    review = client.get(URL.format(edited.pk) + "change-review/").content.decode()
    assert f"/admin/archive/commentary/{edited.pk}/compare/" in review
    page = client.get(URL.format(edited.pk) + "compare/").content.decode()  # default: live → proposal
    assert "The change awaiting review, by ed" in page
    assert '<ins class="diff-ins">east.</ins>' in page and '<del class="diff-del">@svr1994, p. 12</del>' in page
