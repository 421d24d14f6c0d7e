"""Stored full-text search documents with GIN indexes, on PostgreSQL only.

Each table gets a generated `search_document` column: the weighted vector
`articles.search` ranks on (title or name A, standfirst or summary B, body C).
PostgreSQL keeps it up to date on every write, so search reads a stored vector
through the GIN index instead of rebuilding one per row. The column is not a
model field: only PostgreSQL has it, and only search reads it. SQLite has no
full-text types; there this migration does nothing and search uses its fallback.
"""

from django.db import migrations

SEARCH_CONFIG = "english"


def vector_sql(a_column, b_column):
    parts = [
        f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in ((a_column, "A"), (b_column, "B"), ("body", "C"))
    ]
    return " || ".join(parts)


TABLES = (
    ("articles_article", "title", "standfirst"),
    ("articles_cause", "name", "summary"),
)


def add_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, a_column, b_column in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(a_column, b_column)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {table}_search_gin ON {table} USING GIN (search_document)")


def drop_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, *_ in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(add_search_documents, drop_search_documents)]
