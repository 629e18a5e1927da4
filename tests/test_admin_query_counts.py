"""The editors' admin pages take a fixed number of queries, whatever the number of inline rows or list rows.

Each page is measured with 2 and with 12 of everything it lists (citations, authors, tags and actors on a
form; rows on a changelist), and must take exactly the pinned number both times: a query per row would
show as a difference of ten. The numbers include the session, the user and the permission lookups.
"""

import pytest
from django.test import Client

from archive.models import Actor, Citation, CommentaryAuthor, Event, Person, Source, Tag
from archive.services import publication
from archive.services.publication import Action

from .helpers import commentary_post, new_commentary

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    client.force_login(user)
    return client


def related(n, prefix):
    """n approved sources, people, tags and country actors."""
    made = {"sources": [], "people": [], "tags": [], "actors": []}
    for j in range(n):
        made["sources"].append(
            Source.objects.create(citation_key=f"{prefix}s{j}", kind="book", title=f"Book {j}", status="approved")
        )
        made["people"].append(Person.objects.create(family_name=f"Author {prefix}{j}", slug=f"{prefix}-p-{j}"))
        made["tags"].append(Tag.objects.create(name=f"Tag {prefix}{j}", slug=f"{prefix}-t-{j}"))
        made["actors"].append(Actor.objects.create(name=f"Land {prefix}{j}", slug=f"{prefix}-a-{j}", kind="country"))
    return made


def rich_commentary(n, prefix="c"):
    """A commentary with n citations, n authors, n tags and n actors."""
    item = new_commentary(title=f"Essay {prefix}", slug=f"essay-{prefix}")
    made = related(n, prefix)
    for j in range(n):
        Citation.objects.create(source=made["sources"][j], commentary=item, order=j, locator=f"p. {j + 1}")
        CommentaryAuthor.objects.create(commentary=item, person=made["people"][j], order=j)
    item.tags.set(made["tags"])
    item.actors.set(made["actors"])
    return item


def rich_event(n, prefix="e"):
    event = Event.objects.create(
        title=f"Summit {prefix}", slug=f"summit-{prefix}", date_edtf="2001", event_type="summit"
    )
    made = related(n, prefix)
    for j in range(n):
        Citation.objects.create(source=made["sources"][j], event=event, order=j)
    event.tags.set(made["tags"])
    event.actors.set(made["actors"])
    return event


def same_count(django_assert_num_queries, pinned, page_for):
    """`page_for(n)` builds an archive of size n and returns (client, url); both sizes take `pinned` queries."""
    for n in (2, 12):
        client, url = page_for(n)
        client.get(url)  # warm the content-type and permission caches a long-running server has warm
        with django_assert_num_queries(pinned):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_the_commentary_form_does_not_grow_with_its_inline_rows(request, django_assert_num_queries, role):
    user = request.getfixturevalue(role)

    def page(n):
        item = rich_commentary(n, prefix=f"c{n}")
        return login(user), f"/admin/archive/commentary/{item.pk}/change/"

    # session, user, item, its authors, 2 permissions, stored row, version token (2), tags, actors, related
    # events, author rows, citation rows (sources joined), open revision (2), "has authors", chosen tags,
    # chosen actors, open flags, audit trail
    same_count(django_assert_num_queries, 21, page)  # was 31 and 81: 3 per citation row, 2 per author


def test_the_form_of_a_published_commentary_with_a_proposal_does_not_grow(editor, moderator, django_assert_num_queries):
    """The writer's form of a live item: inlines read-only, the form starting from the open proposal."""

    def page(n):
        item = rich_commentary(n, prefix=f"p{n}")
        publication.transition(item, moderator, Action.PUBLISH)
        item.refresh_from_db()
        client = login(editor)
        url = f"/admin/archive/commentary/{item.pk}/change/"
        assert client.post(url, commentary_post(item, body="New.")).status_code == 302
        return client, url

    same_count(django_assert_num_queries, 20, page)


def test_the_event_form_does_not_grow_with_its_inline_rows(moderator, django_assert_num_queries):
    def page(n):
        event = rich_event(n, prefix=f"e{n}")
        return login(moderator), f"/admin/archive/event/{event.pk}/change/"

    same_count(django_assert_num_queries, 17, page)  # was 23 and 53: 3 per citation row


@pytest.mark.parametrize(
    "url, pinned",
    [("/admin/archive/commentary/", 11), ("/admin/archive/event/", 11), ("/admin/archive/source/", 8)],
)
def test_the_changelists_do_not_grow_with_their_rows(moderator, django_assert_num_queries, url, pinned):
    def page(n):
        """n commentaries and n events (each with 2 authors, citations, tags, actors), 4n sources."""
        for i in range(Event.objects.count(), n):
            rich_commentary(2, prefix=f"l{i}")
            rich_event(2, prefix=f"m{i}")
        return login(moderator), url

    same_count(django_assert_num_queries, pinned, page)


def test_the_review_screen_does_not_grow_with_the_items_relations(editor, moderator, django_assert_num_queries):
    def page(n):
        item = rich_commentary(n, prefix=f"r{n}")
        publication.transition(item, moderator, Action.PUBLISH)
        item.refresh_from_db()
        extra = Tag.objects.create(name=f"New tag {n}", slug=f"new-tag-{n}")
        tags = [str(pk) for pk in item.tags.values_list("pk", flat=True)] + [str(extra.pk)]
        data = commentary_post(item, body="A corrected body.", tags=tags)
        assert login(editor).post(f"/admin/archive/commentary/{item.pk}/change/", data).status_code == 302
        # The publisher edits the title live meanwhile: the merge is part of what is measured.
        item.refresh_from_db()
        live = commentary_post(item, title=f"Live title {n}", _workflow="save")
        assert login(moderator).post(f"/admin/archive/commentary/{item.pk}/change/", live).status_code == 302
        return login(moderator), f"/admin/archive/commentary/{item.pk}/change-review/"

    same_count(django_assert_num_queries, 13, page)


def test_the_moderators_desk_does_not_grow(editor, moderator, django_assert_num_queries):
    """The dashboard as a moderator sees it (every panel): drafts, reviews, proposals, sources, messages, flags,
    recent activity."""
    from .test_dashboard import fill

    def page(n):
        start = 0 if n == 2 else 2
        fill(n - start, editor, start=start)
        for i in range(start, n):
            item = new_commentary(title=f"Live {i}", slug=f"live-{i}")
            publication.transition(item, moderator, Action.PUBLISH)
            item.refresh_from_db()
            url = f"/admin/archive/commentary/{item.pk}/change/"
            assert login(editor).post(url, commentary_post(item, body=f"Proposal {i}.")).status_code == 302
        return login(moderator), "/admin/"

    same_count(django_assert_num_queries, 18, page)
