"""The audit trail of editorial decisions: who did what to which object, when, and why.

django-simple-history keeps every field version; these entries name the
decisions (publish, approve, reject, rate, merge, …) so a moderator can read
"who changed this, when and why" without diffing versions. Entries are
written by archive/services/audit.py only (the one entry point).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", "Submitted for review"
        PUBLISH = "publish", "Published"
        UNPUBLISH = "unpublish", "Unpublished (archived)"
        STATUS = "status", "Status changed"
        SCHEDULE = "schedule", "Scheduled for publication"
        SEND_BACK = "send-back", "Sent back to the writer"
        REVISE = "revise", "Change to a published item submitted for review"
        REVISION_OK = "revision-ok", "Change approved and published"
        REVISION_BACK = "revision-back", "Change sent back"
        REVISION_CLOSED = "revision-closed", "Change withdrawn (item unpublished)"
        CITE_DISTRUST = "cite-distrust", "Distrusted source cited (confirmed)"
        APPROVE = "approve", "Source approved"
        REJECT = "reject", "Source rejected"
        REOPEN = "reopen", "Source back to pending"
        RATE = "rate", "Reliability rated"
        FLAG = "flag", "Citing items flagged"
        FLAG_RESOLVE = "flag-resolve", "Flag resolved"
        MERGE = "merge", "Sources merged"
        TAG_MERGE = "tag-merge", "Tags merged"
        TAG_RENAME = "tag-rename", "Tag renamed"
        # Labels read on with "by <who>" (the audit panel): a reader is "a reader".
        SUGGEST = "suggest", "Suggested"
        REPORT = "report", "Problem reported"
        HANDLED = "handled", "Reader's message handled"

    action = models.CharField(max_length=16, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField("object", max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True, help_text="Kept if the account is deleted.")
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text="Field → [before, after].")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit trail"
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="archive_audit_object")]

    def __str__(self):
        who = self.username or "a reader"
        return f"{self.get_action_display()}: {self.object_repr} by {who}"

    @property
    def target(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)
