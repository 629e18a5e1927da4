"""Generate the synthetic benchmark corpus and index it.

100,000 documents by default (94% events, 3% commentary, 3% sources), bodies of
150–400 words drawn from a Zipf-like vocabulary of invented words, ~1% carrying
planted phrases ("milk war", "gas dispute") and actor aliases (Lukashenka,
Лукашенко). Writes bench/out/terms.json with document frequencies so run.py
can pick rare (<1%) and common (30–70%) terms.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.generate --docs 100000
"""

import argparse
import datetime as dt
import json
import random
import time
from collections import Counter
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from archive.models import Actor, ActorAlias, Commentary, Event, Source, Tag  # noqa: E402
from search.models import SearchDocument, SearchFacet, SearchTerm  # noqa: E402

OUT = Path(__file__).parent / "out"
SYLLABLES = "ka lo mi ne ru sa ti vo be da fe gi ho ju ke la mo nu pa re si to ur va we xi yo za ar en".split()
PLANTED = ["milk war", "gas dispute", "Lukashenka", "Lukashenko", "Лукашенко", "union state"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3, 3, 3, 4)))))
    # sorted() first: a set's order depends on the process's string hashing, which would unseed the shuffle.
    return sorted(sorted(words), key=lambda w: rng.random())


def zipf_sampler(words: list[str], rng: random.Random, exponent: float = 1.0):
    weights = [1 / (rank**exponent) for rank in range(1, len(words) + 1)]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)

    def sample(k: int) -> list[str]:
        return rng.choices(words, cum_weights=cumulative, k=k)

    return sample


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary(30_000, rng)
    sample = zipf_sampler(words, rng)
    started = time.perf_counter()

    with transaction.atomic():
        for model in (SearchFacet, SearchDocument, SearchTerm):
            model.objects.all().delete()
        if connection.vendor == "sqlite":
            connection.cursor().execute("DELETE FROM archive_search_fts")
        Event.objects.all().delete()
        Commentary.objects.all().delete()
        Source.objects.update(part_of=None)
        Source.objects.all().delete()
        Actor.objects.all().delete()
        Tag.objects.all().delete()

    tags = Tag.objects.bulk_create([Tag(name=f"Topic {w}", slug=f"topic-{w}") for w in words[200:230]])
    actors = Actor.objects.bulk_create(
        [Actor(kind="organization", name=f"Agency {w.title()}", slug=f"agency-{w}") for w in words[300:348]]
        + [Actor(kind="person", name="Alexander Lukashenko", slug="alexander-lukashenko")]
    )
    ActorAlias.objects.bulk_create(
        [ActorAlias(actor=actors[-1], name=n) for n in ("Lukashenka", "Lukashenko", "Лукашенко", "Aliaksandr")]
        + [ActorAlias(actor=a, name=f"Bureau {a.slug[7:]}") for a in actors[:-1]]
    )
    doc_freq: Counter = Counter()
    publish_at = timezone.now() - dt.timedelta(days=1)
    n_events = int(args.docs * 0.94)
    n_comm = int(args.docs * 0.03)
    n_sources = args.docs - n_events - n_comm

    def text(lo, hi):
        chosen = sample(rng.randint(lo, hi))
        if rng.random() < 0.01:
            chosen.insert(rng.randrange(len(chosen)), rng.choice(PLANTED))
        return chosen

    def record(*parts):
        doc_freq.update({w.casefold() for part in parts for piece in part for w in piece.split()})

    def day():
        return dt.date(1991, 1, 1) + dt.timedelta(days=rng.randrange(34 * 365))

    batch = 2000
    for start in range(0, n_events, batch):
        events, links_t, links_a = [], [], []
        for i in range(start, min(start + batch, n_events)):
            title, summary, body = text(5, 10), text(20, 40), text(150, 400)
            record(title, summary, body)
            d = day()
            events.append(
                Event(
                    title=" ".join(title).capitalize()[:300],
                    slug=f"ev-{i}",
                    event_type="negotiations",
                    summary=" ".join(summary).capitalize() + ".",
                    body=" ".join(body).capitalize() + ".",
                    date_edtf=d.isoformat(),
                    date_earliest=d,
                    date_latest=d,
                    date_precision="day",
                    status="published",
                    publish_at=publish_at,
                )
            )
        events = Event.objects.bulk_create(events)
        for event in events:
            links_t += [Event.tags.through(event=event, tag=t) for t in rng.sample(tags, rng.randint(1, 3))]
            links_a += [Event.actors.through(event=event, actor=a) for a in rng.sample(actors, rng.randint(1, 3))]
        Event.tags.through.objects.bulk_create(links_t)
        Event.actors.through.objects.bulk_create(links_a)
        print(f"events {start + len(events)}/{n_events}", flush=True)

    commentaries = []
    for i in range(n_comm):
        title, summary, body = text(5, 10), text(30, 50), text(150, 400)
        record(title, summary, body)
        commentaries.append(
            Commentary(
                title=" ".join(title).capitalize(),
                slug=f"co-{i}",
                standfirst=" ".join(summary).capitalize() + ".",
                body=" ".join(body).capitalize() + ".",
                published_on=day(),
                status="published",
                publish_at=publish_at,
            )
        )
    Commentary.objects.bulk_create(commentaries, batch_size=1000)
    sources = []
    for i in range(n_sources):
        title, abstract = text(5, 12), text(150, 300)
        record(title, abstract)
        sources.append(
            Source(
                citation_key=f"src{i}",
                kind=rng.choice(["book", "news-article", "report", "journal-article"]),
                title=" ".join(title).capitalize(),
                abstract=" ".join(abstract).capitalize() + ".",
                reliability=rng.choice(["reliable", "mixed", ""]),
                status="approved",
            )
        )
    Source.objects.bulk_create(sources, batch_size=1000)
    generated = time.perf_counter() - started
    print(f"generated {args.docs} objects in {generated:.0f}s; indexing…", flush=True)
    started = time.perf_counter()
    call_command("rebuild_search_index", "--no-progress")
    indexed = time.perf_counter() - started
    OUT.mkdir(exist_ok=True)
    (OUT / f"terms-{connection.vendor}.json").write_text(
        json.dumps(
            {
                "docs": args.docs,
                "generate_seconds": round(generated),
                "index_seconds": round(indexed),
                "doc_freq": {w: c for w, c in doc_freq.items() if c >= 5 and " " not in w},
            }
        )
    )
    print(f"indexed in {indexed:.0f}s", flush=True)


if __name__ == "__main__":
    main()
