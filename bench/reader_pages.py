"""Benchmark: server time and SQL queries of each public page, with the demo plus N extra items of every kind.

Run:  .venv/bin/python bench/reader_pages.py [--extra 200] [--repeat 15]
      DATABASE_URL=sqlite:////path/copy.sqlite3 .venv/bin/python bench/reader_pages.py --existing --extra 0
Uses a throw-away test database (SQLite by default; set DATABASE_URL for PostgreSQL), or with
--existing the database DATABASE_URL names, as it is (e.g. a copy of the 100,000-document corpus
of bench/generate.py: never the original, the demo archive is loaded into it, idempotently), plus
pages of the generated corpus (its busiest actor and pair, a tag, an event, a commentary).
Prints, per page, the median and 95th-percentile wall time and the median CPU time of
this process (less disturbed by other work on a shared machine) when the page is
rendered (page cache off; the memo of page parts, archive/memo.py, and the Markdown
cache warm, as for a reader with a session when nothing changed), the median wall time
"cold" (every cache emptied before each request: the first view after a change), its
query count, and the median wall time when a reader without a session is served from
the public page cache (archive/page_cache.py). The last lines compare the cached pages'
in-process throughput with a trivial view (bench/urls.py) measured in the same run,
through the same middleware, and time a pure-Python loop so figures from machines of
different speed can be compared.
"""

import argparse
import os
import statistics
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")  # DEBUG off, the trivial view

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PAGES = [
    "/",
    "/commentary/",
    "/commentary/new-chapter-belarus-russia-relations-after-elections/",
    "/events/",
    "/events/?tag=energy&date_from=1995",
    "/timeline/",
    "/events/union-state-1999/",
    "/sources/",
    "/sources/twodecades/",
    "/tags/",
    "/tags/energy/",
    "/actors/belarus/",
    "/actors/belarus/russia/",
    "/events/export.csv",
    "/events/timelinejs.json",
    "/commentary/feed/atom/",
    "/sitemap.xml",
    "/sitemap-events.xml",
    "/sources/?kind=book",
    "/authors/yauheni-preiherman/",
    "/search/?q=gas",
]

WHOLE_EXPORTS = ("/events/export.csv", "/events/timelinejs.json")


def measure(client, url, repeat, before=None):
    client.get(url)  # warm caches and templates
    walls, cpus = [], []
    for _ in range(repeat):
        if before:
            before()
        with CaptureQueriesContext(connection) as queries:
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            cpus.append((time.process_time() - cpu) * 1000)
            walls.append((time.perf_counter() - wall) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    walls.sort()
    p95 = walls[min(len(walls) - 1, int(len(walls) * 0.95))]
    return statistics.median(walls), p95, statistics.median(cpus), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=200, help="extra events and commentaries to add")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--existing", action="store_true", help="use DATABASE_URL's database as it is (a copy!)")
    args = parser.parse_args()

    setup_test_environment()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import get_runner

    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = None if args.existing else runner.setup_databases()
    try:
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
        from tests.reader_factories import add_many

        add_many(args.extra, prefix="bench")
        pages = PAGES
        if args.existing:  # a whole-archive export is 94,000 rows: it grows with the selection, not a page's cost
            pages = [url for url in PAGES if url not in WHOLE_EXPORTS] + corpus_pages()
        client = Client()
        from archive.models import Event

        where = "existing database" if args.existing else "demo"
        print(f"{connection.vendor}, {where} ({Event.objects.count()} events) + {args.extra} extra events and ")
        print(f"  commentaries, {args.repeat} runs per page; {python_speed():.0f} µs for sum(range(10000))")
        print(
            f"{'page':44} {'render ms':>9} {'p95 ms':>7} {'cpu ms':>7} {'cold ms':>7} {'queries':>7} {'cached ms':>9}"
        )
        cached_times = []
        for url in pages:
            settings.PAGE_CACHE_SECONDS, settings.SEARCH_CACHE_SECONDS = 0, 0
            median, p95, cpu, queries = measure(client, url, args.repeat)
            cold, _p95, _cpu, _queries = measure(client, url, max(3, args.repeat // 3), before=cache.clear)
            settings.PAGE_CACHE_SECONDS, settings.SEARCH_CACHE_SECONDS = 300, 300
            cached, _p95, _cpu, _queries = measure(client, url, args.repeat)
            cached_times.append(cached)
            print(f"{url[:44]:44} {median:9.1f} {p95:7.1f} {cpu:7.1f} {cold:7.1f} {queries:7d} {cached:9.2f}")
        trivial, _p95, _cpu, _queries = measure(client, "/bench/trivial/", args.repeat * 4)
        cached = statistics.median(cached_times)
        print(f"trivial view: {trivial:.2f} ms = {1000 / trivial:.0f} requests/s in-process")
        print(f"cached pages (median of the pages' medians): {cached:.2f} ms = {1000 / cached:.0f} requests/s, ")
        print(f"  {trivial / cached * 100:.0f}% of the trivial view's throughput")
    finally:
        if old is not None:
            runner.teardown_databases(old)


def python_speed() -> float:
    """Microseconds for sum(range(10000)), best of 20: how fast this machine runs plain Python right now."""
    best = min(timeit.repeat("sum(range(10000))", number=20, repeat=20)) / 20
    return best * 1e6


def corpus_pages() -> list[str]:
    """Pages of bench/generate.py's corpus: its busiest actor, pair and tag, an event and a commentary."""
    from django.db.models import Count

    from archive.models import Actor, Commentary, Event, Tag

    generated = Event.objects.filter(slug__startswith="ev-")
    actors = list(
        Actor.objects.filter(events__in=generated)
        .annotate(n=Count("events"))
        .order_by("-n")
        .values_list("slug", flat=True)[:2]
    )
    tag = (
        Tag.objects.filter(events__in=generated)
        .annotate(n=Count("events"))
        .order_by("-n")
        .values_list("slug", flat=True)[0]
    )
    event = generated.order_by("pk").values_list("slug", flat=True)[0]
    commentary = Commentary.objects.filter(slug__startswith="co-").order_by("pk").values_list("slug", flat=True)[0]
    return [
        f"/actors/{actors[0]}/",
        f"/actors/{actors[0]}/{actors[1]}/",
        f"/tags/{tag}/",
        f"/events/{event}/",
        f"/commentary/{commentary}/",
        f"/events/?actor={actors[0]}",
        "/search/?q=gas+dispute",
    ]


if __name__ == "__main__":
    main()
