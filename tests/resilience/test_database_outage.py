"""PostgreSQL unreachable: pages, 404s and triage keep working, /healthz is 503, recovery needs no restart.

A gunicorn process (production settings) reaches PostgreSQL through a small
TCP relay that the test starts and stops (the shared server is never
touched). Needs PostgreSQL and Redis on 127.0.0.1, like the two-process tests.
"""

import contextlib
import re
import socket
import threading

import pytest

from tests.performance.live_servers import Server, Session, free_port, manage
from tests.performance.test_two_processes import shared_services  # noqa: F401  (fixture)
from tests.triage.form_data import form_data

pytestmark = pytest.mark.slow

PAGES = ["/", "/causes/", "/articles/spotting-between-periods/", "/references/", "/sitemap.xml"]


class Relay:
    """Forwards 127.0.0.1:<port> to PostgreSQL; `stop()` closes it and every connection through it."""

    def __init__(self, target_port=5432):
        self.port, self.target_port = free_port(), target_port
        self.sockets, self.listener = [], None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self.listener.settimeout(0.2)
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def _accept(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def stop(self):
        self.running = False
        self.listener.close()
        for end in self.sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass
        self.sockets = []


def test_database_down_then_back(shared_services):  # noqa: F811
    env = shared_services
    manage(env, "migrate", "--noinput")
    manage(env, "load_starter_content")
    relay = Relay().start()
    through_relay = {**env, "DATABASE_URL": env["DATABASE_URL"].replace(":5432/", f":{relay.port}/")}
    server = Server(through_relay).wait_until_ready()
    try:
        reader = Session(server.url)
        for path in PAGES:
            assert reader.get(path)[0] == 200, path
        assert reader.get("/triage/")[0] == 200
        relay.stop()

        failed = [(path, status) for path in PAGES if (status := reader.get(path)[0]) != 200]
        assert failed == [], f"stored pages failed with the database down: {failed}"
        assert reader.get("/no-such-page/")[0] == 404
        assert reader.get("/healthz")[0] == 503
        status, page, _ = reader.get("/triage/")
        assert status == 200, "the triage form failed with the database down"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, page, _ = reader.post("/triage/", {**form_data(), "csrfmiddlewaretoken": token})
        assert status == 200, "a triage result failed with the database down"

        relay.start()
        assert reader.get("/healthz")[0] == 200, "/healthz did not recover without a restart"
    finally:
        server.stop()
        relay.stop()
