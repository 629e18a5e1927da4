"""The search index's models, moved from the archive app: state only, the tables already exist.

The tables (and the engine-specific structures: PostgreSQL's generated tsvector
column and GIN indexes, SQLite's FTS5 table) were created by archive's
migrations 0002-0008 and keep their ``archive_`` names through ``db_table``, so
an existing database upgrades with ``migrate`` alone and nothing is copied.
archive's 0010 removes the models from archive's state after this one adds them here.
"""

import django.db.models.deletion
from django.db import migrations, models

MODELS = ["searchdocument", "searchfacet", "searchterm", "searchchampion", "searchgeneration"]


def _relabel(apps, old, new):
    """Content types (and so permissions) follow the models, unless the new label already has one."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label=new, model__in=MODELS).values_list("model", flat=True))
    ContentType.objects.filter(app_label=old, model__in=set(MODELS) - taken).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, "archive", "search")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "search", "archive")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("archive", "0008_champion_lexeme_text"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='SearchGeneration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(max_length=32)),
                    ],
                    options={
                        'db_table': 'archive_searchgeneration',
                    },
                ),
                migrations.CreateModel(
                    name='SearchTerm',
                    fields=[
                        ('word', models.CharField(max_length=60, primary_key=True, serialize=False)),
                        ('length', models.PositiveSmallIntegerField(db_index=True)),
                        ('documents', models.IntegerField(default=0, help_text='How many index rows with a public date (published, scheduled, approved) contain it.')),
                    ],
                    options={
                        'db_table': 'archive_searchterm',
                    },
                ),
                migrations.CreateModel(
                    name='SearchDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('event', 'Event'), ('commentary', 'Commentary'), ('source', 'Source')], max_length=12)),
                        ('object_id', models.BigIntegerField()),
                        ('title', models.CharField(max_length=500)),
                        ('summary', models.TextField(blank=True, help_text='Summary, standfirst or abstract (weight B).')),
                        ('keywords', models.TextField(blank=True, help_text='Tags, actors with all their aliases, authors (weight B).')),
                        ('body', models.TextField(blank=True, help_text='Plain text of the body and the titles of cited approved sources (weight C).')),
                        ('url', models.CharField(max_length=300)),
                        ('date_display', models.CharField(blank=True, max_length=120)),
                        ('date_sort', models.DateField(db_index=True, null=True)),
                        ('public_from', models.DateTimeField(db_index=True, help_text='Empty: never public (draft, pending).', null=True)),
                        ('tags', models.JSONField(blank=True, default=list, help_text='[[slug, name], …] for display without joins.')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'db_table': 'archive_searchdocument',
                        'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='archive_searchdoc_unique_object')],
                    },
                ),
                migrations.CreateModel(
                    name='SearchChampion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('lexeme', models.TextField()),
                        ('score', models.FloatField()),
                        ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='search.searchdocument')),
                    ],
                    options={
                        'db_table': 'archive_searchchampion',
                        'indexes': [models.Index(fields=['lexeme', '-score'], include=('document',), name='archive_searchchampion_rank')],
                    },
                ),
                migrations.CreateModel(
                    name='SearchFacet',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=20)),
                        ('value', models.CharField(max_length=200)),
                        ('label', models.CharField(max_length=300)),
                        ('document', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='facets', to='search.searchdocument')),
                    ],
                    options={
                        'db_table': 'archive_searchfacet',
                        'indexes': [models.Index(fields=['name', 'value', 'document'], name='archive_searchfacet_lookup'), models.Index(fields=['document', 'name', 'value', 'label'], name='archive_searchfacet_cover')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
