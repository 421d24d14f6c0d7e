"""Site search: ranking, published content only, safe snippets, and odd queries."""

import pytest
from django.db import connection

from articles import search
from articles.models import Status
from tests.articles.factories import make_article, make_cause

pytestmark = pytest.mark.django_db


@pytest.fixture
def searchable():
    return {
        "title_match": make_cause(name="Fibroids", slug="fibroids", summary="Growths.", body="Plain text."),
        "body_match": make_cause(
            name="Other", slug="other", summary="Something.", body="Sometimes fibroids are found here."
        ),
        "article": make_article(title="About growths", slug="growths", body="Fibroids in detail."),
        "draft": make_cause(name="Fibroids draft", slug="fibroids-draft", status=Status.DRAFT),
    }


def test_title_matches_rank_above_body_matches_and_drafts_are_left_out(searchable):
    results = search.search("fibroids")
    urls = [result.url for result in results]
    assert urls[0] == "/causes/fibroids/"
    assert set(urls) == {"/causes/fibroids/", "/causes/other/", "/articles/growths/"}
    assert urls.index("/causes/fibroids/") < urls.index("/causes/other/")


def test_snippets_mark_matches_and_escape_everything_else(db):
    make_cause(
        name="Plain",
        slug="plain",
        summary="Nothing here.",
        body='Spotting <b onclick="x()">bold</b> & <script>alert(1)</script> endometriosis words.',
    )
    [result] = search.search("endometriosis")
    snippet = str(result.snippet)
    assert "<mark>" in snippet and "</mark>" in snippet
    assert "<script" not in snippet and "onclick" not in snippet and "<b" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_search_uses_postgres_full_text_when_available(searchable):
    # Stemming only happens with PostgreSQL's english configuration.
    results = search.search("growth")
    if connection.vendor == "postgresql":
        assert {result.url for result in results} >= {"/causes/fibroids/", "/articles/growths/"}
    else:
        assert {result.url for result in results} >= {"/articles/growths/"}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!",
        "'; DROP TABLE articles_cause; --",
        "fibroids' OR 1=1 --",
        "ÿ̶ ♀ 月経 кровотечение",
        "a & | ! ( ) : * <->",
        "\x00fibroids",
        "a" * 199,
        "fibroids " * 20,
    ],
)
def test_odd_queries_get_a_friendly_200_page(client, searchable, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Search" in response.content.decode()


def test_overlong_query_gets_400_with_a_message(client, db):
    response = client.get("/search/", {"q": "x" * 2000})
    assert response.status_code == 400
    assert "fewer than 200 characters" in response.content.decode()


def test_punctuation_only_query_explains_what_to_do(client, db):
    html = client.get("/search/", {"q": "?!"}).content.decode()
    assert "Try searching for a word" in html


def test_search_results_page_lists_titles_and_snippets(client, searchable):
    html = client.get("/search/", {"q": "fibroids"}).content.decode()
    assert '<a href="/causes/fibroids/">Fibroids</a>' in html
    assert "<mark>" in html
    assert "Fibroids draft" not in html


def test_no_results_page_suggests_browsing(client, searchable):
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "No results" in html and 'href="/causes/"' in html


def test_many_matches_give_the_best_twenty_each_with_a_marked_snippet(db):
    for number in range(25):
        slug = f"cause-{number:02}"
        make_cause(name=f"Cause {number:02}", slug=slug, summary="Other.", body="Polyps here.")
    make_cause(name="Polyps", slug="polyps", summary="Small growths.", body="Polyps in detail.")
    results = search.search("polyps")
    assert len(results) == search.MAX_RESULTS
    assert results[0].url == "/causes/polyps/"
    assert [result.title for result in results[1:4]] == ["Cause 00", "Cause 01", "Cause 02"]
    assert all("<mark>" in str(result.snippet) for result in results)
