"""Error pages: the site's layout, a helpful message, the right status, and nothing internal.

Views that raise are mounted by a test-only URLconf (tests/security/error_urls.py),
so each error goes through Django's real exception handling and the site's handlers.
"""

from unittest import mock

import pytest
from django.conf import settings
from django.template import TemplateSyntaxError
from django.test import Client

from tests.security.error_urls import SECRET_DETAIL
from tests.security.policy import parse_csp

# Words that would mean a traceback, the exception text or configuration leaked into the page.
LEAKS = (
    "Traceback",
    "File &quot;",
    'File "',
    "Exception",
    "Error:",
    SECRET_DETAIL,
    "SECRET_KEY",
    "DATABASES",
    "settings",
    "django.",
    "/work/",
    "site-packages",
)

ERROR_PAGES = {
    400: ("/raise/suspicious/", "Sorry, we could not read that request"),
    403: ("/raise/permission-denied/", "You cannot open this page"),
    404: ("/raise/not-found/", "Page not found"),
    500: ("/raise/server-error/", "Sorry, something went wrong"),
}


@pytest.fixture
def error_client():
    # raise_request_exception=False: let the exception reach the site's 500 handler, as in production.
    return Client(raise_request_exception=False)


def assert_in_site_layout(html):
    assert '<link rel="stylesheet" href="/static/css/site.' in html
    assert '<main id="main-content"' in html
    assert settings.SITE_NAME in html
    assert settings.EMERGENCY_NUMBER in html


def assert_nothing_internal(html):
    leaked = [word for word in LEAKS if word in html]
    assert not leaked, leaked


@pytest.mark.urls("tests.security.error_urls")
@pytest.mark.parametrize("status", ERROR_PAGES)
def test_error_page_has_the_right_status_layout_and_message(error_client, status):
    path, heading = ERROR_PAGES[status]
    response = error_client.get(path)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    assert_in_site_layout(html)
    assert_nothing_internal(html)
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.urls("tests.security.error_urls")
@pytest.mark.parametrize("status", ERROR_PAGES)
def test_error_page_carries_the_strict_policy(error_client, status):
    policy = parse_csp(error_client.get(ERROR_PAGES[status][0])["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"]


def test_the_404_page_suggests_search_and_the_causes(client, db):
    html = client.get("/no-such-page/").content.decode()
    assert '<form class="panel" action="/search/" method="get" role="search">' in html
    assert '<label class="label" for="not-found-search">' in html
    assert 'href="/causes/"' in html


def test_an_unreadable_host_gets_the_400_page(client, db):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "<h1>Sorry, we could not read that request</h1>" in response.content.decode()
    assert_nothing_internal(response.content.decode())


@pytest.mark.urls("tests.security.error_urls")
def test_the_500_page_renders_without_the_database(error_client, django_db_blocker):
    # No `db` fixture: any query from the 500 page would fail the test.
    with django_db_blocker.block():
        response = error_client.get("/raise/server-error/")
    assert response.status_code == 500
    assert_in_site_layout(response.content.decode())


@pytest.mark.urls("tests.security.error_urls")
def test_the_500_page_falls_back_to_plain_html_when_its_template_fails(error_client):
    broken = TemplateSyntaxError("a broken base template")
    with mock.patch("spotting_site.errors.loader.get_template", side_effect=broken):
        response = error_client.get("/raise/server-error/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Sorry, something went wrong</h1>" in html
    assert "emergency" in html
    assert_nothing_internal(html)


@pytest.mark.urls("tests.security.error_urls")
def test_an_expired_form_gets_the_friendly_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/raise/form/", {"anything": "1"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Your form expired</h1>" in html
    assert "Nothing you entered was saved" in html
    assert_in_site_layout(html)
    assert_nothing_internal(html)
    assert "CSRF" not in html and "Referer" not in html
