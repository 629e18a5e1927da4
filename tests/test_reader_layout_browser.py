"""The reader site's layout at 360, 768 and 1280 px, in a real browser, with screenshots.

Screenshots of every main page type at each width go to tests/artifacts/screenshots/
(gitignored; CI keeps the folder as an artifact). The assertions are the layout facts
issue 14 asks for: nothing wider than the viewport, no horizontal scrolling, the search
facets beside the results and in the first screen at 1280 px, folded into "Filters"
above the results on a phone, and a navigation that never leaves one item alone on a line.
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"
WIDTHS = {360: 740, 768: 1024, 1280: 800}
COMMENTARY = "/commentary/new-chapter-belarus-russia-relations-after-elections/"
PAGES = {
    "home": "/",
    "commentary-list": "/commentary/",
    "commentary": COMMENTARY,
    "events": "/events/",
    "timeline": "/timeline/",
    "event": "/events/putin-federation-proposal/",
    "sources": "/sources/",
    "source": "/sources/twodecades/",
    "tags": "/tags/",
    "tag": "/tags/integration/",
    "actor": "/actors/belarus/",
    "actor-pair": "/actors/belarus/russia/",
    "author": "/authors/yauheni-preiherman/",
    "search": "/search/?q=gas",
    "search-empty": "/search/?q=zzqqxx",
    "suggest": "/suggest/",
}

TOO_WIDE = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.width > limit || box.right > limit + 0.5) {
      wide.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
    }
  }
  return wide;
}"""


@pytest.fixture(scope="module", autouse=True)
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)


def test_every_page_type_fits_every_width(transactional_db, demo, live_server, browser):
    for width, height in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        try:
            for name, url in PAGES.items():
                page.goto(live_server.url + url)
                page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                assert scroll <= width, (url, width, scroll)
                assert page.evaluate(TOO_WIDE) == [], (url, width)
        finally:
            context.close()


def test_search_facets_sit_beside_the_results_in_the_first_screen_at_1280(transactional_db, demo, live_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=gas")
        facet = page.locator(".facets .facet").first.bounding_box()
        results = page.locator(".search-results .hits").bounding_box()
        assert facet["y"] < 800 and facet["y"] + 40 < 800  # starts (and shows something) in the first screen
        assert facet["x"] + facet["width"] <= results["x"]  # a column to the left of the results
        assert facet["y"] < results["y"] + results["height"] and results["y"] < facet["y"] + facet["height"]
        assert not page.locator(".facets-panel > summary").is_visible()
        assert page.locator("form[role='search']").count() == 1  # the header box is not repeated
        assert page.locator(".search-sort").count() == 1 and page.locator("select[name='sort']").count() == 0
    finally:
        context.close()


def test_search_facets_fold_into_filters_above_the_results_on_a_phone(transactional_db, demo, live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=gas")
        summary = page.locator(".facets-panel > summary")
        assert summary.is_visible() and summary.inner_text() == "Filters"
        assert not page.locator(".facets .facet").first.is_visible()  # folded
        assert summary.bounding_box()["y"] < page.locator(".search-results .hits").bounding_box()["y"]
        summary.click()
        assert page.locator(".facets .facet").first.is_visible()
    finally:
        context.close()
    no_js = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = no_js.new_page()
    try:
        page.goto(live_server.url + "/search/?q=gas")
        assert page.locator(".facets .facet").first.is_visible()  # plain HTML and CSS: no script involved
    finally:
        no_js.close()


def test_navigation_never_leaves_one_item_alone_on_a_line(transactional_db, demo, live_server, browser):
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        try:
            page.goto(live_server.url + "/events/")
            tops = page.eval_on_selector_all(".site-nav li", "items => items.map(i => Math.round(i.offsetTop))")
            rows = {top: tops.count(top) for top in tops}
            assert min(rows.values()) >= 2, (width, rows)
        finally:
            context.close()


def test_timeline_marks_link_to_their_events(transactional_db, demo, live_server, page):
    page.goto(live_server.url + "/timeline/")
    marks = page.locator("svg a")
    assert marks.count() == page.locator("li.event-item").count()
    first = marks.first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url("**" + href)


def test_no_axe_violations_at_all_including_best_practices(transactional_db, demo, live_server, browser):
    """Every axe rule, best practices included (e.g. landmark-unique, once reported on /events/), at two widths."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python missing")
    axe = axe_module.Axe()
    problems = {}
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        try:
            for url in PAGES.values():
                page.goto(live_server.url + url)
                results = axe.run(page)
                if results.violations_count:
                    problems[(url, width)] = [
                        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
                    ]
        finally:
            context.close()
    assert problems == {}
