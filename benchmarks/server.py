"""gunicorn for `make bench` and `make audit`: its own process group on a free local port.

`Gunicorn(env, workers, extra_args)` starts it in this checkout; `wait_until_up()`
polls `/healthz` and raises `DidNotStart` if it never answers; `stop()` ends the
whole process group (SIGTERM, then SIGKILL after 30 s).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


class DidNotStart(Exception):
    """gunicorn did not answer in time; the message says where it was asked."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, env, workers=2, extra_args=()):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [GUNICORN, "spotting_site.wsgi", "--workers", str(workers), *extra_args]
        # Several servers may run at once (tests, other checkouts): no shared control socket.
        command += ["--bind", f"127.0.0.1:{self.port}", "--no-control-socket", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=CHECKOUT, env=env, start_new_session=True)

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise DidNotStart(f"gunicorn did not answer on {self.base} within {timeout} s")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
