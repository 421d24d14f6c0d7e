"""The Redis cache backend reuses one client per process and behaves as Django's own."""

import uuid

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from articles.redis_cache import RedisCache
from tests.performance.conftest import SERVER_REDIS_URL, server_redis


@pytest.fixture
def backend():
    server_redis().close()
    cache = RedisCache(SERVER_REDIS_URL, {"KEY_PREFIX": f"backend-test-{uuid.uuid4().hex[:8]}"})
    yield cache
    cache.delete_many(["page", "generation"])


def test_every_call_uses_the_same_client(backend):
    assert isinstance(backend, DjangoRedisCache)
    client = backend._cache.get_client()
    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client  # one server: one pool, one client


def test_values_round_trip_as_with_djangos_backend(backend):
    assert backend.add("generation", ("token", None), timeout=None)
    assert not backend.add("generation", ("other", None), timeout=None)
    backend.set("page", {"content": b"<p>page</p>", "etag": '"abc"'}, timeout=60)
    assert backend.get_many(["generation", "page", "missing"]) == {
        "generation": ("token", None),
        "page": {"content": b"<p>page</p>", "etag": '"abc"'},
    }
