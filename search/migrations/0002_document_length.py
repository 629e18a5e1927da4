"""Document lengths and corpus counts for BM25 ranking on PostgreSQL (see search/statistics.py).

Existing rows get their length here, from their stored text, so ranking is right
without a rebuild; later writes keep lengths and counts current.
"""

from django.db import migrations, models

from search.statistics import length


def fill_lengths(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchGeneration = apps.get_model("search", "SearchGeneration")
    total = count = last = 0
    fields = ("id", "title", "summary", "keywords", "body")
    while True:  # pages by primary key, each read in full before it is written
        page = list(SearchDocument.objects.filter(pk__gt=last).order_by("pk").values_list(*fields)[:2000])
        if not page:
            break
        batch = [SearchDocument(pk=pk, length=length(*texts)) for pk, *texts in page]
        SearchDocument.objects.bulk_update(batch, ["length"])
        total, count, last = total + sum(d.length for d in batch), count + len(batch), page[-1][0]
    if count:
        SearchGeneration.objects.update_or_create(
            pk=1, defaults={"documents": count, "length_total": total}, create_defaults={"token": "migrated"}
        )


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
