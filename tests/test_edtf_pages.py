"""EDTF dates through the public surface: what editors may save, and how readers, feeds and exports see it."""

import csv
import io
import json

import bibtexparser
import extruct
import pytest
from lxml import html

from archive.models import Event, Source
from tests.helpers import inline_management, source_post
from tests.reader_factories import make_event, make_source

OPEN_ENDED = ["2004/", "/2004", "2004/..", "../2004", "[..2004]"]


def event_add_post(date_edtf):
    return {
        "title": "Talks on the union state",
        "slug": "talks-union-state",
        "date_edtf": date_edtf,
        "event_type": "negotiations",
        "summary": "Talks.",
        "body": "",
        "status": "draft",
        "publish_at_0": "2020-08-05",
        "publish_at_1": "10:00:00",
        **inline_management("citations"),
    }


def field_error(response, name):
    tree = html.fromstring(response.content)
    return " ".join(
        e.text_content() for e in tree.xpath(f"//div[contains(@class, 'field-{name}')]//ul[@class='errorlist']")
    )


@pytest.mark.parametrize("edtf", OPEN_ENDED)
def test_admin_refuses_an_open_ended_event_date_and_keeps_the_text(editor_client, edtf):
    response = editor_client.post("/admin/archive/event/add/", event_add_post(edtf))
    assert response.status_code == 200
    assert "open" in field_error(response, "date_edtf")
    tree = html.fromstring(response.content)
    assert tree.xpath("//input[@name='date_edtf']/@value") == [edtf]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "edtf, message", [("2004-XX-15", "only the last digits may be unknown"), ("2004-33", "quarter")]
)
def test_admin_refuses_dates_it_cannot_word_honestly(editor_client, edtf, message):
    response = editor_client.post("/admin/archive/event/add/", event_add_post(edtf))
    assert response.status_code == 200
    assert message in field_error(response, "date_edtf")
    assert not Event.objects.exists()


def test_admin_refuses_an_open_ended_source_date(editor_client):
    response = editor_client.post(
        "/admin/archive/source/add/", source_post(citation_key="open2004", title="Open", date_edtf="2004/")
    )
    assert response.status_code == 200
    assert "open" in field_error(response, "date_edtf")
    assert not Source.objects.exists()


def test_admin_saves_a_day_in_an_unknown_part_of_a_month_as_that_month(editor_client):
    response = editor_client.post(
        "/admin/archive/source/add/", source_post(citation_key="june2004", title="June", date_edtf="2004-06-XX")
    )
    assert response.status_code == 302, field_error(response, "date_edtf")
    source = Source.objects.get(citation_key="june2004")
    assert (source.date_precision, str(source.date_earliest), str(source.date_latest)) == (
        "month",
        "2004-06-01",
        "2004-06-30",
    )


@pytest.mark.parametrize("edtf", ["2004/", "../2004"])
def test_event_list_date_filter_refuses_an_open_interval(db, client, edtf):
    make_event("in-2004", edtf="2004-03")
    response = client.get("/events/", {"date_from": edtf})
    assert response.status_code == 400
    tree = html.fromstring(response.content)
    assert "is not a date" in tree.text_content()
    assert not tree.xpath("//li[@class='event-item']")


def public_surfaces(client, slug):
    """Every public rendering of an event's date: page (with JSON-LD), list, timeline, feeds and exports."""
    return {
        "page": client.get(f"/events/{slug}/"),
        "list": client.get("/events/"),
        "timeline": client.get("/timeline/"),
        "rss": client.get("/events/feed/rss/"),
        "csv": client.get("/events/export.csv"),
        "jsonl": client.get("/events/export.jsonl"),
        "timelinejs": client.get("/events/timelinejs.json"),
    }


def test_a_stored_open_ended_date_never_breaks_a_page_or_an_export(db, client):
    """A date saved before open ends were refused (or written straight to the database) still renders."""
    event = make_event("old-open-date", edtf="2004")
    Event.objects.filter(pk=event.pk).update(date_edtf="2004/")
    responses = public_surfaces(client, "old-open-date")
    for name, response in responses.items():
        assert response.status_code == 200, name
    ld = extruct.extract(responses["page"].content.decode(), syntaxes=["json-ld"])["json-ld"][0]
    assert (ld["startDate"], ld["endDate"]) == ("2004-01-01", "2004-12-31")
    [slide] = json.loads(responses["timelinejs"].content)["events"]
    assert slide["start_date"]["year"] == 2004


def slide_of(responses):
    [slide] = json.loads(responses["timelinejs"].content)["events"]
    return slide


@pytest.mark.parametrize(
    "edtf, words, ld_dates, start, end",
    [
        ("2004-21", "spring 2004", ("2004-03", "2004-05"), {"year": 2004, "month": 3}, {"year": 2004, "month": 5}),
        ("[2004,2005]", "2004 or 2005", ("2004", "2005"), {"year": 2004}, {"year": 2005}),
        ("{2004,2005}", "2004 and 2005", ("2004", "2005"), {"year": 2004}, {"year": 2005}),
        ("2004-XX", "2004", ("2004", "2004"), {"year": 2004}, None),
        ("2004-06-XX", "June 2004", ("2004-06", "2004-06"), {"year": 2004, "month": 6}, None),
    ],
)
def test_seasons_sets_and_unknown_digits_read_honestly_everywhere(db, client, edtf, words, ld_dates, start, end):
    make_event("odd-date", edtf=edtf, title="Odd date")
    responses = public_surfaces(client, "odd-date")
    for name in ("page", "list", "rss"):
        assert words in responses[name].content.decode(), name
    # Under its year heading the timeline drops a month's repeated year; other wordings need theirs.
    assert {"June 2004": "June"}.get(words, words) in responses["timeline"].content.decode()
    page = html.fromstring(responses["page"].content)
    assert words in page.text_content()
    ld = extruct.extract(responses["page"].content.decode(), syntaxes=["json-ld"])["json-ld"][0]
    assert (ld["startDate"], ld["endDate"]) == ld_dates
    [row] = csv.DictReader(io.StringIO(responses["csv"].content.decode()))
    assert row["date_display"] == words
    assert json.loads(responses["jsonl"].content)["date_display"] == words
    slide = slide_of(responses)
    assert slide["start_date"] == {**start, "display_date": words}
    assert slide.get("end_date") == end


def test_season_and_unknown_day_in_citation_exports(db, client):
    make_source("spring_issue", kind="journal-article", title="Spring issue", date_edtf="2004-21")
    make_source("june_piece", kind="news-article", title="June piece", date_edtf="2004-06-XX")
    csl = json.loads(client.get("/sources/spring_issue/cite.json").content)[0]
    assert csl["issued"] == {"date-parts": [[2004]], "season": 1}
    assert "spring 2004" in client.get("/sources/spring_issue/").content.decode()
    bib = client.get("/sources/june_piece/cite.bib").content.decode()
    assert "month = {jun}" in bib
    assert "June 2004" in client.get("/sources/june_piece/").content.decode()
    ris = client.get("/sources/june_piece/cite.ris").content.decode()
    assert "DA  - 2004/06//" in ris
    make_source("either_year", kind="report", title="Either year", date_edtf="[2004,2005]")
    [entry] = bibtexparser.parse_string(client.get("/sources/either_year/cite.bib").content.decode()).entries
    assert entry.fields_dict["year"].value == "2004 or 2005"
    assert "date" not in entry.fields_dict  # biblatex cannot read an EDTF set
