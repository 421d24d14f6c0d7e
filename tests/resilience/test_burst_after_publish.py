"""The burst after a publish: what a rendering costs the readers around it, and that it stays exact.

Right after a publish every stored page is stale. `make bench` measured the
p99 of 16 readers then (docs/performance.md, "The burst after a publish"):
what made it long was the work done in the gunicorn workers for each page
rendered anew. These tests hold that work down without timing anything:

- a rendering writes the page to the cache once (a large page costs Redis a
  few milliseconds to take in, during which it answers nobody else);
- while one request renders a page, the others get the stale copy from
  PageCacheMiddleware itself, with `max-age=0`, and no query;
- the request that claims the rendering renders the change, and the claim is
  asked for once;
- shortly after a change, changed pages are rendered one at a time site-wide:
  while a request renders one, requests for other changed pages get them as
  they were (no worker is left free otherwise, and everyone queues behind the
  renderings), never for longer than RENDERING_SECONDS after the change, and
  the next request for such a page renders it once the turn is free;
- pages are compressed at the levels chosen for the burst, and still smaller
  with Brotli than with gzip.
"""

from datetime import timedelta
from unittest import mock

import brotli
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone

from articles import page_cache
from articles.models import Article
from spotting_site import compression

pytestmark = pytest.mark.django_db

SLUG = "spotting-between-periods"


def _url():
    return Article.objects.published().get(slug=SLUG).get_absolute_url()


def _key(url):
    return page_cache.page_key(RequestFactory().get(url), resolve(url).func)


def _calls(method, action):
    """The keys `cache.<method>` was called with during `action()` (for `set_many`, one list per call)."""
    keys = []
    real = getattr(cache, method)

    def spy(key, *args, **kwargs):
        keys.append(sorted(key) if isinstance(key, dict) else key)
        return real(key, *args, **kwargs)

    with mock.patch.object(cache, method, side_effect=spy):
        action()
    return keys


def _publish_a_change(text="Changed standfirst."):
    Article.objects.filter(slug=SLUG).update(standfirst=text)
    page_cache.invalidate_public_pages()


def test_a_rendering_writes_the_page_to_the_cache_once(starter_content, client):
    url = _url()
    key = _key(url)
    written = _calls("set_many", lambda: client.get(url))
    assert written == [sorted([key, f"{key}:br", f"{key}:gzip"])], (
        "one write per rendering (each representation), with the headers of the whole stack"
    )
    assert cache.get(key)["final_headers"], "stored as PageCacheMiddleware replays it"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200 and len(queries) == 0


def test_a_page_an_editor_renders_is_stored_once_and_served_to_readers(starter_content, admin_client, client):
    """A signed-in editor's response is private (not replayed), but the page they rendered is still stored."""
    url = _url()
    key = _key(url)
    written = _calls("set_many", lambda: admin_client.get(url))
    assert [keys.count(key) for keys in written] == [1]
    assert not cache.get(key).get("final_headers")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and len(queries) == 0
    assert "public" in response["Cache-Control"]


def test_while_a_page_is_rendered_anew_the_middleware_serves_it_as_it_was(starter_content, client):
    url = _url()
    before = client.get(url)
    _publish_a_change()
    generation = page_cache.current_generation()
    key = _key(url)
    cache.add(f"{key}:rendering:{generation}", 1, timeout=5)  # another request is rendering it
    try:
        with (
            CaptureQueriesContext(connection) as queries,
            mock.patch.object(
                page_cache, "_response_from", side_effect=AssertionError("the whole stack ran")
            ),
        ):
            meanwhile = client.get(url)
    finally:
        cache.delete(f"{key}:rendering:{generation}")
    assert len(queries) == 0
    assert meanwhile.content == before.content and meanwhile["ETag"] == before["ETag"]
    assert "max-age=0" in meanwhile["Cache-Control"] and "public" in meanwhile["Cache-Control"]
    assert meanwhile["X-Frame-Options"] == before["X-Frame-Options"], "the stack's headers are replayed"
    # Once the rendering is done (or its claim expired), readers get the change.
    assert "Changed standfirst." in client.get(url).content.decode()


