"""Fixtures shared by the whole suite."""

import fcntl

import pytest
from django.core.management import call_command

# The shared `browser` fixture (Debian's Chromium through Playwright) and the
# rule that browser tests skip, or fail under REQUIRE_BROWSER, without Chromium.
pytest_plugins = ["tests.chromium"]


@pytest.fixture(scope="session", autouse=True)
def _collected_static_files():
    """Collect static files (hashed and compressed) as production does, once per run.

    A file lock keeps simultaneous test runs of one checkout, which share
    STATIC_ROOT, from writing the manifest at the same time.
    """
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    with open(settings.STATIC_ROOT / ".collect.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """A fast hasher for the suite's own users: production's PBKDF2 costs ~0.3 s a login.

    Tests that start real servers in subprocesses still use production's hashers.
    """
    from django.test import override_settings

    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    fast.enable()
    yield
    fast.disable()


@pytest.fixture(scope="session", autouse=True)
def _triage_counts_written_at_once():
    """Every triage result is written to the counts at once, so tests can read them straight after.

    Batching them (the production default) is tested in tests/triage/test_counts.py.
    """
    from django.test import override_settings

    at_once = override_settings(TRIAGE_COUNT_FLUSH_SECONDS=0)
    at_once.enable()
    yield
    at_once.disable()


@pytest.fixture
def starter_content(db):
    """The starter content exactly as `make run` loads it."""
    call_command("load_starter_content", verbosity=0)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (Redis too, when REDIS_URL is set) and no ruleset."""
    from django.core.cache import cache

    from triage.services import forget_loaded_rulesets

    def forget():
        cache.clear()
        forget_loaded_rulesets()

    forget()
    yield
    forget()
