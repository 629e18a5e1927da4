"""Citation and data exports, read back by real parsers (bibtexparser, rispy, json, csv)."""

import csv
import io
import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

from archive.models import SourceCreator
from tests.reader_factories import (
    demo_for_module,  # noqa: F401  (a fixture, used by name)
    make_commentary,
    make_event,
    make_source,
)


@pytest.fixture
def demo(demo_for_module, db):  # noqa: F811
    """Overrides the per-test demo: loaded once for this module."""


COMMENTARY = "/commentary/new-chapter-belarus-russia-relations-after-elections/"
CSL_VARIABLES = {
    "id", "type", "title", "author", "editor", "container-author", "container-title", "issued", "volume", "issue",
    "page", "edition", "publisher", "publisher-place", "DOI", "ISBN", "URL", "language", "abstract", "accessed",
    "translator", "genre",
}  # fmt: skip
CSL_TYPES = {
    "book", "chapter", "article-journal", "article-newspaper", "webpage", "report", "document", "interview",
    "dataset", "entry-encyclopedia",
}  # fmt: skip


def parse_bibtex(text):
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
    )
    assert not library.failed_blocks
    return library


def tricky_source():
    source = make_source(
        "tricky_2020",
        kind="journal-article",
        title="Gas & Oil: 100% {Pipeline} Politics_in #Belarus $ ~ ^",
        container_title="Journal of R&D",
        date_edtf="2020-07",
        volume="12",
        issue="3",
        pages="20-35",
        doi="10.1234/abc_def",
        url="https://example.org/a?b=1&c=%20",
        language="en",
    )
    SourceCreator.objects.create(source=source, family_name="Łukasz", given_name="Ōta", order=1)
    return source


def test_source_bibtex_round_trips_with_escaping(demo, client):
    tricky_source()
    response = client.get("/sources/tricky_2020/cite.bib")
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content.decode()
    assert r"Gas \& Oil: 100\% \{Pipeline\} Politics\_in \#Belarus \$" in raw
    entry = parse_bibtex(raw).entries[0]
    assert entry.entry_type == "article" and entry.key == "tricky_2020"
    title = entry.fields_dict["title"].value
    assert "Gas & Oil: 100% {Pipeline} Politics_in #Belarus $" in title
    assert entry.fields_dict["journal"].value == "Journal of R&D"
    assert entry.fields_dict["year"].value == "2020" and entry.fields_dict["month"].value == "jul"
    assert "pages = {20--35}" in raw and entry.fields_dict["pages"].value == "20–35"
    assert entry.fields_dict["doi"].value == "10.1234/abc_def"
    authors = entry.fields_dict["author"].value
    assert [(a.last, a.first) for a in authors] == [(["Writertricky_2020"], ["Ann"]), (["Łukasz"], ["Ōta"])]


def test_bibtex_types_and_organizations_as_authors(demo, client):
    library = parse_bibtex(client.get(f"{COMMENTARY}bibliography.bib").content.decode())
    assert {e.key: e.entry_type for e in library.entries} == {
        "oliphant2009": "article",
        "preiherman2020": "techreport",
        "twodecades": "book",
    }
    itartass = parse_bibtex(client.get("/sources/itartass1995/cite.bib").content.decode()).entries[0]
    assert itartass.entry_type == "article"
    assert itartass.fields_dict["author"].value[0].last == ["{Itar-Tass}"] or "Itar-Tass" in str(
        itartass.fields_dict["author"].value
    )
    assert "Brzezinski" in str(itartass.fields_dict["editor"].value)


def test_ris_round_trips(demo, client):
    tricky_source()
    response = client.get("/sources/tricky_2020/cite.ris")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    [entry] = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "JOUR"
    assert entry["title"] == "Gas & Oil: 100% {Pipeline} Politics_in #Belarus $ ~ ^"
    assert entry["authors"] == ["Writertricky_2020, Ann", "Łukasz, Ōta"]
    assert entry["secondary_title"] == "Journal of R&D"
    assert entry["year"] == "2020" and entry["date"] == "2020/07//"
    assert (entry["start_page"], entry["end_page"]) == ("20", "35")
    assert entry["doi"] == "10.1234/abc_def" and entry["urls"] == ["https://example.org/a?b=1&c=%20"]


