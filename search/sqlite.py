"""SQLite engine: an FTS5 table (porter stemming over unicode61 with remove_diacritics 2), bm25 ranking.

The FTS5 table ``archive_search_fts`` holds the same four columns as the index
rows (rowid = SearchDocument.id) and is written by index.py. Counts are
capped. Up to EXACT_MATCHES matches (estimated from the vocabulary's document
counts) a capped search ranks every match with bm25(). Beyond that, bm25()
itself is the cost (about 4 µs a row against 0.2 µs to iterate it, measured
at 100,000 documents: bench/README.md), so the bounded stage scores only the
candidates an FTS5 expression picks out, iterated without scoring: the rank
groups (title, actor, words together), documents holding at least two of the
query's rarest words, then documents holding them in the title, keywords or
summary. bm25() sums per-phrase terms, so a candidate's exact score is
bm25 of `(candidates) AND (query)` minus bm25 of `candidates`, both
computed over the candidates only.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from .backend import (
    COUNT_CAP,
    MAX_RESULTS,
    Hit,
    Matches,
    SearchBackend,
    facet_filter,
    load_tags,
    similarity,
    sorted_matches,
)
from .estimates import clause_share, share_at_least, vocabulary_counts
from .text import MARK_END, MARK_START, render_highlight

MMAP_BYTES = 1 << 30
FTS_TABLE = "archive_search_fts"  # created by archive's migration 0002_search_index
# Column weights for bm25(): title, summary, keywords, body (title > keywords > summary > body). Gentle on
# purpose: measured on CISI (bench/README.md), 10/2/4/1 gave nDCG@10 0.367, these 0.378, all equal 0.376;
# the rank groups (tiers) put title matches first.
# Scaled by 0.8 from 1.5/1.1/1.3/1.0: FTS5's k1 is fixed at 1.2, and smaller weights saturate repeated words
# sooner (0.378 → 0.384 there).
BM25 = f"bm25({FTS_TABLE}, 1.2, 0.88, 1.04, 0.8)"
ORDERS = {
    "newest": "d.date_sort IS NULL, d.date_sort DESC, d.id DESC",
    "oldest": "d.date_sort IS NULL, d.date_sort ASC, d.id ASC",
}
ALL_WORDS = 1  # the flag bit that says a row holds every typed word
# A capped search whose matches are estimated at no more than this ranks every match (about 4 µs a row).
EXACT_MATCHES = 5000
# The bounded stage takes candidates from this many of the rarest words, and narrows a candidate set expected
# to be larger than CANDIDATES to the words' occurrences in the title, keywords and summary.
CANDIDATE_WORDS = 4
# 5,000 rather than 8,000: each candidate costs bm25() twice (~9 µs); the slowest of the benchmark's questions
# 177 → 133 ms, its top ten still 9 of the exact ten (bench/README.md).
CANDIDATES = 5000
HEAD = "{title keywords summary}"
# FTS5 sets the idf of a phrase in half of the rows or more to 1e-6 (fts5_aux.c): such words can add at most
# 1e-6 * (k1 + 1) * weight to a score, so they cannot lift a document holding none of the rarer words above one
# that holds any; the candidate stage leaves them out (MaxScore), the scores still count them.
COMMON_SHARE = 0.5


def _term(term) -> str:
    # Words hold only word characters (see query.py); quoting makes FTS5 read them as strings, never operators.
    return '"' + " ".join(term.words) + '"'


def _letter(clause) -> bool:
    return (
        len(clause.terms) == 1
        and len(clause.terms[0].words) == 1
        and clause.terms[0].text.isalpha()
        and len(clause.terms[0].text) == 1
    )


def scored(clauses) -> list:
    """The clauses that rank, without lone letters when other words remain.

    FTS5's tokenizer splits "e.g.", "i.e." and initials into letters, so a typed
    letter matches those fragments in most documents: noise (bench/README.md:
    CISI 0.384 → 0.390). PostgreSQL keeps "e.g" whole, so its letters stay.
    A letter still counts in the words-together rank group, and alone it is searched.
    """
    kept = [c for c in clauses if c.required or not _letter(c)]
    return kept if kept else list(clauses)


def _or(terms) -> str:
    return "(" + " OR ".join(_term(t) for t in terms) + ")"


def match_expression(parsed) -> str:
    """Quoted items must all occur; otherwise any word will do. Exclusions remove."""
    required = [_or(c.terms) for c in parsed.required]
    # A clause typed n times is repeated n times: FTS5's bm25() sums over the expression's phrases.
    optional = [_or(c.terms) for c in scored(parsed.optional) for _ in range(c.weight)]
    expression = " AND ".join(required) if required else " OR ".join(optional)
    if parsed.excluded and expression:
        expression = f"({expression}) NOT {_or(parsed.excluded)}"
    return expression


def highlight_expression(parsed) -> str:
    """Any typed item or spelling: what the snippets mark (every matched row holds one)."""
    return " OR ".join(_or(c.terms) for c in scored(parsed.clauses))


def tiers(parsed) -> tuple[str, list]:
    """A SQL expression of the row's rank group (bit flags, higher first) over `f.rowid`, with its parameters.

    8: the title holds the whole query; 4: the document is about the actor the query names;
    2: the words occur together, in order; 1: every typed word occurs.
    """
    parts, params = [], []

    def fts(flag: int, expression: str):
        parts.append(
            f"(CASE WHEN f.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) THEN {flag} ELSE 0 END)"
        )
        params.append(expression)

    whole = parsed.whole()
    if whole:
        fts(8, f"title : {_or(whole)}")
    if parsed.actors:
        placeholders = ", ".join(["%s"] * len(parsed.actors))
        parts.append(
            "(CASE WHEN f.rowid IN (SELECT document_id FROM archive_searchfacet "
            f"WHERE name = 'actor' AND value IN ({placeholders})) THEN 4 ELSE 0 END)"
        )
        params += parsed.actors
    if parsed.proximity():
        fts(2, '"' + " ".join(parsed.proximity()) + '"')
    typed = scored(parsed.typed())
    if len(typed) > 1:
        fts(ALL_WORDS, " AND ".join(_or(c.terms) for c in typed))
    return (" + ".join(parts) or "0"), params


def _at_least_two(clauses) -> str:
    """An FTS5 expression true for rows holding at least two of the clauses (each needs one of those after it)."""
    return " OR ".join(
        f"({_or(c.terms)} AND ({' OR '.join(_or(d.terms) for d in clauses[i + 1 :])}))"
        for i, c in enumerate(clauses[:-1])
    )


def candidate_expressions(parsed, counts: dict[str, int], documents: int) -> list[str]:
    """FTS5 expressions of the bounded stage's candidates, narrowest first (each holds the previous one).

    The rank groups (title is the whole query, about the actor: the name in the keywords, the words
    together) come first in the order, so holding them whole keeps the top of the ranking exact as long as
    they fill it. Then rows holding two or more of the rarest words (the top of a many-word question holds
    five to nine of ten: bench/README.md), narrowed to the title, keywords and summary when that set would
    be large; then any of those words in the title, keywords or summary.
    """
    groups = []
    whole = parsed.whole()
    if whole:
        groups.append(f"(title : {_or(whole)})")
    groups += [f"(keywords : {_or(c.terms)})" for c in parsed.clauses if c.name]
    if parsed.proximity():
        groups.append('"' + " ".join(parsed.proximity()) + '"')
    share = {id(c): clause_share(c, counts, documents) for c in parsed.optional}
    documents = max(documents, 1)
    ranked = sorted(scored([c for c in parsed.optional if not c.name]), key=lambda c: share[id(c)])
    rarer = [c for c in ranked if share[id(c)] < COMMON_SHARE] or ranked
    rarest = rarer[:CANDIDATE_WORDS]
    head = f"{HEAD} : ({' OR '.join(_or(c.terms) for c in rarest)})"
    parts, expressions = list(groups), []
    if len(rarest) > 1:
        several = _at_least_two(rarest)
        if share_at_least([share[id(c)] for c in rarest], 2) * documents > CANDIDATES:
            several = f"({several}) AND {head}"
        parts.append(f"({several})")
    # The rank groups alone fill the page for one common word (its title matches); with more words left out
    # as too common they hardly ever do (the words together: 71–174 rows for two common words), so skip them.
    if parts and (len(rarest) > 1 or len(ranked) == 1):
        expressions.append(" OR ".join(parts))
    if rarest:
        expressions.append(" OR ".join([*parts, f"({head})"]))
    return expressions


def _best(summary: str, body: str) -> str:
    """The summary's snippet if it shows a match, else the body's if that does, else the summary's start."""
    if MARK_START in (summary or "") or not body or MARK_START not in body:
        return summary or body or ""
    return body


