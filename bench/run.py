"""Measure search at benchmark scale: raw SQL in-process, pages end to end through gunicorn, wrk req/s.

Run after bench.generate on the same DATABASE_URL (see bench/README.md):

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.run

Not part of the test suite: it needs the 100,000-document corpus, a free port and wrk.
"""

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from search.aliases import expand_aliases  # noqa: E402
from search.backend import get_backend  # noqa: E402
from search.models import SearchDocument  # noqa: E402
from search.query import parse  # noqa: E402

OUT = Path(__file__).parent / "out"
# The exact (unbounded) ranking is only the reference for the overlap; with any-word queries it scores most of
# the archive (seconds on PostgreSQL), so it runs once per query.
EXACT_REPEAT = 1
ROOT = Path(__file__).resolve().parent.parent


def pick_terms(doc_freq: dict, docs: int, rng: random.Random):
    rare = sorted(w for w, c in doc_freq.items() if 0.002 * docs <= c < 0.01 * docs and w.isalpha())
    common = sorted(w for w, c in doc_freq.items() if 0.30 * docs <= c <= 0.70 * docs and w.isalpha())
    return rng.sample(rare, min(5, len(rare))), rng.sample(common, min(5, len(common)))


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return {"median_ms": round(statistics.median(samples), 2), "p95_ms": round(p95, 2), "n": len(samples)}


def exact_top10(parsed) -> tuple[list[int], list[float]]:
    """Reference ranking: the engine's own scoring over every match (no candidate bound)."""
    backend = get_backend()
    if connection.vendor == "postgresql":
        sql, params = backend.exact_sql(parsed, None, 10)
    else:
        from search.sqlite import BM25, match_expression, tiers

        tier_sql, tier_params = tiers(parsed)
        sql = (
            f"SELECT d.id, {tier_sql} AS tier FROM archive_search_fts f JOIN archive_searchdocument d "
            f"ON d.id = f.rowid WHERE archive_search_fts MATCH %s AND d.public_from <= %s "
            f"ORDER BY tier DESC, {BM25}, d.date_sort DESC, d.id DESC LIMIT 10"
        )
        params = tier_params + [match_expression(parsed), connection.ops.adapt_datetimefield_value(timezone.now())]
    cursor = connection.cursor()
    samples = []
    for _ in range(EXACT_REPEAT):
        start = time.perf_counter()
        cursor.execute(sql, params)
        ids = [r[0] for r in cursor.fetchall()]
        samples.append((time.perf_counter() - start) * 1000)
    return ids, samples


def questions(doc_freq: dict, docs: int, rng: random.Random, n: int = 5, length: int = 10) -> list[str]:
    """Questions of `length` common words (each in 5–70% of documents), as a reader might string them."""
    common = sorted(w for w, c in doc_freq.items() if 0.05 * docs <= c <= 0.70 * docs and w.isalpha())
    return [" ".join(rng.sample(common, length)) for _ in range(n)]


def measure_sql(terms, repeat):
    backend = get_backend()
    results = {}
    for term in terms:
        parsed = expand_aliases(parse(term))
        match = backend.match(parsed, None, "relevance")
        samples = timed(lambda parsed=parsed: backend.match(parsed, None, "relevance"), repeat)
        fetch = timed(lambda parsed=parsed, ids=match.ids[:20]: backend.fetch(parsed, ids), repeat)
        exact_ids, exact_samples = exact_top10(parsed)
        results[term] = {
            "matches": match.total,
            "capped": match.capped,
            "bounded": match.bounded,
            "match_sql": summary(samples),
            "headline_sql": summary(fetch),
            "exact_rank_sql": summary(exact_samples),
            "top10_overlap_with_exact": len(set(match.ids[:10]) & set(exact_ids)),
        }
        print(term, json.dumps(results[term]), flush=True)
    return results


def icontains_sql(term, repeat):
    from django.db.models import Q

    def run():
        qs = SearchDocument.objects.public().filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
        list(qs.order_by("-date_sort").values("id")[:20])
        qs.count()

    return summary(timed(run, repeat))


