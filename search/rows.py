"""Multi-row INSERTs of plain tables, without building a model instance or compiling a statement per row.

An import writes 10,000 documents and 80,000 facet rows in one index write;
`bulk_create` spent most of that write in Python (a model instance per facet,
then the compiler's per-value placeholder and preparation work). The index
tables are plain (no signals, no defaults computed in Python but `updated_at`),
so here each column's value is prepared by its field (`get_db_prep_save`: JSON,
datetimes as the engine stores them) and the rows go out as multi-row VALUES
statements, through Django's cursor (so they are counted and logged like any
other query), the same number of statements for any number of rows up to a
chunk. The publication service's bulk path writes link rows (and their
history copies) through here too: tables of keys only, equally plain.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

# Rows per statement: within SQLite's default 999 variables for the widest table written here (13 columns);
# PostgreSQL takes larger chunks (fewer round trips; psycopg2 interpolates the values client side).
SQLITE_VARIABLES = 999
POSTGRES_ROWS = 2000
# Columns whose Python values (str, int) are what the database takes: no preparation call per value.
PLAIN = {"CharField", "TextField", "IntegerField", "BigIntegerField", "PositiveIntegerField", "ForeignKey"}


def _chunk_size(connection, width: int) -> int:
    if connection.vendor == "sqlite":
        return max(1, SQLITE_VARIABLES // width)
    return POSTGRES_ROWS


def insert(model, columns: tuple[str, ...], rows: list[tuple], returning: tuple[str, ...] = ()) -> list[tuple]:
    """INSERT `rows` (Python values, in `columns` order: field attnames) into `model`'s table.

    Returns the `returning` columns of the inserted rows (in no promised order: callers map them by a key).
    """
    if not rows:
        return []
    connection = connections[DEFAULT_DB_ALIAS]  # the connection itself: the proxy costs a lookup per use
    fields = [model._meta.get_field(name) for name in columns]
    prepared = [i for i, field in enumerate(fields) if field.get_internal_type() not in PLAIN]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    tail = (
        f" RETURNING {', '.join(quote(model._meta.get_field(name).column) for name in returning)}" if returning else ""
    )
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size, found = _chunk_size(connection, len(fields)), []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = []
            for row in chunk:
                if len(row) != len(fields):
                    raise ValueError(f"A row of {len(row)} values for {len(fields)} columns.")
                values = list(row)
                for i in prepared:
                    values[i] = fields[i].get_db_prep_save(values[i], connection)
                params.extend(values)
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, params)
            if returning:
                found.extend(cursor.fetchall())
    return found
