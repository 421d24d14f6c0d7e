"""Fixtures for the performance tests: a deployed site, and Redis/PostgreSQL for the multi-process test."""

import os

import pytest
from django.core.management import call_command

# Redis database for tests that start their own servers, apart from the suite's cache (db 0 in CI).
SERVER_REDIS_URL = os.environ.get("PERF_REDIS_URL", "redis://127.0.0.1:6379/7")
POSTGRES_URL = os.environ.get("PERF_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def require_service(name, problem):
    """Skip with one clear line, or fail when CI says the service is required (REQUIRE_REDIS=1)."""
    message = f"{name} is not reachable ({problem}); this test needs it."
    if os.environ.get("REQUIRE_REDIS"):
        pytest.fail(message + " REQUIRE_REDIS is set, so it must run.")
    pytest.skip(message)


def server_redis():
    """A client of the Redis server the performance tests share; skips (or fails in CI) without one."""
    import redis

    client = redis.Redis.from_url(SERVER_REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        require_service(f"Redis at {SERVER_REDIS_URL}", error)
    return client


@pytest.fixture
def deployed_site(starter_content):
    """The site as a first deploy sets it up: starter content and the live default triage rules."""
    call_command("load_default_triage_rules", verbosity=0)


@pytest.fixture(autouse=True)
def _generations_last_until_content_changes(settings):
    """In-memory generations normally expire after seconds; here only edits end them, so tests are exact."""
    settings.PAGE_CACHE_LOCAL_GENERATION_SECONDS = None
