"""How many documents hold a query's words, estimated from the vocabulary's counts.

Both engines' bounded stages choose their candidate sets with these figures
before running anything costly: the counts are unstemmed words
(`SearchTerm.documents`), the words are taken as independent, so the
estimates are rough; each engine guards the size with a LIMIT or a check.
"""

from __future__ import annotations

from .cache import ROW


def vocabulary_counts(cursor, parsed) -> tuple[dict[str, int], int]:
    """(documents per typed word, documents in the index): one statement."""
    found = sorted({w for c in parsed.optional for t in c.terms for w in t.words})
    if not found:
        return {}, 0
    placeholders = ", ".join(["%s"] * len(found))
    cursor.execute(
        f"SELECT word, documents FROM archive_searchterm WHERE word IN ({placeholders}) "
        f"UNION ALL SELECT NULL, documents FROM archive_searchgeneration WHERE id = %s",
        [*found, ROW],
    )
    counts = dict(cursor.fetchall())
    return counts, counts.pop(None, 0) or 0


def clause_frequency(clause, counts: dict[str, int]) -> int:
    """Documents holding the clause: a phrase its rarest word, alternatives (OR) the sum."""
    return sum(min(counts.get(w, 0) for w in term.words) for term in clause.terms)


def clause_share(clause, counts: dict[str, int], documents: int) -> float:
    """The share of the documents holding the clause (at most 1; an empty index counts as one document)."""
    return min(1.0, clause_frequency(clause, counts) / max(documents, 1))


def share_at_least(shares: list[float], k: int) -> float:
    """The share of rows holding at least `k` of independent words with these document shares."""
    exactly = [1.0] + [0.0] * len(shares)  # exactly[j]: the share holding exactly j of the words seen so far
    for p in shares:
        exactly = [exactly[j] * (1 - p) + (exactly[j - 1] * p if j else 0.0) for j in range(len(exactly))]
    return max(0.0, min(1.0, sum(exactly[k:])))
