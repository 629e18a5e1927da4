"""PostgreSQL: a RUM index over the document vectors, where the `rum` extension is available (detected here).

RUM keeps each lexeme's positions in the index, so the documents holding a pair of common words together (the
words-together rank group) are found without reading the ~20,000 vectors that hold both words: 64–74 ms,
ordered by RUM's rank, against 160–250 ms at 100,000 documents (bench/README.md, issue 11). The bounded stage uses it when it exists
(search/postgres.py); without the extension, or without the right to create it, nothing is created and search
ranks as before. SQLite: nothing to do (FTS5 keeps positions).
"""

from django.db import DatabaseError, migrations, transaction

INDEX = "archive_searchdoc_vector_rum"


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError:
        return  # installed on the server but not ours to create (not a superuser): search works without it
    # Over `vector || ''` rather than the column itself, so that only a query written with that expression can
    # use it: over the column, the planner chose it for the question candidates' OR of ANDs, 122 ms instead of
    # the GIN index's 21 (bench/README.md).
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON archive_searchdocument "
        "USING rum ((vector || ''::tsvector) rum_tsvector_ops)"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_champion_document_without_constraint"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
