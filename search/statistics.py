"""Corpus statistics BM25 needs: how many index rows there are and their average length.

Kept in the generation row (cache.py) and changed by every index write in its
own transaction, so the average a search reads always describes the rows
it can see, at the cost of one row read; a rebuild recounts them exactly.
"""

from __future__ import annotations

from django.db import connection

from .cache import ROW
from .text import STOP_WORDS, words

# A subquery for the engines' ranking SQL: the mean document length (1 for an empty index).
AVERAGE_LENGTH_SQL = (
    "(SELECT CASE WHEN documents > 0 AND length_total > 0 THEN length_total * 1.0 / documents ELSE 1.0 END "
    f"FROM archive_searchgeneration WHERE id = {ROW})"
)


def length(*texts: str) -> int:
    """A document's length for BM25: its words, stop words left out (they are not indexed on PostgreSQL)."""
    return length_of(word for text in texts for word in words(text))


def length_of(found) -> int:
    """The same from a row's words already split (search.text.words), so a write splits its text once."""
    return sum(1 for word in found if word not in STOP_WORDS)


def adjust(documents: int, length_total: int) -> None:
    """Add a write's (signed) changes, in its transaction, after cache.bump() made and locked the row."""
    if documents or length_total:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE archive_searchgeneration SET documents = documents + %s, length_total = length_total + %s "
                "WHERE id = %s",
                [documents, length_total, ROW],
            )


def recount() -> None:
    """Set the counts from the rows (after a rebuild, or to repair them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE archive_searchgeneration SET documents = (SELECT count(*) FROM archive_searchdocument), "
            "length_total = (SELECT coalesce(sum(length), 0) FROM archive_searchdocument) WHERE id = %s",
            [ROW],
        )
