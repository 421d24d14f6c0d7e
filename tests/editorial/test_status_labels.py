"""Honest status labels: a page published for a later time says "Scheduled for …" until then."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.admin import EditorialAdmin
from articles.models import Article, Status

pytestmark = pytest.mark.django_db


def make(slug, published_at):
    return Article.objects.create(
        title=f"Article {slug}", slug=slug, standfirst="s", status=Status.PUBLISHED, published_at=published_at
    )


def test_future_publication_is_labelled_scheduled_until_the_time_passes():
    when = timezone.now() + datetime.timedelta(days=2)
    article = make("later", when)
    label = EditorialAdmin.publication_label(article)
    assert label.startswith("Scheduled for ") and f"{timezone.localtime(when):%d %b %Y}" in label
    assert EditorialAdmin.publication_label(article, now=when + datetime.timedelta(seconds=1)) == "Published"


def test_past_publication_and_drafts_keep_their_labels():
    assert (
        EditorialAdmin.publication_label(make("now", timezone.now() - datetime.timedelta(minutes=1)))
        == "Published"
    )
    draft = Article.objects.create(title="Draft", slug="draft", standfirst="s")
    assert EditorialAdmin.publication_label(draft) == "Draft"


def test_admin_list_and_change_page_say_scheduled_and_the_public_page_is_unaffected(client):
    article = make("later", timezone.now() + datetime.timedelta(days=2))
    admin = User.objects.create_superuser("root", "root@example.org", "a-long-enough-password-1")
    client.force_login(admin)
    assert "Scheduled for" in client.get("/admin/articles/article/").content.decode()
    assert "Scheduled for" in client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    client.logout()
    assert client.get("/articles/later/").status_code == 404
