"""The public reader site: every page type, visibility, fixed query counts and bad parameters."""

import re

import pytest
from django.test import Client, RequestFactory
from lxml import html as lxml_html

from archive.models import Actor, Person, Source, SourceCreator, Tag
from archive.views import site
from tests.reader_factories import (
    add_many,
    demo_for_module,  # noqa: F401  (a fixture, used by name)
    make_commentary,
    make_event,
    make_source,
)


@pytest.fixture
def demo(demo_for_module, db):  # noqa: F811
    """Overrides the per-test demo: loaded once for this module."""


COMMENTARY = "/commentary/new-chapter-belarus-russia-relations-after-elections/"

# URL → exact number of SQL queries, with the demo archive plus a dozen extra items of every kind.
PAGES = {
    "/": 8,
    "/commentary/": 7,
    COMMENTARY: 10,
    "/events/": 6,
    "/timeline/": 6,
    "/events/union-state-1999/": 6,
    "/sources/": 4,
    "/sources/twodecades/": 6,
    "/tags/": 3,
    "/tags/energy/": 6,
    "/actors/belarus/": 9,
    "/actors/belarus/russia/": 7,
    "/authors/test-author/": 7,
}


def text_of(response) -> str:
    return " ".join(lxml_html.fromstring(response.content).text_content().split())


def test_every_page_type_renders_on_the_demo_archive(demo, client):
    for url in PAGES:
        url = url.replace("test-author", "yauheni-preiherman")
        response = client.get(url)
        assert response.status_code == 200, url
        tree = lxml_html.fromstring(response.content)
        assert len(tree.xpath("//h1")) == 1, url
        assert tree.xpath("//main[@id='main']") and tree.xpath("//a[@class='skip-link']"), url


def test_query_count_does_not_grow_with_the_number_of_items(demo, client, django_assert_num_queries):
    """Each page costs the same number of queries with 3 or 11 extra items of every kind."""
    add_many(3)
    for url, queries in PAGES.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
    add_many(8, prefix="more")
    for url, queries in PAGES.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


@pytest.fixture
def hidden(demo):
    """Items the public must never see: a draft, a scheduled item, a pending and a rejected source."""
    from django.utils import timezone

    make_source("pendingbook", status="pending", title="Secret Pending Book")
    make_source("rejectedbook", status="rejected", title="Rejected Pamphlet")
    return {
        "draft": make_event("draft-event", status="draft", title="Draft Coup", tags=["energy"], actors=["belarus"]),
        "scheduled": make_event(
            "future-event",
            title="Scheduled Summit",
            tags=["energy"],
            actors=["belarus", "russia"],
            publish_at=timezone.now() + timezone.timedelta(days=3),
        ),
        "draft_commentary": make_commentary(
            "draft-commentary", status="review", title="Unfinished Essay", tags=["energy"], actors=["belarus"]
        ),
        "citing_draft": make_event(
            "draft-citing-twodecades", status="draft", title="Draft Citer", body="x [@twodecades, p. 99]"
        ),
        # The draft commentary's author also wrote this public one, so their page is public.
        "public_commentary": make_commentary("by-the-same-author", title="Published Essay"),
    }


