"""Events from CSV and JSON Lines in the archive's export format: round trip, matching, drafts, bad rows."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from archive.imports import events
from archive.models import Actor, Citation, Commentary, Event, Source, Tag
from tests.conftest import staff_member

URL = "/admin/import/events/"
HEADER = "slug,title,date_edtf,event_type,actors,tags,summary,citation_keys\n"


def wipe_all_but_sources():
    """An archive without events, commentary, actors or tags; the cited sources stay (the file does not carry
    them), with the countries they come from (a source's country of origin is an actor)."""
    Citation.objects.all().delete()
    Commentary.objects.all().delete()
    Event.objects.all().delete()
    Actor.objects.exclude(pk__in=Source.objects.values("country_of_origin")).delete()
    Tag.objects.all().delete()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_import_export_gives_the_same_file(demo, client, fmt, tmp_path):
    moderator = staff_member("mod", "Moderators")
    client.force_login(moderator)  # staff see drafts in the export too, so the imported drafts come out again
    first = client.get(f"/events/export.{fmt}").content
    assert first.count(b"\n") > 20
    wipe_all_but_sources()
    path = tmp_path / f"events.{fmt}"
    path.write_bytes(first)
    call_command("import_events", str(path), "--create-missing", "--user", "mod", stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    assert set(Event.objects.values_list("status", flat=True)) == {"draft"}
    assert client.get(f"/events/export.{fmt}").content == first


def test_actors_and_tags_match_by_slug_name_or_alias(demo, editor):
    text = HEADER + (
        "s1,Talks,2019-09,negotiations,Lukashenka; Russian Federation; cis,Energy; trade,Talks held.,twodecades\n"
    )
    plan = events.plan(text, "csv")
    assert plan.unknown_actors == plan.unknown_tags == plan.unknown_keys == []
    result = events.commit(plan, {}, editor, "test")
    [event] = result.created
    assert sorted(a.slug for a in event.actors.all()) == ["alexander-lukashenko", "cis", "russia"]
    assert sorted(t.slug for t in event.tags.all()) == ["energy", "trade"]
    assert [c.source.citation_key for c in event.citations.all()] == ["twodecades"]
    assert event.status == "draft"


def test_unknown_names_are_listed_and_created_only_when_confirmed(demo, editor):
    text = HEADER + "s1,Talks,2019,summit,Belarus; Minsk Group,Diplomacy,Held.,nosuchkey; oliphant2009\n"
    plan = events.plan(text, "csv")
    assert (plan.unknown_actors, plan.unknown_tags, plan.unknown_keys) == (
        ["Minsk Group"],
        ["Diplomacy"],
        ["nosuchkey"],
    )
    result = events.commit(plan, {}, editor, "test")
    assert result.left_out == ["@nosuchkey", "Diplomacy", "Minsk Group"]
    assert not Actor.objects.filter(name="Minsk Group").exists() and not Tag.objects.filter(name="Diplomacy").exists()
    assert [a.slug for a in result.created[0].actors.all()] == ["belarus"]
    Event.objects.filter(slug="s1").delete()
    plan = events.plan(text, "csv")
    result = events.commit(plan, {}, editor, "test", create_actors={"Minsk Group": "organization"},
                           create_tags={"Diplomacy"})  # fmt: skip
    event = result.created[0]
    assert sorted(a.name for a in event.actors.all()) == ["Belarus", "Minsk Group"]
    assert [t.name for t in event.tags.all()] == ["Diplomacy"]


def test_bad_rows_are_rejected_with_reasons_and_good_ones_kept(demo, editor):
    text = HEADER + (
        "a,Fine,2004-06-XX,summit,,,Fine.,\n"
        "b,Bad date,2004-13,summit,,,x,\n"
        "c,Bad type,2004,party,,,x,\n"
        "d,,2004,summit,,,x,\n"
        "cis-founded-1991,Already here,1991-12-08,founding,,,x,\n"
    )
    plan = events.plan(text, "csv")
    problems = {r.event.slug: r.problems for r in plan.rows}
    assert problems["a"] == []
    assert "date “2004-13”" in problems["b"][0]
    assert "event type “party”" in problems["c"][0]
    assert problems["d"] == ["title is empty"]
    assert plan.rows[4].existing.slug == "cis-founded-1991"
    assert [r.line for r in plan.rows] == [2, 3, 4, 5, 6]
    result = events.commit(plan, {}, editor, "test")
    assert [e.slug for e in result.created] == ["a"]
    assert Event.objects.get(slug="cis-founded-1991").title != "Already here"


@pytest.mark.parametrize(
    "text, fmt, message",
    [
        ("title,summary\nx,y\n", "csv", "lacks date_edtf, event_type"),
        (HEADER + 'a,"unclosed,2004,summit\n', "csv", "CSV syntax error in the row starting at line 2"),
        ('{"title": "x"}\n{"title": \n', "jsonl", "line 2"),
        ("[1, 2]\n", "jsonl", "Line 1 is not a JSON object"),
        (HEADER, "csv", "no event rows"),
    ],
)
def test_malformed_files_say_where(db, text, fmt, message):
    try:
        plan = events.plan(text, fmt)
    except events.ImportFileError as exc:
        assert re.search(message, str(exc))
    else:
        assert any(re.search(message, "; ".join(r.problems)) for r in plan.rows)


def test_command_dry_run_and_summary(demo, editor, tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_text(json.dumps({"slug": "new-one", "title": "New", "date_edtf": "2021", "event_type": "summit",
                                "summary": "S.", "actors": ["Nowhere Land"]}) + "\n")  # fmt: skip
    out = io.StringIO()
    call_command("import_events", str(path), "--dry-run", stdout=out)
    assert "Would create 1 draft event(s)." in out.getvalue() and "Nowhere Land" in out.getvalue()
    assert not Event.objects.filter(slug="new-one").exists()
    out = io.StringIO()
    with pytest.raises(CommandError, match="--user"):
        call_command("import_events", str(path))
    call_command("import_events", str(path), "--create-missing", "--actor-kind", "country", "--user", editor.username,
                 stdout=out, stderr=io.StringIO())  # fmt: skip
    assert "Created 1 draft event(s), 1 actor(s), 0 tag(s)." in out.getvalue()
    assert Actor.objects.get(name="Nowhere Land").kind == "country"
    with pytest.raises(CommandError, match="empty"):
        (tmp_path / "empty.csv").write_text("")
        call_command("import_events", str(tmp_path / "empty.csv"), "--dry-run")


def test_admin_flow_creates_confirmed_names_and_drafts(demo, editor_client):
    text = HEADER + "x1,Talks,2019,summit,Belarus; Minsk Group,Diplomacy,Held.,\nx2,Other,2019,summit,,,Held.,\n"
    preview = editor_client.post(URL, {"text": text, "format": "csv"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Minsk Group" in html and "Diplomacy" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    response = editor_client.post(URL, {"token": token, "format": "csv", "filename": "", "confirm": "1",
                                        "choice-1": "import", "choice-2": "skip", "create-actor-0": "1",
                                        "actor-kind-0": "organization"})  # fmt: skip
    assert response.status_code == 302
    event = Event.objects.get(slug="x1")
    assert event.status == "draft"
    assert sorted(a.name for a in event.actors.all()) == ["Belarus", "Minsk Group"]
    assert not Tag.objects.filter(name="Diplomacy").exists()  # not confirmed
    assert not Event.objects.filter(slug="x2").exists()


def test_readers_cannot_import_events(client, db):
    assert client.get(URL).status_code == 302
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("r", password="pw-reader-123"))
    assert client.post(URL, {"text": HEADER + "a,b,2004,summit,,,c,\n"}).status_code == 302
    assert not Event.objects.exists()
