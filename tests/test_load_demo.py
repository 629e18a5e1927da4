import io

import pytest
from django.core.management import CommandError, call_command

from archive.models import Actor, Citation, Commentary, Event, Source, Tag


def counts():
    return [m.objects.count() for m in (Actor, Source, Event, Commentary, Citation, Tag)]


@pytest.mark.django_db
def test_load_demo_is_idempotent_and_complete():
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    assert Event.objects.published().count() >= 15
    assert set(Source.objects.values_list("citation_key", flat=True)) >= {
        "wikipedia-belarus-russia",
        "twodecades",
        "svr1994",
        "brzezinski1997",
        "itartass1995",
        "oliphant2009",
        "preiherman2020",
    }
    union_state = Event.objects.get(slug="union-state-1999")
    assert union_state.date_display == "8 December 1999"
    assert Event.objects.get(slug="milk-war-2009").date_display == "July 2009"
    commentary = Commentary.objects.get()
    assert commentary.original_publication.citation_key == "preiherman2020"
    assert {t.name for t in commentary.tags.all()} == {"Europe", "Belarus", "Russia"}
    assert commentary.authorships.get().affiliation == "Minsk Dialogue Council on International Relations"
    assert Citation.objects.filter(source__citation_key="twodecades", locator="pp. 20–21").exists()
    assert Source.objects.get(citation_key="itartass1995").part_of.citation_key == "brzezinski1997"


@pytest.mark.django_db
def test_demo_users_refused_on_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", "--with-demo-users", stdout=io.StringIO())
