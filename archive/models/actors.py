"""Who takes part in the relations (actors) and who writes about them (people)."""

from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from archive import paths


class Actor(models.Model):
    """A country, organization or person that events involve.

    Not limited to two countries: the first corpus is Belarus–Russia, but
    the CIS or Gazprom are actors too.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        ORGANIZATION = "organization", "Organization"
        PERSON = "person", "Person"

    kind = models.CharField(max_length=12, choices=Kind.choices, db_index=True)
    name = models.CharField(max_length=200, help_text="The name readers will see, in English.")
    slug = models.SlugField(max_length=200, unique=True)
    wikidata_id = models.CharField("Wikidata ID", max_length=20, blank=True, help_text="For example Q184 for Belarus.")
    description = models.TextField(blank=True)
    country = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        limit_choices_to={"kind": "country"},
        help_text="For organizations and people: the country they belong to, if any.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "wikidata_id",
                name="archive_actor_unique_wikidata_id",
                condition=~models.Q(wikidata_id=""),
            ),
            models.CheckConstraint(
                condition=models.Q(wikidata_id="") | models.Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="archive_actor_wikidata_id_format",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return paths.item_path("archive:actor_detail", self.slug)

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class ActorAlias(models.Model):
    """Another spelling or transliteration (Lukashenka, Лукашенко) that search must understand."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=12, blank=True, help_text="BCP 47 code, e.g. be, ru, en.")

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "actor", name="archive_actoralias_unique_per_actor"),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """An author of commentary or a creator of sources, with a structured name."""

    given_name = models.CharField(max_length=120, blank=True)
    family_name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=200, unique=True)
    affiliation = models.CharField(max_length=250, blank=True, help_text="Current affiliation.")
    bio = models.TextField(blank=True)
    actor = models.OneToOneField(
        Actor,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person_profile",
        limit_choices_to={"kind": "person"},
        help_text="When the author is also an actor in the events.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    def get_absolute_url(self):
        return paths.item_path("archive:person_detail", self.slug)
