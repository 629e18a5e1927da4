"""The admin import flow for sources: roles, preview, per-record choices, atomic confirm, bad files."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from archive.imports import files, sources
from archive.models import Source
from tests.conftest import staff_member

URL = "/admin/import/sources/"
BIB = (
    "@book{newbook2011, title={An Unrelated New Book}, author={Doe, Jane}, year={2011}}\n"
    "@book{dup, title={Two Decades of the Russian Federation’s Foreign Policy in the Commonwealth of Independent "
    "States: The Cases of Belarus and Ukraine}}\n"
    "@article{second, title={Another Fresh Article}, author={Roe, Rick}, journal={J}, year={2012}}\n"
)


def upload(client, text=BIB, name="refs.bib", **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, text.encode()), "text": "", "format": "", **extra})


def hidden(response, name):
    return re.search(rf'name="{name}" value="([^"]*)"', response.content.decode()).group(1)


def confirm(client, response, **choices):
    data = {name: hidden(response, name) for name in ("token", "format", "filename")} | {"confirm": "1"}
    data.update({f"choice-{n}": c for n, c in choices.items()})
    return client.post(URL, data)


def test_anonymous_and_non_staff_are_sent_to_login(client, db):
    assert client.get(URL).status_code == 302
    reader = get_user_model().objects.create_user("reader", password="pw-reader-123")
    client.force_login(reader)
    response = client.post(URL, {"file": SimpleUploadedFile("r.bib", BIB.encode())})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Source.objects.filter(citation_key="newbook2011").exists()


def test_staff_without_add_source_is_refused(client, db):
    user = get_user_model().objects.create_user("clerk", password="pw-clerk-123", is_staff=True)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert upload(client).status_code == 403


@pytest.mark.parametrize("role", ["Editors", "Moderators"])
def test_editors_and_moderators_import_pending_sources(client, demo, role):
    user = staff_member(f"user-{role}", role)
    client.force_login(user)
    page = client.get("/admin/archive/source/")
    assert URL in page.content.decode()  # the changelist offers the import
    assert client.get(URL).status_code == 200
    preview = upload(client)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "newbook2011" in html and "Jane Doe" in html and "2011" in html
    twodecades = Source.objects.get(citation_key="twodecades")
    assert f"/admin/archive/source/{twodecades.pk}/change/" in html  # the possible existing source, linked
    assert not Source.objects.filter(citation_key="newbook2011").exists()  # the preview writes nothing
    done = confirm(client, preview, **{"1": "import", "2": "existing", "3": "skip"})
    assert done.status_code == 302
    created = Source.objects.get(citation_key="newbook2011")
    assert (created.status, created.submitted_by, created.reviewed_by) == ("pending", user, None)
    assert not Source.objects.filter(title="Another Fresh Article").exists()
    assert Source.objects.filter(title__startswith="Two Decades").count() == 1


def test_moderator_import_never_arrives_approved(moderator_client, db):
    text = '[{"id": "x1", "type": "book", "title": "Approved?", "status": "approved"}]'
    preview = moderator_client.post(URL, {"text": text, "format": "csl-json"})
    assert preview.status_code == 200
    confirm(moderator_client, preview, **{"1": "import"})
    assert Source.objects.get(citation_key="x1").status == "pending"


def test_pasted_text_works_like_a_file(editor_client, db):
    preview = editor_client.post(URL, {"text": BIB, "format": ""})
    assert preview.status_code == 200
    confirm(editor_client, preview, **{"1": "import", "2": "import", "3": "import"})
    assert Source.objects.filter(status="pending").count() == 3


def test_failed_import_writes_nothing_and_keeps_the_upload(editor_client, db, monkeypatch):
    preview = upload(editor_client)
    original = sources.gateway.create_pending_sources
    monkeypatch.setattr(sources, "BATCH", 1)  # the second batch fails after the first was written
    calls = []

    def fail_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise IntegrityError("duplicate key value")
        return original(*args, **kwargs)

    monkeypatch.setattr(sources.gateway, "create_pending_sources", fail_second)
    failed = confirm(editor_client, preview, **{"1": "import", "2": "import", "3": "import"})
    assert failed.status_code == 409
    assert "Nothing was imported" in failed.content.decode()
    assert not Source.objects.exists()
    monkeypatch.setattr(sources.gateway, "create_pending_sources", original)
    again = confirm(editor_client, failed, **{"1": "import", "2": "import", "3": "import"})
    assert again.status_code == 302 and Source.objects.count() == 3


def test_another_editors_upload_cannot_be_confirmed(client, db):
    first, second = staff_member("ed1", "Editors"), staff_member("ed2", "Editors")
    client.force_login(first)
    preview = upload(client)
    client.force_login(second)
    response = confirm(client, preview, **{"1": "import"})
    assert response.status_code == 400 and "no longer available" in response.content.decode()
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"@book{a, title={Caf\xe9}}", "not UTF-8"),
        (b"Dear editor, here are my references.", "not a BibTeX, RIS or CSL-JSON file"),
        (b"@book{a, title={ok}}\n@book{b,\n title={open\n", "record starting at line 2"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(editor_client, db, data, message):
    response = editor_client.post(URL, {"file": SimpleUploadedFile("refs.txt", data), "text": ""})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_files_over_20_mb_are_refused(editor_client, db, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)
    monkeypatch.setattr("archive.admin.imports.MAX_BYTES", 1000)
    response = upload(editor_client, text="@book{a, title={x}}\n" + "%" * 2000)
    assert response.status_code == 400 and "larger than 20 MB" in response.content.decode()


def test_nothing_chosen_is_a_clear_error(editor_client, db):
    response = editor_client.post(URL, {"text": "", "format": ""})
    assert response.status_code == 400 and "Choose a file" in response.content.decode()


def _queries_for(client, url, data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    assert response.status_code == 200
    return len(captured)


def test_preview_query_count_does_not_grow_with_the_file(editor_client, demo):
    def bib(n):
        return "".join(
            f"@book{{fresh{i}, title={{Entirely new book number {i} on zqx}}, year={{2001}}}}\n" for i in range(n)
        )

    def events_csv(n):
        rows = "".join(f"ev{i},Event {i},2004,summit,belarus; russia,energy,Summary.,twodecades\n" for i in range(n))
        return "slug,title,date_edtf,event_type,actors,tags,summary,citation_keys\n" + rows

    assert _queries_for(editor_client, URL, {"text": bib(3)}) == _queries_for(editor_client, URL, {"text": bib(30)})
    small = _queries_for(editor_client, "/admin/import/events/", {"text": events_csv(3), "format": "csv"})
    assert small == _queries_for(editor_client, "/admin/import/events/", {"text": events_csv(30), "format": "csv"})
