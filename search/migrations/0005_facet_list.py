"""Each document's facet values packed into its own row (`facet_list`), filled here from its SearchFacet rows.

The facet counts of a search are then read with the matches' rows instead of a GROUP BY over their facet rows
(3–7 ms a page at 100,000 documents: bench/README.md, issue 11), and the covering index that GROUP BY needed is
replaced by a plain one on the document, for the cascade.
"""

import django.db.models.deletion
from django.db import migrations, models

# facets.FIELD between a value's name, value and label, facets.ENTRY between values: written out here, since a
# migration must not change when the module does. Rows written before it may hold those characters (index.py
# writes values through facets.fitted, which replaces them, from this migration on): replaced first, in the
# facet rows too, so a filter link still finds its documents.
CLEAN = {
    "postgresql": """UPDATE archive_searchfacet
        SET value = translate(value, chr(31) || chr(30), '  '), label = translate(label, chr(31) || chr(30), '  ')
        WHERE strpos(value || label, chr(31)) > 0 OR strpos(value || label, chr(30)) > 0""",
    "sqlite": """UPDATE archive_searchfacet
        SET value = replace(replace(value, char(31), ' '), char(30), ' '),
            label = replace(replace(label, char(31), ' '), char(30), ' ')
        WHERE instr(value || label, char(31)) OR instr(value || label, char(30))""",
}
FILL = {
    "postgresql": """UPDATE archive_searchdocument d SET facet_list = f.packed
        FROM (SELECT document_id, string_agg(name || chr(31) || value || chr(31) || label, chr(30) ORDER BY id)
                     AS packed
              FROM archive_searchfacet GROUP BY document_id) f
        WHERE f.document_id = d.id""",
    "sqlite": """UPDATE archive_searchdocument SET facet_list = coalesce((
        SELECT group_concat(name || char(31) || value || char(31) || label, char(30))
        FROM (SELECT * FROM archive_searchfacet f WHERE f.document_id = archive_searchdocument.id ORDER BY id)), '')""",
}


# Where the tsvector is indexed (GIN, and RUM where migration 0004 made it).
FULL_TEXT_INDEXES = """SELECT format('DROP INDEX %I.%I', schemaname, indexname), indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'archive_searchdocument'
      AND indexdef ~ ' USING (gin|rum) '"""


def fill(apps, schema_editor):
    """Fill every row; on PostgreSQL with its full-text indexes dropped for the UPDATE and built again after.

    Rewriting each row updates its GIN and RUM entries one by one (`fastupdate=off`): 12.5 minutes at 100,000
    documents, against 4 s for the UPDATE alone and about 1 minute for each index built afresh (bench/README.md).
    """
    connection = schema_editor.connection
    if connection.vendor not in FILL:
        return
    rebuilt = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(FULL_TEXT_INDEXES)
            rebuilt = cursor.fetchall()
        for drop, _definition in rebuilt:
            schema_editor.execute(drop)
    schema_editor.execute(CLEAN[connection.vendor])
    schema_editor.execute(FILL[connection.vendor])
    for _drop, definition in rebuilt:
        schema_editor.execute(definition)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_words_together_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facet_list",
            field=models.TextField(
                blank=True,
                default="",
                help_text="Its facet values packed (facets.pack): counted from the matches' rows.",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="searchfacet",
            name="document",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="facets", to="search.searchdocument"
            ),
        ),
        migrations.RemoveIndex(
            model_name="searchfacet",
            name="archive_searchfacet_cover",
        ),
    ]
