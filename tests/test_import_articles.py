"""Footnoted articles: the seed encyclopedia article into the demo archive, reference parsing, the admin flow."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from archive.citations.footnotes import render_with_footnotes
from archive.imports import articles
from archive.models import Citation, Commentary, Source
from tests.conftest import staff_member

SEED_NAME = "000_6999536812738556.txt"


def seed_path() -> Path:
    """../shared/seeds/ beside the repository (in a git worktree: beside the main checkout)."""
    repo = Path(settings.BASE_DIR)
    candidates = [repo.parent / "shared" / "seeds" / SEED_NAME]
    git = repo / ".git"
    if git.is_file():  # a worktree: "gitdir: <main>/.git/worktrees/<name>"
        gitdir = Path(git.read_text().split(":", 1)[1].strip())
        candidates.append(gitdir.parent.parent.parent.parent / "shared" / "seeds" / SEED_NAME)
    for candidate in candidates:
        if candidate.exists():
            return candidate
    pytest.fail(f"The seed article is missing; looked in {', '.join(map(str, candidates))}")


EXPECTED_NOTES = [
    ("twodecades", "p. 17"),
    ("svr1994", ""),
    ("itartass1995", "p. 311"),
    ("twodecades", "p. 18"),
    ("twodecades", "pp. 20–21"),
    ("twodecades", "pp. 24–25"),
    ("oliphant2009", ""),
]


def test_seed_article_into_the_demo_archive(demo, editor):
    sources_before = set(Source.objects.values_list("pk", flat=True))
    out = io.StringIO()
    call_command("import_article", str(seed_path()), "--user", editor.username, stdout=out)
    assert set(Source.objects.values_list("pk", flat=True)) == sources_before  # every reference found: no duplicates
    commentary = Commentary.objects.get(slug="belarus-russia-relations")
    assert commentary.status == "draft" and commentary.status_changed_by == editor
    assert commentary.original_publication.citation_key == "wikipedia-belarus-russia"
    sources = {s.citation_key: s for s in Source.objects.all()}
    notes = render_with_footnotes(commentary.body, sources).footnotes
    assert [(note.key, note.locator) for note in notes] == EXPECTED_NOTES  # 7 references, in the article's order
    assert [len(note.uses) for note in notes] == [1, 1, 1, 1, 1, 1, 2]  # note 7 cited twice ("^ a b")
    assert "## Early 1990s" in commentary.body and "## Mid through end of the 1990s" in commentary.body
    assert "## Economic relations" in commentary.body and "## Diplomatic Tension" in commentary.body
    assert "[edit]" not in commentary.body and "Jump to" not in commentary.body
    assert "ties with the West.[@twodecades, p. 17]" in commentary.body
    citations = Citation.objects.filter(commentary=commentary)
    assert sorted((c.source.citation_key, c.locator) for c in citations) == sorted(EXPECTED_NOTES)
    report = out.getvalue()
    assert report.count("same title") == 7 and "cited 2×" in report


def test_dry_run_writes_nothing(demo):
    out = io.StringIO()
    call_command("import_article", str(seed_path()), "--dry-run", stdout=out)
    assert "Would create 1 draft commentary and 0 pending source(s)." in out.getvalue()
    assert not Commentary.objects.filter(slug="belarus-russia-relations").exists()


ARTICLE = """Gas and milk

A lead paragraph about trade.[1] And more.[2]

Later years[edit]

Another claim.[2][3] A marker without a note.[9]

  1. ^ Smith, Jane (2011). "Milk Wars Revisited". Journal of Dairy Diplomacy 4 (2). p. 5
  2. ^ a b The Pipeline Book (Minsk: Energy Press, 2008), pp. 10-12
  3. ^ The Pipeline Book (Minsk: Energy Press, 2008), p. 40
"""


def test_unknown_references_become_pending_sources_once(demo, editor):
    plan = articles.plan(ARTICLE)
    assert [r.outcome.split(" ")[0] for r in plan.references] == ["new", "new", "new"]
    assert plan.unmatched_markers == [9]
    assert len(plan.new_sources) == 2  # the same book at two places is one source
    commentary = articles.commit(plan, editor, "test")
    smith = Source.objects.get(title="Milk Wars Revisited")
    assert (smith.kind, smith.container_title, smith.volume, smith.issue, smith.date_edtf) == (
        "journal-article", "Journal of Dairy Diplomacy", "4", "2", "2011")  # fmt: skip
    assert [(c.family_name, c.given_name) for c in smith.creators.all()] == [("Smith", "Jane")]
    book = Source.objects.get(title="The Pipeline Book")
    assert (book.place, book.publisher, book.date_edtf, book.status, book.submitted_by) == (
        "Minsk", "Energy Press", "2008", "pending", editor)  # fmt: skip
    assert f"[@{book.citation_key}, pp. 10–12][@{book.citation_key}, p. 40]" in commentary.body
    assert "[9]" in commentary.body
    assert commentary.standfirst == "A lead paragraph about trade. And more."


@pytest.mark.parametrize(
    "text, message",
    [
        ("Just a title\n\nNo notes here.[1]\n", "No reference list found"),
        ("Title\n\nText.[1]\n\n1. ^ First\n1. ^ Again\n", "Reference 1 appears twice"),
        ("1. ^ Only notes\n", "no text before its reference list"),
    ],
)
def test_articles_that_cannot_be_read_say_why(db, text, message):
    with pytest.raises(articles.ImportFileError, match=message):
        articles.plan(text)


def test_command_refuses_unreadable_files(editor, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_article", str(path), "--user", editor.username)


def test_admin_preview_report_and_confirm(demo, client):
    user = staff_member("writer", "Editors")
    client.force_login(user)
    url = "/admin/import/article/"
    assert "/admin/import/article/" in client.get("/admin/archive/commentary/").content.decode()
    preview = client.post(url, {"text": seed_path().read_text(encoding="utf-8")})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert html.count("same title") == 7 and "oliphant2009" in html
    assert not Commentary.objects.filter(slug="belarus-russia-relations").exists()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    done = client.post(url, {"token": token, "format": "", "filename": "", "confirm": "1"})
    assert done.status_code == 302
    commentary = Commentary.objects.get(slug="belarus-russia-relations")
    assert done["Location"] == f"/admin/archive/commentary/{commentary.pk}/change/"
    assert commentary.status == "draft"


def test_readers_and_clerks_cannot_import_articles(client, db):
    from django.contrib.auth import get_user_model

    url = "/admin/import/article/"
    assert client.get(url).status_code == 302
    clerk = get_user_model().objects.create_user("clerk", password="pw-clerk-123", is_staff=True)
    client.force_login(clerk)
    assert client.post(url, {"text": ARTICLE}).status_code == 403
    assert not Commentary.objects.exists()
