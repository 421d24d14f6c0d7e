"""A renamed page keeps its old address working: 301 to the new one, no chains, not in the sitemap."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, Redirect, Status
from tests.articles.factories import make_article, make_cause
from tests.editorial.conftest import client_for, make_user
from tests.editorial.test_publishing import edit, publish_url

pytestmark = pytest.mark.django_db


def rename(page, slug):
    page.slug = slug
    page.save()
    return page


def test_renaming_a_published_article_answers_301_at_the_old_address(client):
    article = rename(make_article(slug="old-name"), "new-name")
    response = client.get("/articles/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-name/"
    assert client.get("/articles/new-name/").status_code == 200
    assert Redirect.objects.get().new_path == article.get_absolute_url()


def test_renaming_a_published_cause_keeps_the_query_string(client):
    rename(make_cause(slug="polyp"), "polyps")
    response = client.get("/causes/polyp/?utm=x")
    assert response.status_code == 301
    assert response["Location"] == "/causes/polyps/?utm=x"


def test_a_chain_collapses_so_every_old_address_leads_straight_to_the_current_one(client):
    article = make_article(slug="a")
    rename(article, "b")
    rename(article, "c")
    assert {(r.old_path, r.new_path) for r in Redirect.objects.all()} == {
        ("/articles/a/", "/articles/c/"),
        ("/articles/b/", "/articles/c/"),
    }
    for old in ("/articles/a/", "/articles/b/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/articles/c/")


def test_renaming_back_removes_the_redirect_away_from_the_live_address(client):
    article = make_article(slug="a")
    rename(article, "b")
    rename(article, "a")
    assert list(Redirect.objects.values_list("old_path", "new_path")) == [("/articles/b/", "/articles/a/")]
    assert client.get("/articles/a/").status_code == 200


def test_a_draft_never_published_gets_no_redirect_when_renamed():
    rename(make_article(slug="draft-one", status=Status.DRAFT, published_at=None), "draft-two")
    assert not Redirect.objects.exists()


def test_the_old_address_of_a_renamed_page_is_not_served_from_the_page_cache(client):
    article = make_article(slug="cached")
    assert client.get("/articles/cached/").status_code == 200
    rename(article, "renamed")
    assert client.get("/articles/cached/").status_code == 301


def test_the_sitemap_lists_only_current_addresses(client):
    article = make_article(slug="first")
    rename(article, "second")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/articles/second/" in sitemap
    assert "/articles/first/" not in sitemap


def test_an_unknown_address_is_still_a_404(client):
    assert client.get("/articles/never-existed/").status_code == 404


def test_publishing_a_revision_with_a_new_slug_redirects_automatically(client):
    editor, approver = make_user("eddie", "Clinical editor"), make_user("abby", "Clinical approver")
    live = make_article(slug="spotting-explained", title="Spotting explained")
    edit(client_for(editor), live, slug="spotting-between-periods-explained")
    revision = Article.objects.get(draft_of=live)
    assert not Redirect.objects.exists()  # readers still see the old address until it is published
    client_for(approver).post(publish_url(revision), {"change_note": "Clearer address."})
    response = client.get("/articles/spotting-explained/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/articles/spotting-between-periods-explained/",
    )


def test_redirects_are_listed_and_editable_in_the_admin():
    editor = make_user("eddie", "Clinical editor")
    rename(make_cause(slug="old-cause"), "new-cause")
    redirect = Redirect.objects.get()
    browser = client_for(editor)
    listing = browser.get("/admin/articles/redirect/").content.decode()
    assert "/causes/old-cause/" in listing and "/causes/new-cause/" in listing
    response = browser.post(
        f"/admin/articles/redirect/{redirect.pk}/change/",
        {"old_path": "/causes/old-cause/", "new_path": "/causes/"},
    )
    assert response.status_code == 302
    redirect.refresh_from_db()
    assert redirect.new_path == "/causes/"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("causes/x/", "/causes/y/"),
        ("/causes/x/", "https://elsewhere.example/"),
        ("/causes/a/", "/causes/a/"),
        ("/causes/a/", "//b/"),
        ("/some-old-page/", "/causes/"),
    ],
)
def test_a_redirect_must_lead_from_an_article_or_cause_address_to_a_path_on_this_site(old, new):
    with pytest.raises(ValidationError):
        Redirect(old_path=old, new_path=new).full_clean()
