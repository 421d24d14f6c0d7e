"""Every public page runs the same number of queries with 15 or 500 causes, references and tags.

On a cold cache (emptied before the request) each page runs its own fixed
number of queries plus one: the page cache asks once when the next scheduled
publication is due, to start a content generation (`articles.page_cache`).
On a warm cache a page runs none at all, conditional GETs included.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Cause
from articles.page_cache import current_generation
from articles.search_index import has_trigrams
from tests.articles.factories import build_site

SIZES = [15, 500]

# The page cache starts a content generation on an empty cache: the earliest
# future publication time of articles and causes, in one query.
GENERATION_QUERIES = 1

# Page -> exact number of database queries its view runs, whatever the amount of content.
EXPECTED_QUERIES = {
    # flagship article; published causes; their tags
    "/": 3,
    # article; its tags; its published causes; its references (attached and cited)
    "/articles/flagship/": 4,
    # one page of published causes, with how many there are in all (cards show no tags)
    "/causes/": 1,
    # cause; its tags; its published articles; its references (attached and cited)
    "/causes/bulk-cause-0/": 4,
    # tag; published articles with it; published causes with it
    "/tags/shared/": 3,
    # references; the published articles citing them; the published causes citing them
    "/references/": 3,
    # the synonyms; the matching published articles and causes (one union); the 20 shown
    "/search/?q=spotting": 3,
    # a misspelling: the synonyms; no match; the vocabulary near "spoting"; the matches again; the 20 shown
    "/search/?q=spoting": 5,
    # nothing matches: the synonyms; no match; the vocabulary near "zebra" (none); "zebra" as the start
    # of a longer word (no match); the flagship and the causes the no-results page offers
    "/search/?q=zebra": 6,
    # for each of articles, causes and tags: a count for pagination, then the page of items
    "/sitemap.xml": 6,
    "/robots.txt": 0,
}

SHOWS_EVERYTHING = {
    "/": "/causes/bulk-cause-{last}/",
    "/causes/": "/causes/bulk-cause-{last}/",
    "/articles/flagship/": 'id="ref-bulk{last}"',
    "/causes/bulk-cause-0/": 'id="ref-bulk{last}"',
    "/tags/shared/": "/causes/bulk-cause-{last}/",
    "/references/": 'id="ref-bulk{last}"',
}


@pytest.fixture
def warm_content_types(db):
    """taggit looks content types up once per process, and search asks PostgreSQL once per process
    whether pg_trgm is there; do both before counting."""
    ContentType.objects.get_for_models(Article, Cause)
    if connection.vendor == "postgresql":
        has_trigrams()


def _count_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


@pytest.mark.parametrize("size", SIZES)
def test_query_counts_are_fixed_on_a_cold_cache_and_zero_on_a_warm_one(
    client, warm_content_types, settings, size
):
    """Built once per size, then every page: cold, warm, and a conditional GET on the warm cache.

    The cause list shows every cause on one page here (its pages: test_cause_list_pages.py).
    """
    settings.CAUSES_PER_PAGE = size
    build_site(size)
    cold_counts, warm_counts, revisit_counts = {}, {}, {}
    for url in EXPECTED_QUERIES:
        cache.clear()
        cold, cold_counts[url] = _count_queries(client, url)
        assert cold.status_code == 200, url
        if url in SHOWS_EVERYTHING:
            # The page really shows all the content, so the constant count is not an accident of hiding it.
            assert SHOWS_EVERYTHING[url].format(last=size - 1) in cold.content.decode(), url
        warm, warm_counts[url] = _count_queries(client, url)
        assert (warm.status_code, warm.content) == (200, cold.content), url
        revisit, revisit_counts[url] = _count_queries(client, url, if_none_match=cold["ETag"])
        assert revisit.status_code == 304, url

    assert cold_counts == {url: queries + GENERATION_QUERIES for url, queries in EXPECTED_QUERIES.items()}
    assert warm_counts == dict.fromkeys(EXPECTED_QUERIES, 0)
    assert revisit_counts == dict.fromkeys(EXPECTED_QUERIES, 0)


def test_a_page_missing_from_a_warm_cache_runs_only_its_own_queries(client, warm_content_types):
    build_site(15)
    counts = {}
    for url in EXPECTED_QUERIES:
        cache.clear()
        current_generation()  # the generation exists, as it does on a busy site
        response, counts[url] = _count_queries(client, url)
        assert response.status_code == 200, url
    assert counts == EXPECTED_QUERIES
