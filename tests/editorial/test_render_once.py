"""Markdown renders once per save: `clean()` and `save()` share one rendering of the same texts."""

from unittest import mock

import pytest

from articles import rendering
from articles.models import Article, Reference
from tests.editorial.conftest import client_for, form_data

pytestmark = pytest.mark.django_db


def counting_renders():
    return mock.patch.object(rendering, "render_fields", wraps=rendering.render_fields)


def test_an_admin_save_renders_the_markdown_once(editor, draft_article):
    client = client_for(editor)
    url = f"/admin/articles/article/{draft_article.pk}/change/"
    # A browser sends CRLF; the model stores LF; both are the same rendering.
    data = {**form_data(client.get(url)), "body": "A first line.\r\n\r\nA second paragraph."}

    with counting_renders() as render:
        assert client.post(url, data).status_code == 302

    assert render.call_count == 1
    draft_article.refresh_from_db()
    assert draft_article.body_html == "<p>A first line.</p>\n<p>A second paragraph.</p>"


def test_full_clean_then_save_renders_once_and_changes_render_again(db):
    article = Article(title="T", slug="t", standfirst="S", body="One.")
    with counting_renders() as render:
        article.full_clean()
        article.save()
        assert render.call_count == 1
        article.body = "Two."
        article.save()
        assert render.call_count == 2
    assert article.body_html == "<p>Two.</p>"


def test_a_reference_added_between_saves_is_linked(db):
    article = Article.objects.create(title="T", slug="t", standfirst="S", body="Cited [@jabara2009].")
    assert "<sup" not in article.body_html
    Reference.objects.create(key="jabara2009", title="Bleeding after IVF", year=2009)

    article.save()

    assert "<sup" in article.body_html
