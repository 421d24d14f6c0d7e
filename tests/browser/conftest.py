"""The harness for the real-browser journeys: Debian's Chromium, driven by Playwright, on the live server.

- One headless Chromium for all the journeys (launching is the slow part); each
  test gets fresh browser contexts, so no cookies or storage leak between tests.
- Chromium is the system package at /usr/bin/chromium (`.ci/run` installs it
  with apt-get); Playwright never downloads a browser.
- Without Chromium the browser tests skip with one clear reason, unless
  REQUIRE_BROWSER is set (as `.ci/run` does): then they fail, so CI always runs them.
- Playwright's sync API keeps an asyncio event loop in the test thread, which
  trips Django's "you cannot call this from an async context" guard on the
  test's own plain synchronous queries. DJANGO_ALLOW_ASYNC_UNSAFE=true is set in
  this test process only while the browser is up (this package's tests), and
  restored afterwards.
- Pages are served by pytest-django's live server from a transactional test
  database loaded with the starter content and the default triage rules.
"""

import os

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
SKIP_REASON = (
    f"Chromium not found at {CHROMIUM}: browser tests skipped (set REQUIRE_BROWSER=1 to fail instead)"
)
PHONE = {"width": 375, "height": 812}


def chromium_installed():
    return os.access(CHROMIUM, os.X_OK)


def pytest_runtest_setup(item):
    # Skipping from this hook (not from a fixture) gives every skipped test the same
    # location and reason, so `pytest -ra` reports them all on one line.
    if not chromium_installed() and not os.environ.get("REQUIRE_BROWSER"):
        pytest.skip(SKIP_REASON)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the tests in this package; fails if it is missing and REQUIRE_BROWSER is set.

    Package scope, not session: Playwright (and so the event loop, and the
    async-unsafe allowance) stops when the last browser journey is done, so the
    rest of the suite runs with Django's guard as usual.
    """
    if not chromium_installed():
        pytest.fail(f"Chromium not found at {CHROMIUM}, and REQUIRE_BROWSER is set", pytrace=False)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(browser, transactional_db, live_server, settings):
    """The live server's base URL, with the starter content (triage rules included) and editorial roles."""
    from editorial.roles import sync_roles

    # The live server serves static files from the app directories by their plain
    # names, so pages must link plain names here (production links hashed copies).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
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
