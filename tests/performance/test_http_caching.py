"""HTTP caching per page type: public pages, conditional GETs, triage, admin, static files."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.templatetags.static import static
from django.test import override_settings

from articles import page_cache
from articles.models import Article, Cause
from triage import contract

PUBLIC_PAGES = [
    "/",
    "/articles/spotting-between-periods/",
    "/causes/",
    "/causes/endometriosis/",
    "/tags/pregnancy/",
    "/references/",
    "/search/",
    "/search/?q=pregnancy",
    "/sitemap.xml",
    "/robots.txt",
]

pytestmark = pytest.mark.usefixtures("deployed_site")


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def triage_form_data():
    """The contract's default (valid, nothing worrying) answers as the form posts them."""
    data = {}
    for name, value in contract.default_answers().items():
        if value is None or value is False:
            continue  # unanswered, or an unticked box
        data[name] = "on" if value is True else str(value)
    return data


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_are_publicly_cacheable_for_a_short_time_with_an_etag(client, url):
    for attempt in ("cold", "warm"):
        response = client.get(url)
        assert response.status_code == 200, attempt
        assert cache_control(response) == {"public", f"max-age={settings.PUBLIC_PAGE_MAX_AGE}"}, attempt
        assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"]), attempt
        # Nothing personal: no cookie set, no variation by cookie.
        assert not response.cookies, attempt
        assert "Cookie" not in response.get("Vary", ""), attempt


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_stored_page_is_answered_before_the_view_with_the_full_responses_headers(client, url):
    """PageCacheMiddleware replays what the whole middleware stack sent the first time."""
    first = client.get(url)
    with mock.patch.object(BaseHandler, "resolve_request", side_effect=AssertionError("view reached")):
        second = client.get(url)
    assert second.content == first.content
    sent_first = {name: value for name, value in first.items() if name != "Date"}
    sent_second = {name: value for name, value in second.items() if name != "Date"}
    assert sent_second == sent_first
    assert sent_second["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in sent_second


@pytest.mark.parametrize("url", [url for url in PUBLIC_PAGES if "?" not in url])
def test_a_stored_page_without_a_query_string_is_found_without_resolving_its_address(client, url):
    """Its key is its address alone, so the cache is asked before the URL resolver."""
    first = client.get(url)
    with mock.patch.object(page_cache, "resolve", side_effect=AssertionError("address resolved")):
        second = client.get(url)
    assert second.content == first.content


@pytest.mark.parametrize(
    ("stored", "asked"),
    [
        ("/search/?q=pregnancy", "/search/?q=PREGNANCY"),
        ("/causes/", "/causes/?page=1"),
        ("/causes/", "/causes/?utm_source=newsletter"),
        ("/articles/spotting-between-periods/", "/articles/spotting-between-periods/?ref=x"),
    ],
)
def test_a_request_with_a_query_string_is_resolved_and_keyed_by_the_parameters_its_page_uses(
    client, stored, asked
):
    first = client.get(stored)
    with mock.patch.object(BaseHandler, "resolve_request", side_effect=AssertionError("view reached")):
        second = client.get(asked)
    assert second.content == first.content


@pytest.mark.parametrize("url", ["/", "/articles/spotting-between-periods/", "/triage/", "/no-such-page/"])
def test_a_stored_page_is_never_given_to_a_request_for_a_host_the_site_does_not_serve(client, url):
    """The key is read from a validated host: a forged Host header gets the 400 page, not a stored page."""
    client.get(url)
    response = client.get(url, HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "public" not in cache_control(response)


def test_a_host_the_site_stops_serving_gets_no_stored_page(client, settings):
    """Hosts are validated once per process, and again whenever ALLOWED_HOSTS changes."""
    url = "/articles/spotting-between-periods/"
    served = list(settings.ALLOWED_HOSTS)
    settings.ALLOWED_HOSTS = [*served, "old.example.com"]
    client.get(url, HTTP_HOST="old.example.com")
    assert client.get(url, HTTP_HOST="old.example.com").status_code == 200
    settings.ALLOWED_HOSTS = served
    response = client.get(url, HTTP_HOST="old.example.com")
    assert response.status_code == 400
    assert "public" not in cache_control(response)


def test_a_forged_host_is_refused_every_time_never_remembered(client):
    """Only accepted hosts are remembered: asking again with a forged Host never turns into a hit."""
    url = "/articles/spotting-between-periods/"
    client.get(url)
    for _ in range(3):
        assert client.get(url, HTTP_HOST="evil.example.com").status_code == 400
    assert client.get(url).status_code == 200


def test_a_forged_forwarded_host_is_refused_when_the_proxy_header_is_trusted(client, settings):
    """The memory is keyed by every header get_host() reads: an allowed Host with a forged
    X-Forwarded-Host is a different request, validated on its own."""
    settings.USE_X_FORWARDED_HOST = True
    url = "/articles/spotting-between-periods/"
    assert client.get(url).status_code == 200
    response = client.get(url, HTTP_X_FORWARDED_HOST="evil.example.com")
    assert response.status_code == 400
    assert "public" not in cache_control(response)


def test_many_hosts_under_a_wildcard_keep_the_memory_of_hosts_bounded(client, settings):
    from articles import page_cache

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".example.org"]
    url = "/articles/spotting-between-periods/"
    for number in range(200):
        assert client.get(url, HTTP_HOST=f"h{number}.example.org").status_code == 200
    assert len(page_cache._validated_hosts) <= page_cache._MAX_VALIDATED_HOSTS


@pytest.mark.parametrize("url", ["/triage/", "/healthz", "/admin/login/", "/no-such-page/"])
def test_addresses_that_are_not_public_pages_find_nothing_in_the_page_cache(client, url):
    """Looked up by address like any other, they find no stored page: their views answer every time."""
    client.get(url)
    with mock.patch.object(BaseHandler, "resolve_request", wraps=client.handler.resolve_request) as reached:
        client.get(url)
    assert reached.called


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_conditional_get_with_the_current_etag_gets_304(client, url):
    etag = client.get(url)["ETag"]
    revisit = client.get(url, headers={"if-none-match": etag})
    assert revisit.status_code == 304
    assert revisit.content == b""
    assert revisit["ETag"] == etag
    assert "public" in cache_control(revisit)
    assert client.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_after_a_change_the_old_etag_gets_the_new_page(client):
    url = "/articles/spotting-between-periods/"
    etag = client.get(url)["ETag"]
    article = Article.objects.get(slug="spotting-between-periods")
    article.standfirst = "A changed standfirst."
    article.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"A changed standfirst." in response.content


@override_settings(PAGE_CACHE_ENABLED=False)
def test_with_the_page_cache_off_pages_still_get_the_same_headers_and_304s(client):
    url = "/causes/endometriosis/"
    first = client.get(url)
    assert "public" in cache_control(first)
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_head_requests_get_the_headers_without_the_page(client):
    response = client.head("/causes/")
    assert response.status_code == 200
    assert response.content == b""
    assert "public" in cache_control(response) and response.has_header("ETag")


def test_pages_that_are_not_found_are_not_cached_publicly(client):
    response = client.get("/causes/no-such-cause/")
    assert response.status_code == 404
    assert "public" not in cache_control(response)
    assert not response.has_header("ETag")


def test_a_signed_in_editor_gets_public_pages_marked_private(client, admin_user):
    """Their session cookie may be refreshed on the response; no shared cache may keep that."""
    client.force_login(admin_user)
    response = client.get("/causes/")
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert "public" not in cache_control(response)


def test_the_triage_form_and_its_result_are_never_stored(client):
    form = client.get("/triage/")
    assert form.status_code == 200
    assert "no-store" in cache_control(form)
    result = client.post("/triage/", triage_form_data())
    assert result.status_code == 200
    assert b"data-disposition" in result.content
    assert {"no-store", "private"} <= cache_control(result)
    assert not result.has_header("ETag")


def test_admin_pages_and_the_admin_preview_are_never_stored(client, admin_user):
    assert "no-store" in cache_control(client.get("/admin/login/"))
    client.force_login(admin_user)
    article = Article.objects.get(slug="spotting-between-periods")
    for url in ("/admin/", f"/admin/articles/article/{article.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in cache_control(response), url
    # The change page is where editors see the rendered preview of a draft.
    assert b"rendered-preview" in response.content


@pytest.mark.parametrize("kind", ["articles", "causes"])
def test_previews_are_never_stored(client, admin_user, kind):
    model = Article if kind == "articles" else Cause
    draft = model.objects.filter(draft_of__isnull=True).first()
    client.force_login(admin_user)
    response = client.get(f"/preview/{kind}/{draft.pk}/")
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_control(response)
    assert not response.has_header("ETag")


# Static files -------------------------------------------------------------------------


def test_hashed_static_files_are_cached_for_ever_as_immutable(client):
    url = static("css/site.css")
    assert re.search(r"/site\.[0-9a-f]{12}\.css$", url), url
    response = client.get(url)
    assert response.status_code == 200
    directives = cache_control(response)
    assert "immutable" in directives and "public" in directives
    max_age = next(int(item.split("=")[1]) for item in directives if item.startswith("max-age="))
    assert max_age >= 60 * 60 * 24 * 365


def test_unhashed_static_names_are_cached_only_briefly(client):
    """The same file under its plain name can change at the next deploy, so it is not immutable."""
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    directives = cache_control(response)
    assert "immutable" not in directives
    assert f"max-age={settings.WHITENOISE_MAX_AGE}" in directives
    assert settings.WHITENOISE_MAX_AGE <= 60 * 60


def test_collectstatic_writes_gzip_and_brotli_copies():
    hashed = Path(settings.STATIC_ROOT) / static("css/site.css").removeprefix(settings.STATIC_URL)
    for suffix in (".gz", ".br"):
        compressed = hashed.with_name(hashed.name + suffix)
        assert compressed.is_file(), compressed
        assert compressed.stat().st_size < hashed.stat().st_size


@pytest.mark.parametrize(
    ("accept", "encoding"), [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br")]
)
def test_static_files_are_served_pre_compressed(client, accept, encoding):
    response = client.get(static("css/site.css"), headers={"accept-encoding": accept})
    assert response.status_code == 200
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]