class SQLiteBackend(SearchBackend):
    def _base(self, parsed, filters) -> tuple[str, list]:
        sql = (
            f"FROM {FTS_TABLE} f JOIN archive_searchdocument d ON d.id = f.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND d.public_from <= %s"
        )
        params = [match_expression(parsed), connection.ops.adapt_datetimefield_value(timezone.now())]
        facet_sql, facet_params = facet_filter("d", filters)
        return sql + facet_sql, params + facet_params

    def match(self, parsed, filters, sort) -> Matches:
        """Count (capped) and order in one statement; a capped relevance search ranks in a second one.

        When the vocabulary's estimate already says a relevance search is capped, a cheap count confirms it
        and the bounded stage ranks without the count-and-rank statement (bench/README.md).
        """
        if not parsed.clauses:
            return Matches(ids=[], total=0)
        base, params = self._base(parsed, filters)
        limit = max(COUNT_CAP + 1, MAX_RESULTS)
        with connection.cursor() as cursor:
            if sort in ORDERS:
                cursor.execute(f"SELECT d.id, d.facet_list {base} ORDER BY {ORDERS[sort]} LIMIT %s", params + [limit])
                return sorted_matches(cursor.fetchall())
            tier_sql, tier_params = tiers(parsed)
            # The vocabulary's estimate first: when it says capped, a count that steps at most COUNT_CAP + 1
            # rows without bm25() or rank groups confirms it, and the bounded stage ranks; a stale estimate
            # (or hidden rows) fails the count and the search takes the exact path below.
            candidates = [] if filters else self._candidates(cursor, parsed)
            if candidates and self._over_cap(cursor, base, params):
                rows, bounded = self._rank_first(cursor, parsed, tier_sql, tier_params, candidates)
                if rows is None:
                    rows = self._joined(cursor, base, params, tier_sql, tier_params)
                return self._capped(parsed, rows, bounded)
            # MATERIALIZED: the FTS5 match is evaluated once, for the count and the ranking alike.
            cursor.execute(
                f"""WITH m AS MATERIALIZED (
                        SELECT d.id, {BM25} AS score, {tier_sql} AS tier, d.date_sort, d.facet_list {base} LIMIT %s)
                    SELECT (SELECT count(*) FROM m), id, tier, facet_list FROM m
                    ORDER BY tier DESC, score, date_sort DESC, id DESC""",
                tier_params + params + [COUNT_CAP + 1],
            )
            rows = cursor.fetchall()
            total = rows[0][0] if rows else 0
            if total <= COUNT_CAP:
                return Matches(
                    ids=[row[1] for row in rows][:MAX_RESULTS],
                    total=total,
                    complete=self._complete(parsed, rows),
                    facet_lists=[row[3] for row in rows][:MAX_RESULTS],
                )
            rows, bounded = (None, False) if filters else self._rank_first(cursor, parsed, tier_sql, tier_params, [])
            if rows is None:
                rows = self._joined(cursor, base, params, tier_sql, tier_params)
        return self._capped(parsed, rows, bounded)

    @staticmethod
    def _over_cap(cursor, base, params) -> bool:
        """Whether more than COUNT_CAP public rows match: at most COUNT_CAP + 1 rows stepped, none scored."""
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s)", params + [COUNT_CAP + 1])
        return cursor.fetchone()[0] > COUNT_CAP

    @staticmethod
    def _joined(cursor, base, params, tier_sql, tier_params) -> list[tuple]:
        """The exact ranking over every match joined with its document (filters, hidden rows crowding out)."""
        cursor.execute(
            f"SELECT d.id, {tier_sql} AS tier, d.facet_list {base} "
            f"ORDER BY tier DESC, {BM25}, d.date_sort DESC, d.id DESC LIMIT %s",
            tier_params + params + [MAX_RESULTS],
        )
        return [(None, *row) for row in cursor.fetchall()]

    def _capped(self, parsed, rows, bounded) -> Matches:
        return Matches(
            ids=[row[1] for row in rows],
            total=COUNT_CAP,
            capped=True,
            bounded=bounded,
            complete=self._complete(parsed, rows),
            facet_lists=[row[3] for row in rows],
        )

    @staticmethod
    def _complete(parsed, rows) -> bool:
        return not rows or len(scored(parsed.typed())) < 2 or any(row[2] & ALL_WORDS for row in rows)

    def _rank_first(self, cursor, parsed, tier_sql, tier_params, candidates) -> tuple[list[tuple] | None, bool]:
        """Rank inside FTS5 first (every match, or the bounded stage's candidates), then join the best rows.

        Joining every match of a common word before ranking costs more than the
        ranking itself. The result is exact unless hidden rows crowd the best
        ones out (or the bounded stage ranked: see candidate_expressions, the
        second value says so); None sends the caller to the full join.
        """
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        for expression in candidates:
            rows = self._rank_candidates(cursor, parsed, expression, tier_sql, tier_params, now)
            if len(rows) >= MAX_RESULTS:
                return rows, True
        cursor.execute(
            f"""SELECT d.id, f.tier, d.facet_list FROM (
                    SELECT f.rowid AS id, {BM25} AS score, {tier_sql} AS tier FROM {FTS_TABLE} f
                    WHERE {FTS_TABLE} MATCH %s ORDER BY tier DESC, score LIMIT %s) f
                JOIN archive_searchdocument d ON d.id = f.id
                WHERE d.public_from <= %s ORDER BY f.tier DESC, f.score, d.date_sort DESC, d.id DESC""",
            [*tier_params, match_expression(parsed), MAX_RESULTS + MAX_RESULTS // 5, now],
        )
        rows = [(None, *row) for row in cursor.fetchall()]
        return (rows[:MAX_RESULTS] if len(rows) >= MAX_RESULTS else None), False

    @staticmethod
    def _candidates(cursor, parsed) -> list[str]:
        """The bounded stage's candidate expressions, or none when the matches are few enough to rank them all."""
        counts, documents = vocabulary_counts(cursor, parsed)
        if not counts and not documents:
            return []
        clauses = scored(parsed.optional)
        none = 1.0
        for clause in clauses:
            none *= 1 - clause_share(clause, counts, documents)
        if (1 - none) * documents <= EXACT_MATCHES:
            return []
        return candidate_expressions(parsed, counts, documents)

    @staticmethod
    def _rank_candidates(cursor, parsed, candidates, tier_sql, tier_params, now) -> list[tuple]:
        """The best public candidates by exact rank group and bm25, scoring the candidates only.

        bm25() is a sum over the expression's phrases, each term depending on the phrase, the row and
        corpus counts only; so over the rows of `candidates`, bm25(`(candidates) AND (query)`) minus
        bm25(`candidates`) is the query's own bm25. Both statements iterate the candidate expression,
        not the query's (far more) matches.
        """
        cursor.execute(
            f"""WITH c AS MATERIALIZED (
                    SELECT rowid AS id, {BM25} AS score FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s),
                a AS MATERIALIZED (
                    SELECT f.rowid AS id, {BM25} AS score, {tier_sql} AS tier FROM {FTS_TABLE} f
                    WHERE {FTS_TABLE} MATCH %s)
                SELECT d.id, a.tier, d.facet_list
                FROM a JOIN c ON c.id = a.id JOIN archive_searchdocument d ON d.id = a.id
                WHERE d.public_from <= %s ORDER BY a.tier DESC, a.score - c.score, d.date_sort DESC, d.id DESC
                LIMIT %s""",
            [candidates, *tier_params, f"({candidates}) AND ({match_expression(parsed)})", now, MAX_RESULTS],
        )
        return [(None, *row) for row in cursor.fetchall()]

    def fetch(self, parsed, ids) -> dict[int, Hit]:
        if not ids:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        sql = f"""SELECT d.id, d.kind, d.url, d.date_display, d.date_sort, d.tags,
                   highlight({FTS_TABLE}, 0, %s, %s), snippet({FTS_TABLE}, 1, %s, %s, ' … ', 24),
                   snippet({FTS_TABLE}, 3, %s, %s, ' … ', 24)
            FROM {FTS_TABLE} f JOIN archive_searchdocument d ON d.id = f.rowid
            WHERE {FTS_TABLE} MATCH %s AND f.rowid IN ({placeholders})"""
        marks = [MARK_START, MARK_END]
        with connection.cursor() as cursor:
            cursor.execute(sql, marks * 3 + [highlight_expression(parsed), *ids])
            rows = cursor.fetchall()
        return {
            row[0]: Hit(
                row[0],
                row[1],
                render_highlight(row[6]),
                render_highlight(_best(row[7], row[8])),
                *row[2:5],
                load_tags(row[5]),
            )
            for row in rows
        }

    def similar_words(self, word) -> list[str]:
        """The vocabulary's closest words by pg_trgm's similarity, from words of similar length and first letter."""
        first = word[:1]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM archive_searchterm WHERE word >= %s AND word < %s AND length BETWEEN %s AND %s",
                [first, first + "\U0010ffff", len(word) - 2, len(word) + 2],
            )
            scored = [(similarity(word, w), w) for (w,) in cursor.fetchall()]
        scored = [item for item in scored if item[0] >= 0.3]
        scored.sort(key=lambda item: (-item[0], abs(len(item[1]) - len(word)), item[1]))
        return [w for _, w in scored[:5]]

    def documents_written(self, documents) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(d.id,) for d in documents])
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, summary, keywords, body) VALUES (%s, %s, %s, %s, %s)",
                [(d.id, d.title, d.summary, d.keywords, d.body) for d in documents],
            )

    def documents_deleted(self, document_ids) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(i,) for i in document_ids])


def tune_connection(sender, connection, **kwargs):
    """Memory-map the database file: bm25 reads a document-size record per match, and mmap halves that cost.

    Measured in bench/README.md; read-only pages are shared between worker processes.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
