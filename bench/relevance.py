"""Relevance benchmark: the CISI test collection typed into the archive's search, beside a BM25 reference.

Loads CISI (read at run time from ``shared/relevance/cisi/``, never copied into
the repository) as published commentary through the archive's own models and
index, runs every judged query exactly as written through the search service
(the ranking a reader's page shows), and prints nDCG@10, P@10, MAP@100,
recall@100 and the share of queries with no result, for each engine, beside
``bm25s`` (English stop words, Snowball stemmer, title + text) computed in the
same run. Also a short-query variant: each query's three rarest words.

    .venv/bin/python -m bench.relevance \
        --sqlite /tmp/relations_i11_cisi.sqlite3 \
        --postgres postgres://postgres@127.0.0.1:5432/relations_i11_cisi

Each engine runs in its own process on its own (emptied!) database; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATE_DIRS = [ROOT.parent / "shared/relevance/cisi", ROOT.parent.parent / "shared/relevance/cisi"]
DEPTH = 100
FIELD = re.compile(r"^\.([A-Z])\s*(.*)$")


@dataclass
class Document:
    id: int
    title: str
    text: str


def _records(path: Path) -> list[dict[str, str]]:
    """CISI's dot-field format: `.I n` starts a record, `.T`/`.W`/`.A`/`.X`… start fields."""
    records, field = [], None
    for line in path.read_text(encoding="latin-1").splitlines():
        found = FIELD.match(line)
        if found and (found.group(1) != "I" or found.group(2).strip().isdigit()):
            name, rest = found.groups()
            if name == "I":
                records.append({"I": rest.strip()})
                field = None
            else:
                field = name
                records[-1][field] = rest.strip()
            continue
        if records and field:
            records[-1][field] = (records[-1][field] + "\n" + line).strip()
    return records


def load_collection(directory: Path):
    """(documents, {query id: text}, {query id: set of relevant doc ids}) — only judged queries."""
    documents = [
        Document(int(r["I"]), " ".join(r.get("T", "").split()), " ".join(r.get("W", "").split()))
        for r in _records(directory / "CISI.ALL")
    ]
    queries = {int(r["I"]): " ".join(r.get("W", "").split()) for r in _records(directory / "CISI.QRY")}
    judged: dict[int, set[int]] = {}
    for line in (directory / "CISI.REL").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            judged.setdefault(int(parts[0]), set()).add(int(parts[1]))
    return documents, {q: queries[q] for q in sorted(judged) if q in queries}, judged


def rarest_words(query: str, document_frequency: dict[str, int], stop_words, n: int = 3) -> str:
    """The query's n rarest distinct non-stop words that occur in the collection, in the order typed.

    Words no document holds are left out: they would make the "specific words" query fail for every ranker.
    """
    from search.text import words

    found = [
        w for w in dict.fromkeys(words(query)) if w not in stop_words and not w.isdigit() and document_frequency.get(w)
    ]
    chosen = set(sorted(found, key=lambda w: (document_frequency.get(w, 0), found.index(w)))[:n])
    return " ".join(w for w in found if w in chosen)


# Measures (binary relevance).


def ndcg(ranked: list[int], relevant: set[int], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranked[:k]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def precision(ranked: list[int], relevant: set[int], k: int = 10) -> float:
    return sum(1 for doc in ranked[:k] if doc in relevant) / k


def average_precision(ranked: list[int], relevant: set[int], k: int = DEPTH) -> float:
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k]):
        if doc in relevant:
            hits += 1
            total += hits / (i + 1)
    return total / len(relevant) if relevant else 0.0


def recall(ranked: list[int], relevant: set[int], k: int = DEPTH) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def evaluate(runs: dict[int, list[int]], judged: dict[int, set[int]]) -> dict[str, float]:
    n = len(runs)
    return {
        "ndcg@10": sum(ndcg(runs[q], judged[q]) for q in runs) / n,
        "p@10": sum(precision(runs[q], judged[q]) for q in runs) / n,
        "map@100": sum(average_precision(runs[q], judged[q]) for q in runs) / n,
        "recall@100": sum(recall(runs[q], judged[q]) for q in runs) / n,
        "no_result": sum(1 for q in runs if not runs[q]) / n,
    }


# The archive side (run in a child process per engine, Django configured for that database).


def load_into_archive(documents: list[Document]) -> dict[int, int]:
    """Publish every document as commentary (title; first sentence as standfirst; the rest as body), index it.

    Returns {SearchDocument id: CISI id}. Empties the database's content first.
    """
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from archive.models import Commentary, Event, Source
    from search.models import SearchDocument, SearchFacet, SearchTerm

    with transaction.atomic():
        for model in (SearchFacet, SearchDocument, SearchTerm):
            model.objects.all().delete()
        if connection.vendor == "sqlite":
            connection.cursor().execute("DELETE FROM archive_search_fts")
        Event.objects.all().delete()
        Commentary.objects.all().delete()
        Source.objects.update(part_of=None)
        Source.objects.all().delete()
    published = timezone.now() - dt.timedelta(days=1)
    items = []
    for doc in documents:
        first, _, rest = doc.text.partition(". ")
        items.append(
            Commentary(
                title=(doc.title or f"Document {doc.id}")[:300],
                slug=f"cisi-{doc.id}",
                standfirst=(first + ("." if rest else "")) if doc.text else "",
                body=rest,
                published_on=dt.date(1980, 1, 1) + dt.timedelta(days=doc.id),
                status="published",
                publish_at=published,
            )
        )
    Commentary.objects.bulk_create(items, batch_size=500)
    call_command("rebuild_search_index", "--no-progress", stdout=open(os.devnull, "w"))
    slugs = dict(Commentary.objects.values_list("pk", "slug"))
    rows = SearchDocument.objects.filter(kind="commentary").values_list("id", "object_id")
    return {doc_id: int(slugs[object_id].removeprefix("cisi-")) for doc_id, object_id in rows}


