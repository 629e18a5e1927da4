"""RUM vs the archive's ranking on i11_rum (issue 11 measurement, not adoption).

Run from /work/main:
  cd /work/main && DATABASE_URL=postgres://postgres@127.0.0.1:5432/i11_rum DJANGO_SETTINGS_MODULE=bench.settings \
    nice -n 10 .venv/bin/python -W ignore bench/rum/measure.py
Queries: bench.run's pick_terms (Random(7)) and questions (Random(11)) over bench/out/terms-postgresql.json.
Exact rankings are cached in exact.json (one run each).
"""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from django.db import connection  # noqa: E402

from bench.run import OUT, pick_terms, questions, summary  # noqa: E402  (django.setup() happens there)
from search.aliases import expand_aliases  # noqa: E402
from search.postgres import PostgresBackend, ranked_sql, tsqueries  # noqa: E402
from search.query import parse  # noqa: E402

HERE = Path(__file__).resolve().parents[1] / "out" / "rum"
HERE.mkdir(parents=True, exist_ok=True)
REPEAT = 10
corpus = json.loads((OUT / "terms-postgresql.json").read_text())
rare, common = pick_terms(corpus["doc_freq"], corpus["docs"], random.Random(7))
pairs = [f"{a} {b}" for a, b in zip(common, common[1:] + common[:1], strict=True)]
asked = questions(corpus["doc_freq"], corpus["docs"], random.Random(11))
SETS = {"single": common, "pairs": pairs, "ten_words": asked, "rare": rare}
backend = PostgresBackend()
cur = connection.cursor()
cur.execute("SELECT pg_backend_pid()")
os.setpriority(os.PRIO_PROCESS, cur.fetchone()[0], 10)  # the backend too, not only this client
uptime = lambda: subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()  # noqa: E731

RUM_SQL = (
    "SELECT d.id FROM archive_searchdocument d WHERE d.vector @@ %s::tsquery AND d.public_from <= now() "
    "ORDER BY d.vector <=> %s::tsquery LIMIT {limit}"
)


def tsquery_text(parsed):
    """The archive's own match query (any clause, minus exclusions), as tsquery text: a constant for RUM."""
    _, (sql, params) = tsqueries(parsed)
    cur.execute(f"SELECT ({sql})::text", params)
    return cur.fetchone()[0]


def run(sql, params):
    cur.execute(sql, params)
    return [r[0] for r in cur.fetchall()]


def timed(sql, params):
    run(sql, params)  # warm
    samples = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        ids = run(sql, params)
        samples.append((time.perf_counter() - t) * 1000)
    return ids, summary(samples)


def timed_fn(fn):
    fn()
    samples = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t) * 1000)
    return result, summary(samples)


exact_path = HERE / "exact.json"
exact = json.loads(exact_path.read_text()) if exact_path.exists() else {}
results = {"uptime_start": uptime(), "queries": SETS, "sets": {}}
print("start", results["uptime_start"], flush=True)
for name, terms in SETS.items():
    results["sets"][name] = {}
    for term in terms:
        parsed = expand_aliases(parse(term))
        q = tsquery_text(parsed)
        if term not in exact:
            sql, params = backend.exact_sql(parsed, None, 10)
            t = time.perf_counter()
            exact[term] = {"ids": run(sql, params), "ms": round((time.perf_counter() - t) * 1000)}
            exact_path.write_text(json.dumps(exact, indent=1))
        ex = set(exact[term]["ids"])
        row = {"tsquery": q, "exact_ms": exact[term]["ms"]}
        cur.execute("SELECT count(*) FROM archive_searchdocument d WHERE d.vector @@ %s::tsquery", [q])
        row["matches"] = cur.fetchone()[0]
        for limit in (10, 300):
            ids, s = timed(RUM_SQL.format(limit=limit), [q, q])
            row[f"rum_top{limit}"] = s
            if limit == 10:
                row["rum_overlap_exact"] = len(set(ids[:10]) & ex)
                rum10 = ids[:10]
        match, s = timed_fn(lambda parsed=parsed: backend.match(parsed, None, "relevance"))
        row["archive_match"] = s
        row["archive_overlap_exact"] = len(set(match.ids[:10]) & ex)
        row["rum_overlap_archive"] = len(set(rum10) & set(match.ids[:10]))
        for k in (300, 1000):
            cand = (
                RUM_SQL.format(limit=k)
                .replace("SELECT d.id FROM archive_searchdocument d", "SELECT d2.id FROM archive_searchdocument d2")
                .replace("d.", "d2.")
            )
            sql, params = ranked_sql(parsed, cand, [q, q], 10)
            ids, s = timed(sql, params)
            row[f"two_stage_{k}"] = s
            row[f"two_stage_{k}_overlap_exact"] = len(set(ids) & ex)
        print(name, term, json.dumps(row), flush=True)
        results["sets"][name][term] = row
results["uptime_end"] = uptime()
print("end", results["uptime_end"], flush=True)
(HERE / "results.json").write_text(json.dumps(results, indent=1))
