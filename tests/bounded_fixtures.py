"""A small corpus for the engines' bounded stages (tests/test_search_*_bounded.py), with caps lowered there.

Each word's best events hold it in the title and repeat it; `several` holds four of the five words once
(with "quartz, nimbus" together): the best for the five-word query, the best for none of its words alone.
"""

import datetime as dt

import pytest
from django.utils import timezone

from archive.models import Event
from search.models import SearchDocument

WORDS = ["quartz", "nimbus", "falcon", "ember", "tundra"]


def publish(title, summary, body="", slug=None):
    return Event.objects.create(
        title=title,
        slug=slug or title.lower().replace(" ", "-")[:50],
        event_type="summit",
        summary=summary,
        body=body,
        date_edtf="2001",
        status="published",
        publish_at=timezone.now() - dt.timedelta(days=1),
    )


@pytest.fixture
def bounded_corpus():
    """Champions of one word each (the word in the title and repeated), and one event holding four words once.

    The four-word event is the best for the five-word query (BM25 sums over words) while being the best for
    none of them alone; it is not in the all-words rank group (it lacks `tundra`).
    """
    events = {}
    for i, word in enumerate(WORDS):
        for j in range(3):
            # Lengths and repetitions differ from event to event, so no two scores tie.
            events[f"{word}{j}"] = publish(
                f"{word.title()} report {i}{j}",
                f"The {' '.join([word] * (2 + j))} question.",
                " ".join([f"{word} again"] + ["filler"] * (3 * i + j)),
                f"{word}-{j}",
            )
    events["several"] = publish("Notes", "On quartz, nimbus, falcon and ember.", slug="several")
    for i in range(12):
        publish(f"Other {i}", f"Nothing here {i} but a {WORDS[i % 5]}.", " ".join(["padding"] * i), slug=f"other-{i}")
    return events


def assert_facet_lists(matches):
    """The packed facet values returned with the ids are those ids' own (what the page's facet counts read)."""
    stored = dict(SearchDocument.objects.filter(id__in=matches.ids).values_list("id", "facet_list"))
    assert matches.ids and matches.facet_lists == [stored[i] for i in matches.ids]
    assert all(matches.facet_lists)
