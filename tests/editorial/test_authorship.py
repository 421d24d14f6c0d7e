"""Authorship kept on publish: the history and the published page's admin name the writer and the approver."""

import pytest

from articles import publishing
from tests.editorial.conftest import client_for
from tests.editorial.test_review_queue import edit_live

pytestmark = pytest.mark.django_db


def test_history_and_change_page_name_writer_and_approver_of_a_published_revision(
    editor, second_editor, approver, live_article
):
    edit_live(client_for(editor), live_article, body="The changed body.")
    revision = live_article.draft_revisions.get()
    edit_live(client_for(second_editor), revision, body="The changed body, again.")
    publishing.publish(revision, approver, "Clearer wording.")

    client = client_for(approver)
    history = client.get(f"/admin/articles/article/{live_article.pk}/history/").content.decode()
    assert "(published; written by eddie, erin, approved by abby)" in history
    page = client.get(f"/admin/articles/article/{live_article.pk}/change/").content.decode()
    assert "Published version written by eddie, erin; approved by abby." in page


def test_a_draft_never_published_says_so(editor, draft_article):
    page = client_for(editor).get(f"/admin/articles/article/{draft_article.pk}/change/").content.decode()
    assert "Not published yet." in page
