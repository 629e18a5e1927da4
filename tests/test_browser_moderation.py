"""Browser journeys (Debian Chromium through Playwright): a reader, a moderator and an editor at work."""

import re
from urllib.parse import quote

import pytest
from django.core.cache import cache

from archive.models import Citation, Commentary, Source, Tag
from tests.conftest import staff_member as staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_login(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pw-{username}-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def pick(page, container, text):
    """Choose `text` in a Select2 autocomplete inside `container`.

    The list is drawn twice: every option on opening, then the answer to the typed search, which replaces it.
    A click between the two could land on an option being replaced (seen under load in CI), so the option is
    clicked once the search's answer has arrived, and the choice is then looked for in the field itself.
    """
    page.locator(f"{container} .select2-selection").first.click()
    with page.expect_response(lambda r: "/autocomplete/" in r.url and f"term={quote(text)}" in r.url):
        page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-container--open .select2-results__option", has_text=text).first.click()
    page.locator(f"{container} .select2-selection", has_text=text).first.wait_for()


def test_reader_suggests_moderator_approves_public_sees_it(page, browser, live_server):
    cache.clear()
    staff("mod", "Moderators")

    page.goto(f"{live_server.url}/suggest/")
    page.get_by_label("Title").fill("The Union State at Twenty-Five")
    page.get_by_label("Web address (URL)").fill("https://example.org/union-state-25")
    page.get_by_label("What kind of source is it?").select_option("report")
    page.get_by_label("Why it matters").fill("A careful review of what the Union State treaty delivered.")
    page.get_by_label("Your e-mail").fill("reader@example.net")
    page.get_by_role("button", name="Send the suggestion").click()
    page.get_by_role("heading", name="Thank you").wait_for()
    assert "waiting for a moderator" in page.content()

    source = Source.objects.get()
    assert source.status == "pending"
    assert page.goto(f"{live_server.url}{source.get_absolute_url()}").status == 404

    moderator = browser.new_context().new_page()
    admin_login(moderator, live_server, "mod")
    moderator.goto(f"{live_server.url}/admin/archive/pendingsource/")
    row = moderator.locator("tr", has_text="The Union State at Twenty-Five")
    row.locator("input[name=_selected_action]").check()
    moderator.locator("select[name=action]").select_option("approve_sources")
    moderator.get_by_role("button", name="Go").click()
    moderator.get_by_label("Reliability").select_option("mixed")  # the queue asks for the rating
    moderator.get_by_role("button", name="Approve").click()
    moderator.get_by_text("Approved 1 source(s), rated").wait_for()
    moderator.context.close()

    response = page.goto(f"{live_server.url}{source.get_absolute_url()}")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "The Union State at Twenty-Five"
    assert "reader@example.net" not in page.content()


def test_editor_writes_a_commentary_with_a_citation_and_a_tag(page, live_server):
    staff("writer", "Editors")
    Source.objects.create(citation_key="alpha2001", kind="book", title="Alpha and Omega", status="approved")
    Tag.objects.create(name="Energy", slug="energy")

    admin_login(page, live_server, "writer")
    page.goto(f"{live_server.url}/admin/archive/commentary/add/")
    page.get_by_label("Title:").fill("Pipelines and promises")
    page.get_by_label("Standfirst:").fill("What the gas deals meant.")
    page.get_by_label("Body:").fill("The deal was lopsided [@alpha2001, p. 12].")
    page.get_by_label("Publication date:").fill("2024-03-01")
    pick(page, ".field-tags", "Energy")
    pick(page, "#citations-0", "Alpha")
    page.locator("#id_citations-0-locator").fill("ch. 2")
    page.get_by_label("Comment:").fill("First draft")
    page.get_by_role("button", name="Save draft").first.click()
    page.get_by_text("was added successfully").wait_for()
    assert page.locator("#result_list").get_by_text("Pipelines and promises").is_visible()

    commentary = Commentary.objects.get(slug="pipelines-and-promises")
    assert commentary.status == "draft" and [t.name for t in commentary.tags.all()] == ["Energy"]
    assert set(Citation.objects.filter(commentary=commentary).values_list("locator", flat=True)) == {"ch. 2", "p. 12"}
    assert commentary.history.first().history_change_reason == "First draft"
