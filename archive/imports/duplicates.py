"""The moderation duplicate rules (`possible_duplicates`) for many records at once.

`possible_duplicates` reads every source's title for each record, which is
right for one form but quadratic in the database for a 10,000-record file.
This index reads the sources once, keeps their normalised titles grouped by
the numbers they contain and sorted by length, and applies the same tests in
the same order: same DOI, ISBN or URL; or equal numbers and a SequenceMatcher
ratio of at least 0.85, checked only against titles whose length can reach
that ratio (its `real_quick_ratio`). `tests/test_import_sources.py` checks it
agrees with `possible_duplicates`.

The same index, started empty and fed the file's records one by one, finds
the works a file holds twice (`FileDuplicates`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from difflib import SequenceMatcher

from archive.duplicates import TITLE_SIMILARITY, _numbers, normalize_title, normalize_url
from archive.models import Source


def _isbn(value: str) -> str:
    return (value or "").replace("-", "").replace(" ", "")


class _Index:
    """DOI, ISBN, URL and title lookups over (id, doi, isbn, url, title) entries."""

    def __init__(self):
        self.by_doi, self.by_isbn, self.by_url = defaultdict(set), defaultdict(set), defaultdict(set)
        self.titles: dict[tuple, list[tuple[int, int, str]]] = defaultdict(list)  # numbers → [(len, id, title)]
        self.lengths: dict[tuple, list[int]] = defaultdict(list)  # numbers → the lengths of `titles`, for bisect

    def add(self, ident: int, doi: str, isbn: str, url: str, title: str, *, in_order: bool = True) -> None:
        """Index one entry; in_order=False appends unsorted (call `sort` once after loading many)."""
        if doi:
            self.by_doi[doi.lower()].add(ident)
        if isbn:
            self.by_isbn[isbn].add(ident)
        if url:
            self.by_url[normalize_url(url)].add(ident)
        normalized = normalize_title(title or "")
        key = tuple(_numbers(normalized))
        entry = (len(normalized), ident, normalized)
        position = bisect.bisect(self.titles[key], entry) if in_order else len(self.titles[key])
        self.titles[key].insert(position, entry)
        self.lengths[key].insert(position, entry[0])

    def sort(self) -> None:
        for key, entries in self.titles.items():
            entries.sort()
            self.lengths[key] = [entry[0] for entry in entries]

    def matches(self, source) -> set[int]:
        found = set()
        if source.doi:
            found |= self.by_doi.get(source.doi.lower(), set())
        isbn = _isbn(source.isbn)
        if isbn:
            found |= self.by_isbn.get(isbn, set())
        if source.url:
            found |= self.by_url.get(normalize_url(source.url), set())
        wanted = normalize_title(source.title or "")
        if wanted:
            key = tuple(_numbers(wanted))
            entries, lengths = self.titles.get(key, []), self.lengths.get(key, [])
            size = len(wanted)
            # 2·min/(a+b) ≥ r  ⇔  the other length lies in [a·r/(2−r), a·(2−r)/r]
            low = bisect.bisect_left(lengths, size * TITLE_SIMILARITY / (2 - TITLE_SIMILARITY) - 1e-9)
            high = bisect.bisect_right(lengths, size * (2 - TITLE_SIMILARITY) / TITLE_SIMILARITY + 1e-9)
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(wanted)
            for _length, ident, candidate in entries[low:high]:
                if ident in found:
                    continue
                matcher.set_seq1(candidate)
                if (
                    matcher.real_quick_ratio() >= TITLE_SIMILARITY
                    and matcher.quick_ratio() >= TITLE_SIMILARITY
                    and matcher.ratio() >= TITLE_SIMILARITY
                ):
                    found.add(ident)
        return found


class DuplicateIndex(_Index):
    """The archive's sources (merged ones excluded), read once."""

    def __init__(self):
        super().__init__()
        rows = Source.objects.filter(merged_into__isnull=True).values_list("pk", "doi", "isbn", "url", "title")
        for row in rows.iterator(chunk_size=5000):
            self.add(*row, in_order=False)
        self.sort()

    def find(self, source, limit: int = 10) -> list[Source]:
        found = self.matches(source)
        if source.pk:
            found.discard(source.pk)
        if not found:
            return []
        return list(Source.objects.filter(pk__in=sorted(found)[:limit]).order_by("pk"))


class FileDuplicates(_Index):
    """The records of one file seen so far, by row number: `first_of` names the earlier row of the same work."""

    def first_of(self, source) -> int | None:
        found = self.matches(source)
        return min(found) if found else None

    def add_row(self, number: int, source) -> None:
        self.add(number, source.doi, _isbn(source.isbn), source.url, source.title)
