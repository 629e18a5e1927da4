"""Did-you-mean vocabulary: count public-able rows per word, and drop words only drafts or pending sources had.

Citing items' rows still hold titles of sources under review until they are
re-indexed: run ``manage.py rebuild_search_index`` after migrating.
"""

from django.db import migrations, models


def recount(apps, schema_editor):
    from search import vocabulary

    vocabulary.recount(apps.get_model("archive", "SearchDocument"), apps.get_model("archive", "SearchTerm"))


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_http_only_source_urls"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="body",
            field=models.TextField(
                blank=True, help_text="Plain text of the body and the titles of cited approved sources (weight C)."
            ),
        ),
        migrations.AddField(
            model_name="searchterm",
            name="documents",
            field=models.IntegerField(
                default=0,
                help_text="How many index rows with a public date (published, scheduled, approved) contain it.",
            ),
        ),
        migrations.RunPython(recount, migrations.RunPython.noop),
    ]
