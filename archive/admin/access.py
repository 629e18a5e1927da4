"""Login lockouts (django-axes): administrators see who is locked and unlock them, each unlock logged.

An unlock deletes the account's or address's failure record (that is what ends a django-axes lockout) and
writes an entry in Django's admin log (who unlocked which username/address, when), which survives the
deleted record and shows under "Recent actions" and in the admin log.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry

admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    actions = ["unlock", *AccessAttemptAdmin.actions]

    @admin.action(description="Unlock: clear these failed logins (logged)", permissions=["delete"])
    def unlock(self, request, queryset):
        attempts = list(queryset)
        for attempt in attempts:
            locked = attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[attempt],
                action_flag=DELETION,
                change_message=(
                    f"Unlocked login for username “{attempt.username}” from {attempt.ip_address} "
                    f"({attempt.failures_since_start} failures{', locked' if locked else ''})."
                ),
                single_object=True,
            )
        queryset.filter(pk__in=[a.pk for a in attempts]).delete()
        self.message_user(request, f"Unlocked {len(attempts)} record(s) of failed logins.", messages.SUCCESS)
