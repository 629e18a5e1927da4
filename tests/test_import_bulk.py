"""The bulk paths imports write through, and the works a file holds twice.

The source service's `submit_many` and the publication service's
`save_new_many` must hold every rule their one-record counterparts hold
(`submit` / `save_edit`, `save`): the same status, submitter, history, audit
and search-index rows, the same refusals. Each test runs both paths on the
same input and compares what they leave in the database.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from archive.imports import events, gateway, sources
from archive.models import Actor, AuditEntry, Event, Source, SourceCreator, Tag
from archive.services import publication
from archive.services import sources as source_service
from search.models import SearchDocument
from tests.conftest import staff_member

CREATORS = [("author", "Quixotova", "Anna"), ("editor", "Bureauvich", "Ivan")]


def new_source(key, **fields):
    fields = {
        "kind": "book", "title": "A submitted book", "date_edtf": "2001-07", "status": "approved",
        "reliability": "reliable", "moderator_note": "vouched", "discussion_urls": "https://example.org/d", **fields,
    }  # fmt: skip
    creators = [SourceCreator(role=r, family_name=f, given_name=g) for r, f, g in CREATORS]
    return Source(citation_key=key, **fields), creators


def single(key, user, **fields):
    source, creators = new_source(key, **fields)
    return source_service.submit(source, creators, user, f"Imported {key}")


def bulk(key, user, **fields):
    source, creators = new_source(key, **fields)
    [made] = source_service.submit_many([(source, creators, f"Imported {key}")], user)
    return made


def what_was_written(source, user):
    """Everything a submission leaves about one source, comparable across the two paths."""
    source = Source.objects.get(pk=source.pk)
    history = list(source.history.all())
    entries = list(AuditEntry.objects.for_object(source))
    document = SearchDocument.objects.get(kind="source", object_id=source.pk)
    return {
        "state": (source.status, source.reliability, source.moderator_note, source.discussion_urls,
                  source.submitted_by, source.reviewed_by, source.reviewed_at, source.merged_into),
        "dates": (source.date_earliest.isoformat(), source.date_latest.isoformat(), source.date_precision),
        "creators": [(c.order, c.role, c.family_name) for c in source.creators.all()],
        "history": [(h.history_type, h.history_user, h.history_change_reason.split(" ")[0], h.status)
                    for h in history],
        "audit": [(e.action, e.user, e.reason.split(" ")[0], e.changes) for e in entries],
        "index": (document.title, "Quixotova" in document.keywords, "Bureauvich" in document.keywords,
                  document.public_from),
    }  # fmt: skip


@pytest.mark.parametrize("role", ["Editors", "Moderators"])
def test_submit_many_writes_what_submit_writes(db, role):
    """Pending (whatever the record said), the importer as submitter, one history row and one audit entry, indexed."""
    user = staff_member(f"u-{role}", role)
    one, many = what_was_written(single("one", user), user), what_was_written(bulk("many", user), user)
    assert one == many
    assert many["state"] == ("pending", "", "", "", user, None, None, None)
    assert many["dates"] == ("2001-07-01", "2001-07-31", "month")
    assert many["creators"] == [(1, "author", "Quixotova"), (2, "editor", "Bureauvich")]
    assert many["history"] == [("+", user, "Imported", "pending")]
    assert many["audit"] == [("submit", user, "Imported", {"status": [None, "pending"]})]
    assert many["index"] == ("A submitted book", True, True, None)  # pending: in the index, not public


def test_submit_many_is_refused_like_submit(db):
    clerk = get_user_model().objects.create_user("clerk", password="pw-clerk-123", is_staff=True)
    for path in (single, bulk):
        with pytest.raises(PermissionDenied):
            path("x", clerk)
    editor = staff_member("ed", "Editors")
    with pytest.raises(ValueError, match="already saved"):
        source_service.submit_many([(Source.objects.get(pk=bulk("saved", editor).pk), [], "again")], editor)
    assert list(Source.objects.values_list("citation_key", flat=True)) == ["saved"]


def test_submit_many_keeps_an_empty_date_empty(editor):
    made = bulk("undated", editor, date_edtf="")
    made.refresh_from_db()
    assert (made.date_edtf, made.date_earliest, made.date_precision) == ("", None, "")


def draft_rows(keys):
    belarus = Actor.objects.create(name="Belarus", slug="belarus", kind="country")
    russia = Actor.objects.create(name="Russia", slug="russia", kind="country")
    tag = Tag.objects.create(name="Energy", slug="energy")
    cited = Source.objects.create(citation_key="cited", kind="book", title="Cited book", status="approved")
    return [
        (Event(slug=key, title=f"Talks {key}", date_edtf="2004-06-XX", event_type="negotiations", summary="Held."),
         [belarus, russia], [tag], [cited], f"Imported ({key})")
        for key in keys
    ]  # fmt: skip


def event_written(event):
    event = Event.objects.get(pk=event.pk)
    history = list(event.history.all())
    document = SearchDocument.objects.get(kind="event", object_id=event.pk)
    return {
        "state": (event.status, event.status_changed_by, event.status_changed_at is not None,
                  event.date_earliest.isoformat(), event.date_latest.isoformat(), event.date_precision),
        "links": (sorted(a.slug for a in event.actors.all()), [t.slug for t in event.tags.all()],
                  [(c.source.citation_key, c.order, c.history.count()) for c in event.citations.all()]),
        "last history": (history[0].history_user, history[0].history_change_reason.split(" ")[0],
                         history[0].status, sorted(a.actor.slug for a in history[0].actors.all()),
                         [t.tag.slug for t in history[0].tags.all()]),
        "audit": list(AuditEntry.objects.for_object(event).values_list("action", flat=True)),
        "index": ("Belarus" in document.keywords, "Energy" in document.keywords, "Cited book" in document.body,
                  document.public_from),
        # The history's copies of the links carry the link rows' own ids, as simple_history's m2m copies do.
        "history link ids": all(
            sorted(getattr(history[0], name).values_list("id", flat=True))
            == sorted(getattr(Event, name).through.objects.filter(event=event).values_list("id", flat=True))
            for name in ("actors", "tags")
        ),
    }  # fmt: skip


def test_save_new_many_writes_what_save_writes(editor):
    one, many = draft_rows(["one", "many"])
    gateway.create_draft_event(*one[:4], editor, one[4])
    [made] = gateway.create_draft_events([many], editor)
    first, second = event_written(Event.objects.get(slug="one")), event_written(made)
    assert first == second
    assert second["state"] == ("draft", editor, True, "2004-06-01", "2004-06-30", "month")
    assert second["links"] == (["belarus", "russia"], ["energy"], [("cited", 1, 1)])
    assert second["last history"] == (editor, "Imported", "draft", ["belarus", "russia"], ["energy"])
    assert second["audit"] == []  # a new draft is not a decision (publication.save records none either)
    assert second["index"] == (True, True, True, None)
    assert second["history link ids"]


def test_save_new_many_is_refused_like_save(editor):
    [(event, actors, *_)] = draft_rows(["e"])
    reader = get_user_model().objects.create_user("reader", password="pw-reader-123")
    with pytest.raises(ValidationError, match="may not add events"):
        publication.save(event, reader, publication.Action.DRAFT)
    with pytest.raises(ValidationError, match="may not add events"):
        publication.save_new_many(Event, [(event, {"actors": actors}, "")], reader, publication.Action.DRAFT)
    publisher = staff_member("pub", "Moderators")
    with pytest.raises(ValidationError, match="two countries"):  # the publishing rule holds in bulk too
        publication.save_new_many(Event, [(event, {"actors": actors[:1]}, "")], publisher, publication.Action.PUBLISH)
    assert not Event.objects.exists()


def test_events_commit_writes_in_batches(editor, monkeypatch):
    monkeypatch.setattr(events, "BATCH", 2)
    rows = "".join(f"ev-{i},Talks {i},2004-06-0{i + 1},negotiations,belarus; russia,energy,Held.,cited\n"
                   for i in range(5))  # fmt: skip
    draft_rows([])
    plan = events.plan("slug,title,date_edtf,event_type,actors,tags,summary,citation_keys\n" + rows, "csv")
    result = events.commit(plan, {}, editor, "test")
    assert [e.slug for e in result.created] == [f"ev-{i}" for i in range(5)]
    assert SearchDocument.objects.filter(kind="event").count() == 5
    assert all(e.actors.count() == 2 and e.citations.count() == 1 for e in Event.objects.all())


# The same work twice in one file ---------------------------------------------------------------------------------

TWICE = (
    "@book{first, title={Gas, Milk and Sugar: Belarus and Russia}, author={Doe, Jane}, year={2001}}\n"
    "@book{other, title={An unrelated work}, doi={10.1234/abc}, year={2002}}\n"
    "@book{again, title={Gas, milk and sugar — Belarus and Russia}, author={Doe, J.}, year={2001}}\n"
    "@article{samedoi, title={A retitled copy}, doi={https://doi.org/10.1234/ABC}, year={2002}}\n"
    "@book{third, title={Gas, Milk and Sugar: Belarus and Russia}, year={2001}}\n"
)


def test_a_work_repeated_in_the_file_is_marked_as_the_first_row(db):
    rows = sources.plan(TWICE, "bibtex")
    assert [r.same_as for r in rows] == [None, None, 1, 2, 1]
    assert [r.default_choice for r in rows] == ["import", "import", "skip", "skip", "skip"]


def test_repeated_records_are_not_imported_unless_chosen(editor):
    rows = sources.plan(TWICE, "bibtex")
    result = sources.commit(rows, {}, editor, "test")
    assert sorted(s.citation_key for s in result.created) == ["first", "other"]
    assert [r.source.citation_key for r in result.repeated] == ["again", "samedoi", "third"]
    rows = sources.plan(TWICE.replace("first", "fourth").replace("other", "fifth"), "bibtex")
    assert all(r.duplicates for r in rows)  # now in the archive: every row looks like an existing source
    assert [r.default_choice for r in rows] == ["existing"] * 5


def test_repeated_records_can_still_be_imported_on_purpose(editor):
    rows = sources.plan(TWICE, "bibtex")
    result = sources.commit(rows, {3: sources.IMPORT}, editor, "test")
    assert sorted(s.citation_key for s in result.created) == ["again", "first", "other"]


def test_the_command_lists_repeated_records(editor, tmp_path):
    path = tmp_path / "twice.bib"
    path.write_text(TWICE, encoding="utf-8")
    for extra in (["--dry-run"], []):
        out = io.StringIO()
        call_command("import_sources", str(path), "--user", editor.username, *extra, stdout=out, stderr=io.StringIO())
        assert "Repeated in the file (not imported): 3" in out.getvalue()
        assert "record “again” at line 3: the same work as record 1" in out.getvalue()
    assert Source.objects.count() == 2


def test_the_preview_links_a_repeated_record_to_its_first(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        "/admin/import/sources/", {"file": SimpleUploadedFile("t.bib", TWICE.encode()), "text": "", "format": ""}
    )
    html = response.content.decode()
    assert 'Same work as <a href="#record-1">record 1</a>' in html
    assert 'Same work as <a href="#record-2">record 2</a>' in html
    row = html[html.index('id="record-3"') :]
    assert 'value="skip" checked' in row[: row.index("</tr>")]


# The index write of a batch ------------------------------------------------------------------------------------


def index_rows(kind, ids):
    """Everything the index holds about these objects, keyed by object id (document ids left out)."""
    documents = SearchDocument.objects.filter(kind=kind, object_id__in=ids).prefetch_related("facets")
    return {
        d.object_id: (d.title, d.summary, d.keywords, d.body, d.url, d.date_display, d.date_sort, d.public_from,
                      d.tags, d.length, sorted((f.name, f.value, f.label) for f in d.facets.all()))
        for d in documents
    }  # fmt: skip


def ranked(text, filters=None):
    from search import query
    from search.backend import get_backend

    ids = get_backend().match(query.parse(text), filters or {}, "relevance").ids
    objects = dict(SearchDocument.objects.filter(id__in=ids).values_list("id", "object_id"))
    return [objects[i] for i in ids]  # object ids: a rewrite gives the documents new ids


def approved_sources(n):
    country = Actor.objects.create(name="Belarus", slug="belarus", kind="country")
    made = []
    for i in range(n):
        source, creators = new_source(
            f"batch{i}", title=f"Gas transit volume {i}" + " pipeline" * (i % 3), date_edtf=str(1991 + 7 * i)
        )
        source.country_of_origin = country
        made.append(source_service.submit(source, creators, staff_member(f"m{i}", "Moderators"), "typed"))
        source_service.approve(made[-1], staff_member(f"a{i}", "Moderators"))
    return [s.pk for s in made]


def test_a_batch_index_write_gives_the_rows_and_ranking_of_one_by_one_writes(db):
    """One reindex of many objects (an import's) leaves exactly what a reindex per object leaves, and ranks alike."""
    from search import index

    ids = approved_sources(4)
    for pk in ids:
        index.reindex("source", [pk])
    one_by_one, ranking = index_rows("source", ids), ranked("pipeline gas")
    facet_ranking = ranked("gas", {"actor": ["belarus"]})
    index.reindex("source", ids)
    assert index_rows("source", ids) == one_by_one
    assert len(one_by_one) == 4 and all(row[-1] for row in one_by_one.values())  # facets written
    assert ranked("pipeline gas") == ranking and sorted(ranking) == sorted(ids)
    assert ranked("gas", {"actor": ["belarus"]}) == facet_ranking and len(facet_ranking) == 4
    assert ranked("quixotova") and len(ranked("quixotova")) == 4  # the creators' names are searchable


def test_the_index_write_of_an_import_takes_the_same_statements_for_3_or_30_rows(editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def statements(n, start):
        rows = "".join(f"ev-{i},Talks {i},2004-06-01,negotiations,belarus; russia,energy,Held.,cited\n"
                       for i in range(start, start + n))  # fmt: skip
        plan = events.plan("slug,title,date_edtf,event_type,actors,tags,summary,citation_keys\n" + rows, "csv")
        with CaptureQueriesContext(connection) as captured:
            result = events.commit(plan, {}, editor, "test")
        assert len(result.created) == n
        return len(captured)

    draft_rows([])
    statements(1, 0)  # the first import also reads what later ones find cached (content types, permissions)
    assert statements(3, 10) == statements(30, 100)
    assert SearchDocument.objects.filter(kind="event").count() == 34
