"""The admin home as a desk: my drafts, what awaits review (with counts), moderation counts, open
flags, recent activity; the same number of queries however much there is."""

from django.test import Client

from archive.models import Flag, ReaderSubmission, Source
from archive.services import publication

from .helpers import commentary_post, new_commentary


def login(user):
    client = Client()
    client.force_login(user)
    return client


def fill(n, editor, start=0):
    """n drafts written by the editor through the admin, n items in review, n open flags, n submissions."""
    client = login(editor)
    for i in range(start, start + n):
        data = commentary_post(None, title=f"My draft {i}", slug=f"my-draft-{i}")
        assert client.post("/admin/archive/commentary/add/", data).status_code == 302
        new_commentary(title=f"In review {i}", slug=f"review-{i}", status="review")
        source = Source.objects.create(
            citation_key=f"bad{i}", kind="book", title=f"Bad {i}", status="rejected", moderator_note="No."
        )
        Flag.objects.create(source=source, commentary=new_commentary(slug=f"flagged-{i}"), reason="Rejected source")
        ReaderSubmission.objects.create(kind="suggestion", source=source, message="Look")
        Source.objects.create(citation_key=f"pend{i}", kind="book", title=f"Pending {i}")


def test_the_desk_shows_each_persons_work_and_the_counts(editor, moderator):
    fill(2, editor)
    new_commentary(title="Someone else's draft", slug="other")
    page = login(editor).get("/admin/").content.decode()
    assert "Your desk" in page and "My draft 0" in page and "My draft 1" in page
    assert "Someone else&#x27;s draft" not in page.split("My drafts")[1].split("Awaiting review")[0]
    assert "2 awaiting review" in page and "In review 0" in page
    assert "Open flags" in page and "2 open" in page
    assert "pending sources" not in page  # moderation counts are for moderators
    page = login(moderator).get("/admin/").content.decode()
    assert "2 pending sources" in page and "2 reader submissions to handle" in page
    assert "Recent activity" in page


def test_changes_to_published_items_are_listed_for_review(editor, moderator):
    item = new_commentary(title="Live one", slug="live-one")
    publication.transition(item, moderator, "publish")
    item.refresh_from_db()
    login(editor).post(f"/admin/archive/commentary/{item.pk}/change/", commentary_post(item, body="New."))
    page = login(moderator).get("/admin/").content.decode()
    assert "1 awaiting review" in page and f"/admin/archive/commentary/{item.pk}/change-review/" in page
    for user in (editor, moderator):
        listing = login(user).get("/admin/archive/pendingrevision/?state__exact=pending")
        assert (
            listing.status_code == 200
            and f"/admin/archive/commentary/{item.pk}/change-review/" in listing.content.decode()
        )


def test_the_desk_takes_a_fixed_number_of_queries(editor, django_assert_num_queries):
    client = login(editor)
    fill(1, editor)
    queries = 16  # session, user, permissions, the desk's counts and capped lists, the app list
    with django_assert_num_queries(queries):
        assert client.get("/admin/").status_code == 200
    fill(9, editor, start=1)
    with django_assert_num_queries(queries):
        page = client.get("/admin/").content.decode()
    assert "10 awaiting review" in page and "My draft 9" in page
