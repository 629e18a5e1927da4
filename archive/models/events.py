"""Events: dated happenings in the relations, typed against PLOVER."""

from django.db import models
from simple_history.models import HistoricalRecords

from archive import paths

from .base import EDTFDated, Publishable


class EventType(models.TextChoices):
    """A small controlled vocabulary; each type maps to a PLOVER category (see PLOVER_CATEGORY)."""

    TREATY = "treaty", "Treaty"
    AGREEMENT = "agreement", "Agreement"
    FOUNDING = "founding", "Founding of an institution"
    INTEGRATION = "integration", "Integration step"
    SUMMIT = "summit", "Summit or visit"
    NEGOTIATIONS = "negotiations", "Negotiations"
    STATEMENT = "statement", "Joint statement"
    LOAN = "loan", "Loan or aid"
    DEMAND = "demand", "Demand"
    ACCUSATION = "accusation", "Accusation"
    REFUSAL = "refusal", "Refusal"
    THREAT = "threat", "Threat"
    PROTEST = "protest", "Protest"
    GAS_DISPUTE = "gas-dispute", "Gas dispute"
    TRADE_BAN = "trade-ban", "Trade ban"
    SANCTIONS = "sanctions", "Sanctions"
    DIPLOMATIC_DISPUTE = "diplomatic-dispute", "Diplomatic dispute"
    ELECTION = "election", "Election"
    POLICY_SHIFT = "policy-shift", "Policy shift"


# PLOVER (Political Language Ontology for Verifiable Event Records) top-level categories.
PLOVER_CATEGORY = {
    EventType.TREATY: "AGREE",
    EventType.AGREEMENT: "AGREE",
    EventType.FOUNDING: "COOPERATE",
    EventType.INTEGRATION: "COOPERATE",
    EventType.SUMMIT: "CONSULT",
    EventType.NEGOTIATIONS: "CONSULT",
    EventType.STATEMENT: "SUPPORT",
    EventType.LOAN: "AID",
    EventType.DEMAND: "REQUEST",
    EventType.ACCUSATION: "ACCUSE",
    EventType.REFUSAL: "REJECT",
    EventType.THREAT: "THREATEN",
    EventType.PROTEST: "PROTEST",
    EventType.GAS_DISPUTE: "SANCTION",
    EventType.TRADE_BAN: "SANCTION",
    EventType.SANCTIONS: "SANCTION",
    EventType.DIPLOMATIC_DISPUTE: "ACCUSE",
    # Domestic or one-sided developments: PLOVER codes interactions between actors only.
    EventType.ELECTION: "",
    EventType.POLICY_SHIFT: "",
}

COOPERATION = "cooperation"
CONFLICT = "conflict"

# The kind of interaction each PLOVER category records, after the CAMEO/PLOVER "quad classes"
# (verbal and material cooperation vs verbal and material conflict). REQUEST counts as conflict
# because the only type mapped to it here is "demand" (CAMEO's code 10, a verbal conflict).
INTERACTION = {
    "AGREE": COOPERATION,
    "COOPERATE": COOPERATION,
    "CONSULT": COOPERATION,
    "SUPPORT": COOPERATION,
    "AID": COOPERATION,
    "REQUEST": CONFLICT,
    "ACCUSE": CONFLICT,
    "REJECT": CONFLICT,
    "THREATEN": CONFLICT,
    "PROTEST": CONFLICT,
    "SANCTION": CONFLICT,
}


def interaction_of(event_type: str) -> str:
    """ "cooperation", "conflict", or "" for a domestic or one-sided development."""
    return INTERACTION.get(PLOVER_CATEGORY.get(event_type, ""), "")


class Event(EDTFDated, Publishable):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    event_type = models.CharField(max_length=20, choices=EventType.choices, db_index=True)
    summary = models.TextField(help_text="Two or three sentences in the archive's own words.")
    body = models.TextField(
        blank=True,
        help_text="Markdown. Cite inline with [@citationkey, p. 5]; several: [@a, pp. 20–21; @b].",
    )
    actors = models.ManyToManyField("archive.Actor", related_name="events", blank=True)
    tags = models.ManyToManyField("archive.Tag", related_name="events", blank=True)

    history = HistoricalRecords(m2m_fields=[actors, tags])

    class Meta(EDTFDated.Meta):
        ordering = ["date_earliest", "date_latest", "title"]
        # The lists' and the timeline's order: a page of 20 is read in index order and stops there. An index
        # led by (status, publish_at) made SQLite filter first and sort every public event (0.6 s of 0.65 s for
        # the first page of /events/ with 94,000 events; 17 ms without it), as nearly every event is public.
        # The public rule's columns close the index so the rule is checked on index entries: without them
        # SQLite (no histogram statistics) still preferred the publish_at index and a sort for short lists
        # (the home page's latest 8: 350 ms with 94,000 events; read in index order, under 1 ms).
        indexes = [
            models.Index(
                fields=["date_earliest", "date_latest", "title", "status", "publish_at"],
                name="archive_event_list_order",
            )
        ]
        permissions = [("publish_event", "Can publish, schedule and unpublish events")]

    def __str__(self):
        return f"{self.title} ({self.date_display})"

    def get_absolute_url(self):
        return paths.item_path("archive:event_detail", self.slug)

    @property
    def plover_category(self) -> str:
        return PLOVER_CATEGORY.get(self.event_type, "")

    @property
    def interaction(self) -> str:
        return interaction_of(self.event_type)
