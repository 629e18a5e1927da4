"""Benchmark: server time and SQL queries of each public page, with the demo plus N extra items of every kind.

Run:  .venv/bin/python bench/reader_pages.py [--extra 200] [--repeat 15]
Uses a throw-away test database (SQLite by default; set DATABASE_URL for PostgreSQL).
Prints, per page, the median and 95th-percentile wall time and the median CPU time of
this process (less disturbed by other work on a shared machine) when the page is
rendered (page cache off), its query count, and the median wall time when a reader
without a session is served from the public page cache (archive/page_cache.py).
The last lines compare the cached pages' in-process throughput with a trivial view
(bench/urls.py) measured in the same run, through the same middleware.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")  # DEBUG off, the trivial view

import django  # noqa: E402

django.setup()

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
    "/sources/?kind=book",
    "/authors/yauheni-preiherman/",
    "/search/?q=gas",
]


def measure(client, url, repeat):
    client.get(url)  # warm caches and templates
    walls, cpus = [], []
    for _ in range(repeat):
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
    args = parser.parse_args()

    setup_test_environment()
    from django.test import Client
    from django.test.utils import get_runner

    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
        from tests.reader_factories import add_many

        add_many(args.extra, prefix="bench")
        from django.conf import settings

        client = Client()
        print(f"{connection.vendor}, demo + {args.extra} extra events and commentaries, {args.repeat} runs per page")
        print(f"{'page':44} {'render ms':>9} {'p95 ms':>7} {'cpu ms':>7} {'queries':>7} {'cached ms':>9}")
        cached_times = []
        for url in PAGES:
            settings.PAGE_CACHE_SECONDS, settings.SEARCH_CACHE_SECONDS = 0, 0
            median, p95, cpu, queries = measure(client, url, args.repeat)
            settings.PAGE_CACHE_SECONDS, settings.SEARCH_CACHE_SECONDS = 300, 300
            cached, _p95, _cpu, _queries = measure(client, url, args.repeat)
            cached_times.append(cached)
            print(f"{url[:44]:44} {median:9.1f} {p95:7.1f} {cpu:7.1f} {queries:7d} {cached:9.2f}")
        trivial, _p95, _cpu, _queries = measure(client, "/bench/trivial/", args.repeat * 4)
        cached = statistics.median(cached_times)
        print(f"trivial view: {trivial:.2f} ms = {1000 / trivial:.0f} requests/s in-process")
        print(f"cached pages (median of the pages' medians): {cached:.2f} ms = {1000 / cached:.0f} requests/s, ")
        print(f"  {trivial / cached * 100:.0f}% of the trivial view's throughput")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
