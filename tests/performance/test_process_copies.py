"""With Redis, each process keeps copies of the pages it serves and fetches only the generation.

The copies must never weaken exact invalidation: a copy is served only while
the generation read from Redis on that very request is the one it was made
under.
"""

import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings

from articles.models import Article
from articles.page_cache import GENERATION_KEY, page_key, process_copies
from articles.redis_cache import RedisCache
from tests.performance.conftest import SERVER_REDIS_URL, server_redis

ARTICLE_URL = "/articles/spotting-between-periods/"

pytestmark = pytest.mark.usefixtures("deployed_site")


@pytest.fixture
def shared_cache():
    """The default cache is Redis for this test (its own key prefix), as in production."""
    server_redis().close()
    redis_cache = {
        "BACKEND": "articles.redis_cache.RedisCache",
        "LOCATION": SERVER_REDIS_URL,
        "KEY_PREFIX": f"copies-test-{uuid.uuid4().hex[:8]}",
    }
    with override_settings(CACHES={"default": redis_cache}):
        process_copies.clear()
        yield
        cache.clear()
        process_copies.clear()


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys of every read from the shared cache, one list per call."""
    reads = []
    original_get, original_get_many = RedisCache.get, RedisCache.get_many

    def get(self, key, *args, **kwargs):
        reads.append([key])
        return original_get(self, key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        reads.append(list(keys))
        return original_get_many(self, keys, *args, **kwargs)

    monkeypatch.setattr(RedisCache, "get", get)
    monkeypatch.setattr(RedisCache, "get_many", get_many)
    return reads


def test_a_kept_copy_needs_only_the_generation(client, shared_cache, cache_reads):
    first = client.get(ARTICLE_URL)
    assert first.status_code == 200
    cache_reads.clear()

    second = client.get(ARTICLE_URL)

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert cache_reads == [[GENERATION_KEY]]


def test_a_change_is_shown_at_the_next_request_despite_the_copy(client, shared_cache):
    client.get(ARTICLE_URL)
    client.get(ARTICLE_URL)
    article = Article.objects.get(slug="spotting-between-periods")
    article.title = "Spotting between periods, revised"
    article.save()

    assert "Spotting between periods, revised" in client.get(ARTICLE_URL).content.decode()


def test_a_page_another_process_stored_is_fetched_once_then_kept(client, shared_cache, cache_reads):
    """Here the copy is stale (content changed), and the new page was stored by 'another process'."""
    client.get(ARTICLE_URL)
    client.get(ARTICLE_URL)  # stored with its final headers, and kept
    article = Article.objects.get(slug="spotting-between-periods")
    article.title = "Revised elsewhere"
    article.save()
    rendered_elsewhere = client.get(ARTICLE_URL)  # renders and stores the new page
    request = rendered_elsewhere.wsgi_request
    key = page_key(request)
    stored = cache.get(key)
    # This process still holds the old page under the old generation.
    process_copies.keep(key, {**stored, "generation": "an older generation", "content": b"old page"})
    cache_reads.clear()

    fetched = client.get(ARTICLE_URL)
    kept = client.get(ARTICLE_URL)

    assert fetched.content == kept.content == rendered_elsewhere.content
    assert b"Revised elsewhere" in fetched.content
    assert cache_reads == [[GENERATION_KEY], [key], [GENERATION_KEY]]


def test_copies_are_bounded(client, shared_cache, settings):
    settings.PAGE_CACHE_PROCESS_COPIES = 2
    for url in ("/", "/causes/", "/references/", ARTICLE_URL):
        client.get(url)
        client.get(url)
    assert len(process_copies._pages) == 2


def test_without_a_shared_cache_nothing_is_copied(client):
    in_memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "copies-test"}
    with override_settings(CACHES={"default": in_memory}):
        client.get(ARTICLE_URL)
        assert client.get(ARTICLE_URL).status_code == 200
        cache.clear()
    assert len(process_copies._pages) == 0
