"""Articles and causes: submit for review, send back with a comment, through the functions and the admin."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail

from articles import publishing, review_workflow, revisions
from articles.models import Article, Cause, Status
from editorial.queue import WAITING_FOR_YOU, YOURS, queue_for
from tests.editorial.conftest import client_for
from tests.editorial.test_review_queue import edit_live, titles

pytestmark = pytest.mark.django_db


def with_address(*users):
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save()


def written_by(article, user):
    article._history_user = user
    article.save()
    return article


def test_submit_tells_the_approvers_and_puts_it_in_their_queue(
    editor, approver, draft_article, django_capture_on_commit_callbacks
):
    with_address(editor, approver)
    written_by(draft_article, editor)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = review_workflow.submit_for_review(draft_article, editor)

    assert review_workflow.state(submitted) == review_workflow.SUBMITTED
    assert ("Article", "New article") in titles(queue_for(approver), WAITING_FOR_YOU)
    assert ("Article", "New article") in titles(queue_for(editor), YOURS)
    (message,) = mail.outbox
    assert message.to == ["abby@example.org"]
    assert "New article" in message.subject
    assert f"/admin/articles/article/{draft_article.pk}/publish/" in message.body
    assert "First draft." not in message.body


def test_send_back_returns_it_to_its_writers_with_the_comment_in_the_history(
    editor, approver, draft_article, django_capture_on_commit_callbacks
):
    with_address(editor, approver)
    written_by(draft_article, editor)
    review_workflow.submit_for_review(draft_article, editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        returned = review_workflow.send_back(
            draft_article, approver, "Cite the NICE guideline for the pain advice."
        )

    assert returned.sent_back_comment == "Cite the NICE guideline for the pain advice."
    assert review_workflow.state(returned).startswith(review_workflow.SENT_BACK)
    assert titles(queue_for(approver), WAITING_FOR_YOU) == []
    (item,) = queue_for(editor)
    assert "Cite the NICE guideline" in item.state
    latest = draft_article.history.order_by("-history_id").first()
    assert latest.history_user == approver
    assert latest.history_change_reason == (
        "Sent back to the writers: Cite the NICE guideline for the pain advice."
    )
    (message,) = mail.outbox
    assert message.to == ["eddie@example.org"]
    assert "Sent back" in message.subject
    assert "NICE" not in message.body, "the comment stays in the admin"
    # The approver who sent it back did not write it.
    assert revisions.writers_of(returned) == [editor]


def test_send_back_needs_a_comment_an_approver_and_a_submission(editor, approver, draft_article):
    written_by(draft_article, editor)
    with pytest.raises(review_workflow.ReviewError, match="not waiting for review"):
        review_workflow.send_back(draft_article, approver, "Too early.")
    review_workflow.submit_for_review(draft_article, editor)
    with pytest.raises(review_workflow.ReviewError, match="Write a comment"):
        review_workflow.send_back(draft_article, approver, "   ")
    with pytest.raises(review_workflow.ReviewError, match="Only a Clinical approver"):
        review_workflow.send_back(draft_article, editor, "I take it back.")
    draft_article.refresh_from_db()
    assert draft_article.submitted_at is not None


def test_resubmitting_clears_the_comment_and_publishing_clears_the_review(editor, approver, draft_article):
    written_by(draft_article, editor)
    review_workflow.submit_for_review(draft_article, editor)
    review_workflow.send_back(draft_article, approver, "Shorter sentences, please.")
    with pytest.raises(review_workflow.ReviewError, match="already waiting"):
        review_workflow.submit_for_review(review_workflow.submit_for_review(draft_article, editor), editor)
    draft_article.refresh_from_db()
    assert draft_article.sent_back_comment == ""

    published = publishing.publish(draft_article, approver, "Checked.").obj

    assert (published.submitted_at, published.submitted_by, published.sent_back_comment) == (None, None, "")
    assert queue_for(approver) == []


def test_a_published_row_cannot_be_submitted_but_its_revision_can(editor, approver, live_article):
    with pytest.raises(review_workflow.ReviewError, match="is published"):
        review_workflow.submit_for_review(live_article, editor)
    edit_live(client_for(editor), live_article, body="The changed body.")
    revision = live_article.draft_revisions.get()

    review_workflow.submit_for_review(revision, editor)

    assert ("Draft revision of article", "Spotting explained") in titles(queue_for(approver), WAITING_FOR_YOU)
    live = publishing.publish(revision, approver, "Reviewed.").obj
    assert live.body == "The changed body."
    assert live.submitted_at is None


def test_the_review_fields_are_not_edits_and_never_copied_onto_the_live_row(editor, approver, live_article):
    edit_live(client_for(editor), live_article, body="The changed body.")
    revision = review_workflow.submit_for_review(live_article.draft_revisions.get(), editor)
    revision = review_workflow.send_back(revision, approver, "Add a reference.")

    assert {"submitted_at", "submitted_by", "sent_back_comment"} <= Article.WORKFLOW_FIELDS
    assert {"submitted_at", "submitted_by", "sent_back_comment"} <= revisions.NOT_COPIED
    live_article.refresh_from_db()
    assert live_article.sent_back_comment == ""


def test_admin_submit_button_and_send_back_form(editor, approver, draft_article):
    written_by(draft_article, editor)
    change_url = f"/admin/articles/article/{draft_article.pk}/change/"
    submit_url = f"/admin/articles/article/{draft_article.pk}/submit-for-review/"
    editor_client, approver_client = client_for(editor), client_for(approver)

    page = editor_client.get(change_url).content.decode()
    assert 'form="submit-for-review-form"' in page
    assert f'id="submit-for-review-form" method="post" action="{submit_url}"' in page
    assert editor_client.get(submit_url).status_code == 404, "a GET never changes anything"

    response = editor_client.post(submit_url, follow=True)
    assert "Submitted “New article” for review" in response.content.decode()
    assert 'form="submit-for-review-form"' not in response.content.decode()

    publish_page = approver_client.get(
        f"/admin/articles/article/{draft_article.pk}/publish/"
    ).content.decode()
    assert "Send back with this comment" in publish_page

    empty = approver_client.post(f"/admin/articles/article/{draft_article.pk}/send-back/", {"comment": " "})
    assert empty.status_code == 200
    assert "This field is required" in empty.content.decode()

    response = approver_client.post(
        f"/admin/articles/article/{draft_article.pk}/send-back/",
        {"comment": "Explain “light” as the contract does."},
        follow=True,
    )
    html = response.content.decode()
    assert "Sent “New article” back to its writers" in html
    draft_article.refresh_from_db()
    assert draft_article.sent_back_comment == "Explain “light” as the contract does."
    assert "Explain “light” as the contract does." in editor_client.get(change_url).content.decode()


def test_admin_send_back_refused_keeps_the_comment(editor, approver, draft_article):
    written_by(draft_article, editor)  # never submitted
    response = client_for(approver).post(
        f"/admin/articles/article/{draft_article.pk}/send-back/", {"comment": "A long careful comment."}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "not waiting for review" in html
    assert "A long careful comment." in html


def test_an_editor_cannot_send_back(editor, second_editor, draft_article):
    written_by(draft_article, editor)
    review_workflow.submit_for_review(draft_article, editor)
    response = client_for(second_editor).post(
        f"/admin/articles/article/{draft_article.pk}/send-back/", {"comment": "No."}, follow=True
    )
    assert "Only a Clinical approver" in response.content.decode()
    draft_article.refresh_from_db()
    assert draft_article.submitted_at is not None


def test_causes_have_the_same_review_step(editor, approver, cause):
    draft = Cause.objects.create(name="Polyps", slug="polyps", summary="Growths.", status=Status.DRAFT)
    written_by(draft, editor)
    review_workflow.submit_for_review(draft, editor)
    assert ("Cause", "Polyps") in titles(queue_for(approver), WAITING_FOR_YOU)
    review_workflow.send_back(draft, approver, "Add the review dates.")
    assert titles(queue_for(approver), WAITING_FOR_YOU) == []


def test_someone_who_may_only_view_cannot_submit(editor, draft_article):
    viewer = User.objects.create_user("vera", password="a-long-enough-password-1", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    written_by(draft_article, editor)

    response = client_for(viewer).post(f"/admin/articles/article/{draft_article.pk}/submit-for-review/")

    assert response.status_code in (403, 404)
    draft_article.refresh_from_db()
    assert draft_article.submitted_at is None


def test_an_approvers_own_submission_waits_for_the_other_approvers_only(
    approver, second_approver, draft_article
):
    written_by(draft_article, approver)
    review_workflow.submit_for_review(draft_article, approver)

    assert titles(queue_for(approver), WAITING_FOR_YOU) == []
    assert ("Article", "New article") in titles(queue_for(second_approver), WAITING_FOR_YOU)
