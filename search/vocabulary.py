"""The did-you-mean vocabulary: only words the public can find.

A suggestion must never reveal a word that appears only in a draft, a pending
source or an item scheduled for later. ``SearchTerm`` therefore holds the words
of index rows with ``public_from`` set (published or scheduled items, approved
sources), each with how many such rows contain it. Index writes apply the
difference between a row's old and new words (`apply`), so editing away,
unpublishing or deleting a word's last public occurrence removes it, and a
document whose words did not change touches no vocabulary row.

Scheduled rows are the one case where time, not a write, makes a word public.
Rather than a job at publish time, `public_words` (run only for did-you-mean,
on the few words of a query with few results) subtracts the rows still waiting
for their date (normally a handful) from each word's count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from .models import SearchDocument, SearchTerm
from .text import words

TEXT_FIELDS = ("title", "summary", "keywords", "body")
MIN_LENGTH, MAX_LENGTH = 3, 60
BATCH = 300


def row_words(title: str, summary: str, keywords: str, body: str) -> list[str]:
    """Every word of one index row's text, in order (for its BM25 length and its vocabulary words)."""
    return words(f"{title} {summary} {keywords} {body}")


def document_words(title: str, summary: str, keywords: str, body: str) -> set[str]:
    """The distinct vocabulary words of one index row."""
    return distinct(row_words(title, summary, keywords, body))


def distinct(found: Iterable[str]) -> set[str]:
    """The vocabulary words among a row's words (see search.text.words)."""
    return {w for w in found if MIN_LENGTH <= len(w) <= MAX_LENGTH and not w.isdigit()}


def count(texts: Iterable[tuple[str, str, str, str]]) -> Counter:
    """How many of these rows (title, summary, keywords, body) contain each word."""
    counts = Counter()
    for fields in texts:
        counts.update(document_words(*fields))
    return counts


def apply(delta: Counter) -> None:
    """Add a signed change of per-word row counts; words no public-able row contains any more go.

    Rows are upserted in word order so concurrent writers lock them in the same order.
    """
    changes = sorted((word, n) for word, n in delta.items() if n)
    if not changes:
        return
    table = SearchTerm._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(changes), BATCH):
            chunk = changes[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {table} (word, length, documents) VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT (word) DO UPDATE SET documents = {table}.documents + excluded.documents",
                [value for word, n in chunk for value in (word, len(word), n)],
            )
    dropped = [word for word, n in changes if n < 0]
    for start in range(0, len(dropped), BATCH):
        SearchTerm.objects.filter(word__in=dropped[start : start + BATCH], documents__lte=0).delete()


def recount(document_model=SearchDocument, term_model=SearchTerm) -> int:
    """Rebuild the vocabulary from the index rows (after a rebuild, or from a migration's models).

    On PostgreSQL the table is locked against writers first, so an index write
    running meanwhile either lands before the count or applies its change after it.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {term_model._meta.db_table} IN EXCLUSIVE MODE")
        term_model.objects.all().delete()  # on SQLite this takes the write lock first
        rows = document_model.objects.exclude(public_from=None).values_list(*TEXT_FIELDS)
        counts = count(rows.iterator(chunk_size=1000))
        term_model.objects.bulk_create(
            (term_model(word=w, length=len(w), documents=n) for w, n in counts.items()), batch_size=1000
        )
    return len(counts)


def public_words(candidates: Iterable[str]) -> set[str]:
    """Those of these words that some document the public may see now contains."""
    candidates = set(candidates)
    if not candidates:
        return set()
    counts = dict(SearchTerm.objects.filter(word__in=candidates, documents__gt=0).values_list("word", "documents"))
    if not counts:
        return set()
    waiting = Counter()
    scheduled = SearchDocument.objects.filter(public_from__gt=timezone.now()).values_list(*TEXT_FIELDS)
    for fields in scheduled.iterator(chunk_size=200):
        waiting.update(document_words(*fields) & counts.keys())
    return {word for word, n in counts.items() if n > waiting[word]}
