"""The project skeleton: settings from the environment, health check, deploy check."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from articles.models import Reference

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20,
    "ALLOWED_HOSTS": "spotting.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://spotting.example.org",
    "HTTPS": "true",
    # Behind one TLS proxy, as the README's deploy steps say (check --deploy warns otherwise).
    "TRUSTED_PROXY_COUNT": "1",
}


def run_manage(*args, env_overrides=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_overrides or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_fails_at_start_with_one_line_naming_it():
    result = run_manage("check", env_overrides={"DEBUG": "false"}, drop=("SECRET_KEY",))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SECRET_KEY" in lines[0]


def test_invalid_boolean_fails_with_one_line_naming_the_variable():
    result = run_manage("check", env_overrides={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DEBUG must be true or false, not 'maybe'."
    ]


def test_debug_on_runs_without_a_secret_key():
    result = run_manage("check", env_overrides={"DEBUG": "true"}, drop=("SECRET_KEY",))
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr
    assert "System check identified no issues" in result.stdout


def test_database_url_selects_postgresql():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/example"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql", result.stderr


def test_redis_url_selects_the_redis_cache():
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.CACHES['redis']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "spotting_site.fail_open_cache.FailOpenCache",
        "django_redis.cache.RedisCache",
    ], result.stderr


@pytest.mark.django_db
def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_reports_503_when_the_database_does_not_answer(client):
    with mock.patch("spotting_site.health.connection") as connection:
        connection.cursor.side_effect = DatabaseError("connection refused")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"
    assert "no-store" in response["Cache-Control"]


def test_starter_content_is_idempotent_and_never_overwrites_edits(db):
    call_command("load_starter_content", verbosity=0)
    first_count = Reference.objects.count()
    Reference.objects.filter(key="snell2009").update(title="Edited by an editor")
    call_command("load_starter_content", verbosity=0)
    assert Reference.objects.count() == first_count > 0
    assert Reference.objects.get(key="snell2009").title == "Edited by an editor"


def test_base_template_has_skip_link_landmarks_disclaimer_and_emergency_line(client, starter_content):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main-content">' in html
    for landmark in ('<header class="site-header">', '<main id="main-content"', "<footer", "<nav"):
        assert landmark in html
    assert "not a diagnosis" in html
    assert "emergency number" in html
