"""The public "Suggest a source" / "Report a problem" form and its abuse protections."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client

from archive.models import AuditEntry, Citation, Commentary, ReaderSubmission, Source

URL = "/suggest/"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def suggestion(**overrides):
    data = {
        "title": "Belarus and the Eurasian Economic Union",
        "url": "https://example.org/eaeu-belarus",
        "kind": "report",
        "why": "A detailed study of Belarus's trade within the union.",
        "contact_email": "reader@example.net",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_page_is_accessible_and_cheap(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1>") == 1 and "Suggest a source" in page
    assert 'name="csrfmiddlewaretoken"' in page
    for field in ("title", "url", "kind", "why", "contact_email"):
        assert f'<label for="id_{field}">' in page
    assert 'aria-hidden="true"' in page and 'name="website"' in page  # the honeypot is hidden from people


def test_a_suggestion_lands_pending_and_private(client, db):
    response = client.post(URL, suggestion())
    assert response.status_code == 302 and response["Location"] == "/suggest/?sent=1"
    thanks = client.get(response["Location"]).content.decode()
    assert "Your suggestion “Belarus and the Eurasian Economic Union” has been received" in thanks
    assert "only once it has been reviewed and approved" in thanks
    source = Source.objects.get()
    assert (source.status, source.url, source.kind, source.submitted_by) == (
        "pending",
        "https://example.org/eaeu-belarus",
        "report",
        None,
    )
    assert source.citation_key.startswith("belarus-and-the-eurasian-")
    submission = ReaderSubmission.objects.get()
    assert (submission.kind, submission.source, submission.contact_email) == (
        "suggestion",
        source,
        "reader@example.net",
    )
    assert AuditEntry.objects.for_object(source).get().action == "suggest"
    assert client.get(source.get_absolute_url()).status_code == 404  # never public while pending
    assert "reader@example.net" not in thanks
    # The thank-you page is shown once; a bare ?sent=1 gets the form, not a fake confirmation.
    assert "Thank you" not in client.get("/suggest/?sent=1").content.decode()


def test_suggestion_reaches_the_queue_and_is_public_once_approved(client, moderator, db):
    client.post(URL, suggestion())
    source = Source.objects.get()
    moderator_client = Client()
    moderator_client.force_login(moderator)
    queue = moderator_client.get("/admin/archive/pendingsource/").content.decode()
    assert source.citation_key in queue and "reader suggestion" in queue
    change_page = moderator_client.get(f"/admin/archive/source/{source.pk}/change/").content.decode()
    assert "A detailed study of Belarus&#x27;s trade within the union." in change_page
    moderator_client.post("/admin/archive/source/", {"action": "approve_sources", "_selected_action": [source.pk]})
    assert client.get(source.get_absolute_url()).status_code == 200


def test_editors_do_not_see_readers_messages(client, editor, db):
    """The reader's e-mail and the submission record are moderators' only. (Issue 13: the "why it matters" text
    now becomes the pending source's abstract, which editors may read and improve, so it is no longer hidden.)"""
    client.post(URL, suggestion())
    source = Source.objects.get()
    client.force_login(editor)
    page = client.get(f"/admin/archive/source/{source.pk}/change/").content.decode()
    assert "reader@example.net" not in page and "Open in readers" not in page
    assert source.abstract == suggestion()["why"]


def test_other_methods_are_refused(client, db):
    assert client.put(URL).status_code == 405 and client.delete(URL).status_code == 405


def test_csrf_is_enforced(db):
    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(URL, suggestion()).status_code == 403
    assert not Source.objects.exists()


def test_honeypot_refuses_and_stores_nothing(client, db):
    response = client.post(URL, suggestion(website="http://spam.example"))
    assert response.status_code == 400
    assert "must stay empty" in response.content.decode()
    assert not Source.objects.exists() and not ReaderSubmission.objects.exists()


def test_rate_limit_per_ip_keeps_what_was_typed(client, db, settings):
    settings.SUGGESTION_RATE_LIMIT = (2, 60)
    for n in range(2):
        assert client.post(URL, suggestion(url=f"https://example.org/{n}")).status_code == 302
    response = client.post(URL, suggestion(url="https://example.org/3", title="A third try"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait an hour" in page and 'value="A third try"' in page
    assert Source.objects.count() == 2
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert other.post(URL, suggestion(url="https://example.org/4")).status_code == 302


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"url": "ftp://example.org/file"}, "Enter a valid URL."),
        ({"url": ""}, "This field is required."),
        ({"title": "x" * 301}, "Ensure this value has at most 300 characters"),
        ({"why": "short"}, "Ensure this value has at least 10 characters"),
        ({"why": "y" * 2001}, "Ensure this value has at most 2000 characters"),
        ({"contact_email": "not-an-address"}, "Enter a valid email address."),
        ({"kind": "nonsense"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_clearly_and_kept(client, db, overrides, message):
    response = client.post(URL, suggestion(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "Your submission was not sent" in page
    field = next(iter(overrides))
    assert f'<a href="#id_{field}">' in page  # the summary links to the field to correct
    assert "A detailed study of Belarus" in page or "why" in overrides
    assert not Source.objects.exists()


def test_an_approved_url_is_pointed_out(client, db):
    Source.objects.create(
        citation_key="known", kind="web-page", title="Known", url="https://www.example.org/eaeu-belarus/",
        status="approved",
    )  # fmt: skip
    response = client.post(URL, suggestion(url="http://example.org/eaeu-belarus"))
    assert response.status_code == 400
    assert "already in the archive" in response.content.decode()
    assert Source.objects.count() == 1


def test_a_pending_url_is_accepted_without_revealing_it(client, db):
    """The reader learns nothing about unpublished sources; the suggestion joins the pending one."""
    pending = Source.objects.create(
        citation_key="known", kind="web-page", title="Secret working title", url="https://www.example.org/eaeu-belarus/"
    )
    response = client.post(URL, suggestion(url="http://example.org/eaeu-belarus"))
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Secret working title" not in thanks and "awaiting review" not in thanks
    assert "Belarus and the Eurasian Economic Union" in thanks  # the reader’s own title
    assert Source.objects.count() == 1
    submission = ReaderSubmission.objects.get()
    assert submission.source == pending and submission.message == suggestion()["why"]
    assert AuditEntry.objects.for_object(pending).get().reason == "Suggested again through the public form"


def test_a_rejected_url_can_be_suggested_again(client, db):
    Source.objects.create(
        citation_key="old", kind="web-page", title="Old", url="https://example.org/eaeu-belarus",
        status="rejected", moderator_note="Broken link at the time.",
    )  # fmt: skip
    response = client.post(URL, suggestion(url="https://example.org/eaeu-belarus/"))
    assert response.status_code == 302
    fresh = Source.objects.exclude(citation_key="old").get()
    assert (fresh.status, fresh.title) == ("pending", "Belarus and the Eurasian Economic Union")


def test_report_a_problem_with_an_approved_source(client, db):
    source = Source.objects.create(citation_key="known", kind="web-page", title="Known source", status="approved")
    page = client.get(f"{URL}?report=known").content.decode()
    assert "Report a problem with a source" in page and "Known source" in page
    response = client.post(f"{URL}?report=known", {"message": "The link is broken.", "contact_email": ""})
    assert response.status_code == 302
    assert "Your report about “Known source”" in client.get(response["Location"]).content.decode()
    report = ReaderSubmission.objects.get()
    assert (report.kind, report.source, report.message) == ("report", source, "The link is broken.")
    assert AuditEntry.objects.for_object(source).get().action == "report"


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_reports_about_unapproved_or_unknown_sources_are_404(client, db, status):
    Source.objects.create(citation_key="hidden", kind="web-page", title="Hidden", status=status, moderator_note="n")
    assert client.get(f"{URL}?report=hidden").status_code == 404
    assert client.post(f"{URL}?report=hidden", {"message": "Something is wrong."}).status_code == 404
    assert client.get(f"{URL}?report=nosuchkey").status_code == 404
    assert not ReaderSubmission.objects.exists()


def test_report_link_include_leads_to_the_report_form(client, db):
    source = Source.objects.create(citation_key="a:b.c", kind="web-page", title="Odd key", status="approved")
    html = render_to_string("archive/suggest_report_link.html", {"source": source})
    assert 'href="/suggest/?report=a%3Ab.c"' in html and "Report a problem" in html
    assert "Odd key" in client.get("/suggest/?report=a%3Ab.c").content.decode()
    assert 'href="/suggest/?report=a%3Ab.c"' in client.get(source.get_absolute_url()).content.decode()


def test_a_pending_source_leaks_nowhere_public(client, db):
    """Cited by a published commentary, a pending suggestion's details stay off every public page."""
    client.post(URL, suggestion(title="Secret Pending Title"))
    source = Source.objects.get()
    commentary = Commentary.objects.create(
        title="Public essay",
        slug="public-essay",
        standfirst="S.",
        body=f"A claim [@{source.citation_key}, p. 2].",
        published_on=dt.date(2024, 1, 1),
        status="published",
    )
    Citation.objects.create(source=source, commentary=commentary, locator="p. 2")
    for url in ("/", commentary.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Secret Pending Title" not in page and "example.org/eaeu-belarus" not in page
    assert client.get(source.get_absolute_url()).status_code == 404


def test_a_suggestions_date_sets_the_works_date_and_its_key_year(client, db):
    assert client.post(URL, suggestion(date="2015-03")).status_code == 302
    source = Source.objects.get()
    assert (source.date_edtf, source.citation_key) == ("2015-03", "belarus-and-the-eurasian-2015")
    assert source.abstract == suggestion()["why"]


def test_a_suggestion_with_a_date_that_is_no_date_is_refused_and_kept(client, db):
    response = client.post(URL, suggestion(date="last spring"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a date" in page and 'value="last spring"' in page
    assert not Source.objects.exists()
