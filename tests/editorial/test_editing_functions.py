"""Saving an edit and reverting, as plain functions with no request (`articles.editing`)."""

import datetime

import pytest
from django.utils import timezone

from articles import editing, publishing, revisions
from articles.models import Status
from editorial.locking import EditConflict

pytestmark = pytest.mark.django_db


def test_an_edit_of_a_draft_is_written_with_its_writer(editor, draft_article):
    saved = editing.save_edit(draft_article, editor, {"body": "Second draft."}, draft_article.lock_version)

    assert not saved.to_revision
    draft_article.refresh_from_db()
    assert draft_article.body == "Second draft."
    assert draft_article.body_html == "<p>Second draft.</p>"
    assert draft_article.history.latest("history_id").history_user == editor


def test_an_edit_of_published_content_goes_into_its_revision(editor, live_article):
    opened = live_article.lock_version

    saved = editing.save_edit(live_article, editor, {"body": "Changed."}, opened, tags=["cycle", "new"])

    assert saved.to_revision and saved.row.draft_of == live_article
    assert "draft revision" in saved.message()
    live_article.refresh_from_db()
    assert live_article.body == "The published body."
    assert live_article.lock_version == opened + 1, "a form still open on the live row is refused"
    assert saved.row.body == "Changed."
    assert sorted(tag.name for tag in saved.row.tags.all()) == ["cycle", "new"]
    assert list(saved.row.causes.all()) == list(live_article.causes.all()), "links copied"
    # The next edit finds the same revision.
    again = editing.save_edit(live_article, editor, {"body": "Changed twice."}, live_article.lock_version)
    assert again.row.pk == saved.row.pk


def test_an_edit_of_a_version_the_editor_never_saw_is_refused(editor, second_editor, draft_article):
    opened = draft_article.lock_version
    editing.save_edit(draft_article, editor, {"body": "Eddie's."}, opened)

    with pytest.raises(EditConflict):
        editing.save_edit(draft_article, second_editor, {"body": "Erin's."}, opened)

    draft_article.refresh_from_db()
    assert draft_article.body == "Eddie's."


def test_editing_an_approved_revision_withdraws_its_approval(editor, approver, live_article):
    revision = editing.save_edit(live_article, editor, {"body": "Changed."}, live_article.lock_version).row
    publishing.publish(revision, approver, "Ready.", when=timezone.now() + datetime.timedelta(days=1))
    revision.refresh_from_db()
    assert revision.publish_at is not None

    saved = editing.save_edit(revision, editor, {"body": "Changed again."}, revision.lock_version)

    assert saved.approval_withdrawn
    revision.refresh_from_db()
    assert (revision.publish_at, revision.publish_note, revision.publish_approved_by) == (None, "", None)


def test_workflow_fields_are_not_edits(editor, draft_article):
    with pytest.raises(ValueError, match="status"):
        editing.save_edit(draft_article, editor, {"status": Status.PUBLISHED}, draft_article.lock_version)
    draft_article.refresh_from_db()
    assert draft_article.status == Status.DRAFT


def test_revert_restores_what_editors_type_and_keeps_the_workflow_state(editor, approver, draft_article):
    editing.save_edit(draft_article, editor, {"body": "Second draft."}, draft_article.lock_version)
    first = draft_article.history.order_by("history_id").first()
    publishing.publish(draft_article, approver, "Checked.")
    draft_article.refresh_from_db()

    saved = editing.revert(draft_article, first, editor, draft_article.lock_version)

    # Published content: the revert goes into a revision, and the live row stays published.
    assert saved.to_revision
    assert saved.row.body == "First draft."
    draft_article.refresh_from_db()
    assert draft_article.status == Status.PUBLISHED and draft_article.body == "Second draft."
    assert saved.row.history.latest("history_id").history_change_reason == (
        "Reverted to an earlier version (in the draft revision)"
    )


def test_a_removed_revision_is_found_by_its_id_while_its_live_row_exists(editor, approver, live_article):
    saved = editing.save_edit(live_article, editor, {"body": "In the revision."}, live_article.lock_version)
    revision_id = saved.row.pk
    assert revisions.removed_revision(type(live_article), revision_id) is None  # still there

    publishing.publish(saved.row, approver, "Checked.")

    record = revisions.removed_revision(type(live_article), revision_id)
    assert record.draft_of_id == live_article.pk and record.history_user == approver
    assert revisions.removed_revision(type(live_article), live_article.pk) is None  # a live row
    assert revisions.removed_revision(type(live_article), "12x") is None  # not an id
    type(live_article).objects.filter(pk=live_article.pk).delete()
    assert revisions.removed_revision(type(live_article), revision_id) is None  # nowhere to show it
