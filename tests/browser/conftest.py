"""The harness for the real-browser journeys: Debian's Chromium, driven by Playwright, on the live server.

- Chromium, its launch flags, the skip-or-fail rule and the async guard are in
  `tests/chromium.py`, shared with the other packages' browser checks.
- One headless Chromium for all the journeys (launching is the slow part); each
  test gets fresh browser contexts, so no cookies or storage leak between tests.
- Pages are served by pytest-django's live server from a transactional test
  database loaded with the starter content and the default triage rules.
"""

import pytest
from django.core.management import call_command

from tests.chromium import serve_plain_static_names

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def site(browser, transactional_db, live_server, settings):
    """The live server's base URL, with the starter content (triage rules included) and editorial roles."""
    from editorial.roles import sync_roles

    serve_plain_static_names(settings)
    # The 15 starter causes then fill two pages of the cause list, so its page links are checked too.
    settings.CAUSES_PER_PAGE = 10
    # Editors sign in through the real login form; a fast hasher keeps that from dominating the runtime.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_starter_content", verbosity=0)
    sync_roles()
    return live_server.url


@pytest.fixture
def new_context(browser, site):
    """Make browser contexts (separate cookie jars: separate people); all are closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=site, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A desktop-sized page for one reader."""
    return new_context(viewport={"width": 1280, "height": 900}).new_page()


@pytest.fixture
def phone_page(new_context):
    """A page the size of a small phone (375 x 812 CSS pixels, touch; one device pixel per CSS pixel)."""
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
