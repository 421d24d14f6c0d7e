"""The cause list comes in pages: each cause on exactly one, one query each, and no page number breaks it."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.views import ListPage, page_number, page_number_key
from tests.articles.factories import make_cause
from tests.resilience.test_bounded_cache import recording_stored_pages, stored_keys

pytestmark = pytest.mark.django_db

CAUSE_LINK = re.compile(r'<h2 class="cause-card__title"><a href="(/causes/[^"]+/)">')


@pytest.fixture
def twelve_causes(settings):
    """Twelve published causes, five to a page; ties in position and name, so only the id orders some."""
    settings.CAUSES_PER_PAGE = 5
    return [
        make_cause(name="Same name" if index < 4 else f"Cause {index:02}", position=index // 3)
        for index in range(12)
    ]


def shown(html):
    return CAUSE_LINK.findall(html)


def test_every_cause_is_on_exactly_one_page_in_list_order(client, twelve_causes):
    pages = [client.get(url).content.decode() for url in ("/causes/", "/causes/?page=2", "/causes/?page=3")]
    listed = [link for html in pages for link in shown(html)]
    expected = sorted(twelve_causes, key=lambda cause: (cause.position, cause.name, cause.pk))
    assert listed == [cause.get_absolute_url() for cause in expected]
    assert [len(shown(html)) for html in pages] == [5, 5, 2]
    assert "Causes 6 to 10 of 12, in page 2 of 3." in pages[1]


def test_each_page_links_to_its_neighbours_and_names_itself(client, twelve_causes):
    first, middle, last = (client.get(url) for url in ("/causes/", "/causes/?page=2", "/causes/?page=3"))
    assert 'href="/causes/?page=2" rel="next"' in first.content.decode()
    assert 'rel="prev"' not in first.content.decode()
    html = middle.content.decode()
    assert 'href="/causes/" rel="prev"' in html and 'href="/causes/?page=3" rel="next"' in html
    assert '<link rel="canonical" href="http://testserver/causes/?page=2">' in html
    assert "<title>Causes of spotting, page 2 of 3" in html
    assert 'rel="next"' not in last.content.decode()
    assert '<link rel="canonical" href="http://testserver/causes/">' in first.content.decode()


def test_a_list_that_fits_on_one_page_has_no_page_links(client, settings):
    settings.CAUSES_PER_PAGE = 5
    make_cause()
    html = client.get("/causes/").content.decode()
    assert "list-pages" not in html and "in page 1 of" not in html


def test_with_no_causes_the_first_page_says_so_and_others_do_not_exist(client):
    assert "No causes have been published yet." in client.get("/causes/").content.decode()
    assert client.get("/causes/?page=2").status_code == 404


@pytest.mark.parametrize(
    "raw", ["0", "-1", "4", "99999", "abc", "1.5", "²", "١", "9" * 5000, "1e3", "0x2", "2 2"]
)
def test_what_is_not_a_page_of_the_list_is_a_404_never_a_500(client, twelve_causes, raw):
    assert client.get("/causes/", {"page": raw}).status_code == 404


def test_a_page_is_one_query(client, twelve_causes):
    client.get("/causes/?page=2")  # the content generation exists, as on a busy site
    for url in ("/causes/", "/causes/?page=3"):
        cache.clear()
        client.get("/")  # starts the generation again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == 1, [query["sql"] for query in queries]


def test_pages_are_stored_once_each_and_page_1_is_the_plain_address(client, twelve_causes):
    keys = stored_keys(client, ["/causes/", "/causes/?page=1", "/causes/?page=01", "/causes/?page=%201"])
    assert len(keys) == 1
    assert len(stored_keys(client, ["/causes/?page=2", "/causes/?page=02"])) == 1


def test_random_page_numbers_add_no_stored_pages(client, twelve_causes):
    real = stored_keys(client, ["/causes/", "/causes/?page=2", "/causes/?page=3"])
    with recording_stored_pages() as added:
        for number in [*range(4, 300), "x", "-2", "0", "9" * 40]:
            assert client.get("/causes/", {"page": number}).status_code == 404
    assert added == set(), f"{len(added)} pages stored for page numbers past the end"
    assert len(real) == 3


def test_page_numbers_and_positions():
    assert [page_number(raw) for raw in ("", " ", "1", " 2 ", "007")] == [1, 1, 1, 2, 7]
    assert [page_number_key(raw) for raw in ("", "1", "01", "2", "x", "0")] == ["", "", "", "2", None, None]
    assert ListPage.of("/causes/", 3, 2, 12, 5) == ListPage("/causes/", 3, 3, 11, 12, 12)
    assert ListPage.of("/causes/", 1, 0, 0, 5).count == 1
    page = ListPage.of("/causes/", 2, 5, 12, 5)
    assert (page.previous_url, page.url, page.next_url) == ("/causes/", "/causes/?page=2", "/causes/?page=3")


def test_the_no_results_page_offers_the_first_page_of_causes_and_the_whole_list(client, twelve_causes):
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert html.count('class="cause-card__title"') == 5
    assert '<a href="/causes/">Browse all 12 causes of spotting</a>' in html
