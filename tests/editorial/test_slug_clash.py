"""Two articles (or causes) cannot share an address: the form says so instead of a 500."""

import pytest

from tests.editorial.conftest import client_for, form_data

pytestmark = pytest.mark.django_db


def test_adding_a_cause_with_a_taken_slug_is_a_form_error(approver, cause):
    client = client_for(approver)
    data = {**form_data(client.get("/admin/articles/cause/add/")), "name": "Another", "slug": cause.slug}
    data["summary"] = "Another summary."

    response = client.post("/admin/articles/cause/add/", data)

    assert response.status_code == 200
    assert f"The web address “{cause.slug}” is already used by “{cause}”" in response.content.decode()


def test_a_draft_revision_keeps_its_live_rows_slug(editor, live_article):
    url = f"/admin/articles/article/{live_article.pk}/change/"
    client = client_for(editor)
    assert client.post(url, {**form_data(client.get(url)), "body": "Changed."}).status_code == 302
    assert live_article.draft_revisions.get().slug == live_article.slug
