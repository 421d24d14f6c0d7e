"""On PostgreSQL, search reads stored vectors through GIN indexes; elsewhere nothing is added."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from articles.models import Article, Cause, Status
from articles.search import search
from articles.search_index import SEARCH_CONFIG, stored_document

pytestmark = pytest.mark.django_db

INDEXES = ((Article, "articles_article_search_gin"), (Cause, "articles_cause_search_gin"))


def test_sqlite_gets_no_search_column_and_uses_the_fallback():
    if connection.vendor == "postgresql":
        pytest.skip("checked by the PostgreSQL tests below")
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "articles_article")]
    assert "search_document" not in columns


def test_stored_vectors_are_served_by_the_gin_indexes_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no full-text column types")
    query = SearchQuery("spotting", config=SEARCH_CONFIG, search_type="websearch")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    for model, index in INDEXES:
        plan = model.objects.annotate(document=stored_document(model)).filter(document=query).explain()
        assert index in plan


def test_the_stored_vector_follows_every_edit_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no full-text column types")
    cause = Cause.objects.create(
        name="Polyps", slug="polyps", summary="Small growths.", status=Status.PUBLISHED, body="Benign."
    )
    assert [result.title for result in search("zygomorphic")] == []
    cause.body = "Zygomorphic growths are rare."
    cause.save()
    assert [result.title for result in search("zygomorphic")] == ["Polyps"]


def test_a_database_that_refuses_pg_trgm_still_migrates_and_searches_on_postgresql(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no extensions")
    import importlib

    from django.db import DatabaseError

    migration = importlib.import_module("articles.migrations.0006_search_synonyms_and_index")
    executed = []

    class RefusingEditor:
        """A schema editor whose role may not create extensions (as on some managed databases)."""

        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            executed.append(sql)
            if sql.startswith("CREATE EXTENSION"):
                with connection.cursor() as cursor:
                    # Fail inside the database, as a refusal does, so the savepoint matters.
                    cursor.execute("SELECT 1/0")
                raise DatabaseError("not allowed")

    try:
        migration._enable_trigrams(RefusingEditor())
    except DatabaseError:  # pragma: no cover - the helper must swallow the refusal
        pytest.fail("a refused CREATE EXTENSION stopped the migration")
    assert not any("gin_trgm_ops" in sql for sql in executed)
    # The surrounding transaction is still usable, and search works without trigrams.
    Cause.objects.create(
        name="Polyps", slug="polyps", summary="Small growths.", status=Status.PUBLISHED, body="Benign."
    )
    from articles import search_index

    monkeypatch.setattr(search_index, "has_trigrams", lambda: False)
    assert [result.title for result in search("polyp")] == ["Polyps"]


@pytest.mark.django_db
def test_after_migrate_sqlite_has_every_search_trigger_even_after_a_table_rebuild():
    """A column change rebuilds a table on SQLite and drops its triggers; migrate puts them back."""
    from django.core.management import call_command
    from django.db import connection

    from articles.search_index import FTS_TRIGGERS

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL keeps a generated column")

    def triggers():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            return {row[0] for row in cursor.fetchall()}

    assert triggers() >= FTS_TRIGGERS
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER articles_cause_search_update")
    call_command("migrate", verbosity=0)
    assert triggers() >= FTS_TRIGGERS
