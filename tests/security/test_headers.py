"""HTTPS, security headers and cookie flags under the production configuration.

The production values come from the real settings module imported with
production environment values (tests/security/production.py); one test runs
whole requests in such a process, the rest apply the same values in-process.
"""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.security.policy import parse_csp
from tests.security.production import HOST, run_with_production_settings

YEAR = 60 * 60 * 24 * 365
PAGES = ("/", "/no-such-page/", "/admin/login/")
STRICTER_REFERRER_POLICIES = {
    "strict-origin-when-cross-origin",
    "strict-origin",
    "same-origin",
    "no-referrer",
}
FEATURES_OFF = ("camera", "microphone", "geolocation", "interest-cohort", "browsing-topics", "payment", "usb")


def hsts_is_long_and_covers_subdomains(value):
    parts = [part.strip() for part in value.split(";")]
    max_age = int(next(part for part in parts if part.startswith("max-age=")).split("=")[1])
    return max_age >= YEAR and "includeSubDomains" in parts


def permissions_policy_turns_features_off(value):
    declared = {item.strip() for item in value.split(",")}
    return all(f"{feature}=()" in declared for feature in FEATURES_OFF)


HEADER_CHECKS = {
    "Strict-Transport-Security": hsts_is_long_and_covers_subdomains,
    "X-Content-Type-Options": lambda value: value == "nosniff",
    "Referrer-Policy": lambda value: value in STRICTER_REFERRER_POLICIES,
    "Cross-Origin-Opener-Policy": lambda value: value == "same-origin",
    "X-Frame-Options": lambda value: value == "DENY",
    "Permissions-Policy": permissions_policy_turns_features_off,
}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("header", HEADER_CHECKS)
def test_https_responses_carry_the_security_header(proxied_client, db, page, header):
    response = proxied_client.https_get(page)
    assert header in response, f"{page} has no {header}"
    assert HEADER_CHECKS[header](response[header]), f"{page}: {header}: {response[header]}"


def test_plain_http_redirects_permanently_to_https(proxied_client):
    response = proxied_client.get("/causes/?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/causes/?page=2"


def test_requests_forwarded_as_https_are_served_not_redirected(proxied_client, db):
    assert proxied_client.https_get("/").status_code == 200


def test_the_csrf_cookie_is_secure_and_same_site_lax(proxied_client, db):
    cookie = proxied_client.https_get("/admin/login/").cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(("flag", "expected"), [("secure", True), ("httponly", True), ("samesite", "Lax")])
def test_the_session_cookie_set_at_sign_in_is_protected(proxied_client, editor, flag, expected):
    response = proxied_client.https_post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": "a-long-test-password-1"}
    )
    assert response.status_code == 302, "sign-in failed"
    assert response.cookies[settings.SESSION_COOKIE_NAME][flag] == expected


def test_production_settings_redirect_http_and_secure_https_end_to_end():
    """Whole requests through a process started with production environment values."""
    result = run_with_production_settings(
        "from django.test import Client\n"
        f"client = Client(HTTP_HOST={HOST!r})\n"
        "plain = client.get('/no-such-page/')\n"
        "secure = client.get('/no-such-page/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(json.dumps({'plain': [plain.status_code, plain.get('Location')],"
        " 'secure': [secure.status_code, dict(secure.headers)]}))"
    )
    assert result["plain"] == [301, f"https://{HOST}/no-such-page/"]
    status, headers = result["secure"]
    assert status == 404
    for header, check in HEADER_CHECKS.items():
        assert check(headers[header]), f"{header}: {headers.get(header)}"
    assert parse_csp(headers["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_production_settings_module_values(production_settings):
    """The values the in-process tests apply, checked once against the issue's targets."""
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production_settings["SECURE_HSTS_SECONDS"] >= YEAR
    assert production_settings["SESSION_COOKIE_SECURE"] and production_settings["CSRF_COOKIE_SECURE"]
    assert json.dumps(production_settings["CONTENT_SECURITY_POLICY"]) == json.dumps(
        settings.CONTENT_SECURITY_POLICY
    ), "the CSP must not depend on the environment"
