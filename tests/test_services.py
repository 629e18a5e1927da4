"""The domain services hold their rules without the admin: what an importer, a command or an API would call."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from archive.models import AuditEntry, ReaderSubmission, Source, Tag
from archive.services import sources, submissions, tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(moderator):
    source = Source.objects.create(citation_key="svr1994", kind="book", title="Vetted title", url="https://a.example/")
    sources.approve(source, moderator, "Checked against the cover.")
    return source


def test_an_editors_service_save_of_a_vetted_field_reopens_the_source(approved, editor):
    approved.url = "https://elsewhere.example/"
    sources.save_edit(approved, editor)
    approved.refresh_from_db()
    assert (approved.status, approved.url) == ("pending", "https://elsewhere.example/")
    entry = AuditEntry.objects.for_object(approved).filter(action="reopen").get()
    assert entry.user == editor and "url" in entry.reason


def test_an_editors_service_save_of_other_details_keeps_the_approval(approved, editor):
    approved.abstract = "A better summary."
    sources.save_edit(approved, editor)
    approved.refresh_from_db()
    assert approved.status == "approved"


def test_an_editor_cannot_change_moderation_fields_through_a_save(approved, editor):
    approved.reliability, approved.moderator_note = "blacklisted", "Mine now"
    sources.save_edit(approved, editor)
    approved.refresh_from_db()
    assert (approved.reliability, approved.moderator_note) == ("", "Checked against the cover.")


def test_a_new_source_from_an_editor_starts_pending_whatever_it_claims(editor):
    source = Source(citation_key="new1", kind="book", title="New", status="approved", reliability="reliable")
    sources.save_edit(source, editor)
    source.refresh_from_db()
    assert (source.status, source.reliability, source.submitted_by) == ("pending", "", editor)


def test_a_moderators_save_of_a_status_is_an_audited_decision(moderator):
    source = Source(citation_key="new2", kind="book", title="New", status="approved")
    sources.save_edit(source, moderator, "Known publisher")
    assert AuditEntry.objects.for_object(source).get().action == "approve"


def test_changing_creators_reopens_for_editors_not_for_moderators(approved, editor, moderator):
    sources.creators_changed(approved, moderator)
    approved.refresh_from_db()
    assert approved.status == "approved"
    sources.creators_changed(approved, editor)
    approved.refresh_from_db()
    assert approved.status == "pending"


@pytest.mark.parametrize(
    "decision",
    [
        lambda s, u: sources.approve(s, u),
        lambda s, u: sources.reject(s, u, "No."),
        lambda s, u: sources.rate(s, u, "reliable", "Fine."),
    ],
)
def test_only_moderators_decide_on_sources(editor, decision):
    source = Source.objects.create(citation_key="p1", kind="book", title="Pending")
    with pytest.raises(PermissionDenied):
        decision(source, editor)
    with pytest.raises(PermissionDenied):
        decision(source, None)
    source.refresh_from_db()
    assert (source.status, source.reliability) == ("pending", "")
    assert not AuditEntry.objects.exists()


def test_only_moderators_merge_sources(editor, moderator):
    kept = Source.objects.create(citation_key="k", kind="book", title="Kept")
    duplicate = Source.objects.create(citation_key="d", kind="book", title="Duplicate")
    with pytest.raises(PermissionDenied):
        sources.merge(kept, duplicate, editor, "Same")
    sources.merge(kept, duplicate, moderator, "Same")
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_an_editor_cannot_merge_away_a_tag_without_the_permission_to_delete_it(editor, moderator):
    energy, gas = Tag.objects.create(name="Energy", slug="energy"), Tag.objects.create(name="Gas", slug="gas")
    with pytest.raises(PermissionDenied):
        tags.merge([gas], energy, editor)
    assert Tag.objects.filter(slug="gas").exists()
    assert tags.merge([gas], energy, moderator, "Same topic") == ["Gas"]
    assert not Tag.objects.filter(slug="gas").exists()
    assert AuditEntry.objects.get(action="tag-merge").user == moderator


def test_renaming_a_tag_is_audited_and_its_old_slug_still_leads_to_it(editor, client):
    tag = Tag.objects.create(name="Gas", slug="gas")
    tags.rename(tag, editor, "Natural gas", "natural-gas", "Clearer")
    entry = AuditEntry.objects.get(action="tag-rename")
    assert entry.changes == {"name": ["Gas", "Natural gas"], "slug": ["gas", "natural-gas"]}
    assert tag.redirects.filter(old_slug="gas").exists()


def _suggest(**overrides):
    data = {"title": "Belarus and the Eurasian Economic Union", "url": "https://example.org/eaeu", "kind": "report"}
    data.update(why="A detailed study of Belarus's trade within the union.", **overrides)
    return submissions.suggest_source(data)


def test_a_suggestion_keeps_the_readers_why_as_the_sources_abstract():
    source = _suggest()
    assert source.abstract == "A detailed study of Belarus's trade within the union."
    assert ReaderSubmission.objects.get().message == source.abstract


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"title": "Annual trade report 2019"}, "annual-trade-report-2019-2019"),
        ({"title": "Belarus and the Eurasian Economic Union", "date": "2015-03"}, "belarus-and-the-eurasian-2015"),
        ({"title": "Report 2019", "date": "2021"}, "report-2019-2021"),
        ({"title": "Belarus and the Eurasian Economic Union"}, "belarus-and-the-eurasian-nd"),
    ],
)
def test_a_suggested_sources_key_takes_the_works_year_not_todays(overrides, key):
    assert _suggest(**overrides).citation_key == key


def test_the_suggestion_audit_line_reads_naturally():
    source = _suggest()
    entry = AuditEntry.objects.for_object(source).get()
    assert f"{entry.get_action_display()} by a reader" == "Suggested by a reader"
    assert str(entry) == f"Suggested: {source} by a reader"


def test_the_audit_trail_has_one_writer():
    """Only archive/services/audit.py creates audit entries."""
    root = Path(__file__).resolve().parent.parent
    writers = []
    for path in [*root.glob("archive/**/*.py"), *root.glob("search/**/*.py")]:
        if "migrations" in path.parts or path.name == "audit.py" and path.parent.name == "services":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("create", "bulk_create", "record"):
                owner = ast.unparse(node.value)
                if "AuditEntry" in owner:
                    writers.append(f"{path.relative_to(root)}: {owner}.{node.attr}")
    assert writers == []