def test_names_only_hidden_items_use_have_no_public_page(hidden, client, editor):
    """A tag, actor or author known only from a draft or a pending source is not revealed by a page or a filter."""
    secret_tag = Tag.objects.create(name="Secret Tag", slug="secret-tag")
    secret_actor = Actor.objects.create(name="Secretland", slug="secretland", kind="country")
    hidden["draft"].tags.add(secret_tag)
    hidden["draft"].actors.add(secret_actor)
    ghost = Person.objects.create(slug="ghost-writer", family_name="Ghost", given_name="Gail")
    hidden["draft_commentary"].authorships.create(person=ghost)
    SourceCreator.objects.create(
        source=Source.objects.get(citation_key="pendingbook"), person=ghost, family_name="Ghost"
    )
    pages = ["/tags/secret-tag/", "/actors/secretland/", "/actors/belarus/secretland/", "/authors/ghost-writer/"]
    for url in pages:
        assert client.get(url).status_code == 404, url
    for url in ("/events/?tag=secret-tag", "/events/?actor=secretland"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Select a valid choice" in response.content.decode()
    assert client.get("/commentary/?author=ghost-writer").status_code == 400
    sitemaps = ("/sitemap.xml", "/sitemap-tags.xml", "/sitemap-actors.xml", "/sitemap-authors.xml")
    for url in ("/events/", "/commentary/", *sitemaps, "/tags/"):
        body = client.get(url).content.decode()
        for secret in ("secret-tag", "Secret Tag", "secretland", "Secretland", "ghost-writer", "Ghost"):
            assert secret not in body, (url, secret)
    client.force_login(editor)  # staff preview what the drafts will show
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert 'value="secret-tag"' in client.get("/events/").content.decode()


def test_an_author_of_approved_sources_has_a_page_listing_them(demo, client):
    person = Person.objects.create(slug="ann-writer", family_name="Writer", given_name="Ann")
    SourceCreator.objects.create(
        source=make_source("annsbook", title="Ann's Approved Book"), person=person, family_name="Writer"
    )
    SourceCreator.objects.create(
        source=make_source("annsdraft", status="pending", title="Ann's Pending"), person=person, family_name="Writer"
    )
    page = client.get("/authors/ann-writer/").content.decode()
    assert "Ann&#x27;s Approved Book" in page and "Pending" not in page
    assert 'href="/sources/annsbook/"' in page


PUBLIC_SURFACES = [
    "/",
    "/commentary/",
    "/events/",
    "/timeline/",
    "/sources/",
    "/tags/",
    "/tags/energy/",
    "/actors/belarus/",
    "/actors/belarus/russia/",
    "/authors/test-author/",
    "/sources/twodecades/",
    "/sitemap.xml",
    "/commentary/feed/rss/",
    "/events/feed/atom/",
    "/tags/energy/feed/rss/",
    "/events/export.csv",
    "/events/export.jsonl",
    "/events/timelinejs.json",
]


def test_drafts_scheduled_items_and_unvetted_sources_never_appear(hidden, client):
    for url in PUBLIC_SURFACES:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in (
            "Draft Coup",
            "Scheduled Summit",
            "Unfinished Essay",
            "Secret Pending Book",
            "Rejected Pamphlet",
        ):
            assert secret not in body, (url, secret)
        for slug in ("draft-event", "future-event", "draft-commentary", "pendingbook", "rejectedbook", "p. 99"):
            assert slug not in body, (url, slug)


def test_hidden_items_are_404_for_the_public_and_previewable_by_staff(hidden, editor):
    client, editor_client = Client(), Client()
    editor_client.force_login(editor)
    for url, state in (
        ("/events/draft-event/", "Draft —"),
        ("/events/future-event/", "Scheduled for "),
        ("/commentary/draft-commentary/", "In review —"),  # its real state, not "Draft preview"
        ("/sources/pendingbook/", "Pending review —"),
    ):
        assert client.get(url).status_code == 404
        response = editor_client.get(url)
        assert response.status_code == 200
        banner = lxml_html.fromstring(response.content).xpath("//p[@class='draft-banner']")[0].text_content()
        assert banner.startswith(state) and "not visible to the public" in banner, (url, banner)
    staff_list = text_of(editor_client.get("/events/?tag=energy"))
    assert "Draft Coup March 2005 Summit or visit Draft — not public" in staff_list
    assert "Scheduled Summit March 2005 Summit or visit Scheduled for " in staff_list
    for url in ("/sources/pendingbook/", "/sources/rejectedbook/", "/sources/pendingbook/cite.bib"):
        assert client.get(url).status_code == 404


def test_tag_counts_only_count_public_items(hidden, client):
    tree = lxml_html.fromstring(client.get("/tags/").content)
    row = tree.xpath("//tr[th/a[@href='/tags/energy/']]/td/text()")
    assert row == ["0", "3", "3"]  # the demo's three energy events; the draft, scheduled and review items don't count


def test_home_shows_latest_commentary_recent_events_tags_and_a_search_box(demo, client):
    response = client.get("/")
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath(f"//section//a[@href='{COMMENTARY}']")
    assert tree.xpath("//a[@href='/events/presidential-election-2020/']")
    assert tree.xpath("//a[@href='/tags/integration/']")
    form = tree.xpath("//main//form[@role='search']")[0]
    assert form.get("action") == "/search/" and form.get("method") == "get"
    field = form.xpath(".//input[@name='q']")[0]
    assert tree.xpath(f"//label[@for='{field.get('id')}']")


def test_on_this_day_lists_day_precise_events_of_today(demo, client):
    from django.utils import timezone

    today = timezone.localdate()
    make_event("anniversary", title="Anniversary Summit", edtf=f"2003-{today.month:02d}-{today.day:02d}")
    make_event("same-month", title="Month-only Summit", edtf=f"2003-{today.month:02d}")
    tree = lxml_html.fromstring(client.get("/").content)
    section = tree.xpath("//section[h2[@id='on-this-day']]")[0].text_content()
    assert "Anniversary Summit" in section and "Month-only Summit" not in section


def test_commentary_page_has_footnotes_backlinks_bibliography_and_related_events(demo, client):
    response = client.get(COMMENTARY)
    tree = lxml_html.fromstring(response.content)
    notes = tree.xpath("//section[@class='footnotes']/ol/li")
    assert [n.get("id") for n in notes] == ["fn-1", "fn-2", "fn-3"]
    # preiherman2020 is cited three times without locator: one note, backlinks a b c
    assert [a.text for a in notes[0].xpath(".//a[@class='backlink']")] == ["a", "b", "c"]
    assert "p. 18" in notes[1].text_content()
    assert notes[1].xpath(".//a[@href='/sources/twodecades/']")
    refs = tree.xpath("//sup[@class='fn-ref']/a")
    assert [a.text for a in refs] == ["[1]", "[2]", "[3]", "[1]", "[1]"]
    preview = tree.xpath("//sup[@id='fnref-2-1']/span[@role='tooltip']")[0].text_content()
    assert "Two Decades" in preview and "p. 18" in preview
    # The three works are all in the notes: the bibliography would only repeat them (walkthrough), so it is
    # not listed again; the downloads stay.
    assert not tree.xpath("//section[@class='bibliography']//li")
    assert "The notes above cite 3 works" in tree.xpath("//section[@class='bibliography']")[0].text_content()
    assert tree.xpath("//section[h2[@id='related-heading']]//a[@href='/events/union-state-1999/']")
    original = tree.xpath("//aside[@class='original']")[0].text_content()
    assert "ISPI Commentary" in original
    byline = tree.xpath("//p[@class='byline']")[0].text_content()
    assert "Yauheni Preiherman" in byline and "Minsk Dialogue Council" in byline
    assert "Cite this page" in text_of(response)


def test_commentary_previous_and_next(demo, client):
    make_commentary("older-one", title="Older One", published_on="2019-05-01")
    make_commentary("newer-one", title="Newer One", published_on="2021-05-01")
    make_commentary("draft-newest", status="draft", title="Hidden Newest", published_on="2020-09-01")
    tree = lxml_html.fromstring(client.get(COMMENTARY).content)
    assert tree.xpath("//nav[@class='prev-next']//a[@rel='prev']/@href") == ["/commentary/older-one/"]
    assert tree.xpath("//nav[@class='prev-next']//a[@rel='next']/@href") == ["/commentary/newer-one/"]


def test_footnote_to_unvetted_source_shows_only_that_it_is_under_review(demo, client, editor):
    make_source("pendingbook", status="pending", title="Secret Pending Book")
    make_source("rejectedbook", status="rejected", title="Rejected Pamphlet")
    make_commentary("with-hidden", body="One [@pendingbook, p. 3]. Two [@rejectedbook]. Three [@twodecades, p. 17].")
    response = client.get("/commentary/with-hidden/")
    body = response.content.decode()
    tree = lxml_html.fromstring(response.content)
    notes = tree.xpath("//section[@class='footnotes']/ol/li")
    assert [" ".join(n.text_content().split()) for n in notes[:2]] == ["^ Source under review", "^ Source under review"]
    assert not notes[0].xpath(".//a[not(@class='backlink')]")
    for secret in ("Secret Pending Book", "Rejected Pamphlet", "pendingbook", "rejectedbook", "Writerpendingbook"):
        assert secret not in body
    assert "Two Decades" in notes[2].text_content()
    assert "cite 1 work;" in tree.xpath("//section[@class='bibliography']")[0].text_content()  # the visible one
    staff = Client()
    staff.force_login(editor)
    staff_text = text_of(staff.get("/commentary/with-hidden/"))
    assert (
        "Secret Pending Book" in staff_text and "Pending review — the public sees “Source under review”" in staff_text
    )
    from archive.models import Source

    make_commentary("archived-pending", original_publication=Source.objects.get(citation_key="pendingbook"))
    assert "Original publication" not in text_of(client.get("/commentary/archived-pending/"))
    bib = client.get("/commentary/with-hidden/bibliography.bib").content.decode()
    assert "pendingbook" not in bib and "twodecades" in bib


def test_footnote_to_source_rated_unreliable_shows_the_rating(demo, client):
    make_source("propaganda", reliability="deprecated", title="State Talking Points")
    make_source("tabloid", reliability="unreliable", title="Tabloid Story")
    make_event("rated", body="A [@propaganda]. B [@tabloid]. C [@twodecades].")
    tree = lxml_html.fromstring(client.get("/events/rated/").content)
    notes = [" ".join(n.text_content().split()) for n in tree.xpath("//section[@class='footnotes']/ol/li")]
    assert "Rated: Deprecated" in notes[0]
    assert "Rated: Generally unreliable" in notes[1]
    assert "Rated" not in notes[2]


def test_source_page_shows_reliability_note_and_cited_by_with_locators(hidden, client):
    response = client.get("/sources/twodecades/")
    tree = lxml_html.fromstring(response.content)
    assert "Generally reliable" in tree.xpath("//section[h2[@id='rating-heading']]")[0].text_content()
    assert "Scholarly study" in text_of(response)
    cited = [" ".join(li.text_content().split()) for li in tree.xpath("//ul[contains(@class,'cited-by')]/li")]
    assert cited[0].startswith("Commentary: A New Chapter") and cited[0].endswith("at p. 18")
    assert any(c == "Event: Putin proposes federation or an EU-style union; Minsk refuses, at pp. 20–21" for c in cited)
    assert not any("Draft Citer" in c for c in cited)
    for fmt in ("bib", "ris", "json"):
        assert tree.xpath(f"//a[@href='/sources/twodecades/cite.{fmt}']")


def test_source_list_filters_by_kind_reliability_and_year(demo, client):
    make_source("decadebook", date_edtf="199X", title="A Decade Book")
    tree = lxml_html.fromstring(client.get("/sources/?kind=book").content)
    hrefs = tree.xpath("//ul[contains(@class,'sources')]//a/@href")
    assert "/sources/twodecades/" in hrefs and "/sources/oliphant2009/" not in hrefs
    hrefs = lxml_html.fromstring(client.get("/sources/?year=1995").content).xpath(
        "//ul[contains(@class,'sources')]//a/@href"
    )
    assert "/sources/decadebook/" in hrefs and "/sources/itartass1995/" in hrefs and "/sources/svr1994/" not in hrefs
    hrefs = lxml_html.fromstring(client.get("/sources/?reliability=mixed").content).xpath(
        "//ul[contains(@class,'sources')]//a/@href"
    )
    assert set(hrefs) == {"/sources/wikipedia-belarus-russia/", "/sources/svr1994/", "/sources/itartass1995/"}


def test_event_list_filters_by_actor_pair_type_tag_and_date_range(demo, client):
    make_event("ukraine-only", title="Ukraine Gas Talks", actors=["russia", "ukraine"], tags=["energy"], edtf="2006")

    def slugs(query):
        tree = lxml_html.fromstring(client.get("/events/?" + query).content)
        return {h.split("/")[2] for h in tree.xpath("//li[@class='event-item']/a/@href")}

    assert slugs("actor=russia&with_actor=ukraine") == {"cis-founded-1991", "ukraine-only"}
    assert slugs("actor=russia&with=ukraine") == {"cis-founded-1991", "ukraine-only"}  # short spelling
    assert slugs("tag=energy") == {
        "gas-dispute-2004",
        "gas-contract-2004",
        "gas-debt-and-csto-boycott-2009",
        "ukraine-only",
    }
    assert slugs("event_type=trade-ban") == {"milk-war-2009"}
    assert slugs("date_from=2009&date_to=2009") == {"loan-row-2009", "milk-war-2009", "gas-debt-and-csto-boycott-2009"}
    # overlap: the early-1990s drift (1992~/1993~) is still going on in 1993
    assert "belarus-drifts-from-russia-early-1990s" in slugs("date_from=1993-06&date_to=1994")
    assert slugs("date_from=2010&date_to=2000") == set()


BAD_PARAMETERS = [
    ("/events/?page=abc", 400, "“abc” is not a page number."),
    ("/events/?page=99999", 404, "There is no page 99999: this list has 1 page."),
    ("/events/?page=0", 404, "There is no page 0"),
    ("/commentary/?page=-1", 404, "There is no page -1"),
    ("/sources/?page=1.5", 400, "is not a page number"),
    ("/events/?tag=no-such-tag", 400, "Select a valid choice"),
    ("/events/?date_from=yesterday", 400, "“yesterday” is not a date"),
    ("/events/?event_type=war", 400, "Select a valid choice"),
    ("/timeline/?date_to=2009-13", 400, "is not a date"),
    ("/commentary/?year=abc", 400, "Enter a whole number"),
    ("/commentary/?author=nobody", 400, "Select a valid choice"),
    ("/sources/?reliability=great", 400, "Select a valid choice"),
    ("/events/export.csv?tag=nope", 400, "Select a valid choice"),
]


def test_bad_parameters_get_a_clear_page_never_a_500(demo, client):
    for url, status, message in BAD_PARAMETERS:
        response = client.get(url)
        assert response.status_code == status, url
        assert message in text_of(response), url
        tree = lxml_html.fromstring(response.content)
        assert tree.xpath("//*[@role='alert']"), url
        assert not tree.xpath("//li[@class='event-item']"), url


def test_pagination_keeps_filters(demo, client):
    add_many(25)
    tree = lxml_html.fromstring(client.get("/events/?tag=energy").content)
    next_link = tree.xpath("//nav[@class='pagination']//a[@rel='next']/@href")[0]
    assert "tag=energy" in next_link and "page=2" in next_link
    assert client.get("/events/" + next_link).status_code == 200


def test_invalid_filter_keeps_what_was_typed(demo, client):
    tree = lxml_html.fromstring(client.get("/events/?date_from=19x5&tag=energy").content)
    assert tree.xpath("//input[@name='date_from']/@value") == ["19x5"]
    field = tree.xpath("//input[@name='date_from']")[0]
    assert field.get("aria-invalid") == "true"
    assert "is not a date" in tree.xpath(f"//*[@id='{field.get('aria-describedby')}']")[0].text_content()
    assert tree.xpath("//select[@name='tag']/option[@selected]/@value") == ["energy"]


def test_timeline_groups_by_decade_and_year_with_honest_precision(demo, client):
    tree = lxml_html.fromstring(client.get("/timeline/").content)
    decades = tree.xpath("//section[@class='decade']/h2/text()")
    assert decades == ["The 1990s", "The 2000s", "The 2010s", "The 2020s"]
    nineties = tree.xpath("//section[@class='decade'][1]")[0]
    headings = [" ".join(h.text_content().split()) for h in nineties.xpath("h3")]
    assert headings[0] == "Within the decade (no single year)"
    assert headings[1:] == ["1991", "1992", "1995", "1996", "1997", "1998", "1999"]
    spanning = nineties.xpath("h3[1]/following-sibling::ul[1]")[0].text_content()
    assert "early 1990s" in spanning
    # Under its year heading a date does not repeat the year ("July", not "July 2009"); a year-only date keeps it.
    dates_2009 = tree.xpath("//h3[normalize-space()='2009']/following-sibling::ul[1]//span[@class='badge badge-date']")
    assert "July" in [d.text for d in dates_2009]
    assert not any("2009" in d.text and d.text != "2009" for d in dates_2009)
    assert tree.xpath("//section[@class='decade']/h2")[0].get("class") is None  # decades and years look different
    assert tree.xpath("//h3[@class='year-heading']")
    assert "2000–2003" in text_of(client.get("/timeline/")) or "2000" in decades[1]


def test_timeline_applies_filters(demo, client):
    tree = lxml_html.fromstring(client.get("/timeline/?tag=energy").content)
    assert tree.xpath("//section[@class='decade']/h2/text()") == ["The 2000s"]


def test_tag_page_lists_everything_tagged_by_type_and_redirects_old_slugs(demo, client):
    tree = lxml_html.fromstring(client.get("/tags/europe/").content)
    assert tree.xpath(f"//section[h2[@id='tag-commentary']]//a[@href='{COMMENTARY}']")
    assert tree.xpath("//section[h2[@id='tag-events']]//a[@href='/events/joint-statement-on-sanctions-2012/']")
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_actor_page_has_aliases_events_commentary_and_pair_links(demo, client):
    response = client.get("/actors/alexander-lukashenko/")
    tree = lxml_html.fromstring(response.content)
    assert "Лукашенко" in text_of(response)
    assert tree.xpath("//span[@lang='ru' and text()='Лукашенко']")
    assert tree.xpath("//a[@href='/events/loan-row-2009/']")
    assert tree.xpath(f"//a[@href='{COMMENTARY}']")
    assert tree.xpath("//a[@href='/actors/alexander-lukashenko/belarus/']")


def test_actor_pair_page_lists_only_events_with_both(demo, client):
    response = client.get("/actors/belarus/ukraine/")
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath("//h1/text()") == ["Belarus–Ukraine relations"]
    assert tree.xpath("//li[@class='event-item']/a/@href") == ["/events/cis-founded-1991/"]
    assert client.get("/actors/belarus/nowhere/").status_code == 404
    reverse_order = lxml_html.fromstring(client.get("/actors/ukraine/belarus/").content)
    assert reverse_order.xpath("//link[@rel='canonical']/@href") == ["http://testserver/actors/belarus/ukraine/"]
    assert client.get("/actors/belarus/belarus/")["Location"] == "/actors/belarus/"


def test_author_page_lists_their_public_commentary(demo, client):
    make_commentary("authored", title="Published Piece")
    make_commentary("authored-draft", status="draft", title="Draft Piece")
    text = text_of(client.get("/authors/test-author/"))
    assert "Published Piece" in text and "Draft Piece" not in text
    assert client.get("/authors/nobody/").status_code == 404


def test_friendly_404_and_500_pages(db, client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    text = text_of(response)
    assert "Page not found" in text and "/no/such/page/" in text
    assert lxml_html.fromstring(response.content).xpath("//form[@action='/search/']//input[@name='q']")
    error = site.server_error(RequestFactory().get("/"))
    assert error.status_code == 500
    assert "Something went wrong" in error.content.decode()


def test_an_unexpected_error_is_answered_by_the_friendly_500_page(db, client):
    from unittest import mock

    client.raise_request_exception = False
    with mock.patch("archive.views.home.public.tags_with_counts", side_effect=RuntimeError("boom")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode() and "boom" not in response.content.decode()


def test_robots_txt_points_to_the_sitemap(db, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert any(re.fullmatch(r"Sitemap: http://testserver/sitemap\.xml", line) for line in lines)


def sitemap_locations(client) -> set[str]:
    """Every <loc> of every section the sitemap index (/sitemap.xml) lists."""
    index = lxml_html.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text.removeprefix("http://testserver") for loc in index.iter("loc")]
    assert sections and all(re.fullmatch(r"/sitemap-[a-z]+\.xml(\?p=\d+)?", s) for s in sections), sections
    return {loc.text for section in sections for loc in lxml_html.fromstring(client.get(section).content).iter("loc")}


def test_sitemap_lists_public_pages_only(hidden, client):
    locations = sitemap_locations(client)
    assert f"http://testserver{COMMENTARY}" in locations
    assert "http://testserver/events/milk-war-2009/" in locations
    assert "http://testserver/sources/twodecades/" in locations
    assert "http://testserver/tags/energy/" in locations
    assert "http://testserver/actors/belarus/" in locations
    assert "http://testserver/authors/yauheni-preiherman/" in locations
    assert not [loc for loc in locations if re.search("draft|future|pendingbook|rejectedbook", loc)]


def test_sitemap_sections_are_paged(demo, client, monkeypatch):
    """A section longer than a page is listed in the index once per page (?p=2 …), each page at most that long."""
    from archive.sitemaps import EventSitemap

    monkeypatch.setattr(EventSitemap, "limit", 5)
    events = lxml_html.fromstring(client.get("/sitemap.xml").content).xpath("//loc[contains(., 'sitemap-events')]")
    pages = [loc.text.removeprefix("http://testserver") for loc in events]
    assert len(pages) > 1 and pages[1] == "/sitemap-events.xml?p=2"
    listed = [list(lxml_html.fromstring(client.get(page).content).iter("loc")) for page in pages]
    assert all(len(page) <= 5 for page in listed) and sum(map(len, listed)) > 5


def test_commentary_list_filters_by_tag_actor_author_and_year(demo, client):
    make_commentary("energy-2021", title="Energy Essay", tags=["energy"], actors=["gazprom"], published_on="2021-03-01")
    make_commentary("draft-2021", status="draft", title="Draft Essay", tags=["energy"], published_on="2021-04-01")

    def titles(query):
        tree = lxml_html.fromstring(client.get("/commentary/?" + query).content)
        return [a.text for a in tree.xpath("//li[@class='commentary-item']/a")]

    everything = titles("")
    assert everything == ["Energy Essay", "A New Chapter in Belarus-Russia Relations after the Elections?"]
    assert titles("tag=energy") == ["Energy Essay"]
    assert titles("actor=gazprom") == ["Energy Essay"]
    assert titles("author=yauheni-preiherman") == [everything[1]]
    assert titles("year=2020") == [everything[1]]
    assert titles("year=1990") == []
    assert "No commentary matches these filters." in text_of(client.get("/commentary/?year=1990"))


def test_event_list_shows_honest_dates_and_links_to_exports_with_filters(demo, client):
    response = client.get("/events/?tag=trade")
    text = text_of(response)
    assert "July 2009" in text and "November 1992" in text
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath("//a[@href='/events/export.csv?tag=trade']")
    assert tree.xpath("//a[@href='/events/timelinejs.json?tag=trade']")


def test_long_tag_author_and_actor_lists_show_the_latest_and_link_to_the_full_list(demo, client):
    Tag.objects.create(name="Crowded", slug="crowded")
    Actor.objects.create(name="Busyland", slug="busyland", kind="country")
    for i in range(21):
        make_event(f"crowded-event-{i}", edtf=f"{1990 + i}-05", tags=["crowded"], actors=["belarus", "busyland"])
        make_commentary(f"crowded-commentary-{i}", tags=["crowded"], actors=["busyland"])
    tree = lxml_html.fromstring(client.get("/tags/crowded/").content)
    assert len(tree.xpath("//section[@aria-labelledby='tag-events']//li[@class='event-item']")) == 20
    first = tree.xpath("//section[@aria-labelledby='tag-events']//li[@class='event-item'][1]/a")[0]
    assert first.get("href") == "/events/crowded-event-20/"
    assert len(tree.xpath("//section[@aria-labelledby='tag-commentary']//li[@class='commentary-item']")) == 20
    assert tree.xpath("//a[@href='/events/?tag=crowded']") and tree.xpath("//a[@href='/commentary/?tag=crowded']")
    actor = lxml_html.fromstring(client.get("/actors/busyland/").content)
    assert len(actor.xpath("//section[@aria-labelledby='actor-commentary']//li[@class='commentary-item']")) == 20
    assert actor.xpath("//a[@href='/commentary/?actor=busyland']")
    author = lxml_html.fromstring(client.get("/authors/test-author/").content)
    assert author.xpath("//a[@href='/commentary/?author=test-author']")
    energy = lxml_html.fromstring(client.get("/tags/energy/").content)  # a short list: everything, no link
    assert not energy.xpath("//a[@href='/events/?tag=energy']")


def test_a_hidden_tag_has_no_feed_and_its_old_slug_does_not_redirect(hidden, client):
    secret = Tag.objects.create(name="Covert deal", slug="covert-deal", description="Signed on 3 May.")
    hidden["draft"].tags.add(secret)
    for url in ("/tags/covert-deal/feed/rss/", "/tags/covert-deal/feed/atom/"):
        assert client.get(url).status_code == 404, url
    assert client.get("/tags/energy/feed/rss/").status_code == 200  # a public tag keeps its feed
    secret.name, secret.slug = "Planned cutoff", "planned-cutoff"
    secret.save()  # renamed: the old slug now redirects, but only to a tag the public may see
    response = client.get("/tags/covert-deal/")
    assert response.status_code == 404 and "planned-cutoff" not in response.content.decode()
    energy = Tag.objects.get(slug="energy")
    energy.slug = "energy-policy"
    energy.save()
    assert client.get("/tags/energy/")["Location"] == "/tags/energy-policy/"


def test_pages_name_their_icon_so_browsers_do_not_request_a_missing_favicon(demo, client):
    from django.contrib.staticfiles import finders

    [href] = lxml_html.fromstring(client.get("/").content).xpath("//link[@rel='icon']/@href")
    assert href.startswith("/static/") and finders.find(href.removeprefix("/static/"))


def test_footnote_locator_follows_the_reference_without_a_stray_period(demo, client):
    """Walkthrough: "Russia Profile VI (2)., p. 5" — the reference's period gives way to the locator."""
    make_commentary("cites-oliphant", body="A claim [@oliphant2009, p. 5].")
    tree = lxml_html.fromstring(client.get("/commentary/cites-oliphant/").content)
    note = " ".join(tree.xpath("//li[@id='fn-1']")[0].text_content().split())
    assert "., p." not in note and "(2), p. 5." in note, note
    preview = tree.xpath("//*[contains(@class, 'fn-preview')]")[0].text_content()
    assert "., p." not in preview and "(2), p. 5" in preview, preview


def test_bibliography_is_listed_only_when_it_adds_to_the_notes(demo, client):
    """A long list of works (six or more) is listed as a bibliography; two or three are only in the notes."""
    keys = [f"longbib{i}" for i in range(6)]
    for key in keys:
        make_source(key, title=f"Work {key}")
    make_commentary("many-works", body=" ".join(f"Claim [@{key}]." for key in keys))
    tree = lxml_html.fromstring(client.get("/commentary/many-works/").content)
    assert len(tree.xpath("//section[@class='bibliography']/ul/li")) == 6
    assert tree.xpath("//h2[@id='bibliography-heading']/text()") == ["Bibliography"]
    make_commentary("two-works", body="Claim [@longbib0]. Claim [@longbib1].")
    tree = lxml_html.fromstring(client.get("/commentary/two-works/").content)
    assert not tree.xpath("//section[@class='bibliography']/ul/li")


def test_bibliography_is_listed_when_it_names_a_work_the_notes_do_not_cite(demo, client):
    """Two works cited in the text and one listed by hand (a citation row the body never footnotes): the
    short list adds a work, so it is shown as a bibliography with all three; without the uncited work it is not."""
    from archive.models import Citation, Commentary

    for key in ("uncited0", "uncited1", "uncited2"):
        make_source(key, title=f"Work {key}")
    make_commentary("with-uncited", body="Claim [@uncited0]. Claim [@uncited1, p. 4].")
    tree = lxml_html.fromstring(client.get("/commentary/with-uncited/").content)
    assert not tree.xpath("//section[@class='bibliography']/ul/li")  # the notes already say it all
    commentary = Commentary.objects.get(slug="with-uncited")
    Citation.objects.create(commentary=commentary, source=Source.objects.get(citation_key="uncited2"), order=9)
    tree = lxml_html.fromstring(client.get("/commentary/with-uncited/").content)
    assert tree.xpath("//h2[@id='bibliography-heading']/text()") == ["Bibliography"]
    listed = [" ".join(li.text_content().split()) for li in tree.xpath("//section[@class='bibliography']/ul/li")]
    assert len(listed) == 3 and any("Work uncited2" in entry for entry in listed), listed
    assert len(tree.xpath("//section[@class='footnotes']/ol/li")) == 2  # the hand-listed work has no note


def test_timeline_pages_a_long_list_and_actor_pages_link_to_it(demo, client, monkeypatch):
    """Beyond timeline.PAGE_SIZE events the timeline is paged in date order and an actor's (or a pair's) page
    shows its latest events with a link to the full timeline; below it, one page and no link."""
    from archive import timeline

    tree = lxml_html.fromstring(client.get("/actors/belarus/").content)
    assert not tree.xpath("//a[@href='/timeline/?actor=belarus']")
    total = len(lxml_html.fromstring(client.get("/timeline/").content).xpath("//li[@class='event-item']"))
    monkeypatch.setattr(timeline, "PAGE_SIZE", 5)
    first = lxml_html.fromstring(client.get("/timeline/").content)
    assert len(first.xpath("//li[@class='event-item']")) == 5
    assert "Page 1 of" in first.xpath("string(//nav[@class='pagination'])")
    last_page = int(first.xpath("string(//nav[@class='pagination']/p)").split()[-1])
    last = lxml_html.fromstring(client.get(f"/timeline/?page={last_page}").content)
    assert 5 * (last_page - 1) + len(last.xpath("//li[@class='event-item']")) == total
    actor = lxml_html.fromstring(client.get("/actors/belarus/").content)
    assert actor.xpath("//a[@href='/timeline/?actor=belarus']")
    assert len(actor.xpath("//section[@aria-labelledby='actor-events']//li[@class='event-item']")) == 5
    pair = lxml_html.fromstring(client.get("/actors/belarus/russia/").content)
    assert pair.xpath("//a[@href='/timeline/?actor=belarus&with=russia']")
    everything = lxml_html.fromstring(client.get("/events/?actor=belarus&with=russia").content)
    count = int(everything.xpath("string(//h2[@id='results-heading'])").split()[0])
    table = pair.xpath("//details[@class='chart-alt']//tbody/tr")
    assert sum(int(cell) for row in table for cell in row.xpath("td/text()")) == count  # the chart counts them all


def test_actor_relations_are_between_countries_and_organizations_unless_asked(demo, client):
    """Walkthrough: Belarus's page listed "Belarus – Alexander Lukashenko" as one of its relations."""
    tree = lxml_html.fromstring(client.get("/actors/belarus/").content)
    pairs = tree.xpath("//section[@aria-labelledby='relations-heading']//li/a/@href")
    assert "/actors/belarus/russia/" in pairs
    assert "/actors/belarus/alexander-lukashenko/" not in pairs
    everyone = lxml_html.fromstring(client.get("/actors/belarus/?relations=all").content)
    assert "/actors/belarus/alexander-lukashenko/" in everyone.xpath(
        "//section[@aria-labelledby='relations-heading']//li/a/@href"
    )


def test_source_page_names_the_language(demo, client):
    """Walkthrough: the page said "en"; readers get "English" (and "Russian" for ru)."""
    tree = lxml_html.fromstring(client.get("/sources/svr1994/").content)
    assert tree.xpath("//dl[@class='details']/dt[.='Language']/following-sibling::dd[1]/text()") == ["Russian"]
