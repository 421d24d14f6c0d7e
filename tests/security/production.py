"""Production configuration for the security tests, read from the real settings module.

The settings module reads the environment once, at import. To test what
production really gets, a subprocess imports it with production environment
values and reports the security settings; tests then apply exactly those values
with override_settings, or run a whole request in such a subprocess.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HOST = "spotting.example.org"

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
    "ALLOWED_HOSTS": HOST,
    "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
    "HTTPS": "true",
}
# Left unset, so the settings module picks its own production defaults.
UNSET_IN_PRODUCTION = ("SECURE_SSL_REDIRECT",)

SECURITY_SETTING_NAMES = (
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
    "PERMISSIONS_POLICY",
)

# Settings that are tuples in Django but come back from JSON as lists.
TUPLE_SETTINGS = ("SECURE_PROXY_SSL_HEADER",)


def production_environment():
    env = {key: value for key, value in os.environ.items() if key not in UNSET_IN_PRODUCTION}
    env.update(PRODUCTION_ENV)
    return env


def run_with_production_settings(code, timeout=120):
    """Run Python code after django.setup() under production settings; return its JSON output."""
    script = f"import json\nimport django\ndjango.setup()\n{code}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def read_production_settings():
    names = json.dumps(SECURITY_SETTING_NAMES)
    values = run_with_production_settings(
        "from django.conf import settings\n"
        f"print(json.dumps({{name: getattr(settings, name) for name in {names}}}))"
    )
    for name in TUPLE_SETTINGS:
        values[name] = tuple(values[name])
    return values