def test_commentary_bibliography_as_ris_has_every_visible_source(demo, client):
    entries = rispy.loads(client.get(f"{COMMENTARY}bibliography.ris").content.decode())
    assert {e["id"]: e["type_of_reference"] for e in entries} == {
        "oliphant2009": "JOUR",
        "preiherman2020": "RPRT",
        "twodecades": "BOOK",
    }


def test_csl_json_fields_and_dates_at_true_precision(demo, client):
    make_source("decade", date_edtf="199X", title="Decade Book")
    make_source("circa", date_edtf="1995-02~", title="Circa Book")
    items = {}
    for key in ("oliphant2009", "preiherman2020", "itartass1995", "decade", "circa", "twodecades"):
        response = client.get(f"/sources/{key}/cite.json")
        assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
        [item] = json.loads(response.content)
        assert set(item) <= CSL_VARIABLES and item["type"] in CSL_TYPES
        items[key] = item
    assert items["preiherman2020"]["issued"] == {"date-parts": [[2020, 8, 5]]}
    assert items["preiherman2020"]["author"] == [{"family": "Preiherman", "given": "Yauheni"}]
    assert items["oliphant2009"]["issued"] == {"date-parts": [[2009]]}
    assert items["oliphant2009"]["type"] == "article-journal"
    assert items["itartass1995"]["author"] == [{"literal": "Itar-Tass"}]
    assert items["itartass1995"]["type"] == "article-newspaper"
    assert items["decade"]["issued"] == {"date-parts": [[1990], [1999]]}
    assert items["circa"]["issued"] == {"date-parts": [[1995, 2]], "circa": True}
    assert "issued" not in items["twodecades"]


def test_commentary_page_offers_bibliography_downloads_and_cite_this(demo, client):
    from lxml import html

    tree = html.fromstring(client.get(COMMENTARY).content)
    for fmt in ("bib", "ris", "json"):
        assert tree.xpath(f"//section[@class='bibliography']//a[@href='{COMMENTARY}bibliography.{fmt}']")
    cite = tree.xpath("//section[@class='cite-this']")[0]
    text = " ".join(cite.xpath(".//p[@class='cite-text']")[0].text_content().split())
    assert text == (
        "Preiherman, Yauheni. 2020. “A New Chapter in Belarus-Russia Relations after the Elections?” "
        f"Relations Archive, August 5, 2020. http://testserver{COMMENTARY}."
    )
    entry = parse_bibtex(cite.xpath(".//pre/code")[0].text_content()).entries[0]
    assert entry.entry_type == "techreport"
    assert entry.fields_dict["url"].value == f"http://testserver{COMMENTARY}"


def test_event_page_has_cite_this(demo, client):
    from lxml import html

    tree = html.fromstring(client.get("/events/milk-war-2009/").content)
    text = tree.xpath("//p[@class='cite-text']")[0].text_content()
    assert text.startswith("Relations Archive. 2026. “Milk War: Russia bans Belarusian dairy imports.”")
    assert parse_bibtex(tree.xpath("//section[@class='cite-this']//code")[0].text_content()).entries[0].key


def test_chicago_style_title_first_without_author_and_full_dates_for_news(demo, client):
    from archive.models import Source

    assert Source.objects.get(citation_key="twodecades").reference.startswith(
        "Two Decades of the Russian Federation’s Foreign Policy"
    )
    assert "n.d." in Source.objects.get(citation_key="twodecades").reference
    itar = Source.objects.get(citation_key="itartass1995").reference
    assert "“Yeltsin on Protecting CIS Border.” Itar-Tass, February 22, 1995." in itar
    assert "Reprinted in Russia and the Commonwealth" in itar
    web = make_source(
        "webnews", kind="web-page", title="Live blog", url="https://example.org/x", accessed="2021-03-04", date_edtf=""
    )
    web.creators.all().delete()
    web = Source.objects.get(pk=web.pk)
    assert web.reference == "“Live blog.” n.d. Press. Accessed March 4, 2021. https://example.org/x."
    html = client.get("/sources/twodecades/").content.decode()
    assert "<i>Two Decades of the Russian Federation’s Foreign Policy" in html


