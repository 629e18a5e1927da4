"""Building blocks shared by the content models: EDTF dates and publication state."""

__all__ = ["EDTFDated", "Publishable", "PublishableQuerySet", "PublicationStatus"]

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from archive import dates, visibility
from archive.states import PublicationStatus


class EDTFDated(models.Model):
    """An EDTF date kept as typed, plus derived bounds for sorting and filtering.

    The bounds and precision are recomputed on every save, so they can never
    drift from the string; check constraints guard the derived columns.
    """

    date_edtf = models.CharField(
        "date (EDTF)",
        max_length=dates.MAX_EDTF_LENGTH,
        help_text=(
            "Extended Date/Time Format: 1999-12-08 (a day), 2009-07 (a month), 2009 (a year), "
            "199X (the 1990s), 1995-02~ (about February 1995), 2009? (uncertain), "
            "2004-01-01/2004-01-04 (a range), 1990~/1993~ (early 1990s)."
        ),
    )
    date_earliest = models.DateField("earliest day", editable=False, db_index=True)
    date_latest = models.DateField("latest day", editable=False, db_index=True)
    date_precision = models.CharField(max_length=8, choices=dates.PRECISION_CHOICES, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(date_latest__gte=models.F("date_earliest")),
                name="%(app_label)s_%(class)s_date_latest_gte_earliest",
            ),
            models.CheckConstraint(
                condition=~Q(date_precision="day") | Q(date_latest=models.F("date_earliest")),
                name="%(app_label)s_%(class)s_day_precision_is_one_day",
            ),
        ]

    @property
    def date_display(self) -> str:
        return dates.describe(self.date_edtf)

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude)
        if exclude and "date_edtf" in exclude:
            return
        try:
            self._apply_edtf()
        except dates.InvalidEDTF as exc:
            raise ValidationError({"date_edtf": str(exc)}) from exc

    def _apply_edtf(self):
        parsed = dates.parse(self.date_edtf)
        self.date_edtf = parsed.edtf
        self.date_earliest, self.date_latest, self.date_precision = (
            parsed.earliest,
            parsed.latest,
            parsed.precision,
        )

    def save(self, *args, **kwargs):
        self._apply_edtf()
        super().save(*args, **kwargs)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see (the rule is visibility.published_q)."""
        return self.filter(visibility.published_q())


class Publishable(models.Model):
    """Editorial state shared by events and commentary.

    A published item whose publish date lies in the future stays hidden until
    then, so scheduling needs no cron job.
    """

    status = models.CharField(
        max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        db_index=True,
        help_text="When a published item becomes public. A future date schedules it.",
    )
    status_changed_at = models.DateTimeField("status changed", null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="status changed by",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Proposed changes to the item while published (archive.models.revisions); deleted with the item.
    revisions = GenericRelation("archive.PendingRevision")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return visibility.item_is_public(self)

    @property
    def is_scheduled(self) -> bool:
        return visibility.item_is_scheduled(self)

    @property
    def preview_state(self) -> str:
        """What staff previewing a hidden item are told it is ("In review", "Scheduled for …"); "" when public."""
        if self.is_public:
            return ""
        if self.is_scheduled:
            when = timezone.localtime(self.publish_at)
            return f"Scheduled for {when.day} {when:%B %Y, %H:%M}"
        return self.get_status_display()
