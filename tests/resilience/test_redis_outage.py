"""The site with a real Redis that dies or freezes: readers and editors notice only speed.

Each test starts its own `redis-server` on a spare port (never the shared
one), points the cache at it, and kills it or freezes it with SIGSTOP. Waits
are bounded; no assertion is about elapsed time except counting requests
that waited beyond a generous bound.
"""

import os
import shutil
import signal
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from redis.backoff import NoBackoff
from redis.retry import Retry

from articles.models import Article
from tests.performance.live_servers import free_port
from tests.triage.form_data import form_data

pytestmark = pytest.mark.django_db

RETRY_SECONDS = 0.5  # the fail-open cache's skip interval in these tests
SLOW = 1.0  # a request waiting longer than this counts as slowed by the outage
PAGES = ["/", "/causes/", "/references/", "/sitemap.xml", "/search/?q=pain", "/triage/", "/healthz"]


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    caches = {
        "default": {
            "BACKEND": "spotting_site.fail_open_cache.FailOpenCache",
            "LOCATION": "redis",
            "OPTIONS": {"RETRY_SECONDS": RETRY_SECONDS},
        },
        "redis": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
                # As in settings: each client keeps its one connection across the outage.
                "REDIS_CLIENT_KWARGS": {"single_connection_client": True},
            },
        },
    }
    with override_settings(CACHES=caches):
        deadline = time.monotonic() + 10
        while cache.set("ping", 1) is None and cache.get("ping") != 1:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"redis-server on port {port} did not start within 10 s")
            time.sleep(0.6)
        yield process
    if process.poll() is None:
        os.kill(process.pid, signal.SIGCONT)
        process.kill()
    process.wait(timeout=10)


def visit(client, paths=PAGES):
    """(statuses that were not 200, requests that waited beyond SLOW)."""
    errors, slow, waits = [], 0, []
    for path in paths:
        started = time.monotonic()
        response = client.get(path)
        waits.append(time.monotonic() - started)
        slow += waits[-1] > SLOW
        if response.status_code != 200:
            errors.append((path, response.status_code))
    # Figures for the record (pytest -s): requests, errors, mean and worst wait.
    mean, worst = 1000 * sum(waits) / len(waits), 1000 * max(waits)
    print(f"{len(paths)} requests, {len(errors)} errors, mean {mean:.1f} ms, max {worst:.0f} ms")
    return errors, slow


def test_killed_redis_costs_readers_nothing_but_speed(client, starter_content, redis_server, caplog):
    assert visit(client) == ([], 0)
    redis_server.kill()
    redis_server.wait(timeout=10)
    outage_started = time.monotonic()
    errors, slow = visit(client, PAGES * 5)
    assert errors == [], f"requests failed while Redis was down: {errors}"
    assert slow == 0, f"{slow} requests waited over {SLOW} s while Redis was down"
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "unavailable"}
    response = client.post("/triage/", form_data())
    assert response.status_code == 200
    warnings = [record for record in caplog.records if "Cache unavailable" in record.getMessage()]
    # One warning per skip interval (RETRY_SECONDS) of the outage, however long a loaded machine made it.
    intervals = 1 + int((time.monotonic() - outage_started) / RETRY_SECONDS)
    assert 1 <= len(warnings) <= intervals + 1, f"expected one warning per interval, got {len(warnings)}"
    assert not any(record.exc_info for record in warnings), "a traceback was logged per failure"


def test_frozen_redis_costs_at_most_one_timeout_per_interval(client, starter_content, redis_server):
    assert visit(client) == ([], 0)
    os.kill(redis_server.pid, signal.SIGSTOP)
    try:
        errors, slow = visit(client, PAGES * 5)
        response = client.post("/triage/", form_data())
    finally:
        os.kill(redis_server.pid, signal.SIGCONT)
    assert errors == [], f"requests failed while Redis was frozen: {errors}"
    assert slow == 0, f"{slow} requests waited over {SLOW} s while Redis was frozen"
    assert response.status_code == 200


def test_a_change_published_while_redis_was_frozen_is_what_readers_see_after(
    client, starter_content, redis_server
):
    article = Article.objects.published().first()
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # stored, served from Redis
    os.kill(redis_server.pid, signal.SIGSTOP)
    try:
        article.title = "Changed while the cache was frozen"
        article.save()  # the invalidation cannot reach Redis
        during = client.get(url)
    finally:
        os.kill(redis_server.pid, signal.SIGCONT)
    assert during.status_code == 200
    assert "Changed while the cache was frozen" in during.content.decode()
    deadline = time.monotonic() + 10
    while True:
        body = client.get(url).content.decode()
        if "Changed while the cache was frozen" in body and cache.get("ping") == 1:
            break
        assert time.monotonic() < deadline, "readers still saw the page stored before the outage after 10 s"
        time.sleep(0.2)
    assert client.get("/healthz").json()["cache"] == "ok"
