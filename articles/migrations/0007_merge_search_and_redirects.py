"""Joins the two 0006 migrations, and rebuilds SQLite's search tables after them.

On SQLite, adding the reviewer's registration column (0006_review_and_redirects)
rebuilds the article and cause tables, which drops the triggers that keep the
full-text tables in step (0006_search_synonyms_and_index). Whichever of the two
ran first, the full-text tables and their triggers are made again here from the
rows as they are. PostgreSQL keeps its generated search column through the
column change, so nothing runs there. (Later migrations need no such step:
after every migrate, `articles.search_index.rebuild_sqlite_search_if_dropped`
rebuilds the tables if a trigger is missing.)
"""

import importlib

from django.db import migrations

search_index = importlib.import_module("articles.migrations.0006_search_synonyms_and_index")


def rebuild_sqlite_search(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search_index._drop_fts(schema_editor)
        search_index._create_fts(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_review_and_redirects"),
        ("articles", "0006_search_synonyms_and_index"),
    ]

    operations = [migrations.RunPython(rebuild_sqlite_search, migrations.RunPython.noop)]
