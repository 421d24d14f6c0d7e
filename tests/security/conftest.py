"""Fixtures for the security tests: production settings, an HTTPS client, a browser."""

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.chromium import serve_plain_static_names
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


@pytest.fixture
def live_site(browser, transactional_db, live_server, settings):
    """The live server's address, with the browser ready."""
    serve_plain_static_names(settings)
    return live_server.url
