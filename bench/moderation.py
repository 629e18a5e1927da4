"""Benchmark: duplicate detection and the moderation queue as the source table grows.

Run: .venv/bin/python bench/moderation.py [N ...]   (default 1000 5000)
Uses a throwaway test database (SQLite unless DATABASE_URL is set); prints timings.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "relations_site.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from archive.duplicates import possible_duplicates  # noqa: E402
from archive.models import Source  # noqa: E402

WORDS = "belarus russia union state gas milk war treaty energy trade customs oil loan summit border".split()


def title(i: int) -> str:
    """Alike titles without digits (digits would let the number check skip the ratio)."""
    words = [WORDS[(i * k + k) % len(WORDS)] for k in range(1, 7)]
    suffix = []
    while True:
        i, digit = divmod(i, len(WORDS))
        suffix.append(WORDS[digit])
        if not i:
            break
    return " ".join(words + suffix).title()


def timed(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main(sizes):
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    old = runner.setup_databases()
    try:
        moderator = get_user_model().objects.create_user("bench", is_staff=True)
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client = Client()
        client.force_login(moderator)
        have = 0
        for n in sizes:
            Source.objects.bulk_create(
                Source(
                    citation_key=f"k{i}",
                    kind="web-page",
                    title=title(i),
                    url=f"https://example.org/{i}",
                    status="pending" if i % 3 == 0 else "approved",
                )
                for i in range(have, n)
            )
            have = n
            probe = Source(title=title(n // 2) + "!", url="https://example.net/new")
            dup_ms = timed(lambda probe=probe: possible_duplicates(probe))
            queue_ms = timed(lambda: client.get("/admin/archive/pendingsource/"))
            print(f"{n:>6} sources: possible_duplicates {dup_ms:7.1f} ms · queue page {queue_ms:7.1f} ms")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
