"""What readers send through the public form: suggested sources and reported problems (moderators only)."""

from django.conf import settings
from django.db import models

from .sources import Source


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
