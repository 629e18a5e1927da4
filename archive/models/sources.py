"""Sources: what claims are attributed to, with full bibliographic detail and vetting state."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from archive import paths, states, visibility
from archive.links import http_url, validate_http_url

from .base import EDTFDated

citation_key_validator = RegexValidator(
    r"^[A-Za-z][A-Za-z0-9_:.\-]*[A-Za-z0-9_]$|^[A-Za-z]$",
    "A citation key starts with a letter and holds letters, digits and _ : . - (e.g. oliphant2009).",
)
doi_validator = RegexValidator(r"^10\.\d{4,9}/\S+$", "A DOI looks like 10.1234/abc-def (without https://doi.org/).")


def language_name(code: str) -> str:
    """BCP 47 code → English name through Django's own language table (en-GB → British English, ru → Russian)."""
    from django.utils.translation import get_language_info

    code = (code or "").strip()
    if not code:
        return ""
    for candidate in (code.lower(), code.split("-")[0].lower()):
        try:
            return get_language_info(candidate)["name"]
        except KeyError:
            continue
    return code


class SourceQuerySet(models.QuerySet):
    def approved(self):
        """What the public may see (the rule is visibility.approved_q)."""
        return self.filter(visibility.approved_q())


class Source(EDTFDated):
    """A publication something is attributed to.

    Its publication date is optional, so the date fields and constraints of
    EDTFDated are redeclared here as nullable.

    Sources start pending; only approved ones are shown to the public. The
    reliability scale follows Wikipedia's perennial-sources list.
    """

    class Kind(models.TextChoices):
        BOOK = "book", "Book"
        CHAPTER = "chapter", "Book chapter"
        JOURNAL_ARTICLE = "journal-article", "Journal article"
        NEWS_ARTICLE = "news-article", "News article"
        WEB_PAGE = "web-page", "Web page"
        REPORT = "report", "Report"
        OFFICIAL_DOCUMENT = "official-document", "Official document"
        COMMENTARY = "commentary", "Commentary / analysis"
        INTERVIEW = "interview", "Interview"
        DATASET = "dataset", "Dataset"
        ENCYCLOPEDIA = "encyclopedia-article", "Encyclopedia article"

    class Affiliation(models.TextChoices):
        STATE = "state", "State-owned or government"
        INDEPENDENT = "independent", "Independent"
        ACADEMIC = "academic", "Academic"
        THINK_TANK = "think-tank", "Think tank"
        INTERNATIONAL = "international", "International organization"
        UNKNOWN = "", "Unknown"

    Status = states.SourceStatus
    Reliability = states.Reliability

    citation_key = models.CharField(
        max_length=60,
        unique=True,
        validators=[citation_key_validator],
        help_text="Typed by editors to cite inline: [@oliphant2009, p. 5]. Letters, digits, _ : . -",
    )
    kind = models.CharField(max_length=24, choices=Kind.choices, db_index=True)
    title = models.CharField(max_length=500)
    container_title = models.CharField(
        "container", max_length=300, blank=True, help_text="Journal, newspaper, website or edited volume."
    )
    part_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text="The edited volume or collection this appears in (e.g. a report reprinted in a book).",
    )
    publisher = models.CharField(max_length=300, blank=True)
    place = models.CharField("place of publication", max_length=200, blank=True)
    date_edtf = models.CharField(
        "publication date (EDTF)",
        max_length=64,
        blank=True,
        help_text="2009, 1995-02 or 2020-08-05; leave empty when unknown.",
    )
    date_earliest = models.DateField("earliest day", null=True, editable=False, db_index=True)
    date_latest = models.DateField("latest day", null=True, editable=False)
    date_precision = models.CharField(max_length=8, blank=True, editable=False)
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=40, blank=True, help_text="Page range of the whole item, e.g. 301–315.")
    edition = models.CharField(max_length=40, blank=True)
    url = models.URLField("URL", max_length=1000, blank=True, validators=[validate_http_url])
    archived_url = models.URLField("archived URL", max_length=1000, blank=True, validators=[validate_http_url])
    accessed = models.DateField("access date", null=True, blank=True)
    language = models.CharField(max_length=12, blank=True, default="en", help_text="BCP 47 code, e.g. en, ru, be.")
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[doi_validator])
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    country_of_origin = models.ForeignKey(
        "archive.Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources_originating",
        limit_choices_to={"kind": "country"},
    )
    affiliation = models.CharField(max_length=16, choices=Affiliation.choices, blank=True)
    abstract = models.TextField(blank=True, help_text="What the source says, in the archive's own words.")

    # Moderation
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reliability = models.CharField(max_length=12, choices=Reliability.choices, blank=True, db_index=True)
    moderator_note = models.TextField(blank=True, help_text="Public note explaining the rating or decision.")
    discussion_urls = models.TextField(
        "discussion links", blank=True, help_text="Links to the discussion behind the decision, one per line."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_duplicates",
        editable=False,
        help_text="Set when a moderator merged this duplicate into another source.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["citation_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_edtf="", date_earliest__isnull=True, date_latest__isnull=True)
                | (~Q(date_edtf="") & Q(date_latest__gte=models.F("date_earliest"))),
                name="archive_source_date_bounds_consistent",
            ),
            models.CheckConstraint(
                condition=~Q(date_precision="day") | Q(date_latest=models.F("date_earliest")),
                name="archive_source_day_precision_is_one_day",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(moderator_note=""),
                name="archive_source_rejection_has_reason",
            ),
            models.UniqueConstraint("doi", name="archive_source_unique_doi", condition=~Q(doi="")),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="archive_src_status_created")]
        permissions = [("moderate_source", "Can approve, reject, rate and merge sources")]

    def __str__(self):
        return f"{self.title} [{self.citation_key}]"

    def get_absolute_url(self):
        return paths.item_path("archive:source_detail", self.citation_key, "key")

    @property
    def reference(self) -> str:
        """The full reference in the archive's citation style (prefetch creators when listing)."""
        from archive.citations.styles import reference_text

        return reference_text(self)

    preview_label = reference

    @property
    def is_public(self) -> bool:
        return visibility.source_is_public(self)

    @property
    def year(self):
        return self.date_earliest.year if self.date_earliest else None

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def preview_state(self) -> str:
        """What staff previewing an unvetted source are told it is ("Pending review"); "" once approved."""
        return "" if self.is_approved else self.get_status_display()

    @property
    def language_name(self) -> str:
        """The language in English words ("Russian" for "ru"); the code itself when Django does not know it."""
        return language_name(self.language)

    @property
    def public_host(self):
        """The containing volume, only when it is approved.

        Every public rendering of a source (page, list, footnotes, style,
        exports, metadata) asks for the host here, so a pending or rejected
        volume never shows through an approved chapter; the chapter's own
        container text still does.
        """
        if self.part_of_id and visibility.source_is_public(self.part_of):
            return self.part_of
        return None

    def _discussion_lines(self) -> list[str]:
        return [line.strip() for line in self.discussion_urls.splitlines() if line.strip()]

    @property
    def discussion_links(self) -> list[str]:
        """The moderator's discussion links that are safe to show (validation keeps the others out)."""
        return [link for link in map(http_url, self._discussion_lines()) if link]

    def clean(self):
        super().clean()
        validate = URLValidator(schemes=["http", "https"])
        for link in self._discussion_lines():
            try:
                validate(link)
            except ValidationError as exc:
                raise ValidationError({"discussion_urls": f"“{link}” is not a valid http(s) link."}) from exc
        if self.status == self.Status.REJECTED and not self.moderator_note.strip():
            raise ValidationError({"moderator_note": "Rejecting a source requires a reason."})
        if self.part_of_id and self.part_of_id == self.pk:
            raise ValidationError({"part_of": "A source cannot be part of itself."})
        self.isbn = self.isbn.replace("-", "").replace(" ", "")
        if self.isbn and not (len(self.isbn) in (10, 13) and self.isbn[:-1].isdigit()):
            raise ValidationError({"isbn": "An ISBN has 10 or 13 digits (hyphens allowed)."})

    def _apply_edtf(self):
        if self.date_edtf.strip():
            super()._apply_edtf()
        else:
            self.date_edtf, self.date_earliest, self.date_latest, self.date_precision = "", None, None, ""


class SourceCreator(models.Model):
    """One author or editor of a source, in order, with a structured name.

    Organizations (e.g. a ministry or an intelligence service) go in
    `literal_name` instead of given/family.
    """

    class Role(models.TextChoices):
        AUTHOR = "author", "Author"
        EDITOR = "editor", "Editor"
        TRANSLATOR = "translator", "Translator"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="creators")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.AUTHOR)
    family_name = models.CharField(max_length=120, blank=True)
    given_name = models.CharField(max_length=120, blank=True)
    literal_name = models.CharField(max_length=250, blank=True, help_text="For organizations as authors.")
    person = models.ForeignKey("archive.Person", null=True, blank=True, on_delete=models.SET_NULL)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["source", "role", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(family_name="") | ~Q(literal_name=""),
                name="archive_sourcecreator_has_name",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.literal_name:
            return self.literal_name
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    @property
    def inverted_name(self) -> str:
        if self.literal_name:
            return self.literal_name
        return ", ".join(p for p in (self.family_name, self.given_name) if p)


class PendingSource(Source):
    """The moderation queue: the source table seen as pending sources, oldest first."""

    class Meta:
        proxy = True
        verbose_name = "pending source"
        verbose_name_plural = "pending sources (moderation queue)"
