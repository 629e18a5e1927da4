"""Profile a page in-process (cProfile), to see what a request spends its time on.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.profile_page --rare
    ... python -m bench.profile_page --q someword --warm   # with the results cache on
    ... python -m bench.profile_page --url /commentary/some-slug/   # any public page, page cache off
    ... python -m bench.profile_page --rare --statements   # each SQL statement's time per page, no profile

Runs the page through Django's test client (the full middleware and template
stack, no network) for the benchmark's first rare (or common) term, cold by
default (results cache off), prints the time per request and the top functions.
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.run import OUT, pick_terms  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--rare", action="store_true", help="the first rare term of bench.run (default)")
    group.add_argument("--common", action="store_true", help="the first common term of bench.run")
    group.add_argument("--q", help="this query")
    group.add_argument("--url", help="this page (public page cache off, memo of page parts on)")
    parser.add_argument("--warm", action="store_true", help="leave the results cache on (default: off)")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--statements", action="store_true", help="time each SQL statement instead of profiling")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    if not args.warm:
        settings.SEARCH_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    url, query = args.url or "/search/", args.q
    if args.url:
        params = {}
    elif not query:
        corpus = json.loads((OUT / f"terms-{connection.vendor}.json").read_text())
        rare, common = pick_terms(corpus["doc_freq"], corpus["docs"], random.Random(7))
        query = common[0] if args.common else rare[0]
    if not args.url:
        params = {"q": query}
    client = Client()
    for _ in range(3):
        assert client.get(url, params).status_code == 200
    start = time.perf_counter()
    for _ in range(args.repeat):
        client.get(url, params)
    plain = (time.perf_counter() - start) * 1000 / args.repeat
    cache = "on" if args.warm else "off"
    if args.statements:
        print(f"{url} {params} ({connection.vendor}, cache {cache}): {plain:.2f} ms per page")
        print_statements(client, url, params, args.repeat)
        return
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeat):
        client.get(url, params)
    profile.disable()
    print(f"{url} {params} ({connection.vendor}, cache {cache}): {plain:.2f} ms per page unprofiled")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


def print_statements(client, url, params, repeat):
    """Each distinct statement (its first 80 characters): milliseconds and executions per page."""
    times: dict[str, list[float]] = {}

    def timed(execute, sql, sql_params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, sql_params, many, context)
        finally:
            times.setdefault(" ".join(sql.split())[:80], []).append((time.perf_counter() - start) * 1000)

    with connection.execute_wrapper(timed):
        for _ in range(repeat):
            client.get(url, params)
    for statement, samples in sorted(times.items(), key=lambda item: -sum(item[1])):
        print(f"{sum(samples) / repeat:7.2f} ms  x{len(samples) / repeat:.1f}  {statement}")
    print(f"{sum(map(sum, times.values())) / repeat:7.2f} ms of SQL per page")


if __name__ == "__main__":
    main()
