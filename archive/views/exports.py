"""Downloads for researchers: citations (BibTeX, RIS, CSL-JSON) and the event list (CSV, JSON Lines, TimelineJS).

Exports obey the same visibility as pages: approved sources and public
items only, and the event exports apply the list's current filters.
"""

import csv
import io
import json

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import escape

from archive import dates, metadata, prefetch, source_mix, visibility
from archive.citations import export
from archive.citations.attribution import attribute
from archive.filters import EventFilter
from archive.models import Citation
from archive.visibility import can_preview, footnote_rule, visible_commentary, visible_events, visible_sources

from .kept import kept_response
from .listing import filtered

CITATION_FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", export.to_bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", export.to_ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", None),
}


def _citation_response(sources, fmt: str, filename: str):
    content_type, writer = CITATION_FORMATS[fmt]
    if writer is None:
        body = json.dumps(export.to_csl_json(sources), ensure_ascii=False, indent=2)
    else:
        body = writer(sources)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def source_citation(request, key, fmt):
    source = get_object_or_404(prefetch.sources_for_reference(visible_sources(request)), citation_key=key)
    return _citation_response([source], fmt, key)


def commentary_bibliography(request, slug, fmt):
    """Every source the commentary cites that readers may see, in reference order."""
    commentary = get_object_or_404(visible_commentary(request), slug=slug)
    attribution = attribute(prefetch.citations_of(commentary=commentary), footnote_rule(can_preview(request)))
    return _citation_response([source for source, _ in attribution.bibliography], fmt, f"{slug}-bibliography")


EXPORT_ACTORS, EXPORT_CITATIONS = "export_actors", "export_citations"


def _filtered_events(request, *, rows: bool = True):
    """The list's filters applied to the public events, in date order; with `rows`, what an export row needs
    (tags, actors, approved citations with their sources) prefetched as plain lists, which a row reads
    without a queryset per relation and event."""
    queryset = visible_events(request)
    if rows:
        approved = Citation.objects.filter(visibility.approved_q("source__")).select_related(
            "source__country_of_origin"
        )
        queryset = prefetch.events_for_list(queryset).prefetch_related(
            Prefetch("actors", to_attr=EXPORT_ACTORS),
            Prefetch("citations", queryset=approved.order_by("order", "pk"), to_attr=EXPORT_CITATIONS),
        )
    else:
        queryset = queryset.defer("body")
    return filtered(EventFilter, request, queryset.order_by("date_earliest", "date_latest", "title"))


def _bad_filter(request, filterset):
    return render(request, "archive/export_error.html", {"filter": filterset}, status=400)


def _event_row(request, event) -> dict:
    citations = getattr(event, EXPORT_CITATIONS)
    keys = []
    for citation in citations:
        if citation.source.citation_key not in keys:
            keys.append(citation.source.citation_key)
    return {
        "slug": event.slug,
        "title": event.title,
        "date_edtf": event.date_edtf,
        "date_display": event.date_display,
        "date_earliest": event.date_earliest.isoformat(),
        "date_latest": event.date_latest.isoformat(),
        "date_precision": event.date_precision,
        "event_type": event.event_type,
        "plover": event.plover_category,
        "actors": [a.slug for a in getattr(event, EXPORT_ACTORS)],
        "tags": [t.slug for t in prefetch.tags_of(event)],
        "summary": event.summary,
        "citation_keys": keys,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        # Added after the original columns (issue 14) so readers of the older layout keep working.
        **_mix_columns(source_mix.mix_of_citations(citations, lambda _source: True)),
    }


def _mix_columns(mix) -> dict:
    """Where the event's (approved) sources come from, one entry per source in citation order."""
    return {
        "source_count": mix.count,
        "source_affiliations": mix.affiliations,
        "source_countries": [country or "unknown" for country in mix.countries],
        "source_mix": mix.summary,
        "source_mix_warnings": mix.warnings,
    }


def _spreadsheet_safe(value):
    """Neutralise text a spreadsheet would run as a formula (CSV injection), per OWASP."""
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@kept_response  # the same for every public viewer of these filters: kept under the content version
def events_csv(request):
    filterset, events, status = _filtered_events(request)
    if status != 200:
        return _bad_filter(request, filterset)
    buffer = io.StringIO()
    rows = [_event_row(request, e) for e in events]
    columns = [
        "slug", "title", "date_edtf", "date_display", "date_earliest", "date_latest", "date_precision",
        "event_type", "plover", "actors", "tags", "summary", "citation_keys", "url",
        "source_count", "source_affiliations", "source_countries", "source_mix", "source_mix_warnings",
    ]  # fmt: skip
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _spreadsheet_safe(v) for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="events.csv"'
    return response


@kept_response  # the same for every public viewer of these filters: kept under the content version
def events_jsonl(request):
    filterset, events, status = _filtered_events(request)
    if status != 200:
        return _bad_filter(request, filterset)
    body = "".join(json.dumps(_event_row(request, e), ensure_ascii=False) + "\n" for e in events)
    response = HttpResponse(body, content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="events.jsonl"'
    return response


def _timelinejs_date(value, precision: str) -> dict:
    date = {"year": value.year}
    if precision in ("day", "month"):
        date["month"] = value.month
    if precision == "day":
        date["day"] = value.day
    return date


@kept_response  # the same for every public viewer of these filters: kept under the content version
def events_timelinejs(request):
    """TimelineJS 3 JSON: start/end dates at true precision, with the honest wording as display_date.

    TimelineJS renders headline, text and display_date as HTML, so each is escaped plain text: a page
    embedding the export must never run markup an editor typed.
    """
    filterset, events, status = _filtered_events(request, rows=False)
    if status != 200:
        return _bad_filter(request, filterset)
    slides = []
    for event in events:
        parsed = dates.of(event)
        slide = {
            "unique_id": event.slug,
            "start_date": {
                **_timelinejs_date(event.date_earliest, parsed.start_precision),
                "display_date": escape(event.date_display),
            },
            "text": {
                "headline": escape(event.title),
                "text": escape(event.summary),
            },
            "group": escape(event.get_event_type_display()),
            "url": request.build_absolute_uri(event.get_absolute_url()),
        }
        if event.date_latest != event.date_earliest and parsed.precision in (
            dates.PRECISION_RANGE,
            "decade",
            "century",
        ):
            slide["end_date"] = _timelinejs_date(event.date_latest, parsed.end_precision)
        slides.append(slide)
    return JsonResponse(
        {"title": {"text": {"headline": f"{metadata.site_name()} timeline"}}, "events": slides},
        json_dumps_params={"ensure_ascii": False},
    )
