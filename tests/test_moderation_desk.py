"""The pending source form starts with the decision; approving from the queue asks for the rating."""

from archive.models import AuditEntry, Source

from .helpers import source_post

QUEUE = "/admin/archive/pendingsource/"


def pending(key="memo2020"):
    return Source.objects.create(citation_key=key, kind="report", title=f"A memo {key}", language="en")


def test_the_decision_comes_before_the_details(moderator_client, db):
    source = pending()
    page = moderator_client.get(f"{QUEUE}{source.pk}/change/").content.decode()
    assert page.index("Decision") < page.index('name="citation_key"') < page.index('name="url"')
    assert page.index('name="status"') < page.index('name="title"')
    assert 'type="radio" name="status"' in page


def test_approving_in_the_form_needs_a_rating_and_rejecting_a_reason(moderator_client, moderator, db):
    source = pending()
    url = f"{QUEUE}{source.pk}/change/"
    response = moderator_client.post(url, source_post(source, status="approved", title="A memo, corrected"))
    assert response.status_code == 200 and "Rate the source when approving it" in response.content.decode()
    assert 'value="A memo, corrected"' in response.content.decode()  # what was typed is kept
    response = moderator_client.post(url, source_post(source, status="rejected"))
    assert "Say why the source is rejected" in response.content.decode()
    assert Source.objects.get(pk=source.pk).status == "pending"
    data = source_post(source, status="approved", reliability="mixed", moderator_note="Partisan but accurate.")
    assert moderator_client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert (source.status, source.reliability, source.reviewed_by) == ("approved", "mixed", moderator)


def test_bulk_approve_from_the_queue_asks_for_the_rating(moderator_client, moderator, db):
    sources = [pending("a2020"), pending("b2020")]
    selected = {"action": "approve_sources", "_selected_action": [s.pk for s in sources]}
    page = moderator_client.post(QUEUE, selected)
    assert page.status_code == 200 and "Reliability" in page.content.decode()
    assert not Source.objects.filter(status="approved").exists()
    response = moderator_client.post(QUEUE, {**selected, "apply": "Approve", "reliability": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    response = moderator_client.post(
        QUEUE, {**selected, "apply": "Approve", "reliability": "reliable", "reason": "Checked against the record."}
    )
    assert response.status_code == 302
    for source in Source.objects.all():
        assert (source.status, source.reliability, source.reviewed_by) == ("approved", "reliable", moderator)
        (entry,) = AuditEntry.objects.for_object(source)
        assert (entry.action, entry.reason) == ("approve", "Checked against the record.")
        assert entry.changes["reliability"] == ["", "reliable"]
