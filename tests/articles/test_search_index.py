"""The full-text GIN indexes exist on PostgreSQL and match the vectors search uses."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from articles.models import Article, Cause
from articles.search import SEARCH_CONFIG, article_vector, cause_vector

pytestmark = pytest.mark.django_db


def test_search_vectors_are_served_by_the_gin_indexes_on_postgresql():
    if connection.vendor != "postgresql":
        # The migration is a no-op elsewhere (no tsvector there); search uses its fallback.
        with connection.cursor() as cursor:
            names = set(connection.introspection.get_constraints(cursor, "articles_article"))
        assert "articles_article_search_gin" not in names
        assert "article_status_published" in names
        return
    query = SearchQuery("spotting", config=SEARCH_CONFIG, search_type="websearch")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    for model, vector, index in (
        (Article, article_vector(), "articles_article_search_gin"),
        (Cause, cause_vector(), "articles_cause_search_gin"),
    ):
        plan = model.objects.annotate(document=vector).filter(document=query).explain()
        assert index in plan
