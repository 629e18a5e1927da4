"""Import speed: 10,000 sources (BibTeX) and, separately, 10,000 events (CSV) into the generated archive.

Run after bench.generate (the 100,000-document archive). Times the whole
import as an editor would run it (read + preview plan + atomic commit, the
same code as the admin and `manage.py import_sources` / `import_events`),
then checks the search index without a rebuild: one document per imported
object, carrying its title and (sources) its creators. Imported objects are
removed at the start of the next run.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.imports [--records 10000]
        [--only sources|events] [--profile FILE]
"""

import argparse
import contextlib
import csv
import io
import random
import re
import time
from collections import defaultdict

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402

from archive.imports import events, sources  # noqa: E402
from archive.models import Actor, Citation, Event, Source, SourceCreator, Tag  # noqa: E402
from search.models import SearchDocument  # noqa: E402

SYLLABLES = "ka lo mi ne ru sa ti vo be da fe gi ho ju ke la mo nu pa re si to ur va we xi yo za ar en".split()


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))


def words(rng, lo, hi):
    return " ".join(word(rng) for _ in range(rng.randint(lo, hi)))


def bibtex(n, rng) -> str:
    entries = []
    for i in range(n):
        entries.append(
            f"@article{{benchsrc{i},\n  author = {{{word(rng).title()}, {word(rng).title()}}},\n"
            f"  title = {{{words(rng, 6, 12).capitalize()} {i}}},\n  journal = {{{words(rng, 2, 4).title()}}},\n"
            f"  year = {{{rng.randint(1991, 2025)}}},\n  volume = {{{rng.randint(1, 40)}}},\n"
            f"  pages = {{{rng.randint(1, 100)}--{rng.randint(101, 300)}}},\n  doi = {{10.5555/bench.{i}}}\n}}\n"
        )
    return "\n".join(entries)


def events_csv(n, rng, actor_slugs, tag_slugs, keys) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["slug", "title", "date_edtf", "event_type", "actors", "tags", "summary", "citation_keys"])
    for i in range(n):
        writer.writerow([
            f"bench-ev-{i}", words(rng, 5, 10).capitalize(),
            f"{rng.randint(1991, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "negotiations",
            "; ".join(rng.sample(actor_slugs, 2)), "; ".join(rng.sample(tag_slugs, 2)),
            words(rng, 20, 40).capitalize() + ".", rng.choice(keys),
        ])  # fmt: skip
    return buffer.getvalue()


def clean_up():
    Citation.objects.filter(event__slug__startswith="bench-ev-").delete()
    Event.objects.filter(slug__startswith="bench-ev-").delete()
    SourceCreator.objects.filter(source__citation_key__startswith="benchsrc").delete()
    Source.objects.filter(citation_key__startswith="benchsrc").delete()


class Statements:
    """Wall time per kind of statement (its text up to the first value list or literal), as the client sees it."""

    def __init__(self):
        self.seconds, self.calls = defaultdict(float), defaultdict(int)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = re.sub(r"\s+", " ", re.split(r"\(%s|%s|\bIN \(|\d", sql, maxsplit=1)[0])[:150]
            self.seconds[key] += time.perf_counter() - started
            self.calls[key] += 1

    def report(self, n):
        for key in sorted(self.seconds, key=self.seconds.get, reverse=True)[:n]:
            print(f"  {self.seconds[key]:7.2f}s {self.calls[key]:6d}x  {key}")


def timed(profiler, step):
    """Run `step` (under the profiler if any); returns its result, wall seconds and this process's CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    try:
        result = step()
    finally:
        if profiler is not None:
            profiler.disable()
    return result, time.perf_counter() - started, time.process_time() - cpu


def import_sources(records, rng, user, profiler):
    text = bibtex(records, rng)
    rows, planned, plan_cpu = timed(profiler, lambda: sources.plan(text, "bibtex"))
    result, committed, commit_cpu = timed(profiler, lambda: sources.commit(rows, {}, user, "bench"))
    total, cpu = planned + committed, plan_cpu + commit_cpu
    created = [s.pk for s in result.created]
    print(
        f"sources: {len(created)} created, {len(result.existing)} duplicates, {len(result.rejected)} rejected; "
        f"plan {planned:.1f}s, commit {committed:.1f}s, total {total:.1f}s = {records / total:.0f}/s "
        f"(this process's CPU {cpu:.1f}s)",
        flush=True,
    )
    documents = SearchDocument.objects.filter(kind="source", object_id__in=created)
    sample = Source.objects.filter(pk__in=rng.sample(created, 50)).prefetch_related("creators")
    texts = {d.object_id: d for d in documents.filter(object_id__in=[s.pk for s in sample])}
    consistent = documents.count() == len(created) and all(
        s.title == texts[s.pk].title and s.creators.all()[0].family_name in texts[s.pk].keywords for s in sample
    )
    print(f"  search index: {documents.count()} documents for {len(created)} sources; sample consistent: {consistent}")


def import_events(records, rng, user, profiler):
    actor_slugs = list(Actor.objects.values_list("slug", flat=True))
    tag_slugs = list(Tag.objects.values_list("slug", flat=True))
    keys = list(Source.objects.filter(status="approved").values_list("citation_key", flat=True)[:500])
    text = events_csv(records, rng, actor_slugs, tag_slugs, keys)
    plan, planned, plan_cpu = timed(profiler, lambda: events.plan(text, "csv"))
    result, committed, commit_cpu = timed(profiler, lambda: events.commit(plan, {}, user, "bench"))
    total, cpu = planned + committed, plan_cpu + commit_cpu
    created = [e.pk for e in result.created]
    print(
        f"events: {len(created)} created, {len(result.rejected)} rejected; plan {planned:.1f}s, "
        f"commit {committed:.1f}s, total {total:.1f}s = {records / total:.0f}/s "
        f"(this process's CPU {cpu:.1f}s)",
        flush=True,
    )
    documents = SearchDocument.objects.filter(kind="event", object_id__in=created)
    sample = Event.objects.filter(pk__in=rng.sample(created, 50)).prefetch_related("actors")
    texts = {d.object_id: d for d in documents.filter(object_id__in=[e.pk for e in sample])}
    consistent = documents.count() == len(created) and all(
        e.title == texts[e.pk].title and e.actors.all()[0].name in texts[e.pk].keywords for e in sample
    )
    print(f"  search index: {documents.count()} documents for {len(created)} events; sample consistent: {consistent}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--only", choices=("sources", "events"), help="run one of the two imports")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the timed steps to FILE")
    parser.add_argument("--statements", type=int, default=0, metavar="N", help="list the N slowest kinds of statement")
    args = parser.parse_args()
    statements = Statements()
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    rng = random.Random(20261201)
    clean_up()
    user, _ = get_user_model().objects.get_or_create(username="bench-importer", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Editors"))
    print(f"{connection.vendor}: {SearchDocument.objects.count()} search documents before", flush=True)
    with connection.execute_wrapper(statements) if args.statements else contextlib.nullcontext():
        if args.only != "events":
            import_sources(args.records, rng, user, profiler)
        if args.only != "sources":
            import_events(args.records, rng, user, profiler)
    statements.report(args.statements)
    if profiler is not None:
        profiler.dump_stats(args.profile)


if __name__ == "__main__":
    main()
