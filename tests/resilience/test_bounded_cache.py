"""Random query strings never grow the page cache; searches share keys across spellings."""

import contextlib
import random
import string
from unittest import mock

import pytest
from django.core.cache import cache

from articles import page_cache

pytestmark = pytest.mark.django_db


@contextlib.contextmanager
def recording_stored_pages():
    """Yields the set of page-cache keys written inside the block."""
    keys = set()
    real_set, real_set_many = cache.set, cache.set_many
    prefix = page_cache.PAGE_KEY_PREFIX

    def record(key):
        # A page is written once per representation (`<key>`, `<key>:br`, `<key>:gzip`): one page.
        if key.startswith(prefix):
            keys.add(prefix + key.removeprefix(prefix).split(":")[0])

    def spy(key, value, *args, **kwargs):
        record(key)
        return real_set(key, value, *args, **kwargs)

    def spy_many(data, *args, **kwargs):
        for key in data:
            record(key)
        return real_set_many(data, *args, **kwargs)

    with (
        mock.patch.object(cache, "set", side_effect=spy),
        mock.patch.object(cache, "set_many", side_effect=spy_many),
    ):
        yield keys


def stored_keys(client, urls):
    with recording_stored_pages() as keys:
        for url in urls:
            assert client.get(url).status_code in (200, 400), url
    return keys


def random_query(rng):
    name = "".join(rng.choices(string.ascii_letters, k=rng.randint(1, 12)))
    value = "".join(rng.choices(string.ascii_letters + string.digits, k=rng.randint(0, 30)))
    return f"{name}={value}"


def test_2000_random_query_strings_add_no_keys(client, starter_content):
    rng = random.Random(15)
    pages = ["/", "/causes/", "/references/", "/sitemap.xml"]
    plain = stored_keys(client, pages)
    added = stored_keys(client, [f"{rng.choice(pages)}?{random_query(rng)}" for _ in range(2000)])
    assert added <= plain, f"{len(added - plain)} keys added by 2,000 random query strings"


def test_searches_differing_in_case_spacing_and_punctuation_share_one_key(client, starter_content):
    keys = stored_keys(
        client, ["/search/?q=pain", "/search/?q=PAIN", "/search/?q=+pain!+", "/search/?q=Pain%3F"]
    )
    assert len(keys) == 1


def test_long_searches_are_answered_but_not_stored(client, starter_content):
    query = "pregnancy " * 10
    keys = stored_keys(client, [f"/search/?q={query}"])
    assert keys == set()
