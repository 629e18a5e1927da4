"""The moderation duplicate rules (`possible_duplicates`) for many records at once.

`possible_duplicates` reads every source's title for each record, which is
right for one form but quadratic in the database for a 10,000-record file.
This index reads the sources once, keeps their normalised titles sorted by
length, and applies the same tests in the same order: same DOI, ISBN or URL;
or equal numbers and a SequenceMatcher ratio of at least 0.85, checked only
against titles whose length can reach that ratio (its `real_quick_ratio`).
`tests/test_import_sources.py` checks it agrees with `possible_duplicates`.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from difflib import SequenceMatcher

from archive.duplicates import TITLE_SIMILARITY, _numbers, normalize_title, normalize_url
from archive.models import Source


class DuplicateIndex:
    def __init__(self):
        self.by_doi, self.by_isbn, self.by_url = defaultdict(set), defaultdict(set), defaultdict(set)
        self.titles: dict[tuple, list[tuple[int, int, str]]] = defaultdict(list)  # numbers → [(len, pk, title)]
        rows = Source.objects.filter(merged_into__isnull=True).values_list("pk", "doi", "isbn", "url", "title")
        for pk, doi, isbn, url, title in rows.iterator(chunk_size=5000):
            if doi:
                self.by_doi[doi.lower()].add(pk)
            if isbn:
                self.by_isbn[isbn].add(pk)
            if url:
                self.by_url[normalize_url(url)].add(pk)
            normalized = normalize_title(title)
            self.titles[tuple(_numbers(normalized))].append((len(normalized), pk, normalized))
        for entries in self.titles.values():
            entries.sort()
        self._lengths = {key: [e[0] for e in entries] for key, entries in self.titles.items()}

    def find(self, source, limit: int = 10) -> list[Source]:
        found = set()
        if source.doi:
            found |= self.by_doi.get(source.doi.lower(), set())
        isbn = (source.isbn or "").replace("-", "").replace(" ", "")
        if isbn:
            found |= self.by_isbn.get(isbn, set())
        if source.url:
            found |= self.by_url.get(normalize_url(source.url), set())
        wanted = normalize_title(source.title or "")
        if wanted:
            key = tuple(_numbers(wanted))
            entries, lengths = self.titles.get(key, []), self._lengths.get(key, [])
            size = len(wanted)
            # 2·min/(a+b) ≥ r  ⇔  the other length lies in [a·r/(2−r), a·(2−r)/r]
            low = bisect.bisect_left(lengths, size * TITLE_SIMILARITY / (2 - TITLE_SIMILARITY) - 1e-9)
            high = bisect.bisect_right(lengths, size * (2 - TITLE_SIMILARITY) / TITLE_SIMILARITY + 1e-9)
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(wanted)
            for _length, pk, candidate in entries[low:high]:
                if pk in found:
                    continue
                matcher.set_seq1(candidate)
                if (
                    matcher.real_quick_ratio() >= TITLE_SIMILARITY
                    and matcher.quick_ratio() >= TITLE_SIMILARITY
                    and matcher.ratio() >= TITLE_SIMILARITY
                ):
                    found.add(pk)
        if source.pk:
            found.discard(source.pk)
        if not found:
            return []
        return list(Source.objects.filter(pk__in=sorted(found)[:limit]).order_by("pk"))
