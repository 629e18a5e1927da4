"""Tags: case-insensitively unique, renamable without breaking links, mergeable."""

from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from archive import paths


class Tag(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="archive_tag_unique_name_ci")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return paths.item_path("archive:tag_detail", self.slug)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        with transaction.atomic():
            if self.pk:
                old_slug = Tag.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
                if old_slug and old_slug != self.slug:
                    TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": self})
            TagRedirect.objects.filter(old_slug=self.slug).delete()
            super().save(*args, **kwargs)

    @transaction.atomic
    def merge_into(self, target: "Tag") -> None:
        """Move everything tagged with self onto target, then leave a redirect.

        Nothing either tag had is lost: items carrying both keep one link.
        """
        if target.pk == self.pk:
            raise ValueError("A tag cannot be merged into itself.")
        for relation in (self.events, self.commentaries):
            through = relation.through
            own_field = relation.source_field_name
            item_field = relation.target_field_name
            item_ids = set(through.objects.filter(**{own_field: self}).values_list(f"{item_field}_id", flat=True))
            already = set(
                through.objects.filter(**{own_field: target, f"{item_field}_id__in": item_ids}).values_list(
                    f"{item_field}_id", flat=True
                )
            )
            through.objects.bulk_create(
                [through(**{own_field: target, f"{item_field}_id": item_id}) for item_id in item_ids - already]
            )
        TagRedirect.objects.filter(tag=self).update(tag=target)
        old_slug = self.slug
        self.delete()
        TagRedirect.objects.update_or_create(old_slug=old_slug, defaults={"tag": target})


class TagRedirect(models.Model):
    """An old slug that still leads to its tag after a rename or merge."""

    old_slug = models.SlugField(max_length=100, unique=True)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.tag.slug}"
