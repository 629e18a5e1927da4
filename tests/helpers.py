"""Form payloads for the admin's HTTP interface, shared by the role and workflow tests."""

import datetime as dt

from django.forms.models import model_to_dict
from django.utils import timezone

from archive.models import Commentary
from archive.services import publication

# Tests written as "set the status to X" press the workflow button that leads there.
BUTTON_FOR_STATUS = {"draft": "draft", "review": "submit", "published": "publish", "archived": "unpublish"}


def _as_button(data, item):
    """The form has buttons, not a status menu; and it carries the version it was opened on."""
    status = data.pop("status", None)
    if "_workflow" not in data and status is not None and (item is None or status != item.status):
        data["_workflow"] = BUTTON_FOR_STATUS[status]
    if item is not None and item.pk is not None and "edit_token" not in data:
        data["edit_token"] = publication.version_token(item)
    return data


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


SOURCE_FIELDS = [
    "citation_key", "kind", "title", "abstract", "container_title", "publisher", "place", "date_edtf", "volume",
    "issue", "pages", "edition", "language", "url", "archived_url", "doi", "isbn", "affiliation", "status",
    "reliability", "moderator_note", "discussion_urls",
]  # fmt: skip


def source_post(source=None, **overrides):
    """What the source form posts: the source's current values (or a new one), then overrides."""
    data = {f: "" for f in SOURCE_FIELDS}
    data.update({"kind": "book", "language": "en", "status": "pending"})
    if source is not None:
        values = model_to_dict(source)
        data.update({f: values.get(f) or "" for f in SOURCE_FIELDS})
    data.update(inline_management("creators"))
    data.update(overrides)
    return data


def commentary_post(commentary=None, **overrides):
    data = {
        "title": "Gas and milk",
        "slug": "gas-and-milk",
        "standfirst": "Why it matters.",
        "body": "A claim.",
        "published_on": "2020-08-05",
        "status": "draft",
        "publish_at_0": "2020-08-05",
        "publish_at_1": "10:00:00",
        **inline_management("authorships"),
        **inline_management("citations"),
    }
    if commentary is not None:
        data.update(
            {
                "title": commentary.title,
                "slug": commentary.slug,
                "standfirst": commentary.standfirst,
                "body": commentary.body,
                "published_on": commentary.published_on.isoformat(),
                "status": commentary.status,
                "publish_at_0": commentary.publish_at.strftime("%Y-%m-%d"),
                "publish_at_1": commentary.publish_at.strftime("%H:%M:%S"),
            }
        )
    data.update(overrides)
    return _as_button(data, commentary)


def event_post(event, **overrides):
    data = {
        "title": event.title,
        "slug": event.slug,
        "date_edtf": event.date_edtf,
        "event_type": event.event_type,
        "summary": event.summary,
        "body": event.body,
        "actors": [str(a.pk) for a in event.actors.all()],
        "tags": [str(t.pk) for t in event.tags.all()],
        "status": event.status,
        "publish_at_0": event.publish_at.strftime("%Y-%m-%d"),
        "publish_at_1": event.publish_at.strftime("%H:%M:%S"),
        **inline_management("citations"),
    }
    data.update(overrides)
    return _as_button(data, event)


def new_commentary(**fields):
    """A draft commentary whose publish date has come (what the workflow tests start from)."""
    values = {
        "title": "Gas and milk",
        "slug": "gas-and-milk",
        "standfirst": "Why it matters.",
        "body": "A claim.",
        "published_on": dt.date(2020, 8, 5),
        "publish_at": timezone.now() - dt.timedelta(days=1),
    }
    return Commentary.objects.create(**{**values, **fields})
