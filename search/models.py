"""The search index: one denormalized row per searchable object, plus facet values and a vocabulary.

The engine-specific full-text structures (PostgreSQL generated tsvector
columns with GIN indexes, the SQLite FTS5 table) are created by the
``search_index`` migration and filled from these rows; see search/.
"""

from django.db import models
from django.utils import timezone


class SearchDocumentQuerySet(models.QuerySet):
    def public(self):
        """Rows the public may find: published (and due) events/commentary, approved sources."""
        return self.filter(public_from__lte=timezone.now())


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        EVENT = "event", "Event"
        COMMENTARY = "commentary", "Commentary"
        SOURCE = "source", "Source"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True, help_text="Summary, standfirst or abstract (weight B).")
    keywords = models.TextField(blank=True, help_text="Tags, actors with all their aliases, authors (weight B).")
    body = models.TextField(
        blank=True, help_text="Plain text of the body and the titles of cited approved sources (weight C)."
    )
    url = models.CharField(max_length=300)
    date_display = models.CharField(max_length=120, blank=True)
    date_sort = models.DateField(null=True, db_index=True)
    public_from = models.DateTimeField(null=True, db_index=True, help_text="Empty: never public (draft, pending).")
    tags = models.JSONField(default=list, blank=True, help_text="[[slug, name], …] for display without joins.")
    length = models.PositiveIntegerField(
        default=0, help_text="Words indexed, stop words left out: the document length BM25 normalises by."
    )
    facet_list = models.TextField(
        blank=True, default="", help_text="Its facet values packed (facets.pack): counted from the matches' rows."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        db_table = "archive_searchdocument"  # The table predates the search app (see migrations/0001).
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="archive_searchdoc_unique_object")]
        # PostgreSQL also gets (date_sort DESC NULLS LAST, id DESC) and (date_sort, id) indexes in the
        # search_champions migration (SQLite cannot declare NULLS LAST in an index).

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchFacet(models.Model):
    """One facet value of a document (tag, actor, decade, year, source kind, reliability, type)."""

    # Indexed for the cascade from its document. The counts are read from SearchDocument.facet_list, so the
    # covering index (document, name, value, label) they once needed is gone: one index less to write per value.
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=200)
    label = models.CharField(max_length=300)

    class Meta:
        db_table = "archive_searchfacet"
        # The filters' lookup (facet_filter, FacetFilter): the documents holding one value.
        indexes = [models.Index(fields=["name", "value", "document"], name="archive_searchfacet_lookup")]

    def __str__(self):
        return f"{self.name}={self.value}"


class SearchTerm(models.Model):
    """A normalized word of the public-able index rows: the vocabulary for "did you mean" (see vocabulary.py)."""

    word = models.CharField(max_length=60, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)
    documents = models.IntegerField(
        default=0, help_text="How many index rows with a public date (published, scheduled, approved) contain it."
    )

    class Meta:
        db_table = "archive_searchterm"

    def __str__(self):
        return self.word


class SearchChampion(models.Model):
    """PostgreSQL only: a document's best-scoring lexemes with their weighted counts (a "champion list").

    For a word in half the archive, reading every matching tsvector to rank
    them is the cost to avoid; this table lists, per lexeme, the documents
    where it weighs most, in index order, so the first ranking stage reads a
    few hundred index entries. Filled by index.py from the stored vector.
    """

    # No database constraint: its deferred check ran at COMMIT for every row (32 per document, 320,000 for a
    # 10,000-event import: 2-3 s of the server's time, bench/README.md). The rows are only ever written from
    # their document rows in the same statement (postgres.CHAMPIONS_SQL) and deleted with them by Django's
    # cascade (`_delete`), so the constraint never had anything to refuse; the index on it stays for that delete.
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    # Text, not varchar: PostgreSQL lexemes reach 2,047 bytes (a btree entry holds up to ~2,700).
    lexeme = models.TextField()
    score = models.FloatField()

    class Meta:
        db_table = "archive_searchchampion"
        # Covering: the first stage reads document ids straight from the index, in score order.
        indexes = [models.Index(fields=["lexeme", "-score"], include=["document"], name="archive_searchchampion_rank")]

    def __str__(self):
        return f"{self.lexeme}: {self.score}"


class SearchGeneration(models.Model):
    """One row whose token changes with every index write, in the writing transaction (see cache.py).

    A fresh random token, not a counter: a rolled-back write restores the old
    token, and a counter would then hand out the same number again for different data.
    """

    token = models.CharField(max_length=32)
    # Corpus statistics for BM25 (see statistics.py), changed in the same transactions as the rows they count.
    # Database defaults: cache.bump() creates the row with raw SQL.
    documents = models.BigIntegerField(default=0, db_default=0)
    length_total = models.BigIntegerField(default=0, db_default=0)

    class Meta:
        db_table = "archive_searchgeneration"

    def __str__(self):
        return self.token
