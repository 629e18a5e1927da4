"""One table for what each kind of source is called in every format the archive speaks.

A row per ``Source.Kind``: the BibTeX entry type, the RIS type, the CSL type,
the schema.org type, the Dublin Core type and the house style's rules (is
the title italic as a standalone work, is the full date given after the
container, is it a periodical). Adding a kind is one row here; a test checks
that every kind has one.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive.models import Source

K = Source.Kind


@dataclass(frozen=True)
class KindFormats:
    bibtex: str
    ris: str
    csl: str
    schema_org: str
    dublin_core: str
    standalone: bool = False  # house style: its own title in italics (a book, a report)
    dated: bool = False  # house style: the full date after the container ("Russia Profile, July 5, 2009")
    periodical: bool = False  # appears in a journal or newspaper (pages belong to the container)
    highwire_container: str = ""  # the Highwire Press tag naming its container, if any
    institution_publisher: bool = False  # Highwire: its publisher is the issuing institution
    ris_editors: str = "A2"  # RIS tag for its editors (ED for a book's or report's own)


KINDS: dict[str, KindFormats] = {
    K.BOOK: KindFormats("book", "BOOK", "book", "Book", "Book", standalone=True, ris_editors="ED"),
    K.CHAPTER: KindFormats(
        "incollection", "CHAP", "chapter", "Chapter", "Book chapter", highwire_container="citation_inbook_title"
    ),
    K.JOURNAL_ARTICLE: KindFormats(
        "article",
        "JOUR",
        "article-journal",
        "ScholarlyArticle",
        "Journal article",
        periodical=True,
        highwire_container="citation_journal_title",
    ),
    K.NEWS_ARTICLE: KindFormats(
        "article",
        "NEWS",
        "article-newspaper",
        "NewsArticle",
        "Newspaper article",
        dated=True,
        periodical=True,
        highwire_container="citation_journal_title",
    ),
    K.WEB_PAGE: KindFormats("misc", "ELEC", "webpage", "WebPage", "Web page", dated=True),
    K.REPORT: KindFormats(
        "techreport",
        "RPRT",
        "report",
        "Report",
        "Report",
        standalone=True,
        institution_publisher=True,
        ris_editors="ED",
    ),
    K.OFFICIAL_DOCUMENT: KindFormats(
        "misc", "GOVDOC", "document", "DigitalDocument", "Document", standalone=True, institution_publisher=True
    ),
    K.COMMENTARY: KindFormats(
        "techreport", "RPRT", "report", "AnalysisNewsArticle", "Report", dated=True, institution_publisher=True
    ),
    K.INTERVIEW: KindFormats("misc", "GEN", "interview", "CreativeWork", "Interview", dated=True),
    K.DATASET: KindFormats("misc", "DATA", "dataset", "Dataset", "Dataset", standalone=True),
    K.ENCYCLOPEDIA: KindFormats(
        "incollection", "ENCYC", "entry-encyclopedia", "Article", "Encyclopedia article", dated=True
    ),
}

# For a kind the table does not know (a row added to the database by hand): the most generic of each format.
FALLBACK = KindFormats("misc", "GEN", "document", "CreativeWork", "Text")


def formats(kind: str) -> KindFormats:
    return KINDS.get(kind, FALLBACK)
