"""The states content and sources can be in: publication status, source status and reliability rating.

A leaf module (no models imported), so the models, the visibility rule
(visibility.py) and the search index all read the same values without
importing each other.
"""

from django.db import models


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Unpublished (archived)"


class SourceStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Reliability(models.TextChoices):
    """The reliability scale follows Wikipedia's perennial-sources list."""

    UNRATED = "", "Not yet rated"
    RELIABLE = "reliable", "Generally reliable"
    MIXED = "mixed", "No consensus / use with care"
    UNRELIABLE = "unreliable", "Generally unreliable"
    DEPRECATED = "deprecated", "Deprecated"
    BLACKLISTED = "blacklisted", "Blacklisted"
