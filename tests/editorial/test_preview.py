"""Staff-only preview of drafts: exactly the reader's page, never cached or indexed, 404 for everyone else."""

import pytest

from articles.models import Article, Cause
from tests.editorial.conftest import client_for, form_data, make_user

pytestmark = pytest.mark.django_db


def test_editor_previews_a_draft_article_as_readers_will_see_it(editor, draft_article, cause):
    draft_article.causes.add(cause, through_defaults={"order": 1})
    response = client_for(editor).get(f"/preview/articles/{draft_article.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview — readers don't see this yet." in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "<h1>New article</h1>" in html and "<p>First draft.</p>" in html
    assert "Ovulation spotting" in html  # the same context as the public page
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]
    assert [t.name for t in response.templates][:2] == [
        "articles/preview_article.html",
        "articles/article_detail.html",
    ]


def test_preview_of_a_revision_shows_the_revision_not_the_live_page(editor, live_article, client):
    editor_client = client_for(editor)
    url = f"/admin/articles/article/{live_article.pk}/change/"
    editor_client.post(url, {**form_data(editor_client.get(url)), "body": "Draft wording."})
    revision = Article.objects.get(draft_of=live_article)
    html = editor_client.get(f"/preview/articles/{revision.pk}/").content.decode()
    assert "Draft wording." in html and "draft revision of a published page" in html
    assert "Draft wording." not in client.get("/articles/spotting-explained/").content.decode()


def test_cause_preview_for_staff(editor, cause):
    draft = Cause.objects.create(name="Draft cause", slug="draft-cause", summary="s", body="Cause body.")
    response = client_for(editor).get(f"/preview/causes/{draft.pk}/")
    assert response.status_code == 200 and "Cause body." in response.content.decode()


def test_preview_is_404_for_the_public_non_staff_and_staff_without_a_role(client, draft_article, cause):
    urls = [f"/preview/articles/{draft_article.pk}/", f"/preview/causes/{cause.pk}/"]
    reader = make_user("reader")
    reader.is_staff = False
    reader.save()
    for number, url in enumerate(urls):
        assert client.get(url).status_code == 404
        assert client_for(reader).get(url).status_code == 404
        # One staff user per URL, named by its place (two URLs can have the same length).
        assert client_for(make_user(f"loner{number}")).get(url).status_code == 404
