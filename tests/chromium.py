"""The one way the suite drives a real browser: Debian's Chromium through Playwright.

- Chromium is the system package at /usr/bin/chromium (`.ci/run` installs it
  with apt-get); Playwright never downloads a browser.
- Tests marked `browser` skip with one clear reason when Chromium is missing,
  unless REQUIRE_BROWSER is set (as `.ci/run` does): then they fail, so CI
  always runs them (see `pytest_runtest_setup`).
- Playwright's sync API keeps an asyncio event loop in the test thread, which
  trips Django's "you cannot call this from an async context" guard on the
  test's own plain synchronous queries. DJANGO_ALLOW_ASYNC_UNSAFE=true is set in
  this test process only while a browser is up, and restored afterwards.

The root conftest loads this module as a plugin, so `browser` is available to
every test; it is module-scoped: each browser test module launches Chromium
once, and the async allowance ends with the module.
"""

import os

import pytest

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


def chromium_installed():
    return os.access(CHROMIUM, os.X_OK)


def pytest_runtest_setup(item):
    """One skip reason for every test marked `browser` when Chromium is missing."""
    wants_browser = item.get_closest_marker("browser") is not None
    if wants_browser and not chromium_installed() and not os.environ.get("REQUIRE_BROWSER"):
        pytest.skip(SKIP_REASON)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module; fails if it is missing and REQUIRE_BROWSER is set."""
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


def serve_plain_static_names(settings):
    """The live server serves static files from the app directories by their plain
    names, so pages must link plain names there (production links hashed copies)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
