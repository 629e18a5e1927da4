"""Citations: which source supports which event or commentary, and where in it."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from archive.citations.locators import normalize_locator


class Citation(models.Model):
    """One source cited by exactly one event or one commentary.

    A single table (rather than one per content type) keeps "cited by" on a
    source page a single indexed query.
    """

    source = models.ForeignKey("archive.Source", on_delete=models.PROTECT, related_name="citations")
    event = models.ForeignKey(
        "archive.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    commentary = models.ForeignKey(
        "archive.Commentary", null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    locator = models.CharField(max_length=100, blank=True, help_text="p. 5, pp. 20–21, § 3, ch. 2 …")
    quote = models.CharField(max_length=500, blank=True, help_text="An optional short quotation from the source.")
    note = models.CharField(max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(event__isnull=False) & Q(commentary__isnull=True))
                | (Q(event__isnull=True) & Q(commentary__isnull=False)),
                name="archive_citation_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["event", "source", "locator"],
                condition=Q(event__isnull=False),
                name="archive_citation_unique_event_source_locator",
            ),
            models.UniqueConstraint(
                fields=["commentary", "source", "locator"],
                condition=Q(commentary__isnull=False),
                name="archive_citation_unique_commentary_source_locator",
            ),
        ]

    def __str__(self):
        target = self.event or self.commentary
        where = f", {self.locator}" if self.locator else ""
        return f"{target} ← {self.source.citation_key}{where}"

    @property
    def target(self):
        return self.event or self.commentary

    def save(self, *args, **kwargs):
        self.locator = normalize_locator(self.locator)
        super().save(*args, **kwargs)
