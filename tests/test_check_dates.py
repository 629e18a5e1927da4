"""manage.py check_dates: dates saved before a rule tightened are listed, and stale bounds can be fixed."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Event, Source


def run(*args):
    out = StringIO()
    call_command("check_dates", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def event(db):
    return Event.objects.create(title="Talks", slug="talks", date_edtf="2004", event_type="summit", summary="Met.")


def test_clean_dates_pass(event):
    Source.objects.create(citation_key="k", kind="book", title="A book", date_edtf="2009-07")
    assert run().strip() == "0 refused, 0 stale."


def test_a_refused_date_is_listed_with_its_admin_page_and_fails_the_command(event):
    Event.objects.filter(pk=event.pk).update(date_edtf="2004/")  # saved before open ends were refused
    out = StringIO()
    with pytest.raises(CommandError, match="1 date"):
        call_command("check_dates", stdout=out)
    assert f"event {event.pk}: “2004/” is refused" in out.getvalue()
    assert f"/admin/archive/event/{event.pk}/change/" in out.getvalue()


def test_stale_bounds_are_reported_then_fixed(event):
    Event.objects.filter(pk=event.pk).update(date_earliest=dt.date(2004, 6, 1))
    with pytest.raises(CommandError):
        run()
    assert "bounds of “2004” recomputed" in run("--fix")
    event.refresh_from_db()
    assert (event.date_earliest, event.date_latest) == (dt.date(2004, 1, 1), dt.date(2004, 12, 31))
    assert event.history.first().history_change_reason == "Date bounds recomputed (check_dates --fix)"
    assert run().strip() == "0 refused, 0 stale."
