"""The search index's models now belong to the search app (search/migrations/0001): state only, tables kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0009_pending_revisions'),
        ('search', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='searchchampion',
                    name='document',
                ),
                migrations.RemoveField(
                    model_name='searchfacet',
                    name='document',
                ),
                migrations.DeleteModel(
                    name='SearchGeneration',
                ),
                migrations.DeleteModel(
                    name='SearchTerm',
                ),
                migrations.DeleteModel(
                    name='SearchChampion',
                ),
                migrations.DeleteModel(
                    name='SearchDocument',
                ),
                migrations.DeleteModel(
                    name='SearchFacet',
                ),
            ],
        ),
    ]
