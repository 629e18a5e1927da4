"""Where an item's sources come from: the line on event and commentary pages, its warnings, the export columns."""

import csv
import io
import json

import pytest
from lxml import html as lxml_html

from archive.models import Actor
from tests.reader_factories import make_commentary, make_event, make_source


@pytest.fixture
def countries(db):
    return {
        "russia": Actor.objects.create(name="Russland", slug="ru-test", kind="country"),
        "italy": Actor.objects.create(name="Italia", slug="it-test", kind="country"),
    }


def mix_of_page(client, url):
    tree = lxml_html.fromstring(client.get(url).content)
    boxes = tree.xpath("//aside[contains(@class, 'source-mix')]")
    if not boxes:
        return None, ""
    parts = [boxes[0].xpath("p")[0].text_content(), *(li.text_content() for li in boxes[0].xpath(".//li"))]
    return boxes[0].get("class"), " ".join(" ".join(parts).split())


def test_event_page_counts_sources_by_affiliation_and_country(countries, client):
    make_source("acad", affiliation="academic", country_of_origin=countries["russia"])
    make_source("indy", affiliation="independent", country_of_origin=countries["russia"])
    make_source("tank", affiliation="think-tank", country_of_origin=countries["italy"])
    make_event("mixed", body="One [@acad, p. 2]. Two [@indy]. Three [@tank]. Again [@acad, p. 3].")
    css, text = mix_of_page(client, "/events/mixed/")
    assert text == "3 sources: 1 academic (Russland), 1 independent (Russland), 1 think tank (Italia)."
    assert "source-mix-warn" not in css


def test_sources_sharing_one_country_or_affiliation_are_flagged(countries, client):
    make_source("state1", affiliation="state", country_of_origin=countries["russia"])
    make_source("state2", affiliation="state", country_of_origin=countries["russia"])
    make_commentary("one-camp", body="A [@state1]. B [@state2].")
    css, text = mix_of_page(client, "/commentary/one-camp/")
    assert "source-mix-warn" in css
    assert text.startswith("Check the sources: 2 sources: 2 state-owned or government (Russland).")
    assert "Both sources are state-owned or government." in text and "Both sources come from Russland." in text


def test_an_unreliable_source_is_flagged_and_a_single_source_is_not_for_sharing_its_own_origin(countries, client):
    make_source("solo", affiliation="academic", country_of_origin=countries["italy"])
    make_event("single", body="A [@solo].")
    css, text = mix_of_page(client, "/events/single/")
    assert text == "1 source: 1 academic (Italia)." and "source-mix-warn" not in css
    make_source("dodgy", reliability="deprecated", affiliation="independent", country_of_origin=countries["italy"])
    make_event("with-dodgy", body="A [@solo]. B [@dodgy].")
    css, text = mix_of_page(client, "/events/with-dodgy/")
    assert "source-mix-warn" in css and "1 source is rated deprecated." in text


def test_hidden_sources_are_only_counted_and_uncited_items_have_no_line(countries, client):
    make_source("seen", affiliation="academic")
    make_source("secret", status="pending", affiliation="state", country_of_origin=countries["russia"])
    make_event("half-hidden", body="A [@seen]. B [@secret].")
    _css, text = mix_of_page(client, "/events/half-hidden/")
    assert text == "1 source: 1 academic; 1 more under review."
    assert "Russland" not in text and "state" not in text
    make_event("uncited", body="No citations.")
    assert mix_of_page(client, "/events/uncited/") == (None, "")


def test_event_exports_carry_the_mix_in_columns_after_the_old_ones(countries, client):
    make_source("state1", affiliation="state", country_of_origin=countries["russia"])
    make_source("nowhere", affiliation="")
    make_event("exported", body="A [@state1]. B [@nowhere].")
    rows = list(csv.DictReader(io.StringIO(client.get("/events/export.csv").content.decode())))
    header = next(csv.reader(io.StringIO(client.get("/events/export.csv").content.decode())))
    assert header[:14][-1] == "url"  # the original columns keep their places
    assert header[14:] == [
        "source_count",
        "source_affiliations",
        "source_countries",
        "source_mix",
        "source_mix_warnings",
    ]
    row = next(r for r in rows if r["slug"] == "exported")
    assert row["source_count"] == "2"
    assert row["source_affiliations"] == "state-owned or government; of unknown affiliation"
    assert row["source_countries"] == "Russland; unknown"
    line = next(
        json.loads(x) for x in client.get("/events/export.jsonl").content.decode().splitlines() if "exported" in x
    )
    assert line["source_countries"] == ["Russland", "unknown"] and line["source_mix_warnings"] == []
