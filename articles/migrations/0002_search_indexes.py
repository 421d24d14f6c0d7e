"""GIN indexes for full-text search, on PostgreSQL only.

Expression indexes over exactly the weighted vectors `articles.search` builds,
so PostgreSQL can use them for `document @@ query`. SQLite has no full-text
types; there the migration does nothing and search uses its fallback.
"""

from django.db import migrations


def vector_sql(table, a_column, b_column):
    parts = [
        f"setweight(to_tsvector('english'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in ((a_column, "A"), (b_column, "B"), ("body", "C"))
    ]
    return f"(({parts[0]} || {parts[1]}) || {parts[2]})"


INDEXES = (
    ("articles_article_search_gin", "articles_article", "title", "standfirst"),
    ("articles_cause_search_gin", "articles_cause", "name", "summary"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, a_column, b_column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING GIN ({vector_sql(table, a_column, b_column)})"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
