"""Rebuild the search index from the content, in small transactions, safe on a live site."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import cache, index, statistics, vocabulary
from search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild the search index. Each batch of objects is replaced in its own transaction, so searches "
        "keep working (old rows until a batch commits, new rows after); rows of deleted objects are removed, "
        "then the did-you-mean vocabulary is recounted from the public-able rows in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, batch_size=500, no_progress=False, **options):
        total = 0
        for kind in index.KINDS:
            queryset = index.source_queryset(kind).order_by("pk")
            ids = list(queryset.values_list("pk", flat=True))
            bar = tqdm(total=len(ids), desc=f"{kind:<10}", unit="doc", disable=no_progress, file=self.stderr._out)
            for start in range(0, len(ids), batch_size):
                chunk = ids[start : start + batch_size]
                total += index.reindex(kind, chunk, count_words=False)
                bar.update(len(chunk))
            bar.close()
            gone = SearchDocument.objects.filter(kind=kind).exclude(object_id__in=queryset.values("pk"))
            index.remove(kind, list(gone.values_list("object_id", flat=True)))
        words = vocabulary.recount()
        cache.bump()  # after the recount commits: searches cached meanwhile offered the old vocabulary
        statistics.recount()
        self.stdout.write(f"Indexed {total} documents; vocabulary: {words} words.")
