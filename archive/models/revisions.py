"""Pending revisions: an editor's change to a published item, waiting for a publisher.

The public keeps reading the published row until a publisher approves the
revision (its values are then written to the row) or sends it back with a
comment. One open revision per item: a later edit by an editor updates it.

A revision is a full snapshot, so it also keeps its base: the published
values it was written against. Approval merges against that base (see
publication.merge_revision), so a publisher's later direct edit of the live
item is never overwritten unseen. Unpublishing the item withdraws its open
revision (kept, with its text, as "withdrawn").
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class PendingRevisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=PendingRevision.State.PENDING)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class PendingRevision(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        APPROVED = "approved", "Approved (live)"
        SENT_BACK = "sent-back", "Sent back"
        WITHDRAWN = "withdrawn", "Withdrawn (item unpublished)"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(help_text="The proposed field values (and related ids), as the form gave them.")
    base = models.JSONField(
        null=True,
        blank=True,
        help_text="The published values the proposal was written against (same shape as data); "
        "empty for proposals made before bases were kept.",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    comment = models.TextField(blank=True, help_text="The author's note for the reviewer.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    objects = PendingRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "pending change"
        verbose_name_plural = "pending changes to published items"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state="pending"),
                name="archive_pendingrevision_one_open",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "state"], name="archive_revision_object")]

    def __str__(self):
        return f"Change to “{self.data.get('title', '')}” ({self.get_state_display().lower()})"
