"""Document lengths and corpus counts for BM25 ranking on PostgreSQL (see search/statistics.py).

Existing rows get their length here, from their stored text, so ranking is right
without a rebuild; later writes keep lengths and counts current.
"""

from django.db import migrations, models

from search.statistics import length


def fill_lengths(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchGeneration = apps.get_model("search", "SearchGeneration")
    batch, total, count = [], 0, 0
    fields = ("id", "title", "summary", "keywords", "body")
    for pk, *texts in SearchDocument.objects.order_by("pk").values_list(*fields).iterator(chunk_size=2000):
        document = SearchDocument(pk=pk, length=length(*texts))
        batch.append(document)
        total, count = total + document.length, count + 1
        if len(batch) >= 2000:
            SearchDocument.objects.bulk_update(batch, ["length"])
            batch = []
    SearchDocument.objects.bulk_update(batch, ["length"])
    SearchGeneration.objects.filter(pk=1).update(documents=count, length_total=total)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchdocument',
            name='length',
            field=models.PositiveIntegerField(default=0, help_text='Words indexed, stop words left out: the document length BM25 normalises by.'),
        ),
        migrations.AddField(
            model_name='searchgeneration',
            name='documents',
            field=models.BigIntegerField(db_default=0, default=0),
        ),
        migrations.AddField(
            model_name='searchgeneration',
            name='length_total',
            field=models.BigIntegerField(db_default=0, default=0),
        ),
        migrations.RunPython(fill_lengths, migrations.RunPython.noop),
    ]
