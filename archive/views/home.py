"""The home page: what the archive is, what is new, what happened on this day."""

from django.shortcuts import render
from django.utils import timezone

from archive import memo, prefetch, public
from archive.visibility import visible_commentary, visible_events

ON_THIS_DAY = 8


def home(request):
    today = timezone.localdate()
    events = visible_events(request)
    return render(
        request,
        "archive/home.html",
        {
            # Kept under the content version like the tag counts: SQLite picks an index and a sort for the
            # newest few commentaries (34 ms with 3,000), and a reader's home page is mostly these lists.
            "commentaries": memo.remember(
                request,
                ("home", "latest commentary"),
                lambda: list(prefetch.commentary_for_list(visible_commentary(request))[:5]),
            ),
            "events": memo.remember(
                request,
                ("home", "recent events"),
                lambda: list(events.order_by("-date_earliest", "-date_latest", "-title")[:8]),  # the lists' index
            ),
            # A large archive has hundreds of events on any day: the first few by date, and a word that there are more.
            # Finding them reads every event's date (no index helps): kept under the content version and the day.
            "on_this_day": memo.remember(
                request,
                ("on this day", today.isoformat()),
                lambda: public.first_of(
                    prefetch.events_for_cards(
                        events.filter(
                            date_precision="day", date_earliest__month=today.month, date_earliest__day=today.day
                        )
                    ).order_by("date_earliest", "pk"),
                    ON_THIS_DAY,
                ),
            ),
            "today": today,
            "tags": sorted(public.tags_with_counts(request), key=lambda tag: -tag.total)[:12],  # stable: by name
            "meta_description": (
                "A curated archive of events, commentary and sources on international relations, "
                "where every claim links to its source."
            ),
        },
    )
