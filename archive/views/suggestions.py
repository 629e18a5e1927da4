"""The public "Suggest a source" form, which also takes "Report a problem" about a source.

`/suggest/` suggests a new source; `/suggest/?report=<citation key>` reports a
problem with an approved one. After a submission the reader is redirected
(post/redirect/get) to `/suggest/?sent=1`, which thanks them once.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from archive import suggestions
from archive.models import Source
from archive.services import submissions

SENT = "archive_suggestion_sent"


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@csrf_protect
def suggest(request):
    key = request.GET.get("report", "").strip()
    source = get_object_or_404(Source.objects.approved(), citation_key=key) if key else None
    if request.method == "GET" and request.GET.get("sent") and SENT in request.session:
        return render(request, "archive/suggest_thanks.html", {"sent": request.session.pop(SENT)})
    form_class = suggestions.ReportForm if source else suggestions.SuggestionForm
    context = {"source": source, "problem": None}
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if suggestions.over_rate_limit(request):
            context["problem"] = (
                "You have sent several submissions in a short time. Please wait an hour and try again; "
                "what you typed is still below."
            )
            status = 429
        elif form.caught():
            context["problem"] = "The field marked “Leave this field empty” must stay empty. Please clear it."
            status = 400
        elif form.is_valid():
            if source:
                submissions.report_problem(source, form.cleaned_data)
                request.session[SENT] = {"kind": "report", "title": source.title}
            else:
                submissions.suggest_source(form.cleaned_data, form.pending_match)
                # The reader's own title: a suggestion joining a pending source must not reveal its title.
                request.session[SENT] = {"kind": "suggestion", "title": form.cleaned_data["title"]}
            return redirect(reverse("archive:suggest") + "?sent=1")
        else:
            status = 400
    else:
        form = form_class()
    context["form"] = form
    return render(request, "archive/suggest.html", context, status=status)