def test_the_request_that_claims_the_rendering_renders_the_change_and_claims_once(starter_content, client):
    url = _url()
    client.get(url)
    _publish_a_change()
    responses = []
    claims = _calls("add", lambda: responses.append(client.get(url)))
    assert "Changed standfirst." in responses[0].content.decode()
    assert "max-age=60" in responses[0]["Cache-Control"]
    assert claims.count(f"{_key(url)}:rendering:{page_cache.current_generation()}") == 1
    assert claims.count(f"{page_cache.RENDERING_KEY}:{page_cache.current_generation()}") == 1
    assert cache.get(f"{page_cache.RENDERING_KEY}:{page_cache.current_generation()}") is None, (
        "the rendering turn is given back once the page is stored"
    )


def test_a_stale_page_is_served_only_for_the_generation_being_rendered(starter_content, client):
    """A claim for an earlier generation does not hold back a later change."""
    url = _url()
    client.get(url)
    _publish_a_change("First change.")
    claim = f"{_key(url)}:rendering:{page_cache.current_generation()}"
    cache.add(claim, 1, timeout=5)
    _publish_a_change("Second change.")
    try:
        assert "Second change." in client.get(url).content.decode()
    finally:
        cache.delete(claim)


def test_stored_pages_are_compressed_at_the_burst_levels(starter_content, client):
    url = _url()
    client.get(url)
    encoded = {encoding: cache.get(f"{_key(url)}:{encoding}")["content"] for encoding in ("br", "gzip")}
    plain = cache.get(_key(url))["content"]
    assert compression.BROTLI_QUALITY <= 6 and compression.GZIP_LEVEL == 9
    assert brotli.decompress(encoded["br"]) == plain
    assert len(encoded["br"]) < len(encoded["gzip"]) <= 6_000


def _cause_url():
    from articles.models import Cause

    return Cause.objects.published().order_by("name").first().get_absolute_url()


def test_while_another_changed_page_is_rendered_this_one_is_served_as_it_was(starter_content, client):
    """One rendering at a time right after a change: the others get the older copy, with no query."""
    url = _url()
    other = _cause_url()
    before = client.get(url)
    client.get(other)
    _publish_a_change()
    generation = page_cache.current_generation()
    turn = f"{page_cache.RENDERING_KEY}:{generation}"
    cache.add(turn, _key(other), timeout=5)  # another request is rendering the cause page
    try:
        with CaptureQueriesContext(connection) as queries:
            meanwhile = client.get(url)
        assert len(queries) == 0
        assert meanwhile.content == before.content and "max-age=0" in meanwhile["Cache-Control"]
        assert cache.get(f"{_key(url)}:rendering:{generation}") is None, (
            "a request that did not render gives its claim on the page back, so the next one can"
        )
    finally:
        cache.delete(turn)
    # The turn is free again: the next request renders the change at once.
    assert "Changed standfirst." in client.get(url).content.decode()


def test_the_turn_never_holds_a_change_back_longer_than_the_rendering_seconds(starter_content, client):
    """After RENDERING_SECONDS, a page is rendered by the first request for it even if the turn is taken."""
    url = _url()
    client.get(url)
    client.get(_cause_url())
    _publish_a_change()
    generation = page_cache.current_generation()
    turn = f"{page_cache.RENDERING_KEY}:{generation}"
    cache.add(turn, "another page", timeout=30)  # a rendering that never gave the turn back
    try:
        with mock.patch.object(
            page_cache.timezone,
            "now",
            return_value=timezone.now() + timedelta(seconds=page_cache.RENDERING_SECONDS),
        ):
            assert "Changed standfirst." in client.get(url).content.decode()
    finally:
        cache.delete(turn)


def test_a_failed_rendering_gives_the_turn_back(starter_content, client):
    url = _url()
    client.get(url)
    _publish_a_change()
    generation = page_cache.current_generation()
    with (
        mock.patch("articles.views.render", side_effect=RuntimeError("template error")),
        pytest.raises(RuntimeError),
    ):
        client.get(url)
    assert cache.get(f"{page_cache.RENDERING_KEY}:{generation}") is None


def test_a_generation_stored_before_this_version_is_never_recent():
    """A state written by the code before the rendering turn (token, scheduled) still works."""
    assert page_cache._is_recent(("token", None), timezone.now().timestamp()) is False