def start_server(port, workers, cache_mode):
    """gunicorn on bench.settings; "cold" gives it a cache that never keeps anything (every search misses)."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", BENCH_CACHE="dummy" if cache_mode == "cold" else "")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "relations_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/trivial/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        assert response.status == 200, url
        return body


def measure_pages(urls, repeat):
    samples = []
    for url in urls:
        body = get(url).decode()
        assert "<mark>" in body and "Narrow down" in body and "result" in body, f"incomplete page for {url}"
        samples += timed(lambda url=url: get(url), repeat)
    return summary(samples)


def wrk(url, seconds, connections=8, headers=()):
    extra = [arg for header in headers for arg in ("-H", header)]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency", *extra, url],
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"requests_per_second": rps, "non_2xx": int(errors.group(1)) if errors else 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--wrk-seconds", type=int, default=10)
    subset = parser.add_mutually_exclusive_group()
    subset.add_argument("--rare", action="store_true", help="rare terms only")
    subset.add_argument("--common", action="store_true", help="common terms only")
    parser.add_argument(
        "--cache", choices=["cold", "warm", "both"], default="both", help="results cache (default: both)"
    )
    parser.add_argument("--no-sql", action="store_true", help="skip the in-process SQL measurements")
    parser.add_argument("--no-baselines", action="store_true", help="skip the icontains and trivial views")
    parser.add_argument(
        "--pairs", action="store_true", help="only: SQL and top-10 overlap of two-word queries of common terms"
    )
    parser.add_argument(
        "--questions",
        action="store_true",
        help="only: SQL, overlap and cold pages of 10-word common-word questions (plus single words and pairs)",
    )
    args = parser.parse_args()
    vendor = connection.vendor
    corpus = json.loads((OUT / f"terms-{vendor}.json").read_text())
    rare, common = pick_terms(corpus["doc_freq"], corpus["docs"], random.Random(7))
    report = {"vendor": vendor, "docs": SearchDocument.objects.count(), "rare_terms": rare, "common_terms": common}
    report["generate_seconds"], report["index_seconds"] = corpus["generate_seconds"], corpus["index_seconds"]
    print("rare:", rare, "common:", common, flush=True)
    if args.pairs:
        # Both words common: the bounded first stage has one champion list per word, so this is its hardest case.
        pairs = [f"{a} {b}" for a, b in zip(common, common[1:] + common[:1], strict=True)]
        report["sql"] = {"common_pairs": measure_sql(pairs, args.repeat)}
        (OUT / f"results-pairs-{vendor}.json").write_text(json.dumps(report, indent=2))
        return
    if args.questions:
        pairs = [f"{a} {b}" for a, b in zip(common, common[1:] + common[:1], strict=True)]
        asked = questions(corpus["doc_freq"], corpus["docs"], random.Random(11))
        report["questions"] = asked
        print("questions:", asked, flush=True)
        report["sql"] = {
            "single": measure_sql(common, args.repeat),
            "pairs": measure_sql(pairs, args.repeat),
            "ten_words": measure_sql(asked, args.repeat),
        }
        connection.close()
        server = start_server(args.port, args.workers, "cold")
        base = f"http://127.0.0.1:{args.port}"
        try:
            urls = [f"{base}/search/?" + urllib.parse.urlencode({"q": q}) for q in asked]
            for url in urls:
                get(url)
            report["page"] = {"cold": {"ten_words": measure_pages(urls, args.repeat)}}
            print("cold pages, ten words:", json.dumps(report["page"]), flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        report["load_average_after"] = os.getloadavg()
        (OUT / f"results-questions-{vendor}.json").write_text(json.dumps(report, indent=2))
        return
    sets = {"rare": rare, "common": common}
    if args.rare or args.common:
        sets = {"rare": rare} if args.rare else {"common": common}
    if not args.no_sql:
        report["sql"] = {name: measure_sql(terms, args.repeat) for name, terms in sets.items()}
        if not args.no_baselines:
            report["icontains_sql"] = icontains_sql(rare[0], 3)
    connection.close()

    modes = ["cold", "warm"] if args.cache == "both" else [args.cache]
    report["page"], report["wrk"] = {}, {}
    for mode in modes:
        server = start_server(args.port, args.workers, mode)
        base = f"http://127.0.0.1:{args.port}"
        try:
            urls = {
                name: [f"{base}/search/?" + urllib.parse.urlencode({"q": t}) for t in terms]
                for name, terms in sets.items()
            }
            # Warm-up: enough requests that every worker has its connection (and, when warm, its cached pages).
            for url in [u for group in urls.values() for u in group]:
                for _ in range(8 * args.workers if mode == "warm" else 1):
                    get(url)
            page = {name: measure_pages(group, args.repeat) for name, group in urls.items()}
            wrk_rps = {f"{name}_page": wrk(group[0], args.wrk_seconds) for name, group in urls.items()}
            if mode == "warm":
                # A reader with a session (staff): the page is rendered around the cached results, not cached whole.
                wrk_rps.update(
                    {
                        f"{name}_page_with_session": wrk(
                            group[0], args.wrk_seconds, headers=["Cookie: sessionid=bench"]
                        )
                        for name, group in urls.items()
                    }
                )
            if mode == "cold" and not args.no_baselines:
                page["icontains"] = measure_pages_plain(f"{base}/bench/icontains/?q={rare[0]}", 5)
                page["trivial"] = measure_pages_plain(f"{base}/bench/trivial/", args.repeat)
                wrk_rps["trivial"] = wrk(f"{base}/bench/trivial/", args.wrk_seconds)
                # Last: each request takes seconds, so it runs with as many connections as workers.
                wrk_rps["icontains"] = wrk(
                    f"{base}/bench/icontains/?q={rare[0]}", args.wrk_seconds * 2, connections=args.workers
                )
            report["page"][mode], report["wrk"][mode] = page, wrk_rps
            print(mode, json.dumps(page), json.dumps(wrk_rps), flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    report["load_average_after"] = os.getloadavg()
    (OUT / f"results-{vendor}.json").write_text(json.dumps(report, indent=2))
    print(f"written bench/out/results-{vendor}.json")


def measure_pages_plain(url, repeat):
    get(url)
    return summary(timed(lambda: get(url), repeat))


if __name__ == "__main__":
    main()
