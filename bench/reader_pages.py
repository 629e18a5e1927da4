"""Benchmark: server time and SQL queries of each public page, with the demo plus N extra items of every kind.

Run:  .venv/bin/python bench/reader_pages.py [--extra 200] [--repeat 15]
Uses a throw-away test database (SQLite by default; set DATABASE_URL for PostgreSQL).
Prints the median and 95th-percentile time per page and its query count, so a change
that adds a query per row or slows a page shows up as a number, not a flaky test.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "relations_site.settings")

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
]


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
        client = Client()
        print(f"{connection.vendor}, demo + {args.extra} extra events and commentaries, {args.repeat} runs per page")
        print(f"{'page':62} {'median ms':>9} {'p95 ms':>7} {'queries':>7}")
        for url in PAGES:
            client.get(url)  # warm caches and templates
            times = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"{url[:62]:62} {statistics.median(times):9.1f} {p95:7.1f} {len(queries):7d}")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
