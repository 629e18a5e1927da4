"""Machine-readable metadata for reference managers, search engines and link previews.

Zotero's Embedded Metadata translator reads Highwire `citation_*` tags and
`DC.*` tags: a commentary is declared a report (with its authors, date and
publisher), an event and a source page describe themselves, and no content
page says `og:type=website`. JSON-LD uses schema.org types with dates at
their true precision ("2009-07", not an invented day).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from archive import dates, source_kinds
from archive.links import http_url

ACTOR_SCHEMA_TYPES = {"country": "Country", "organization": "Organization", "person": "Person"}


@dataclass
class PageMeta:
    title: str
    description: str = ""
    canonical: str = ""
    og_type: str = "website"
    names: list[tuple[str, str]] = field(default_factory=list)  # <meta name=… content=…>
    jsonld: dict | None = None

    @property
    def jsonld_script(self):
        """The JSON-LD block, escaped so no string in it can close the <script>."""
        if not self.jsonld:
            return ""
        text = json.dumps(self.jsonld, ensure_ascii=False, indent=1)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return mark_safe(f'<script type="application/ld+json">{text}</script>')

    @property
    def html_names(self):
        return mark_safe(
            "\n".join(f'<meta name="{escape(n)}" content="{escape(c)}">' for n, c in self.names if c not in ("", None))
        )


def site_name() -> str:
    return settings.SITE_NAME


def _publisher(request) -> dict:
    return {"@type": "Organization", "name": site_name(), "url": request.build_absolute_uri("/")}


def _slash_date(value) -> str:
    return value.strftime("%Y/%m/%d")


def _actor_ld(actor, request) -> dict:
    data = {
        "@type": ACTOR_SCHEMA_TYPES.get(actor.kind, "Thing"),
        "name": actor.name,
        "url": request.build_absolute_uri(actor.get_absolute_url()),
    }
    if actor.wikidata_id:
        data["sameAs"] = actor.wikidata_url
    return data


def source_ld(source, request) -> dict:
    data = {
        "@type": source_kinds.formats(source.kind).schema_org,
        "name": source.title,
        "url": request.build_absolute_uri(source.get_absolute_url()),
    }
    creators = [c for c in source.creators.all() if c.role == "author"]
    if creators:
        data["author"] = [
            {"@type": "Organization", "name": c.literal_name}
            if c.literal_name
            else {"@type": "Person", "name": c.display_name, "familyName": c.family_name, "givenName": c.given_name}
            for c in creators
        ]
    if source.date_edtf:
        data["datePublished"] = dates.iso_bounds(dates.of(source))[0]
    if source.container_title:
        data["isPartOf"] = {"@type": "CreativeWork", "name": source.container_title}
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.doi:
        data["sameAs"] = f"https://doi.org/{source.doi}"
    elif url := http_url(source.url):
        data["sameAs"] = url
    if source.isbn:
        data["isbn"] = source.isbn
    if source.language:
        data["inLanguage"] = source.language
    return data


def commentary_meta(commentary, request, authorships, sources, canonical, original=None) -> PageMeta:
    names: list[tuple[str, str]] = [("citation_title", commentary.title)]
    for authorship in authorships:
        person = authorship.person
        names.append(("citation_author", ", ".join(p for p in (person.family_name, person.given_name) if p)))
        names.append(("citation_author_institution", authorship.affiliation))
    date = _slash_date(commentary.published_on)
    names += [
        ("citation_publication_date", date),
        ("citation_date", date),
        ("citation_technical_report_institution", site_name()),
        ("citation_publisher", site_name()),
        ("citation_language", "en"),
        ("citation_abstract_html_url", canonical),
        ("citation_keywords", "; ".join(t.name for t in commentary.tags.all())),
    ]
    for source in sources:
        names.append(("citation_reference", source.reference))
    names += [("DC.title", commentary.title)]
    names += [("DC.creator", a.person.full_name) for a in authorships]
    names += [
        ("DC.date", commentary.published_on.isoformat()),
        ("DC.type", "Report"),
        ("DC.publisher", site_name()),
        ("DC.language", "en"),
        ("DC.identifier", canonical),
        ("DC.description", commentary.standfirst),
    ]
    jsonld = {
        "@context": "https://schema.org",
        "@type": "AnalysisNewsArticle",
        "headline": commentary.title[:110],
        "name": commentary.title,
        "description": commentary.standfirst,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "datePublished": commentary.published_on.isoformat(),
        "dateModified": commentary.updated_at.isoformat(),
        "inLanguage": "en",
        "author": [
            {
                "@type": "Person",
                "name": a.person.full_name,
                "url": request.build_absolute_uri(a.person.get_absolute_url()),
                **({"affiliation": {"@type": "Organization", "name": a.affiliation}} if a.affiliation else {}),
            }
            for a in authorships
        ],
        "publisher": _publisher(request),
        "keywords": [t.name for t in commentary.tags.all()],
        "about": [_actor_ld(a, request) for a in commentary.actors.all()],
        "citation": [source_ld(s, request) for s in sources],
    }
    if original is not None:
        jsonld["isBasedOn"] = source_ld(original, request)
    return PageMeta(commentary.title, commentary.standfirst, canonical, "article", names, jsonld)


def event_meta(event, request, sources, canonical) -> PageMeta:
    start, end = dates.iso_bounds(dates.of(event))
    names = [
        ("citation_title", event.title),
        ("citation_publisher", site_name()),
        ("citation_publication_date", _slash_date(event.publish_at)),
        ("citation_abstract_html_url", canonical),
        ("DC.title", event.title),
        ("DC.type", "Event"),
        ("DC.coverage", event.date_display),
        ("DC.date", event.publish_at.date().isoformat()),
        ("DC.publisher", site_name()),
        ("DC.description", event.summary),
        ("DC.identifier", canonical),
    ]
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": canonical,
        "startDate": start,
        "endDate": end or start,
        "about": [_actor_ld(a, request) for a in event.actors.all()],
        "keywords": ", ".join(t.name for t in event.tags.all()),
        "subjectOf": [source_ld(s, request) for s in sources],
    }
    return PageMeta(event.title, event.summary, canonical, "article", names, jsonld)


def source_meta(source, request, canonical) -> PageMeta:
    """A source page describes the source itself, so a reference manager captures the cited work."""
    names: list[tuple[str, str]] = [("citation_title", source.title)]
    for creator in source.creators.all():
        if creator.role == "author":
            names.append(("citation_author", creator.inverted_name))
        elif creator.role == "editor":
            names.append(("citation_editor", creator.inverted_name))
    if source.date_earliest:
        if source.date_precision == "day":
            names.append(("citation_publication_date", _slash_date(source.date_earliest)))
        elif source.date_precision == "month":
            names.append(("citation_publication_date", source.date_earliest.strftime("%Y/%m")))
        else:
            names.append(("citation_publication_date", str(source.date_earliest.year)))
    container_tag = source_kinds.formats(source.kind).highwire_container
    if container_tag:
        host = source.public_host
        names.append((container_tag, source.container_title or (host.title if host else "")))
    if source_kinds.formats(source.kind).institution_publisher:
        names.append(("citation_technical_report_institution", source.publisher))
    names += [
        ("citation_publisher", source.publisher),
        ("citation_volume", source.volume),
        ("citation_issue", source.issue),
        ("citation_doi", source.doi),
        ("citation_isbn", source.isbn),
        ("citation_language", source.language),
        ("citation_public_url", http_url(source.url)),
        ("DC.title", source.title),
        ("DC.type", source_kinds.formats(source.kind).dublin_core),
        ("DC.date", source.date_edtf),
        ("DC.publisher", source.publisher),
        ("DC.language", source.language),
        ("DC.identifier", f"doi:{source.doi}" if source.doi else http_url(source.url)),
    ]
    names += [("DC.creator", c.display_name) for c in source.creators.all() if c.role == "author"]
    jsonld = {"@context": "https://schema.org", **source_ld(source, request)}
    jsonld["url"] = canonical
    return PageMeta(source.title, source.abstract or source.reference, canonical, "article", names, jsonld)
