"""Publish through one application server, read through another: the change shows at once.

Two gunicorn processes (production settings) share one PostgreSQL database and
one Redis. Server B caches public pages; an editor signs in to the admin on
server A and changes content the way editors do; the very next request to B
shows the change, because both processes read the same content generation
from Redis (`articles.page_cache`).

Needs PostgreSQL and Redis on 127.0.0.1: skipped with one line when either is
missing, a failure instead when REQUIRE_REDIS is set (as `.ci/run` does).
"""

import os
import re
import uuid

import pytest

from tests.performance.conftest import POSTGRES_URL, SERVER_REDIS_URL, require_service, server_redis
from tests.performance.live_servers import Server, Session, manage

pytestmark = pytest.mark.slow

ARTICLE = "/articles/spotting-between-periods/"

SET_UP = """
from django.core.management import call_command
from articles.models import Cause
call_command("load_starter_content", verbosity=0)
call_command("create_editor", "approver", role="approver", generate_password=True)
import datetime
Cause(
    name="Multiprocess draft cause", slug="multiprocess-draft", summary="A draft.",
    last_reviewed=datetime.date(2026, 11, 1), next_review_due=datetime.date(2027, 11, 1),
).save()
"""


def _postgres():
    import psycopg

    try:
        return psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        require_service("PostgreSQL at 127.0.0.1:5432", str(error).splitlines()[0])


@pytest.fixture
def shared_services():
    """A fresh PostgreSQL database and a Redis key prefix of this test's own, removed afterwards."""
    redis_client = server_redis()
    admin = _postgres()
    name = f"spotting_multiproc_{os.getpid()}"
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {name}")
    prefix = f"multiproc-{uuid.uuid4().hex[:12]}"
    database_url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    env = {
        **os.environ,
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": SERVER_REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "PAGE_CACHE_ENABLED": "true",
    }
    try:
        yield env
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
        for key in redis_client.scan_iter(match=f"{prefix}:*"):
            redis_client.delete(key)
        redis_client.close()


@pytest.fixture
def two_servers(shared_services):
    """Servers A and B on one database and one Redis, and the approver's password."""
    env = shared_services
    manage(env, "migrate", "--noinput")
    output = manage(env, "shell", "-c", SET_UP)
    password = re.search(r"Password \(shown once, store it safely\): (\S+)", output).group(1)
    servers = [Server(env), Server(env)]
    try:
        for server in servers:
            server.wait_until_ready()
        yield servers[0], servers[1], password
    finally:
        for server in servers:
            server.stop()


def _cached_page(session, path):
    """GET `path` twice; the second answer must be the first (served from the shared cache)."""
    first = session.get(path)
    second = session.get(path)
    assert first[0] == second[0] == 200
    assert first[2]["ETag"] == second[2]["ETag"]
    return second[1]


def test_a_change_published_through_one_server_shows_at_once_on_the_other(two_servers):
    server_a, server_b, password = two_servers
    editor = Session(server_a.url)
    reader = Session(server_b.url)

    causes = _cached_page(reader, "/causes/")
    article_page = _cached_page(reader, ARTICLE)
    assert "Multiprocess draft cause" not in causes
    assert "Edited through server A" not in article_page

    editor.sign_in("approver", password)

    # 1. An approver publishes a draft cause through A.
    status, page, _ = editor.get("/admin/articles/cause/?q=multiprocess")
    assert status == 200
    cause_pk = re.search(r'name="_selected_action" value="(\d+)"', page).group(1)
    status, page, _ = editor.submit_form(
        f"/admin/articles/cause/{cause_pk}/publish/", {"change_note": "Multi-process test: publish."}
    )
    assert status == 200 and "errornote" not in page, "the admin refused to publish"

    status, causes_after, _ = reader.get("/causes/")
    assert status == 200
    assert "Multiprocess draft cause" in causes_after

    # 2. An editor changes the published article's text through A (this makes a draft
    #    revision, which readers must not see), then an approver publishes it.
    status, page, _ = editor.get("/admin/articles/article/?q=spotting-between-periods")
    article_pk = re.search(r'href="/admin/articles/article/(\d+)/change/', page).group(1)
    status, page, _ = editor.submit_form(
        f"/admin/articles/article/{article_pk}/change/",
        {"standfirst": "Edited through server A."},
        button=("_save", "Save"),
    )
    assert status == 200 and "errornote" not in page, "the admin refused the change"
    assert "Edited through server A." not in reader.get(ARTICLE)[1], "a draft revision reached readers"

    status, page, _ = editor.submit_form(
        f"/admin/articles/article/{article_pk}/publish/", {"change_note": "Multi-process test: edit."}
    )
    assert status == 200 and "errornote" not in page, "the admin refused to publish the revision"

    status, article_after, _ = reader.get(ARTICLE)
    assert status == 200
    assert "Edited through server A." in article_after
