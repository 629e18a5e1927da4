"""Machine-readable metadata read back the way clients read it: extruct, lxml and feedparser."""

import extruct
import feedparser
import pytest
from lxml import html

from tests.reader_factories import (
    demo_for_module,  # noqa: F401  (a fixture, used by name)
    make_commentary,
    make_event,
)


@pytest.fixture
def demo(demo_for_module, db):  # noqa: F811
    """Overrides the per-test demo: loaded once for this module."""


COMMENTARY = "/commentary/new-chapter-belarus-russia-relations-after-elections/"
BASE = "http://testserver"


def extract(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    data = extruct.extract(text, base_url=BASE + url, syntaxes=["json-ld", "opengraph"], uniform=True)
    tree = html.fromstring(response.content)
    return data, tree


def meta(tree, name):
    return tree.xpath(f"/html/head/meta[@name='{name}']/@content")


def test_commentary_is_captured_as_a_report_with_authors_date_and_publisher(demo, client):
    data, tree = extract(client, COMMENTARY)
    assert meta(tree, "citation_title") == ["A New Chapter in Belarus-Russia Relations after the Elections?"]
    assert meta(tree, "citation_author") == ["Preiherman, Yauheni"]
    assert meta(tree, "citation_author_institution") == ["Minsk Dialogue Council on International Relations"]
    assert meta(tree, "citation_publication_date") == ["2020/08/05"]
    assert meta(tree, "citation_technical_report_institution") == ["Relations Archive"]
    assert len(meta(tree, "citation_reference")) == 3
    assert meta(tree, "DC.type") == ["Report"]
    assert meta(tree, "DC.creator") == ["Yauheni Preiherman"]
    assert meta(tree, "DC.date") == ["2020-08-05"]
    assert tree.xpath("/html/head/link[@rel='canonical']/@href") == [BASE + COMMENTARY]

    [og] = data["opengraph"]
    assert og["@type"] == "article"
    assert og["og:url"] == BASE + COMMENTARY
    assert og["og:title"].startswith("A New Chapter")

    [ld] = data["json-ld"]
    assert ld["@type"] == "AnalysisNewsArticle"
    assert ld["datePublished"] == "2020-08-05"
    assert ld["author"][0]["name"] == "Yauheni Preiherman"
    assert ld["author"][0]["affiliation"]["name"] == "Minsk Dialogue Council on International Relations"
    assert {c["url"] for c in ld["citation"]} == {
        f"{BASE}/sources/preiherman2020/",
        f"{BASE}/sources/twodecades/",
        f"{BASE}/sources/oliphant2009/",
    }
    assert {a["name"] for a in ld["about"]} >= {"Belarus", "Russia"}
    assert ld["isBasedOn"]["url"] == f"{BASE}/sources/preiherman2020/"


def test_json_ld_cannot_be_broken_out_of(demo, client):
    make_commentary("hostile", title="</script><script>alert(1)</script>", standfirst="a & b < c")
    response = client.get("/commentary/hostile/")
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    data = extruct.extract(body, base_url=BASE, syntaxes=["json-ld"], uniform=True)
    assert data["json-ld"][0]["name"] == "</script><script>alert(1)</script>"
    assert data["json-ld"][0]["description"] == "a & b < c"


def test_event_json_ld_dates_at_true_precision(demo, client):
    cases = {
        "/events/milk-war-2009/": ("2009-07", "2009-07"),
        "/events/cis-founded-1991/": ("1991-12-08", "1991-12-08"),
        "/events/loan-row-2009/": ("2009", "2009"),
        "/events/belarus-drifts-from-russia-early-1990s/": ("1992", "1993"),
    }
    make_event("nineties", edtf="199X", title="Something in the 1990s")
    cases["/events/nineties/"] = ("1990", "1999")
    for url, (start, end) in cases.items():
        data, tree = extract(client, url)
        [ld] = data["json-ld"]
        assert ld["@type"] == "Event"
        assert (ld["startDate"], ld["endDate"]) == (start, end), url
        [og] = data["opengraph"]
        assert og["@type"] == "article"
        assert meta(tree, "DC.type") == ["Event"]


def test_source_page_describes_the_source_itself(demo, client):
    data, tree = extract(client, "/sources/oliphant2009/")
    assert meta(tree, "citation_title")[0].startswith("A Problem With the Udder")
    assert meta(tree, "citation_author") == ["Oliphant, Roland"]
    assert meta(tree, "citation_journal_title") == ["Russia Profile"]
    assert meta(tree, "citation_volume") == ["VI"]
    assert meta(tree, "citation_publication_date") == ["2009"]
    assert meta(tree, "DC.type") == ["Journal article"]
    [ld] = data["json-ld"]
    assert ld["@type"] == "ScholarlyArticle" and ld["datePublished"] == "2009"
    assert data["opengraph"][0]["@type"] == "article"
    _, tree = extract(client, "/sources/brzezinski1997/")
    assert meta(tree, "citation_editor") == ["Brzezinski, Zbigniew", "Sullivan, Paige"]


def test_no_content_page_says_website_and_list_pages_have_canonical(demo, client):
    for url in (COMMENTARY, "/events/milk-war-2009/", "/sources/twodecades/"):
        _, tree = extract(client, url)
        assert tree.xpath("//meta[@property='og:type']/@content") == ["article"], url
    for url in ("/", "/events/", "/tags/energy/"):
        _, tree = extract(client, url)
        assert tree.xpath("//link[@rel='canonical']/@href") == [BASE + url]


def test_feeds_parse_and_hold_public_items_only(demo, client):
    make_event("draft-feed", status="draft", title="Draft In Feed", tags=["energy"])
    make_commentary("energy-essay", title="Energy Essay", tags=["energy"])
    for url, kind in (
        ("/commentary/feed/rss/", "rss20"),
        ("/commentary/feed/atom/", "atom10"),
        ("/events/feed/rss/", "rss20"),
        ("/events/feed/atom/", "atom10"),
        ("/tags/energy/feed/rss/", "rss20"),
        ("/tags/energy/feed/atom/", "atom10"),
    ):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.version == kind
        titles = [e.title for e in feed.entries]
        assert titles and "Draft In Feed" not in " ".join(titles), url
        assert all(e.link.startswith("http://testserver/") for e in feed.entries)
    commentary = feedparser.parse(client.get("/commentary/feed/atom/").content)
    assert {e.title for e in commentary.entries} == {
        "A New Chapter in Belarus-Russia Relations after the Elections?",
        "Energy Essay",
    }
    tag = feedparser.parse(client.get("/tags/energy/feed/rss/").content)
    assert "Energy Essay" in [e.title for e in tag.entries]
    assert "Gazprom cuts gas supplies to Belarus" in [e.title for e in tag.entries]
    events = feedparser.parse(client.get("/events/feed/rss/").content)
    assert "Milk War: Russia bans Belarusian dairy imports (July 2009)" in [e.title for e in events.entries]
    assert client.get("/tags/nope/feed/rss/").status_code == 404
