"""Commentary: analysis articles, written here or archived from elsewhere."""

from django.db import models
from simple_history.models import HistoricalRecords

from archive import paths

from .base import Publishable


class Commentary(Publishable):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(help_text="The one-paragraph summary shown under the title.")
    body = models.TextField(
        help_text=(
            "Markdown. Cite inline with Pandoc-style keys: [@oliphant2009, p. 5] or "
            "[@a, pp. 20–21; @b]. Citing the same source and locator again reuses its footnote."
        )
    )
    published_on = models.DateField("publication date", db_index=True)
    original_publication = models.ForeignKey(
        "archive.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="archived_commentaries",
        help_text="When archived from elsewhere: the original publication as a source.",
    )
    authors = models.ManyToManyField("archive.Person", through="CommentaryAuthor", related_name="commentaries")
    tags = models.ManyToManyField("archive.Tag", related_name="commentaries", blank=True)
    actors = models.ManyToManyField(
        "archive.Actor", related_name="commentaries", blank=True, help_text="Who the commentary is about."
    )
    related_events = models.ManyToManyField("archive.Event", related_name="commentaries", blank=True)

    history = HistoricalRecords(m2m_fields=[tags, actors, related_events])

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name_plural = "commentaries"
        indexes = [models.Index(fields=["status", "publish_at", "published_on"], name="archive_comm_public_date")]
        permissions = [("publish_commentary", "Can publish, schedule and unpublish commentary")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return paths.item_path("archive:commentary_detail", self.slug)


class CommentaryAuthor(models.Model):
    """An author of a commentary, with the affiliation they had when writing it."""

    commentary = models.ForeignKey(Commentary, on_delete=models.CASCADE, related_name="authorships")
    person = models.ForeignKey("archive.Person", on_delete=models.PROTECT, related_name="authorships")
    affiliation = models.CharField(max_length=250, blank=True, help_text="Affiliation at the time of writing.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["commentary", "person"], name="archive_commentaryauthor_unique")]

    def __str__(self):
        return f"{self.person} ({self.affiliation})" if self.affiliation else str(self.person)
