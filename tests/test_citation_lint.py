"""Citation lint at save: malformed citations with their fix, distrusted sources confirmed with a
reason (audited), pending sources allowed with a notice, and no author announced."""

import pytest

from archive.citations.lint import lint, syntax_errors
from archive.models import AuditEntry, Commentary, Source

from .helpers import commentary_post, new_commentary

URL = "/admin/archive/commentary/{}/change/"


@pytest.mark.parametrize(
    "typed, fix",
    [
        ("[@svr1994 p. 12]", "[@svr1994, p. 12]"),
        ("[@ svr1994]", "[@svr1994]"),
        ("[@svr1994, ]", "[@svr1994]"),
        ("[see @svr1994 p. 3; @b2001]", "[see @svr1994, p. 3; @b2001]"),
    ],
)
def test_malformed_citations_are_errors_with_the_fix(typed, fix):
    (problem,) = syntax_errors(f"A claim {typed}.")
    assert problem.fix == fix and f"Write {fix}." in problem.message


@pytest.mark.parametrize(
    "fine", ["[@svr1994, p. 12]", "[@a; @b, pp. 1–2]", "[write to a@b.org]", "[@a](https://x.org)"]
)
def test_good_citations_and_other_brackets_pass(fine):
    assert syntax_errors(fine) == []


@pytest.fixture
def sources(db):
    note = {"rejected": "Fabricated."}
    return {
        key: Source.objects.create(
            citation_key=key,
            kind="book",
            title=key,
            status=status,
            reliability=rating,
            moderator_note=note.get(status, ""),
        )
        for key, status, rating in [
            ("svr1994", "approved", "reliable"),
            ("memo2020", "pending", ""),
            ("state2020", "approved", "deprecated"),
            ("fake2021", "rejected", ""),
        ]
    }


def test_lint_sorts_sources_by_standing(sources):
    report = lint("[@svr1994] [@memo2020] [@state2020] [@fake2021] [@nobody2000]")
    assert report.pending == ["memo2020"] and report.unknown == ["nobody2000"]
    assert report.distrusted == [("state2020", "rated deprecated"), ("fake2021", "rejected by a moderator")]


def test_a_malformed_citation_is_refused_at_save_keeping_the_text(editor_client, sources):
    item = new_commentary()
    response = editor_client.post(URL.format(item.pk), commentary_post(item, body="Long text [@svr1994 p. 12]."))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Write [@svr1994, p. 12]." in page and "Long text [@svr1994 p. 12]." in page
    assert Commentary.objects.get(pk=item.pk).body == "A claim."


def test_citing_a_distrusted_source_asks_for_a_reason_and_audits_it(editor_client, editor, sources):
    item = new_commentary()
    body = "As state media put it [@state2020]."
    response = editor_client.post(URL.format(item.pk), commentary_post(item, body=body))
    assert response.status_code == 200
    assert "You cite @state2020 (rated deprecated)" in response.content.decode()
    reason = "Quoted as an example of the state line"
    data = commentary_post(item, body=body, citation_reason=reason)
    assert editor_client.post(URL.format(item.pk), data).status_code == 302
    entry = AuditEntry.objects.for_object(item).get(action="cite-distrust")
    assert entry.user == editor and reason in entry.reason and entry.changes["sources"] == [None, ["state2020"]]
    # Already cited: saving again does not ask again.
    item.refresh_from_db()
    assert editor_client.post(URL.format(item.pk), commentary_post(item, body=body + " More.")).status_code == 302


def test_a_pending_source_is_allowed_with_a_notice_and_no_author_is_said(editor_client, sources):
    item = new_commentary()
    assert "No author: it will show as “By the editors”" in editor_client.get(URL.format(item.pk)).content.decode()
    data = commentary_post(item, body="A memo [@memo2020].")
    response = editor_client.post(URL.format(item.pk), data, follow=True)
    page = response.content.decode()
    assert "Cites sources under review (@memo2020)" in page
    assert "No author: it shows as “By the editors”" in page


def test_preview_renders_footnotes_and_marks_problems(editor_client, sources):
    body = "Claim [@svr1994, p. 12]. Memo [@memo2020]. Typo [@svr1994 p. 3]. Lost [@nobody2000]."
    response = editor_client.post(
        "/admin/archive/commentary/preview/?fragment=1", {"body": body, "authorships-TOTAL_FORMS": "0"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#fn-1"' in page and "p. 12" in page  # the real renderer's numbered footnotes
    assert "@memo2020 is under review" in page and "the public sees “Source under review”" in page
    assert "Write [@svr1994, p. 3]." in page and "Unknown key @nobody2000" in page
    assert "No author: it will show as “By the editors”." in page
    full = editor_client.post("/admin/archive/commentary/preview/", {"body": body, "title": "Draft title"})
    assert "Preview only: nothing was saved" in full.content.decode() and "Draft title" in full.content.decode()
    assert editor_client.get("/admin/archive/commentary/preview/").status_code == 405


def test_preview_is_for_staff_only(client, sources):
    response = client.post("/admin/archive/commentary/preview/", {"body": "[@svr1994]"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_cite_lookup_by_key_title_author_or_year_marks_pending(editor_client, sources, django_assert_num_queries):
    from archive.models import SourceCreator

    SourceCreator.objects.create(source=sources["svr1994"], family_name="Oliphant")
    Source.objects.filter(pk=sources["svr1994"].pk).update(date_edtf="1994", date_earliest="1994-01-01")
    url = "/admin/archive/commentary/cite-lookup/"
    with django_assert_num_queries(6):  # session, user, two for permissions, sources, their creators
        found = editor_client.get(url, {"q": "oliph"}).json()["results"]
    assert [(r["key"], r["authors"]) for r in found] == [("svr1994", "Oliphant")]
    assert [r["key"] for r in editor_client.get(url, {"q": "1994"}).json()["results"]] == ["svr1994"]
    found = editor_client.get(url, {"q": "2020"}).json()["results"]
    assert {(r["key"], r["pending"]) for r in found} == {("memo2020", True), ("state2020", False)}
    keys = [r["key"] for r in editor_client.get(url, {"q": ""}).json()["results"]]
    assert "fake2021" not in keys and "memo2020" in keys  # rejected ones are not offered


@pytest.mark.parametrize("model", ["commentary", "event"])
def test_cite_lookup_with_a_control_character_is_a_400_not_a_500(editor_client, sources, model):
    """PostgreSQL refuses a NUL in a query parameter with an error; the lookup answers 400 on every database."""
    url = f"/admin/archive/{model}/cite-lookup/"
    for raw in ["a%00b", "%00", "svr%01"]:
        response = editor_client.get(f"{url}?q={raw}")
        assert response.status_code == 400, raw
    assert editor_client.get(url, {"q": "svr"}).status_code == 200