def event_rows(client, query=""):
    response = client.get("/events/export.csv" + query)
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_event_csv_and_jsonl_follow_the_current_filters(demo, client):
    make_event("draft-gas", status="draft", title="Draft Gas", tags=["energy"])
    rows = event_rows(client, "?tag=energy")
    assert [r["slug"] for r in rows] == ["gas-dispute-2004", "gas-contract-2004", "gas-debt-and-csto-boycott-2009"]
    first = rows[0]
    assert first["date_edtf"] == "2004-01-01" and first["date_earliest"] == first["date_latest"] == "2004-01-01"
    assert first["event_type"] == "gas-dispute" and first["actors"] == "belarus; beltransgaz; gazprom; russia"
    assert first["citation_keys"] == "wikipedia-belarus-russia"
    assert first["url"] == "http://testserver/events/gas-dispute-2004/"
    assert len(event_rows(client)) == 21
    lines = client.get("/events/export.jsonl?actor=russia&with_actor=ukraine").content.decode().splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["slug"] for r in records] == ["cis-founded-1991"]
    assert records[0]["actors"] == ["belarus", "cis", "russia", "ukraine"]
    assert records[0]["citation_keys"] == ["wikipedia-belarus-russia"]


def test_event_csv_neutralises_spreadsheet_formulas(demo, client):
    make_event("formula", title='=HYPERLINK("http://evil.example","click")', summary="@SUM(1+1)")
    [row] = [r for r in event_rows(client) if r["slug"] == "formula"]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["summary"] == "'@SUM(1+1)"


def test_event_exports_hide_unvetted_citation_keys(demo, client):
    make_source("pendingbook", status="pending")
    make_event("with-pending", body="[@pendingbook] [@twodecades]")
    [row] = [r for r in event_rows(client) if r["slug"] == "with-pending"]
    assert row["citation_keys"] == "twodecades"


def test_timelinejs_json(demo, client):
    data = json.loads(client.get("/events/timelinejs.json?date_to=1993").content)
    slides = {s["unique_id"]: s for s in data["events"]}
    assert set(slides) == {"cis-founded-1991", "free-trade-agreement-1992", "belarus-drifts-from-russia-early-1990s"}
    assert slides["cis-founded-1991"]["start_date"] == {
        "year": 1991,
        "month": 12,
        "day": 8,
        "display_date": "8 December 1991",
    }
    assert slides["free-trade-agreement-1992"]["start_date"]["month"] == 11
    assert "day" not in slides["free-trade-agreement-1992"]["start_date"]
    drift = slides["belarus-drifts-from-russia-early-1990s"]
    assert drift["start_date"]["year"] == 1992 and drift["end_date"] == {"year": 1993}
    assert drift["start_date"]["display_date"] == "early 1990s"
    assert slides["cis-founded-1991"]["text"]["headline"] == "Commonwealth of Independent States founded"


def test_timelinejs_headline_and_text_are_escaped_plain_text(demo, client):
    """TimelineJS renders headline and text as HTML: an editor's markup must arrive as text, never run."""
    make_event(
        "markup-in-title",
        edtf="1990",
        title='Talks <img src=x onerror="alert(1)"> & more',
        summary="<script>alert('x')</script> Gas & oil <b>prices</b>",
    )
    data = json.loads(client.get("/events/timelinejs.json?date_to=1990").content)
    [slide] = [s for s in data["events"] if s["unique_id"] == "markup-in-title"]
    assert slide["text"]["headline"] == "Talks &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more"
    assert slide["text"]["text"] == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Gas &amp; oil &lt;b&gt;prices&lt;/b&gt;"
    )
    assert "<" not in json.dumps(data)


def test_unknown_export_format_is_404(demo, client):
    assert client.get("/sources/twodecades/cite.docx").status_code == 404
    assert client.get(f"{COMMENTARY}bibliography.pdf").status_code == 404


def test_commentary_bibliography_of_draft_is_404(demo, client):
    make_commentary("draft-bib", status="draft", body="[@twodecades]")
    assert client.get("/commentary/draft-bib/bibliography.bib").status_code == 404
