"""Import pages in the admin: upload or paste → preview, one row per record → confirm.

The pages are thin: reading, matching and writing live in `archive.imports`.
The upload is kept on the server (`imports.uploads`) from preview to
confirm, so an import that fails can be confirmed again without re-uploading.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views import View

from archive.imports import articles, events, sources, uploads
from archive.imports.files import MAX_BYTES, decode
from archive.imports.records import ImportFileError
from archive.models import Actor


class UploadForm(forms.Form):
    file = forms.FileField(label="File", required=False)
    text = forms.CharField(label="…or paste the text", required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 12, "cols": 100}))  # fmt: skip
    format = forms.ChoiceField(label="Format", required=False)

    def __init__(self, *args, formats=(), **kwargs):
        super().__init__(*args, **kwargs)
        if formats:
            self.fields["format"].choices = [("", "Recognise it"), *formats]
        else:
            del self.fields["format"]

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if upload and text.strip():
            raise ValidationError("Upload a file or paste text, not both.")
        if not upload and not text.strip():
            raise ValidationError("Choose a file to upload or paste its text.")
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    raise ImportFileError(f"{upload.name} is larger than 20 MB; split it up.")
                cleaned["content"] = decode(upload.read(), upload.name)
                cleaned["filename"] = upload.name
            else:
                cleaned["content"] = decode(text, "The pasted text")
                cleaned["filename"] = ""
        except ImportFileError as exc:
            raise ValidationError(str(exc)) from exc
        return cleaned


class ImportView(View):
    """The shared preview → confirm flow; subclasses say what is read and what is written."""

    permissions: tuple[str, ...] = ()
    title = ""
    preview_template = ""
    formats: tuple = ()

    def dispatch(self, request, *args, **kwargs):
        if not all(request.user.has_perm(p) for p in self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def context(self, request, **extra):
        return {**admin.site.each_context(request), "title": self.title, **extra}

    def get(self, request):
        return self.upload_page(request, UploadForm(formats=self.formats))

    def upload_page(self, request, form, status=200, error=""):
        return TemplateResponse(
            request, "admin/archive/import/upload.html", self.context(request, form=form, error=error), status=status
        )

    def post(self, request):
        if "confirm" in request.POST or "token" in request.POST:
            return self.confirm(request)
        form = UploadForm(request.POST, request.FILES, formats=self.formats)
        if not form.is_valid():
            return self.upload_page(request, form, status=400)
        fmt = form.cleaned_data.get("format") or None
        try:
            preview = self.read(form.cleaned_data["content"], fmt, form.cleaned_data["filename"])
        except ImportFileError as exc:
            form.add_error(None, str(exc))
            return self.upload_page(request, form, status=400)
        token = uploads.keep(form.cleaned_data["content"], request.user)
        return self.preview_page(request, preview, token, fmt or "", form.cleaned_data["filename"])

    def preview_page(self, request, preview, token, fmt, filename, error="", status=200):
        return TemplateResponse(
            request,
            self.preview_template,
            self.context(request, preview=preview, token=token, format=fmt, filename=filename, error=error),
            status=status,
        )

    def confirm(self, request):
        token, fmt = request.POST.get("token", ""), request.POST.get("format", "") or None
        filename = request.POST.get("filename", "")[:200]
        text = uploads.load(token, request.user)
        if text is None:
            error = "This upload is no longer available (expired or not yours): upload the file again."
            return self.upload_page(request, UploadForm(formats=self.formats), status=400, error=error)
        try:
            preview = self.read(text, fmt, filename)
        except ImportFileError as exc:
            return self.upload_page(request, UploadForm(formats=self.formats), status=400, error=str(exc))
        try:
            message, url = self.write(request, preview, filename)
        except (DatabaseError, ValidationError, ValueError) as exc:
            error = f"Nothing was imported: {exc}. The upload is kept; check the choices and confirm again."
            return self.preview_page(request, preview, token, fmt or "", filename, error=error, status=409)
        uploads.discard(token, request.user)
        messages.success(request, message)
        return redirect(url)

    def read(self, text, fmt, filename):  # pragma: no cover - subclasses
        raise NotImplementedError

    def write(self, request, preview, filename):  # pragma: no cover - subclasses
        raise NotImplementedError


class SourceImportView(ImportView):
    permissions = ("archive.add_source",)
    title = "Import sources (BibTeX, RIS, CSL-JSON)"
    preview_template = "admin/archive/import/sources_preview.html"
    formats = tuple((key, label) for key, (label, _reader) in sources.FORMATS.items())

    def read(self, text, fmt, filename):
        rows = sources.plan(text, fmt, filename)
        for row in rows:
            row.duplicate_links = [
                (reverse("admin:archive_source_change", args=[s.pk]), str(s)) for s in row.duplicates
            ]
        return rows

    def write(self, request, rows, filename):
        choices = {}
        for row in rows:
            choice = request.POST.get(f"choice-{row.number}", sources.SKIP)
            choices[row.number] = choice if choice in (sources.IMPORT, sources.SKIP, sources.EXISTING) else sources.SKIP
        origin = f"{filename or 'pasted text'}, by {request.user.get_username()}"
        result = sources.commit(rows, choices, request.user, origin)
        message = (
            f"Imported {len(result.created)} source(s), pending review; "
            f"{len(result.existing)} treated as existing, {len(result.skipped)} skipped, "
            f"{len(result.repeated)} repeated in the file, "
            f"{len(result.rejected)} could not be imported."
        )
        return message, reverse("admin:archive_source_changelist") + "?status__exact=pending"


class EventImportView(ImportView):
    permissions = ("archive.add_event",)
    title = "Import events (CSV, JSON Lines)"
    preview_template = "admin/archive/import/events_preview.html"
    formats = (("csv", "CSV (as /events/export.csv)"), ("jsonl", "JSON Lines (as /events/export.jsonl)"))

    def read(self, text, fmt, filename):
        return events.plan(text, fmt, filename)

    def context(self, request, **extra):
        return super().context(request, actor_kinds=Actor.Kind.choices, **extra)

    def write(self, request, plan, filename):
        choices = {row.number: request.POST.get(f"choice-{row.number}", events.SKIP) for row in plan.rows}
        may_add = request.user.has_perm("archive.add_actor"), request.user.has_perm("archive.add_tag")
        create_actors = {
            name: request.POST.get(f"actor-kind-{index}", "")
            for index, name in enumerate(plan.unknown_actors)
            if may_add[0] and request.POST.get(f"create-actor-{index}")
        }
        create_tags = {
            name
            for index, name in enumerate(plan.unknown_tags)
            if may_add[1] and request.POST.get(f"create-tag-{index}")
        }
        origin = f"{filename or 'pasted text'}, by {request.user.get_username()}"
        result = events.commit(plan, choices, request.user, origin, create_actors, create_tags)
        message = (
            f"Imported {len(result.created)} event(s) as drafts; {len(result.actors_created)} actor(s) and "
            f"{len(result.tags_created)} tag(s) created; {len(result.skipped)} skipped, "
            f"{len(result.rejected)} could not be imported."
        )
        if result.left_out:
            message += f" Not linked: {', '.join(result.left_out)}."
        return message, reverse("admin:archive_event_changelist") + "?status__exact=draft"


class ArticleImportView(ImportView):
    permissions = ("archive.add_commentary", "archive.add_source")
    title = "Import a footnoted article"
    preview_template = "admin/archive/import/article_preview.html"

    def read(self, text, fmt, filename):
        return articles.plan(text, filename)

    def write(self, request, plan, filename):
        origin = f"{filename or 'pasted text'}, by {request.user.get_username()}"
        commentary = articles.commit(plan, request.user, origin)
        message = (
            f"Imported “{commentary.title}” as a draft commentary citing {len(plan.references)} reference(s); "
            f"{len(plan.new_sources)} new source(s) wait in the moderation queue."
        )
        return message, reverse("admin:archive_commentary_change", args=[commentary.pk])


urlpatterns = [
    path("article/", admin.site.admin_view(ArticleImportView.as_view()), name="admin_import_article"),
    path("events/", admin.site.admin_view(EventImportView.as_view()), name="admin_import_events"),
    path("sources/", admin.site.admin_view(SourceImportView.as_view()), name="admin_import_sources"),
]
