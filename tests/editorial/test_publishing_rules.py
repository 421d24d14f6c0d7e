"""The publishing rules as plain Python (articles.publishing), without a request."""

import datetime

import pytest
from django.utils import timezone

from articles import publishing, revisions
from articles.models import Article, Status

pytestmark = pytest.mark.django_db


def test_editors_may_not_publish_and_notes_are_required(editor, approver, draft_article):
    with pytest.raises(publishing.PublishError, match="Only a Clinical approver"):
        publishing.publish(draft_article, editor, "Looks good")
    with pytest.raises(publishing.PublishError, match="Write a change note"):
        publishing.publish(draft_article, approver, "   ")
    assert publishing.publish(draft_article, approver, "Checked").obj.status == Status.PUBLISHED


def test_a_revision_may_not_take_another_live_articles_address(approver, live_article, draft_article):
    publishing.publish(draft_article, approver, "First")
    revision = revisions.new_revision(live_article)
    revision.slug = draft_article.slug
    revision.save()
    with pytest.raises(publishing.PublishError, match="already used by"):
        publishing.publish(revision, approver, "Rename")


def test_publish_due_revisions_applies_only_approved_revisions_whose_time_has_come(approver, live_article):
    revision = revisions.new_revision(live_article)
    revision.body = "Due now."
    revision.save()
    soon = timezone.now() + datetime.timedelta(minutes=5)
    publishing.publish(revision, approver, "At five past", when=soon)
    assert publishing.publish_due_revisions() == []
    applied = publishing.publish_due_revisions(now=soon + datetime.timedelta(seconds=1))
    assert [article.pk for article in applied] == [live_article.pk]
    assert Article.objects.get(pk=live_article.pk).body == "Due now."
    assert not Article.objects.filter(draft_of=live_article).exists()
