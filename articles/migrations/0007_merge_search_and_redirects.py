"""Joins the two 0006 migrations.

On SQLite, adding the reviewer's registration column (0006_review_and_redirects)
rebuilds the article and cause tables, which drops the triggers that keep the
full-text tables in step (0006_search_synonyms_and_index). Nothing is done
here for that: after every migrate,
`articles.search_index.rebuild_sqlite_search_if_dropped` rebuilds the
full-text tables when a trigger is missing, whichever migration dropped it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_review_and_redirects"),
        ("articles", "0006_search_synonyms_and_index"),
    ]

    operations = []
