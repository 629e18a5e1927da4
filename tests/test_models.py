import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from archive.models import Citation, Commentary, Event, Source, Tag, TagRedirect


def make_event(**kw):
    defaults = dict(title="E", slug="e", date_edtf="2009-07", event_type="trade-ban", summary="s")
    defaults.update(kw)
    return Event.objects.create(**defaults)


@pytest.mark.django_db
def test_event_bounds_are_derived_and_vague_dates_sort_by_earliest_day():
    make_event(slug="a", date_edtf="2009-07-15")
    make_event(slug="b", date_edtf="2009")
    make_event(slug="c", date_edtf="199X")
    make_event(slug="d", date_edtf="1990~/1993~")
    assert list(Event.objects.values_list("slug", flat=True)) == ["d", "c", "b", "a"]
    vague = Event.objects.get(slug="b")
    assert (vague.date_earliest, vague.date_latest, vague.date_precision) == (
        dt.date(2009, 1, 1),
        dt.date(2009, 12, 31),
        "year",
    )
    # Range filter: what could have happened in July 2009
    july = Event.objects.filter(date_earliest__lte=dt.date(2009, 7, 31), date_latest__gte=dt.date(2009, 7, 1))
    assert set(july.values_list("slug", flat=True)) == {"a", "b"}


@pytest.mark.django_db
def test_invalid_edtf_is_a_validation_error():
    event = Event(title="E", slug="e", date_edtf="2009-13", event_type="treaty", summary="s")
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    assert "date_edtf" in info.value.message_dict


@pytest.mark.django_db
def test_database_refuses_inconsistent_bounds():
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(date_latest=dt.date(2000, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(date_precision="day")


@pytest.mark.django_db
def test_unique_slugs_and_keys():
    make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event()
    Source.objects.create(citation_key="k2009", kind="book", title="T")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(citation_key="k2009", kind="book", title="U")


@pytest.mark.django_db
def test_citation_targets_exactly_one_item():
    source = Source.objects.create(citation_key="k", kind="book", title="T")
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source)
    commentary = Commentary.objects.create(title="C", slug="c", standfirst="s", body="b", published_on=dt.date.today())
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source, event=event, commentary=commentary)


@pytest.mark.django_db
def test_rejected_source_needs_a_reason():
    source = Source(citation_key="k", kind="book", title="T", status="rejected")
    with pytest.raises(ValidationError):
        source.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        source.save()


@pytest.mark.django_db
def test_tag_names_unique_regardless_of_case():
    Tag.objects.create(name="Energy", slug="energy")
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="ENERGY", slug="energy-2")


@pytest.mark.django_db
def test_renamed_tag_keeps_old_url(client):
    tag = Tag.objects.create(name="Gas", slug="gas")
    make_event(status="published").tags.add(tag)  # a tag in public use (a hidden one has no public page to redirect to)
    tag.name, tag.slug = "Energy", "energy"
    tag.save()
    assert TagRedirect.objects.get(old_slug="gas").tag == tag
    response = client.get("/tags/gas/")
    assert response.status_code == 301
    assert response["Location"] == "/tags/energy/"


@pytest.mark.django_db
def test_merging_tags_keeps_everything_tagged(client):
    gas, energy = Tag.objects.create(name="Gas", slug="gas"), Tag.objects.create(name="Energy", slug="energy")
    a, b, c = (make_event(slug=slug, status="published") for slug in "abc")
    a.tags.set([gas])
    b.tags.set([gas, energy])
    c.tags.set([energy])
    gas.merge_into(energy)
    assert set(energy.events.values_list("slug", flat=True)) == {"a", "b", "c"}
    assert not Tag.objects.filter(slug="gas").exists()
    assert client.get("/tags/gas/")["Location"] == "/tags/energy/"


@pytest.mark.django_db
def test_scheduled_item_stays_hidden_until_its_date():
    from django.utils import timezone

    make_event(slug="now", status="published")
    make_event(slug="later", status="published", publish_at=timezone.now() + dt.timedelta(days=1))
    make_event(slug="draft", status="draft")
    assert list(Event.objects.published().values_list("slug", flat=True)) == ["now"]
