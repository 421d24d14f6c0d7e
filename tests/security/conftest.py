"""Fixtures for the security tests: production settings, an HTTPS client, a browser."""

import os
import shutil

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.security.production import HOST, read_production_settings


@pytest.fixture(scope="session")
def production_settings():
    """The security settings exactly as the settings module computes them for production."""
    return read_production_settings()


@pytest.fixture
def production(production_settings):
    """Apply the production security settings for one test."""
    with override_settings(**production_settings):
        yield production_settings


class ProxiedClient(Client):
    """A client that talks to the site as the TLS-terminating proxy forwards requests."""

    def __init__(self, **defaults):
        super().__init__(HTTP_HOST=HOST, **defaults)

    def https_get(self, path, **extra):
        return self.get(path, HTTP_X_FORWARDED_PROTO="https", **extra)

    def https_post(self, path, data, **extra):
        return self.post(path, data, HTTP_X_FORWARDED_PROTO="https", **extra)


@pytest.fixture
def proxied_client(production):
    """A fresh client (its middleware loads with the production settings in force)."""
    return ProxiedClient()


@pytest.fixture
def deployed_site(starter_content):
    """The site as a first deploy sets it up: starter content and the live default triage rules."""
    call_command("load_default_triage_rules", verbosity=0)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright; CI (REQUIRE_BROWSER) fails rather than skips without it."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread, which trips Django's
    # guard against the ORM in async code; the test's own queries are plain synchronous ones.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def live_site(browser, transactional_db, live_server, settings):
    """The live server's address, with the browser ready."""
    # The live server serves static files from the app directories, by their plain
    # names, so pages must link plain names here (production links hashed copies).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return live_server.url
