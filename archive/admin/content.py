"""Events and commentary: one form each, with citations, authors and tags inline."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from archive import compare
from archive.citations.lint import lint
from archive.citations.sync import sync_body_citations
from archive.diffs import text_change
from archive.models import Citation, Commentary, CommentaryAuthor, Event, PendingRevision, PublicationStatus
from archive.services import publication

from .audit import AuditTrailMixin
from .editing import EditingViewsMixin, posted_authors
from .inlines import JoinedRowsInlineMixin

CITATION_HELP = (
    "Markdown. Cite a source inline by its key: [@oliphant2009, p. 5]; several at once: "
    "[@a, pp. 20–21; @b]. The same source and locator cited twice share one footnote. "
    "Cited sources are added to the citations below when you save."
)


class EditorFormMixin(forms.Form):
    """The workflow buttons' rules, edit-conflict protection and the body's citations.

    `workflow_user`, `workflow_status`, `workflow_publish_at`, `workflow_token` (what is stored now)
    and `pending_revision` are set on the form class by the admin per request. The button pressed
    arrives as `_workflow`; the publication service judges it.
    """

    change_reason = forms.CharField(
        label="Comment",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the history and the audit trail (“why”); required to send back.",
    )
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    citation_reason = forms.CharField(
        label="Why cite a distrusted source?",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Asked only when the body newly cites a source rated unreliable, deprecated or blacklisted, "
        "or a rejected one; kept in the audit trail.",
    )
    workflow_user = None
    workflow_status = None
    workflow_publish_at = None
    workflow_token = ""
    pending_revision = None

    def __init__(self, *args, **kwargs):
        if self.pending_revision is not None and not args and "data" not in kwargs:
            # An open change to a published item: carry on from it, not from the live text.
            initial = kwargs.setdefault("initial", {})
            for key, value in self.pending_revision.data.items():
                initial.setdefault(key.removesuffix("_id"), value)
        super().__init__(*args, **kwargs)
        self.conflict = False
        self.workflow_action = None
        self.lint = None
        self.new_distrusted = []
        self.fields["edit_token"].initial = self.workflow_token
        publish_at = self.fields.get("publish_at")
        user = self.workflow_user
        if publish_at is not None and user is not None and not publication.can_publish(user, self._meta.model):
            publish_at.disabled = True
            publish_at.help_text = "Set by whoever publishes or schedules the item."

    def chosen_action(self) -> str:
        action = self.data.get("_workflow") or ""
        if action in publication.Action.ALL:
            return action
        return publication.default_action(self.workflow_user, self._meta.model, self.workflow_status)

    def clean(self):
        cleaned = super().clean()
        user = self.workflow_user
        if user is None:
            return cleaned
        if self.instance.pk is not None:
            try:
                # The admin's change view is one transaction: the row stays locked until the save.
                publication.check_version(self.instance, self.data.get("edit_token") or "")
            except publication.EditConflict as conflict:
                self.conflict = True
                # Saving again after reading the differences is a deliberate overwrite of the new version.
                self.data = self.data.copy()
                self.data["edit_token"] = conflict.token
                raise
        action = self.workflow_action = self.chosen_action()
        try:
            publication.validate(
                user,
                self._meta.model,
                self.workflow_status,
                action,
                comment=cleaned.get("change_reason", ""),
                publish_at=cleaned.get("publish_at"),
            )
        except forms.ValidationError as exc:
            self.add_error(None, exc)
        self._confirm_distrusted(cleaned)
        return cleaned

    def _confirm_distrusted(self, cleaned):
        """A newly cited distrusted source is kept only with a reason (asked for once, then audited)."""
        if self.lint is None:
            return
        before = (
            {key for key, _ in lint(self.initial.get("body") or "").distrusted} if self.initial.get("body") else set()
        )
        self.new_distrusted = [(key, why) for key, why in self.lint.distrusted if key not in before]
        if self.new_distrusted and not cleaned.get("citation_reason", "").strip():
            listed = "; ".join(f"@{key} ({why})" for key, why in self.new_distrusted)
            self.add_error(
                "citation_reason",
                f"You cite {listed}. Readers are warned about such sources: say why it is needed here, "
                "or cite another source.",
            )

    def resulting_status(self) -> str:
        return publication.resulting_status(self.workflow_status, self.workflow_action or "")

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        report = self.lint = lint(body)
        errors = list(report.error_messages)
        if report.unknown:
            plural = "s" if len(report.unknown) > 1 else ""
            listed = ", ".join(f"@{k}" for k in report.unknown)
            errors.append(f"Unknown citation key{plural}: {listed}. Add the source first, or correct the key.")
        if errors:
            raise forms.ValidationError(errors)
        return body


class EventAdminForm(EditorFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "slug", "date_edtf", "event_type", "summary", "body", "actors", "tags", "publish_at"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": CITATION_HELP}

    def clean(self):
        cleaned = super().clean()
        actors = cleaned.get("actors")
        if self.workflow_action and self.resulting_status() == PublicationStatus.PUBLISHED and actors is not None:
            try:
                publication.require_publishable(self.instance, list(actors))
            except ValidationError as exc:
                self.add_error("actors", exc.messages[0])
        return cleaned


class CommentaryAdminForm(EditorFormMixin, forms.ModelForm):
    class Meta:
        model = Commentary
        fields = [
            "title", "slug", "standfirst", "body", "published_on", "tags", "actors", "related_events",
            "original_publication", "publish_at",
        ]  # fmt: skip
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
        help_texts = {"body": CITATION_HELP}


class LiveItemInlineMixin:
    """Authors and citations of a published item change only with a publisher's save.

    A writer's edit to a live item becomes a pending revision of its fields; rows
    edited inline would go live at once, so for them the inlines are read-only
    (the citations the body gains are added when the revision is approved).
    """

    def _locked(self, request, obj) -> bool:
        return obj is not None and getattr(request, "_live_item_locked", False)

    def has_add_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)


class CitationInline(JoinedRowsInlineMixin, LiveItemInlineMixin, admin.TabularInline):
    model = Citation
    extra = 1
    fields = ["order", "source", "locator", "quote", "note"]
    autocomplete_fields = ["source"]
    classes = ["citation-inline"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 24})},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("locator", "order") and field is not None:
            field.widget.attrs["size"] = 8 if db_field.name == "locator" else 3
        return field


class EventCitationInline(CitationInline):
    fk_name = "event"


class CommentaryCitationInline(CitationInline):
    fk_name = "commentary"


class CommentaryAuthorInline(JoinedRowsInlineMixin, LiveItemInlineMixin, admin.TabularInline):
    model = CommentaryAuthor
    extra = 1
    autocomplete_fields = ["person"]


class FlaggedFilter(admin.SimpleListFilter):
    title = "flags"
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("open", "Cites a distrusted source (open flag)")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(flags__resolved_at__isnull=True).distinct()
        return queryset


@admin.action(description="Submit selected for review", permissions=["change"])
def submit_for_review(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, publication.Action.SUBMIT)


@admin.action(description="Publish selected now", permissions=["publish"])
def publish(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, publication.Action.PUBLISH)


@admin.action(description="Unpublish selected (archive; restorable)", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    modeladmin.apply_transition(request, queryset, publication.Action.UNPUBLISH)


@admin.action(description="Send selected back to their writers (with a comment)", permissions=["publish"])
def send_back(modeladmin, request, queryset):
    return modeladmin.commented_transition(request, queryset, publication.Action.SEND_BACK, "send_back")


class ContentAdmin(EditingViewsMixin, AuditTrailMixin, SimpleHistoryAdmin):
    """Shared behaviour: workflow buttons through the publication service, edit-conflict protection,
    pending revisions of published items, citations synced after save; "view on site" doubles as the
    draft preview for staff.

    Published (or archived) items cannot be deleted: unpublishing keeps them
    and their history, and can be undone.
    """

    change_form_template = "admin/archive/content_change_form.html"
    list_filter = ["status", FlaggedFilter, "tags"]
    autocomplete_fields = ["tags", "actors"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["workflow_state", "status_changed_by", "status_changed_at", "open_flags", "audit_trail"]
    actions = [submit_for_review, publish, unpublish, send_back]
    save_on_top = True
    publication_fieldset = (
        "Publication",
        {
            "fields": [
                "workflow_state",
                "publish_at",
                "change_reason",
                "edit_token",
                "status_changed_by",
                "status_changed_at",
                "open_flags",
                "audit_trail",
            ]
        },
    )

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/editor.js"]

    def view_on_site(self, obj):
        # Staff see drafts on the public templates (with a draft banner); the public gets 404.
        return obj.get_absolute_url()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("preview/", self.admin_site.admin_view(self.preview_view), name="{}_{}_preview".format(*info)),
            path("cite-lookup/", self.admin_site.admin_view(self.cite_lookup_view), name="{}_{}_lookup".format(*info)),
            path(
                "<path:object_id>/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/change-review/",
                self.admin_site.admin_view(self.revision_view),
                name="{}_{}_revision".format(*info),
            ),
        ] + super().get_urls()

    @admin.display(description="status")
    def workflow_state(self, obj):
        if obj is None or obj.pk is None:
            return "New (not saved yet)"
        revision = publication.open_revision(obj)
        status = obj.get_status_display()
        if obj.status == PublicationStatus.PUBLISHED and not obj.is_public:
            status = f"Scheduled for {obj.publish_at:%Y-%m-%d %H:%M}"
        if revision is None:
            return status
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_revision", args=[obj.pk])
        return format_html(
            '{} — <a href="{}">a change by {} awaits review</a>', status, url, revision.created_by or "an editor"
        )

    @admin.display(description="open flags")
    def open_flags(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        flags = list(obj.flags.open().select_related("source"))
        if not flags:
            return "None: every cited source is in good standing."
        return format_html_join(
            "",
            '<p>{} — <a href="{}">{}</a></p>',
            (
                (f.reason, reverse("admin:archive_source_change", args=[f.source_id]), f.source.citation_key)
                for f in flags
            ),
        )

    def has_publish_permission(self, request):
        return publication.can_publish(request.user, self.model)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status in (PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED):
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The workflow rules start from the stored status and schedule.

        `obj` may be an old version being restored from the history; judging
        by its status would let a writer republish an unpublished item.
        """
        form = super().get_form(request, obj, change=change, **kwargs)
        form.workflow_user = request.user
        form.workflow_status = form.workflow_publish_at = None
        form.workflow_token, form.pending_revision = "", None
        if obj is not None and obj.pk is not None:
            stored = self.model.objects.filter(pk=obj.pk).first()
            if stored is not None:
                form.workflow_status, form.workflow_publish_at = stored.status, stored.publish_at
                form.workflow_token = publication.version_token(stored)
        request._live_item_locked = form.workflow_status == PublicationStatus.PUBLISHED and not (
            publication.can_publish(request.user, self.model)
        )
        if request._live_item_locked and not getattr(request, "_restoring_version", False):
            # The writer carries on from their open proposal, not from the live text.
            form.pending_revision = publication.open_revision(obj)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        stored = form.workflow_status
        context["workflow_actions"] = [
            (action, publication.label(action, stored))
            for action in publication.actions_for(request.user, self.model, stored)
        ]
        context["pending_revision"] = form.pending_revision
        if obj is not None and obj.pk is not None and form.pending_revision is None:
            # The writer hears why their last proposal was declined.
            context["sent_back"] = publication.last_sent_back(obj)
        info = self.opts.app_label, self.opts.model_name
        context["preview_url"] = reverse("admin:{}_{}_preview".format(*info))
        context["lookup_url"] = reverse("admin:{}_{}_lookup".format(*info))
        context["no_author"] = self.model is Commentary and not (
            obj is not None and obj.pk is not None and obj.authorships.exists()
        )
        if form.conflict and obj is not None and obj.pk is not None:
            context["conflict"] = self.conflict_report(obj, form)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def conflict_report(self, obj, form):
        """Their version (stored now, or the open revision) against what this editor typed."""
        current = self.model.objects.get(pk=obj.pk)
        revision = publication.open_revision(current)
        theirs = revision.data if revision else publication.snapshot(current)
        last = current.history.select_related("history_user").first()
        who = (revision.created_by if revision else getattr(last, "history_user", None)) or "someone"
        when = revision.updated_at if revision else current.updated_at
        changes = []
        for field in publication.content_fields(self.model):
            if field.name not in form.fields:
                continue
            if isinstance(field, models.ForeignKey) or not isinstance(field, (models.CharField, models.TextField)):
                continue
            change = text_change(field.verbose_name, theirs.get(field.attname) or "", form.data.get(field.name, ""))
            if change:
                changes.append(change)
        return {"who": who, "when": when, "changes": changes}

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data.get("change_reason", "")
        m2m = {
            f.name: form.cleaned_data[f.name] for f in publication.m2m_fields(self.model) if f.name in form.cleaned_data
        }
        outcome = publication.save(obj, request.user, form.workflow_action, comment=reason, m2m=m2m)
        request._publication_outcome = outcome
        if form.new_distrusted:
            publication.record_distrusted_citations(
                obj, request.user, form.new_distrusted, form.cleaned_data.get("citation_reason", "")
            )
        if form.lint is not None and form.lint.pending:
            listed = ", ".join(f"@{key}" for key in form.lint.pending)
            self.message_user(
                request,
                f"Cites sources under review ({listed}): readers see “Source under review” until a moderator "
                "approves them.",
                messages.WARNING,
            )
        if isinstance(obj, Commentary) and not outcome.pending and not self._authors_after_save(request, obj):
            self.message_user(request, "No author: it shows as “By the editors”.", messages.WARNING)
        if outcome.pending:
            # The live item keeps its relations too (the history's revert calls save_m2m itself).
            form.save_m2m = lambda: None

    def _authors_after_save(self, request, obj) -> bool:
        """Whether the authorship rows posted with this save name anyone (or it already had authors)."""
        return posted_authors(request.POST) or (obj.pk is not None and obj.authorships.exists())

    def save_related(self, request, form, formsets, change):
        outcome = getattr(request, "_publication_outcome", None)
        if outcome is not None and outcome.pending:
            for formset in formsets:  # nothing of theirs was saved (the change message reads these)
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)
        sync_body_citations(form.instance)

    def response_change(self, request, obj):
        outcome = getattr(request, "_publication_outcome", None)
        if outcome is not None and outcome.pending:
            self.message_user(
                request,
                "Your change is saved for review: the public keeps reading the published text "
                "until someone who may publish approves it.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a version saves the model but never calls save_related: sync the restored body's citations."""
        request._restoring_version = True
        response = super().history_form_view(request, object_id, version_id, extra_context)
        outcome = getattr(request, "_publication_outcome", None)
        if request.method == "POST" and response.status_code == 302 and not (outcome and outcome.pending):
            restored = self.model.objects.filter(pk=object_id).first()
            if restored is not None:
                sync_body_citations(restored)
        return response

    # Review of a pending change -----------------------------------------------------------------

    def revision_view(self, request, object_id):
        """The review screen: what approval would change, merged against the published item; approve or send back.

        When the published item was edited since the proposal was written, the fields changed on both sides are
        shown three ways (as proposed from, published now, proposed) and the publisher chooses for each.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404("No such item.")
        revision = publication.open_revision(obj)
        may_decide = publication.can_publish(request.user, self.model)
        merge = publication.merge_revision(revision, obj) if revision else None
        choices = {key: request.POST.get(f"keep-{key}", "") for key in (merge.conflicts if merge else [])}
        error = ""
        if request.method == "POST":
            if revision is None:
                raise Http404("No change awaits review.")
            if not may_decide:
                raise PermissionDenied
            comment = request.POST.get("comment", "")
            try:
                if "_approve" in request.POST:
                    read = request.POST.get("revision_token", "")
                    publication.approve_revision(revision, request.user, comment, read_token=read, choices=choices)
                    self.message_user(request, "The change is approved and live.", messages.SUCCESS)
                else:
                    publication.send_back_revision(revision, request.user, comment)
                    self.message_user(request, "The change is sent back to its writer.", messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"Review the change to “{obj}”",
            "revision": revision,
            "revision_token": publication.revision_token(revision) if revision else "",
            "changes": compare.compare_snapshots(self.model, merge.live, merge.resolved(choices)) if merge else [],
            "conflicts": self._merge_conflicts(merge, choices) if merge else [],
            "changed_live": [publication.field_label(self.model, k) for k in merge.changed_live] if merge else [],
            "may_decide": may_decide,
            "error": error,
            "comment": request.POST.get("comment", ""),
        }
        return TemplateResponse(request, "admin/archive/revision_review.html", context, status=400 if error else 200)

    def _merge_conflicts(self, merge, choices):
        """Each field changed both live and in the proposal: what each side did to the proposal's base."""

        def change(before, after, key):
            found = compare.compare_snapshots(self.model, {key: before.get(key)}, {key: after.get(key)})
            return found[0] if found else None

        return [
            {
                "key": key,
                "label": publication.field_label(self.model, key),
                "live": change(merge.base, merge.live, key),
                "proposed": change(merge.base, merge.proposal, key),
                "choice": choices.get(key, ""),
            }
            for key in merge.conflicts
        ]

    # Comparing versions -------------------------------------------------------------------------

    def compare_view(self, request, object_id):
        """Any two versions side by side: past versions, the live item ("current"), the open proposal."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404("No such item.")
        proposals = list(
            PendingRevision.objects.for_object(obj).select_related("created_by").order_by("-updated_at", "-pk")[:20]
        )
        revision = next((p for p in proposals if p.state == PendingRevision.State.PENDING), None)
        versions = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[:100])
        choices = [("current", "The live item as stored now")]
        if revision is not None:
            choices.insert(0, ("revision", f"The change awaiting review, by {revision.created_by or 'an editor'}"))
        # Proposals sent back or withdrawn keep their text: they can be read against any version.
        by_proposal = {f"proposal-{p.pk}": p for p in proposals if p is not revision}
        for key, proposal in by_proposal.items():
            who = proposal.created_by or "an editor"
            choices.append((key, f"Proposed change by {who}, {proposal.get_state_display().lower()}"))
        for record in versions:
            reason = f" — {record.history_change_reason}" if record.history_change_reason else ""
            who = record.history_user or "someone"
            choices.append((str(record.history_id), f"{record.history_date:%Y-%m-%d %H:%M:%S} by {who}{reason}"))
        default_b = "revision" if revision is not None else "current"
        default_a = (
            "current" if revision is not None else (str(versions[1].history_id) if len(versions) > 1 else "current")
        )
        b = request.GET.get("b") or default_b
        if not request.GET.get("a") and b.isascii() and b.isdigit():
            # "With the version before": the newest version older than b.
            before = obj.history.filter(history_id__lt=int(b)).order_by("-history_date", "-history_id").first()
            default_a = str(before.history_id) if before else b
        picked = [request.GET.get("a") or default_a, b]
        by_id = {str(r.history_id): r for r in versions}
        snapshots = []
        for value in picked:
            if value == "current":
                data = publication.snapshot(obj)
                data["citations"] = compare.citation_labels(obj.body)
            elif value == "revision" and revision is not None:
                data = {**revision.data, "citations": compare.citation_labels(revision.data.get("body") or "")}
            elif value in by_proposal:
                proposed = by_proposal[value].data
                data = {**proposed, "citations": compare.citation_labels(proposed.get("body") or "")}
            elif (
                value.isascii()
                and value.isdigit()
                and (value in by_id or obj.history.filter(history_id=int(value)).exists())
            ):
                record = by_id.get(value) or obj.history.get(history_id=int(value))
                data = compare.record_snapshot(self.model, record)
            else:
                return TemplateResponse(
                    request, "admin/archive/compare.html", {**self._compare_context(request, obj, choices, picked),
                    "error": f"No version “{value}” of this item."}, status=404,
                )  # fmt: skip
            snapshots.append(data)
        context = self._compare_context(request, obj, choices, picked)
        context["changes"] = compare.compare_snapshots(self.model, snapshots[0], snapshots[1])
        return TemplateResponse(request, "admin/archive/compare.html", context)

    def _compare_context(self, request, obj, choices, picked):
        labels = dict(choices)
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"Compare versions of “{obj}”",
            "choices": choices,
            "a": picked[0],
            "b": picked[1],
            "a_label": labels.get(picked[0], picked[0]),
            "b_label": labels.get(picked[1], picked[1]),
        }

    # Bulk actions -------------------------------------------------------------------------------

    def apply_transition(self, request, queryset, action, comment=""):
        moved, refused = 0, []
        for item in queryset:
            try:
                if publication.transition(item, request.user, action, comment):
                    moved += 1
            except (PermissionDenied, ValidationError):
                refused.append(str(item))
        if moved:
            label = publication.LABELS[action].lower()
            self.message_user(request, f"{moved} {'item' if moved == 1 else 'items'}: {label} done.", messages.SUCCESS)
        if refused:
            self.message_user(request, f"Not allowed for: {', '.join(refused)}.", messages.ERROR)

    def commented_transition(self, request, queryset, action, name):
        """Unpublishing and sending back say why: an intermediate page asks for the comment."""
        comment = request.POST.get("comment", "").strip()
        if "_confirm" in request.POST and comment:
            self.apply_transition(request, queryset, action, comment)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{publication.LABELS[action]}: say why",
            "items": list(queryset),
            "action_name": name,
            "action_label": publication.LABELS[action],
            "missing_comment": "_confirm" in request.POST,
        }
        return TemplateResponse(request, "admin/archive/workflow_comment.html", context)


@admin.register(Event)
class EventAdmin(ContentAdmin):
    form = EventAdminForm
    list_display = ["title", "date_edtf", "event_type", "status", "publish_at"]
    list_filter = ["status", FlaggedFilter, "event_type", "date_precision", "actors", "tags"]
    search_fields = ["title", "summary", "slug"]
    date_hierarchy = "date_earliest"
    ordering = ["-date_earliest"]
    inlines = [EventCitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "date_edtf", "event_type", "summary", "body", "citation_reason"]}),
        ("Who and what", {"fields": ["actors", "tags"]}),
        ContentAdmin.publication_fieldset,
    ]


@admin.register(Commentary)
class CommentaryAdmin(ContentAdmin):
    form = CommentaryAdminForm
    list_display = ["title", "author_names", "published_on", "status", "publish_at"]
    list_filter = ["status", FlaggedFilter, "tags", "published_on"]
    search_fields = ["title", "standfirst", "slug", "authors__family_name"]
    autocomplete_fields = ["tags", "actors", "related_events", "original_publication"]
    date_hierarchy = "published_on"
    ordering = ["-published_on"]
    inlines = [CommentaryAuthorInline, CommentaryCitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "citation_reason", "published_on"]}),
        ("Context", {"fields": ["tags", "actors", "related_events", "original_publication"]}),
        ContentAdmin.publication_fieldset,
    ]

    def get_changeform_initial_data(self, request):
        """A new commentary is dated today unless the writer says otherwise (one field fewer to fill)."""
        return {"published_on": timezone.localdate(), **super().get_changeform_initial_data(request)}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    @admin.display(description="authors")
    def author_names(self, obj):
        return ", ".join(p.full_name for p in obj.authors.all())
