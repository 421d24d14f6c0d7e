"""Drafts, revisions and publishing through the admin: who may publish, what it needs, what it records."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Cause, Status
from tests.editorial.conftest import client_for, form_data

pytestmark = pytest.mark.django_db


def change_url(obj):
    return f"/admin/articles/{obj._meta.model_name}/{obj.pk}/change/"


def publish_url(obj):
    return f"/admin/articles/{obj._meta.model_name}/{obj.pk}/publish/"


def edit(client, obj, **changes):
    data = form_data(client.get(change_url(obj)))
    data.update(changes)
    return client.post(change_url(obj), data)


def test_editing_a_published_article_saves_a_draft_revision_readers_do_not_see(editor, live_article, client):
    response = edit(client_for(editor), live_article, body="A better body.")
    revision = Article.objects.get(draft_of=live_article)
    assert response.status_code == 302 and response["Location"] == change_url(revision)
    live_article.refresh_from_db()
    assert live_article.body == "The published body." and live_article.status == Status.PUBLISHED
    assert revision.body == "A better body." and revision.status == Status.DRAFT
    # The revision carries the live article's tags and ordered causes.
    assert list(revision.tags.names()) == ["cycle"]
    assert [link.cause.slug for link in revision.articlecause_set.all()] == ["ovulation"]
    public = client.get("/articles/spotting-explained/").content.decode()
    assert "The published body." in public and "A better body." not in public


def test_opening_a_live_article_with_a_revision_opens_the_revision_with_a_banner(editor, live_article):
    editor_client = client_for(editor)
    edit(editor_client, live_article, body="Revised.")
    revision = Article.objects.get(draft_of=live_article)
    response = editor_client.get(change_url(live_article))
    assert response.status_code == 302 and response["Location"] == change_url(revision)
    html = editor_client.get(change_url(revision)).content.decode()
    assert "Readers see the" in html and "your changes are in this draft revision" in html
    assert f"/preview/articles/{revision.pk}/" in html
    assert "ask a Clinical approver" in html  # an editor gets no publish link


def test_editor_cannot_publish_through_the_form_the_publish_page_or_the_action(editor, draft_article):
    editor_client = client_for(editor)
    edit(editor_client, draft_article, status="published", published_at="2026-01-01 00:00:00")
    draft_article.refresh_from_db()
    assert draft_article.status == Status.DRAFT and draft_article.published_at is None

    response = editor_client.post(publish_url(draft_article), {"change_note": "Please go live"})
    assert response.status_code == 302
    assert Article.objects.get(pk=draft_article.pk).status == Status.DRAFT

    changelist = editor_client.get("/admin/articles/article/").content.decode()
    assert 'value="publish"' not in changelist and 'value="unpublish"' not in changelist
    editor_client.post(
        "/admin/articles/article/",
        {"action": "publish", "_selected_action": [draft_article.pk], "change_note": "Sneaky"},
    )
    assert Article.objects.get(pk=draft_article.pk).status == Status.DRAFT


def test_approver_publishes_a_draft_with_a_change_note_recorded_in_history(approver, draft_article, client):
    approver_client = client_for(approver)
    refused = approver_client.post(publish_url(draft_article), {"change_note": ""})
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    response = approver_client.post(publish_url(draft_article), {"change_note": "Reviewed by Dr Rao."})
    assert response.status_code == 302
    draft_article.refresh_from_db()
    assert draft_article.status == Status.PUBLISHED
    record = draft_article.history.first()
    assert (
        record.history_change_reason == "Published: Reviewed by Dr Rao." and record.history_user == approver
    )
    assert client.get("/articles/new-article/").status_code == 200


def test_publishing_needs_the_next_review_date(approver, draft_article):
    # A page nobody has reviewed yet may be published (it says so); it must say when it will be.
    Article.objects.filter(pk=draft_article.pk).update(next_review_due=None)
    response = client_for(approver).post(publish_url(draft_article), {"change_note": "Go"})
    assert response.status_code == 200
    assert "needs its next review date" in response.content.decode()
    assert Article.objects.get(pk=draft_article.pk).status == Status.DRAFT


def test_published_content_cannot_lose_its_next_review_date(editor, live_article):
    response = edit(client_for(editor), live_article, next_review_due="")
    assert response.status_code == 200
    assert "Published content needs this review date." in response.content.decode()
    assert not Article.objects.filter(draft_of=live_article).exists()


def test_approver_publishes_a_revision_onto_the_live_article(editor, approver, live_article, client):
    edit(client_for(editor), live_article, body="The reviewed body.", tags="cycle, bleeding")
    revision = Article.objects.get(draft_of=live_article)
    approver_client = client_for(approver)
    page = approver_client.get(publish_url(revision)).content.decode()
    assert "What changes for readers" in page and "The reviewed body." in page
    response = approver_client.post(publish_url(revision), {"change_note": "Clearer wording."})
    assert response.status_code == 302 and response["Location"] == change_url(live_article)
    live_article.refresh_from_db()
    assert live_article.body == "The reviewed body." and live_article.status == Status.PUBLISHED
    assert sorted(live_article.tags.names()) == ["bleeding", "cycle"]
    assert not Article.objects.filter(draft_of=live_article).exists()
    assert live_article.history.first().history_change_reason == "Clearer wording."
    assert "The reviewed body." in client.get("/articles/spotting-explained/").content.decode()


def test_publish_action_needs_a_change_note_and_uses_the_revision(
    editor, approver, live_article, draft_article
):
    edit(client_for(editor), live_article, body="Changed in a revision.")
    approver_client = client_for(approver)
    selected = {"action": "publish", "_selected_action": [live_article.pk, draft_article.pk]}
    confirm = approver_client.post("/admin/articles/article/", selected)
    assert confirm.status_code == 200 and "Change note" in confirm.content.decode()
    assert Article.objects.get(pk=draft_article.pk).status == Status.DRAFT
    approver_client.post("/admin/articles/article/", {**selected, "change_note": "Monthly review."})
    live_article.refresh_from_db()
    assert live_article.body == "Changed in a revision."
    assert Article.objects.get(pk=draft_article.pk).status == Status.PUBLISHED


def test_an_editor_can_discard_a_draft_revision_but_not_the_published_article(editor, live_article):
    editor_client = client_for(editor)
    edit(editor_client, live_article, body="Not needed after all.")
    revision = Article.objects.get(draft_of=live_article)
    delete_url = f"/admin/articles/article/{revision.pk}/delete/"
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=revision.pk).exists()
    assert editor_client.get(f"/admin/articles/article/{live_article.pk}/delete/").status_code == 403
    assert Article.objects.filter(pk=live_article.pk, status=Status.PUBLISHED).exists()


def test_unpublish_needs_an_approver_and_a_note(editor, approver, live_article):
    selected = {"action": "unpublish", "_selected_action": [live_article.pk], "change_note": "Out of date."}
    client_for(editor).post("/admin/articles/article/", selected)
    assert Article.objects.get(pk=live_article.pk).status == Status.PUBLISHED
    client_for(approver).post("/admin/articles/article/", selected)
    live_article.refresh_from_db()
    assert live_article.status == Status.DRAFT
    assert live_article.history.first().history_change_reason == "Unpublished: Out of date."


def test_a_draft_published_for_later_appears_only_at_that_time(approver, draft_article, client):
    later = timezone.localtime() + datetime.timedelta(days=2)
    client_for(approver).post(
        publish_url(draft_article),
        {"change_note": "Embargoed", "publish_at": later.strftime("%Y-%m-%d %H:%M")},
    )
    draft_article.refresh_from_db()
    assert draft_article.status == Status.PUBLISHED and draft_article.published_at > timezone.now()
    assert client.get("/articles/new-article/").status_code == 404


def test_scheduled_revision_is_applied_by_publish_scheduled_and_withdrawn_if_edited(
    editor, approver, live_article, capsys
):
    editor_client = client_for(editor)
    edit(editor_client, live_article, body="Scheduled body.")
    revision = Article.objects.get(draft_of=live_article)
    later = timezone.localtime() + datetime.timedelta(hours=1)
    client_for(approver).post(
        publish_url(revision), {"change_note": "From Monday", "publish_at": later.strftime("%Y-%m-%d %H:%M")}
    )
    revision.refresh_from_db()
    assert revision.publish_at is not None and revision.publish_approved_by == approver

    call_command("publish_scheduled")
    assert "No scheduled changes are due." in capsys.readouterr().out
    Article.objects.filter(pk=revision.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert "Published the scheduled changes" in capsys.readouterr().out
    live_article.refresh_from_db()
    assert live_article.body == "Scheduled body."
    assert live_article.history.first().history_change_reason == "From Monday"
    assert live_article.history.first().history_user == approver

    # An approved revision that is edited afterwards loses its approval.
    edit(editor_client, live_article, body="Another change.")
    revision = Article.objects.get(draft_of=live_article)
    Article.objects.filter(pk=revision.pk).update(
        publish_at=timezone.now() + datetime.timedelta(hours=1), publish_approved_by=approver
    )
    edit(editor_client, revision, body="Edited after approval.")
    revision.refresh_from_db()
    assert revision.publish_at is None and revision.publish_approved_by is None


def test_cause_autocomplete_offers_live_causes_not_their_revisions(editor, cause):
    editor_client = client_for(editor)
    edit(editor_client, cause, summary="A revised summary.")
    assert Cause.objects.filter(draft_of=cause).exists()
    response = editor_client.get(
        "/admin/autocomplete/",
        {"term": "Ovulation", "app_label": "articles", "model_name": "articlecause", "field_name": "cause"},
    )
    assert response.status_code == 200
    assert [int(result["id"]) for result in response.json()["results"]] == [cause.pk]
