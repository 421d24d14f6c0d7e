"""A publish drops the content generation a handful of times, not once per link it copies.

Publishing a revision saves the page and copies and deletes its links and
tags: dozens of signals. Each dropped generation sends every reader to render
every page again, so under a burst of readers those drops were the cost of a
publish (114 of them for the starter article). They are coalesced per
transaction, and the drop after the commit is never skipped, even after a
transaction that rolled back.
"""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from articles import page_cache, publishing, revisions
from articles.models import Article

pytestmark = pytest.mark.django_db


def drops_during(action, capture):
    dropped = []
    real_delete = cache.delete

    def spy(key, *args, **kwargs):
        if key == page_cache.GENERATION_KEY:
            dropped.append(key)
        return real_delete(key, *args, **kwargs)

    with mock.patch.object(cache, "delete", side_effect=spy), capture(execute=True):
        action()
    return len(dropped)


def publish_a_revision(article, user, standfirst):
    with transaction.atomic():  # as the admin saves it
        revision = revisions.new_revision(article)
        revision.standfirst = standfirst
        revision.save()
        revisions.copy_links(article, revision)
    publishing.publish(revision, user, "Clearer standfirst.")


@pytest.fixture
def approver(db):
    return get_user_model().objects.create_superuser("approver", "a@example.org", "unused-password-1")


def test_publishing_a_revision_drops_the_generation_twice_per_transaction(
    starter_content, approver, django_capture_on_commit_callbacks, client
):
    article = Article.objects.published().get(slug="spotting-between-periods")
    assert article.tags.exists() and article.causes.exists(), "the starter article has links to copy"
    client.get(article.get_absolute_url())
    drops = drops_during(
        lambda: publish_a_revision(article, approver, "A new standfirst."), django_capture_on_commit_callbacks
    )
    assert drops <= 4, f"{drops} generation drops for one publish"
    assert "A new standfirst." in client.get(article.get_absolute_url()).content.decode()


def test_a_rolled_back_transaction_never_stops_the_next_ones_drop(
    starter_content, django_capture_on_commit_callbacks
):
    article = Article.objects.published().get(slug="spotting-between-periods")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            article.standfirst = "Never committed."
            article.save()
            raise RuntimeError
        with transaction.atomic():
            article.standfirst = "Committed."
            article.save()
        # A reader elsewhere, still seeing the old row, starts a generation and stores the old page.
        seen_before_commit = page_cache.current_generation()
    assert page_cache.current_generation() != seen_before_commit, "the commit kept an older generation"


def test_saving_a_draft_revision_keeps_every_stored_page(starter_content, django_capture_on_commit_callbacks):
    """Readers never see a revision: saving one (with the page's links) is no reason to render pages again."""
    article = Article.objects.published().get(slug="spotting-between-periods")
    before = page_cache.current_generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        revision = revisions.new_revision(article)
        revision.standfirst = "Not yet public."
        revision.save()
        revisions.copy_links(article, revision)
        revision.save()
    assert page_cache.current_generation() == before


def test_while_one_request_renders_a_changed_page_others_get_it_as_it_was(starter_content, client):
    """No stampede after a publish: one request renders the page anew, others get the old one meanwhile."""
    url = Article.objects.published().get(slug="spotting-between-periods").get_absolute_url()
    client.get(url)
    Article.objects.filter(slug="spotting-between-periods").update(standfirst="Changed standfirst.")
    page_cache.invalidate_public_pages()
    generation = page_cache.current_generation()
    # Another request has claimed the rendering of this page for the new generation.
    key = page_cache.page_key(RequestFactory().get(url), resolve(url).func)
    cache.add(f"{key}:rendering:{generation}", 1, timeout=5)
    with CaptureQueriesContext(connection) as queries:
        meanwhile = client.get(url)
    assert "Changed standfirst." not in meanwhile.content.decode() and len(queries) == 0
    assert "max-age=0" in meanwhile["Cache-Control"], "browsers must not keep the old page"
    cache.delete(f"{key}:rendering:{generation}")
    assert "Changed standfirst." in client.get(url).content.decode()


def test_with_nobody_rendering_the_next_request_gets_the_change(starter_content, client):
    url = Article.objects.published().get(slug="spotting-between-periods").get_absolute_url()
    client.get(url)
    Article.objects.filter(slug="spotting-between-periods").update(standfirst="Changed standfirst.")
    page_cache.invalidate_public_pages()
    assert "Changed standfirst." in client.get(url).content.decode()
