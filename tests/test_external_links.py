"""Only http(s) addresses become links: refused when typed, and never output if one is stored anyway."""

import datetime as dt
import json

import extruct
import pytest
from lxml import html

from archive.models import Source
from tests.helpers import source_post
from tests.reader_factories import make_commentary, make_event, make_source, source_surfaces

BAD = {
    "url": "javascript:alert(1)",
    "archived_url": "data:text/html,<script>alert(2)</script>",
    "discussion_urls": "javascript:alert(3)\n  JaVaScRiPt:alert(4)\nhttps://forum.example.org/t/1",
}
UNSAFE_MARKERS = ("javascript:", "data:text", "alert(")


@pytest.fixture
def bad_links(db):
    """An approved source whose links were written straight into the database, cited and reprinted."""
    source = make_source("badlinks", kind="web-page", title="Bad links", accessed=dt.date(2021, 3, 4))
    Source.objects.filter(pk=source.pk).update(**BAD)
    make_commentary("cites-bad", body="Claim [@badlinks].", original_publication=source)
    make_event("event-cites-bad", body="Claim [@badlinks].")
    return source


PUBLIC_URLS = source_surfaces("badlinks", "cites-bad", "event-cites-bad") + [
    "/commentary/feed/rss/",
    "/commentary/feed/atom/",
    "/events/feed/rss/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_a_stored_non_http_url_reaches_no_page_feed_or_export(bad_links, client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode().lower()
    for marker in UNSAFE_MARKERS:
        assert marker not in body, marker


def test_the_source_page_keeps_its_good_links_and_metadata_stays_clean(bad_links, client):
    page = client.get("/sources/badlinks/").content.decode()
    tree = html.fromstring(page)
    hrefs = tree.xpath("//a/@href")
    assert "https://forum.example.org/t/1" in hrefs
    assert not any(h.lower().lstrip().startswith(("javascript:", "data:")) for h in hrefs)
    assert not tree.xpath("//dt[text()='Online' or text()='Archived copy']")
    assert tree.xpath("//meta[@name='citation_public_url']/@content") == []
    [ld] = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert "sameAs" not in ld
    commentary = html.fromstring(client.get("/commentary/cites-bad/").content)
    assert not commentary.xpath("//a[text()='read the original']")


def test_http_links_are_still_linked_everywhere(db, client):
    source = make_source(
        "goodlinks",
        kind="web-page",
        title="Good links",
        url="https://example.org/page",
        archived_url="https://web.archive.org/web/2021/https://example.org/page",
        discussion_urls="https://forum.example.org/t/2",
    )
    make_commentary("cites-good", body="Claim [@goodlinks].", original_publication=source)
    tree = html.fromstring(client.get("/sources/goodlinks/").content)
    hrefs = tree.xpath("//a/@href")
    for link in ("https://example.org/page", "https://web.archive.org/web/2021/https://example.org/page"):
        assert link in hrefs
    assert "https://forum.example.org/t/2" in hrefs
    assert tree.xpath("//meta[@name='citation_public_url']/@content") == ["https://example.org/page"]
    commentary = html.fromstring(client.get("/commentary/cites-good/").content)
    assert commentary.xpath("//a[text()='read the original']/@href") == ["https://example.org/page"]
    assert json.loads(client.get("/sources/goodlinks/cite.json").content)[0]["URL"] == "https://example.org/page"
    assert "UR  - https://example.org/page" in client.get("/sources/goodlinks/cite.ris").content.decode()


def field_errors(response, name):
    tree = html.fromstring(response.content)
    return " ".join(
        e.text_content() for e in tree.xpath(f"//div[contains(@class, 'field-{name}')]//ul[@class='errorlist']")
    )


@pytest.mark.parametrize("field", ["url", "archived_url"])
@pytest.mark.parametrize("value", ["ftp://example.org/report.pdf", "ftps://example.org/x", "javascript:alert(1)"])
def test_admin_accepts_only_http_links(moderator_client, field, value):
    response = moderator_client.post(
        "/admin/archive/source/add/", source_post(citation_key="linky", title="Linky", **{field: value})
    )
    assert response.status_code == 200
    assert field_errors(response, field)
    tree = html.fromstring(response.content)
    assert tree.xpath(f"//input[@name='{field}']/@value") == [value]
    assert not Source.objects.exists()


def test_admin_refuses_a_non_http_discussion_link(moderator_client):
    source = make_source("discussed", status="pending", reliability="")
    response = moderator_client.post(
        f"/admin/archive/source/{source.pk}/change/",
        source_post(source, discussion_urls="https://ok.example.org/\nftp://example.org/thread"),
    )
    assert response.status_code == 200
    assert "is not a valid http(s) link" in field_errors(response, "discussion_urls")
    source.refresh_from_db()
    assert source.discussion_urls == ""
