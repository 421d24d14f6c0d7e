"""`make run` on PostgreSQL keeps a bounded number of database connections.

`runserver` answers each request in a thread of its own. With kept
connections (`CONN_MAX_AGE` > 0) each thread left one open behind it, so
about 100 requests left about 100 connections and the server then refused
clients. `make run` exports `DATABASE_CONN_MAX_AGE=0`: each request closes
its connection when it ends.

The test starts `manage.py runserver` as its own process, with the
environment `make run` gives it, on the suite's PostgreSQL test database,
sends 100 requests (60 of them eight at a time), and counts that server's
connections in `pg_stat_activity` throughout (its connections carry an
application name of their own). It stops only the process it started.
Skipped on SQLite.
"""

import concurrent.futures
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from tests.performance.live_servers import CHECKOUT, free_port

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/", "/causes/", "/references/", "/search/?q=pain", "/triage/", "/causes/ectopic-pregnancy/"]
CONCURRENT = 8
# The main thread's connection (runserver's migration check at start-up) and one per request in flight.
BOUND = CONCURRENT + 1


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Runserver:
    """`manage.py runserver` with `make run`'s environment, on the test database."""

    def __init__(self, env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=CHECKOUT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"runserver exited with {self.process.returncode} before answering")
            try:
                if get(self.url + "/healthz") == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"runserver on port {self.port} did not answer within 60 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def server_connections(application_name):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [application_name]
        )
        return cursor.fetchone()[0]


class PeakCounter(threading.Thread):
    """Samples the server's connection count every 20 ms while requests run."""

    def __init__(self, application_name):
        super().__init__(daemon=True)
        self.application_name, self.peak, self.running = application_name, 0, True

    def run(self):
        from django.db import connection as own

        try:
            while self.running:
                self.peak = max(self.peak, server_connections(self.application_name))
                time.sleep(0.02)
        finally:
            own.close()


@pytest.fixture
def make_run_environment():
    if connection.vendor != "postgresql":
        pytest.skip("counts PostgreSQL connections; the suite runs on SQLite (set DATABASE_URL)")
    settings = connection.settings_dict
    application_name = f"runserver-test-{uuid.uuid4().hex[:8]}"
    env = {
        key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_CONN_MAX_AGE")
    }
    env.update(
        {
            # What `make run` exports (Makefile: run).
            "DEBUG": "true",
            "DATABASE_CONN_MAX_AGE": "0",
            "DATABASE_URL": (
                f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            ),
            # Every request reads the database (no stored pages), so every request needs a connection.
            "PAGE_CACHE_ENABLED": "false",
            # libpq names the server's connections, so only they are counted.
            "PGAPPNAME": application_name,
        }
    )
    return env, application_name


def test_runserver_on_postgresql_keeps_a_bounded_number_of_connections(make_run_environment):
    env, application_name = make_run_environment
    call_command("load_starter_content", verbosity=0)
    server = Runserver(env)
    counter = PeakCounter(application_name)
    try:
        counter.start()
        statuses = [get(server.url + PAGES[index % len(PAGES)]) for index in range(40)]
        with concurrent.futures.ThreadPoolExecutor(CONCURRENT) as pool:
            statuses += pool.map(get, [server.url + PAGES[index % len(PAGES)] for index in range(60)])
        counter.running = False
        counter.join(timeout=10)
        after = server_connections(application_name)
    finally:
        counter.running = False
        server.stop()
    assert statuses == [200] * 100, f"not every request was answered: {sorted(set(statuses))}"
    assert counter.peak <= BOUND, f"runserver held {counter.peak} connections at once (bound {BOUND})"
    assert after <= 1, f"{after} connections stayed open after 100 requests"
