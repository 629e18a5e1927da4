"""A reader in a real browser: follows a claim to its source, and every page type passes axe-core (WCAG 2 A/AA).

axe-core comes from the axe-playwright-python package (it ships axe.min.js),
installed with the test extras, so nothing is vendored or fetched at run time.
"""

import pytest

from tests.reader_factories import make_commentary, make_source

pytestmark = pytest.mark.browser

COMMENTARY = "/commentary/new-chapter-belarus-russia-relations-after-elections/"
MAIN_PAGES = [
    "/",
    "/commentary/",
    COMMENTARY,
    "/events/",
    "/timeline/",
    "/events/putin-federation-proposal/",
    "/sources/",
    "/sources/twodecades/",
    "/tags/",
    "/tags/integration/",
    "/actors/belarus/",
    "/actors/belarus/russia/",
    "/authors/yauheni-preiherman/",
    "/events/?page=abc",
    "/events/?date_from=nonsense",
    "/no-such-page/",
]


def test_reader_follows_a_footnote_to_its_source_and_sees_cited_by(transactional_db, demo, live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Europe", exact=True).click()
    page.wait_for_url("**/tags/europe/")
    page.get_by_role("link", name="A New Chapter in Belarus-Russia Relations after the Elections?").click()
    page.wait_for_url("**" + COMMENTARY)
    page.locator("sup.fn-ref a").nth(1).click()
    page.wait_for_url("**#fn-2")
    note = page.locator("li#fn-2")
    assert "p. 18" in note.inner_text()
    note.locator("a[href='/sources/twodecades/']").click()
    page.wait_for_url("**/sources/twodecades/")
    cited_by = page.get_by_role("heading", name="Cited by")
    assert cited_by.is_visible()
    assert page.locator("ul.cited-by").get_by_role("link", name="A New Chapter in Belarus-Russia").is_visible()


def test_footnote_preview_shows_on_keyboard_focus_without_javascript(transactional_db, demo, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + COMMENTARY)
        preview = page.locator("#fnref-2-1-preview")
        assert not preview.is_visible()
        page.locator("#fnref-2-1 a").focus()
        assert preview.is_visible()
        assert "Two Decades" in preview.inner_text()
    finally:
        context.close()


def test_pages_work_at_360_px_without_horizontal_scrolling(transactional_db, demo, live_server, page):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/", COMMENTARY, "/timeline/", "/sources/twodecades/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path


def test_every_main_page_type_has_no_wcag_a_or_aa_violations(transactional_db, demo, live_server, page):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python missing")
    axe = axe_module.Axe()
    make_source("propaganda", reliability="deprecated", title="State Talking Points")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    problems = {}
    for path in MAIN_PAGES:
        page.goto(live_server.url + path)
        results = axe.run(page, options=options)
        if results.violations_count:
            problems[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert problems == {}
    # The checker itself works: an unlabelled field on a page without a language is caught.
    page.set_content("<html><body><input type='text'></body></html>")
    assert axe.run(page, options=options).violations_count >= 2


def test_printing_a_commentary_keeps_footnotes_and_writes_out_urls(transactional_db, demo, live_server, page):
    page.goto(live_server.url + COMMENTARY)
    page.emulate_media(media="print")
    assert not page.locator("nav[aria-label='Main']").is_visible()
    assert not page.locator("form[role='search']").first.is_visible()
    assert page.locator("section.footnotes").is_visible()
    assert page.locator("section.bibliography").is_visible()
    assert page.locator(".print-url").inner_text() == live_server.url + COMMENTARY
    note_after = page.evaluate(
        "getComputedStyle(document.querySelector('#fn-2 a[href=\"/sources/twodecades/\"]'), '::after').content"
    )
    assert live_server.url + "/sources/twodecades/" in note_after  # absolute on paper
    assert len(page.pdf()) > 1000
    make_commentary("linked", body="See [the treaty text](https://example.org/treaty) [@twodecades, p. 17].")
    page.goto(live_server.url + "/commentary/linked/")
    after = page.evaluate("getComputedStyle(document.querySelector('.body a[href^=\"http\"]'), '::after').content")
    assert "https://example.org/treaty" in after
