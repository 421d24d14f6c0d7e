"""On PostgreSQL, search reads stored vectors through GIN indexes; elsewhere nothing is added."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from articles.models import Article, Cause, Status
from articles.search import SEARCH_CONFIG, search, stored_document

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