def search_ids(query: str) -> list[int]:
    """The ranked SearchDocument ids a reader's page for ?q=query paginates (same path as the view)."""
    from django.http import QueryDict

    from search.facets import FacetFilterSet
    from search.models import SearchDocument
    from search.service import Search

    filterset = FacetFilterSet(QueryDict(""), queryset=SearchDocument.objects.public())
    search = Search(query, filterset, "relevance", 1, {"q": [query]}, None)
    return list(search.outcome().matches.ids)


def child(directory: Path, variant_queries: dict[str, dict[int, str]]) -> dict:
    import django

    django.setup()
    from django.db import connection

    documents, _queries, _judged = load_collection(directory)
    started = time.perf_counter()
    mapping = load_into_archive(documents)
    loaded = time.perf_counter() - started
    runs, timings = {}, {}
    for variant, queries in variant_queries.items():
        runs[variant], samples = {}, []
        for qid, text in queries.items():
            start = time.perf_counter()
            ids = search_ids(text)
            samples.append((time.perf_counter() - start) * 1000)
            runs[variant][qid] = [mapping[i] for i in ids if i in mapping][:DEPTH]
        samples.sort()
        timings[variant] = {"median_ms": samples[len(samples) // 2], "max_ms": samples[-1]}
    return {"vendor": connection.vendor, "load_seconds": round(loaded, 1), "runs": runs, "timings": timings}


# The reference.


def bm25_reference(documents: list[Document], queries: dict[int, str]) -> dict[int, list[int]]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    corpus = [f"{d.title} {d.text}" for d in documents]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False)
    runs = {}
    for qid, text in queries.items():
        tokens = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, show_progress=False)
        if not tokens.vocab:
            runs[qid] = []
            continue
        results, scores = retriever.retrieve(tokens, k=min(DEPTH, len(documents)), show_progress=False)
        runs[qid] = [documents[i].id for i, s in zip(results[0], scores[0], strict=True) if s > 0]
    return runs


def find_directory(given: str | None) -> Path:
    for candidate in [Path(given)] if given else CANDIDATE_DIRS:
        if (candidate / "CISI.ALL").exists():
            return candidate
    raise SystemExit(f"CISI not found (looked in {', '.join(map(str, CANDIDATE_DIRS))}); pass --cisi DIR")


def variants(directory: Path) -> dict[str, dict[int, str]]:
    sys.path.insert(0, str(ROOT))
    from search.text import words

    documents, queries, _ = load_collection(directory)
    frequency: dict[str, int] = {}
    for doc in documents:
        for w in set(words(f"{doc.title} {doc.text}")):
            frequency[w] = frequency.get(w, 0) + 1
    import bm25s.stopwords

    stop = set(bm25s.stopwords.STOPWORDS_EN)
    return {"full": queries, "short": {q: rarest_words(t, frequency, stop) for q, t in queries.items()}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cisi", help="the CISI directory (default: shared/relevance/cisi beside the checkout)")
    parser.add_argument("--sqlite", help="SQLite database file to (re)fill with CISI")
    parser.add_argument("--postgres", help="PostgreSQL URL of a database to (re)fill with CISI")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also write the figures and per-query rankings to this file")
    args = parser.parse_args()
    directory = find_directory(args.cisi)
    queries = variants(directory)
    if args.child:
        print(json.dumps(child(directory, queries)))
        return
    documents, _, judged = load_collection(directory)
    results = {name: {"bm25s": bm25_reference(documents, q)} for name, q in queries.items()}
    engines = {}
    for name, url in (
        ("sqlite", args.sqlite and f"sqlite:///{Path(args.sqlite).resolve()}"),
        ("postgresql", args.postgres),
    ):
        if not url:
            continue
        env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.settings", SEARCH_CACHE_SECONDS="0")
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run(
            [sys.executable, "-W", "ignore", "-m", "bench.relevance", "--child", "--cisi", str(directory)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        engines[name] = json.loads(out.strip().splitlines()[-1])
        for variant, runs in engines[name]["runs"].items():
            results[variant][name] = {int(q): ids for q, ids in runs.items()}
    report = {}
    print(f"CISI: {len(documents)} documents, {len(queries['full'])} judged queries")
    header = f"{'':26}{'nDCG@10':>9}{'P@10':>8}{'MAP@100':>9}{'R@100':>8}{'no result':>11}"
    for variant, systems in results.items():
        print(f"\n{variant} queries" + (" (each query's 3 rarest words)" if variant == "short" else " (as written)"))
        print(header)
        report[variant] = {}
        for system, runs in systems.items():
            scores = evaluate(runs, judged)
            report[variant][system] = scores
            label = system if system == "bm25s" else f"archive ({system})"
            print(
                f"{label:26}{scores['ndcg@10']:9.3f}{scores['p@10']:8.3f}{scores['map@100']:9.3f}"
                f"{scores['recall@100']:8.3f}{scores['no_result']:10.1%}"
            )
    for name, engine in engines.items():
        timing = ", ".join(
            f"{v} median {t['median_ms']:.1f} / max {t['max_ms']:.1f} ms" for v, t in engine["timings"].items()
        )
        print(f"\n{name}: loaded and indexed in {engine['load_seconds']} s; per search (service, in-process): {timing}")
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": report, "engines": engines}, indent=1))


if __name__ == "__main__":
    main()
