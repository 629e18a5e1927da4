"""A chapter's host volume is shown to the public only once the host itself is approved."""

import json

import extruct
import pytest
from lxml import html

from archive.models import Source, SourceCreator
from tests.reader_factories import make_commentary, make_event, make_source, source_surfaces

SECRETS = ("Secret Volume", "Hiddeneditor", "/sources/hostvol/", "Vault Press")


@pytest.fixture(params=["pending", "rejected"])
def unvetted_host(request, db):
    """An approved chapter in a host volume that is still pending (or was rejected), cited by both kinds of item."""
    host = make_source("hostvol", status=request.param, reliability="", title="Secret Volume", publisher="Vault Press")
    SourceCreator.objects.create(source=host, role="editor", family_name="Hiddeneditor", given_name="Ida")
    chapter = make_source("chapter1", kind="chapter", title="A Chapter", part_of=host, publisher="")
    make_commentary("cites-chapter", body="Claim [@chapter1, p. 3].", original_publication=chapter)
    make_event("event-cites-chapter", body="Claim [@chapter1].")
    return host


PUBLIC_URLS = source_surfaces("chapter1", "cites-chapter", "event-cites-chapter")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_unvetted_host_never_shows_through_an_approved_chapter(unvetted_host, client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "A Chapter" in body or "chapter1" in body  # the chapter itself is public
    for secret in SECRETS:
        assert secret not in body, secret


def test_footnote_preview_meta_tags_and_json_ld_leave_the_unvetted_host_out(unvetted_host, client):
    page = client.get("/commentary/cites-chapter/").content.decode()
    tree = html.fromstring(page)
    [preview] = tree.xpath("//span[@class='fn-preview']")
    assert "A Chapter" in preview.text_content() and "Secret Volume" not in preview.text_content()
    assert all("Secret Volume" not in ref for ref in tree.xpath("//meta[@name='citation_reference']/@content"))
    detail = client.get("/sources/chapter1/").content.decode()
    tree = html.fromstring(detail)
    assert tree.xpath("//meta[@name='citation_inbook_title']/@content") == []
    assert not tree.xpath("//dt[text()='Part of']")
    [ld] = extruct.extract(detail, syntaxes=["json-ld"])["json-ld"]
    assert "isPartOf" not in ld


def test_the_chapters_own_container_text_is_the_fallback(unvetted_host, client):
    Source.objects.filter(citation_key="chapter1").update(container_title="Collected Essays")
    detail = client.get("/sources/chapter1/").content.decode()
    assert html.fromstring(detail).xpath("//meta[@name='citation_inbook_title']/@content") == ["Collected Essays"]
    bib = client.get("/sources/chapter1/cite.bib").content.decode()
    assert "booktitle = {Collected Essays}" in bib
    csl = json.loads(client.get("/sources/chapter1/cite.json").content)[0]
    assert csl["container-title"] == "Collected Essays" and "container-author" not in csl
    for body in (detail, bib):
        assert "Secret Volume" not in body


def test_an_approved_host_is_shown_linked_and_exported(unvetted_host, client):
    """The same surfaces do name the host once a moderator approves it (the tests above can fail)."""
    Source.objects.filter(pk=unvetted_host.pk).update(status="approved", moderator_note="Checked.")
    detail = client.get("/sources/chapter1/").content.decode()
    tree = html.fromstring(detail)
    assert tree.xpath("//dt[text()='Part of']/following-sibling::dd[1]/a/@href") == ["/sources/hostvol/"]
    assert tree.xpath("//meta[@name='citation_inbook_title']/@content") == ["Secret Volume"]
    assert "In <i>Secret Volume</i>, edited by Ida Hiddeneditor" in detail
    bib = client.get("/sources/chapter1/cite.bib").content.decode()
    assert "booktitle = {Secret Volume}" in bib and "Hiddeneditor" in bib
    csl = json.loads(client.get("/sources/chapter1/cite.json").content)[0]
    assert csl["container-title"] == "Secret Volume"
    assert csl["container-author"] == [{"family": "Hiddeneditor", "given": "Ida"}]
    assert "Secret Volume" in client.get("/sources/").content.decode()
    page = client.get("/commentary/cites-chapter/").content.decode()
    assert "Secret Volume" in html.fromstring(page).xpath("//span[@class='fn-preview']")[0].text_content()
