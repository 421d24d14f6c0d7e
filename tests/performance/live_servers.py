"""Real application servers for the multi-process tests: gunicorn, an HTTP session, admin forms.

Plain standard library (urllib, subprocess) so the tests talk to the servers
exactly as a browser would: cookies, CSRF tokens and form posts.
"""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

CHECKOUT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args, timeout=180):
    """Run `manage.py` with `env`; return its output, or fail with it."""
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if completed.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")
    return completed.stdout


class Server:
    """One gunicorn process (its own master and worker) with production settings."""

    def __init__(self, env, workers=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.devnull, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "spotting_site.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--forwarded-allow-ips",
                "127.0.0.1",
                # Two servers run at once: each without the default shared control socket.
                "--no-control-socket",
            ],
            cwd=CHECKOUT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn on port {self.port} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise AssertionError(f"gunicorn on port {self.port} did not answer within {timeout} s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Session:
    """A browser-like HTTP session against one server: cookies kept, redirects followed."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                response.headers["X-Final-URL"] = response.url
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def get(self, path, headers=None):
        return self.request(path, headers=headers)

    def post(self, path, data):
        return self.request(path, data=data, headers={"Referer": self.base_url + path})

    def sign_in(self, username, password):
        status, page, _ = self.get("/admin/login/")
        assert status == 200, page
        token = BeautifulSoup(page, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})["value"]
        status, page, _ = self.post(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
        )
        assert status == 200 and "Log out" in page, f"sign-in failed ({status})"

    def submit_form(self, path, changes, button=None):
        """Load the page's form that has every field in `changes`, change them, and post it.

        `button` is the (name, value) of the submit button pressed, if it has a name.
        """
        status, page, headers = self.get(path)
        assert status == 200, page
        # The form posts back to the page it is on, after any redirect.
        path = urllib.parse.urlsplit(headers["X-Final-URL"]).path
        forms = BeautifulSoup(page, "html.parser").find_all("form", method=lambda value: value == "post")
        form = next(form for form in forms if all(form.find(attrs={"name": name}) for name in changes))
        data = {**form_values(form), **changes}
        if button:
            data[button[0]] = button[1]
        return self.post(path, data)


def form_values(form):
    """What a browser would submit for `form` as it stands (no button pressed)."""
    values = {}

    def add(name, value):
        values.setdefault(name, []).append(value)

    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            add(name, field.text.removeprefix("\n"))
        elif field.name == "select":
            for option in field.find_all("option", selected=True):
                add(name, option.get("value", option.text))
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                add(name, field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file", "image", "reset"):
            add(name, field.get("value", ""))
    return values
