"""Flags: events and commentary to revisit because a source they cite lost the archive's trust."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .sources import Source


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    """An event or commentary that cites a source rated unreliable, deprecated or rejected.

    Raised automatically by the moderation decision; an editor resolves it
    once the item no longer leans on the source (or the reliance is justified).
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="flags")
    event = models.ForeignKey("archive.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    commentary = models.ForeignKey(
        "archive.Commentary", null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(max_length=300)
    raised_at = models.DateTimeField(auto_now_add=True, db_index=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=300, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["resolved_at", "-raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(event__isnull=False) & Q(commentary__isnull=True))
                | (Q(event__isnull=True) & Q(commentary__isnull=False)),
                name="archive_flag_exactly_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.target} cites {self.source.citation_key}: {self.reason}"

    @property
    def target(self):
        return self.event or self.commentary
