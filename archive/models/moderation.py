"""Moderation records: flags on content citing a distrusted source, and readers' submissions."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .sources import Source


class PendingSource(Source):
    """The moderation queue: the source table seen as pending sources, oldest first."""

    class Meta:
        proxy = True
        verbose_name = "pending source"
        verbose_name_plural = "pending sources (moderation queue)"


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


class ReaderSubmission(models.Model):
    """What a reader sent through the public form: a suggested source or a reported problem.

    The contact e-mail is private: only moderators see it, and it is never
    shown on a public page.
    """

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", "Suggested source"
        REPORT = "report", "Reported problem"

    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="submissions")
    message = models.TextField("reader's message")
    contact_email = models.EmailField("contact e-mail (private)", blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["handled_at", "created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.source.title}"
