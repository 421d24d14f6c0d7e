"""Environment defaults for the test suite, loaded as a pytest plugin (`-p tests.environment`).

It runs before pytest-django imports the settings, so the suite exercises the
real settings module with production-like values: DEBUG off and a real secret
key. HTTPS is off so the test client and live server speak plain HTTP; the
security tests turn it on explicitly. DATABASE_URL and REDIS_URL pass through
unchanged, which is how `.ci/run` runs the suite on PostgreSQL and Redis.
"""

import hashlib
import os
import tempfile
from pathlib import Path

_checkout = str(Path(__file__).resolve().parent.parent)

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spotting_site.settings")
# Static files are collected once per checkout (see tests/conftest.py) so pages
# render with the same hashed, compressed files as production.
os.environ.setdefault(
    "STATIC_ROOT",
    os.path.join(
        tempfile.gettempdir(), "spotting-test-static-" + hashlib.sha1(_checkout.encode()).hexdigest()[:10]
    ),
)
