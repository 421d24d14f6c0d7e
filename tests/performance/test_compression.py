"""Public pages are compressed once when stored; nothing that varies per reader is ever compressed."""

import gzip
import re
from unittest import mock

import brotli
import pytest
from django.core.cache import cache
from django.core.handlers.base import BaseHandler

from spotting_site import compression
from spotting_site.compression import choose_encoding
from tests.performance.test_http_caching import PUBLIC_PAGES, triage_form_data

pytestmark = pytest.mark.usefixtures("deployed_site")

ARTICLE = "/articles/spotting-between-periods/"
HTML_PAGES = [url for url in PUBLIC_PAGES if url not in ("/robots.txt", "/sitemap.xml")]


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.mark.parametrize("url", HTML_PAGES)
@pytest.mark.parametrize(
    ("accept", "encoding", "decode"), [("gzip", "gzip", gzip.decompress), ("br", "br", brotli.decompress)]
)
def test_public_html_is_compressed_when_the_browser_accepts_it(client, url, accept, encoding, decode):
    plain = client.get(url)
    for attempt in ("stored now", "replayed"):
        response = client.get(url, headers={"accept-encoding": accept})
        assert response["Content-Encoding"] == encoding, attempt
        assert "accept-encoding" in vary(response), attempt
        assert decode(response.content) == plain.content, attempt
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content), attempt
    assert "accept-encoding" in vary(plain)
    assert not plain.has_header("Content-Encoding")


def test_the_article_is_at_most_6_kb_on_the_wire_with_gzip_and_smaller_with_brotli(client):
    plain = client.get(ARTICLE).content
    gzipped = client.get(ARTICLE, headers={"accept-encoding": "gzip, deflate"}).content
    brotlied = client.get(ARTICLE, headers={"accept-encoding": "gzip, deflate, br, zstd"}).content
    assert len(plain) > 10_000  # the page is big enough for the figure to mean something
    assert len(gzipped) <= 6_000
    assert len(brotlied) < len(gzipped)


def test_a_page_is_compressed_once_when_stored_not_per_request(client):
    client.get(ARTICLE, headers={"accept-encoding": "br"})
    with (
        mock.patch.object(compression.brotli, "compress", side_effect=AssertionError("compressed again")),
        mock.patch.object(compression.gzip, "compress", side_effect=AssertionError("compressed again")),
    ):
        for accept in ("br", "gzip", "", "identity"):
            assert client.get(ARTICLE, headers={"accept-encoding": accept}).status_code == 200


def test_each_representation_has_its_own_etag_and_revalidates(client):
    etags = {}
    for accept in ("", "gzip", "br"):
        response = client.get(ARTICLE, headers={"accept-encoding": accept})
        etags[accept] = response["ETag"]
        revisit = client.get(ARTICLE, headers={"accept-encoding": accept, "if-none-match": response["ETag"]})
        assert revisit.status_code == 304
    assert len(set(etags.values())) == 3
    assert re.fullmatch(r'"[0-9a-f]{32}-br"', etags["br"])


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0", None),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("identity", None),
        ("", None),
        ("GZIP;q=0.5", "gzip"),
        ("gzip;q=nonsense", None),
    ],
)
def test_the_encoding_is_the_best_the_browser_accepts(header, expected):
    assert choose_encoding(header, {"br": b"", "gzip": b""}) == expected


def test_robots_txt_is_too_small_to_compress(client):
    response = client.get("/robots.txt", headers={"accept-encoding": "gzip, br"})
    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize("url", ["/robots.txt", ARTICLE])
@pytest.mark.parametrize("accept", ["br", "gzip", "gzip, br", "", "identity"])
def test_a_stored_page_is_fetched_in_the_one_representation_the_browser_is_sent(client, url, accept):
    """Each representation is stored under its own key, so a warm request reads only the bytes it sends;
    a page too small to compress is stored plain under every key, and still answered from the cache."""
    headers = {"accept-encoding": accept} if accept else {}
    first = client.get(url, headers=headers)
    fetched = []
    real_get_many = cache.get_many

    def spy(keys, *args, **kwargs):
        found = real_get_many(keys, *args, **kwargs)
        fetched.extend(value for value in found.values() if isinstance(value, dict))
        return found

    with (
        mock.patch.object(cache, "get_many", side_effect=spy),
        mock.patch.object(BaseHandler, "resolve_request", side_effect=AssertionError("view reached")),
    ):
        again = client.get(url, headers=headers)
    assert again.content == first.content and again.get("Content-Encoding") == first.get("Content-Encoding")
    assert len(fetched) == 1, "one stored page read"
    assert fetched[0]["content"] == again.content, "and it is the representation sent, no other"


def test_the_triage_form_with_its_csrf_token_is_never_compressed(client):
    response = client.get("/triage/", headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")
    assert "accept-encoding" not in vary(response)


def test_a_triage_result_is_never_compressed(client):
    """A result holds the reader's answers in a page that also varies per reader: never compressed."""
    data = triage_form_data()
    data["pain"] = "severe"
    response = client.post("/triage/", data, headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200
    assert b"data-disposition" in response.content
    assert not response.has_header("Content-Encoding")
    assert "accept-encoding" not in vary(response)


def test_an_editor_is_only_ever_given_compressed_bytes_every_reader_shares(client, admin_client):
    """Signed-in editors take the full path; a compressed body they get is the shared public page."""
    public = client.get(ARTICLE).content
    response = admin_client.get(ARTICLE, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    if response.has_header("Content-Encoding"):
        assert gzip.decompress(response.content) == public
