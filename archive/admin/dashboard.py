"""The admin home as a desk for the signed-in person: what is theirs to do, and what just happened.

A fixed number of queries whatever the archive's size: counts are aggregates,
lists are capped slices with their related rows joined.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q

from archive.models import AuditEntry, Commentary, Event, Flag, PendingRevision, ReaderSubmission, Source
from archive.models import PublicationStatus as S

LIST_LENGTH = 8


def _mine(model, user):
    """Drafts this person created (the first version in the item's history is theirs)."""
    created = model.history.filter(history_user=user, history_type="+").values("id")
    return model.objects.filter(status=S.DRAFT, pk__in=created).order_by("-updated_at")


def _counts(model):
    return model.objects.aggregate(
        drafts=Count("pk", filter=Q(status=S.DRAFT)),
        review=Count("pk", filter=Q(status=S.REVIEW)),
    )


def dashboard(request) -> dict:
    user = request.user
    if not user.is_active or not user.is_staff:
        return {}
    context = {"dashboard": True}
    rows = []
    for model in (Commentary, Event):
        if not user.has_perm(f"archive.view_{model._meta.model_name}"):
            continue
        rows.append(
            {
                "label": model._meta.verbose_name_plural,
                "model_name": model._meta.model_name,
                "mine": list(_mine(model, user)[:LIST_LENGTH]),
                "review": list(model.objects.filter(status=S.REVIEW).order_by("status_changed_at")[:LIST_LENGTH]),
                "counts": _counts(model),
            }
        )
    context["desk_rows"] = rows
    context["pending_changes"] = list(
        PendingRevision.objects.open().select_related("content_type", "created_by").order_by("created_at")[:LIST_LENGTH]
    )
    context["pending_changes_count"] = PendingRevision.objects.open().count()
    if user.has_perm("archive.moderate_source"):
        context["pending_sources"] = Source.objects.filter(status=Source.Status.PENDING).count()
        context["open_submissions"] = ReaderSubmission.objects.filter(handled_at__isnull=True).count()
    if user.has_perm("archive.view_flag"):
        flags = Flag.objects.open().select_related("source", "event", "commentary").order_by("-raised_at")
        context["open_flags"] = list(flags[:LIST_LENGTH])
        context["open_flags_count"] = Flag.objects.open().count()
    if user.has_perm("archive.view_auditentry"):
        context["recent_activity"] = list(AuditEntry.objects.select_related("content_type")[:LIST_LENGTH])
    return context


def install(site: admin.AdminSite) -> None:
    """Give the site's index the desk's context (the stock app list stays below it)."""
    index = site.index

    def index_with_desk(request, extra_context=None):
        return index(request, {**dashboard(request), **(extra_context or {})})

    site.index = index_with_desk
    site.index_template = "admin/archive/dashboard.html"
