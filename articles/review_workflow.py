"""The review step of articles and causes: submit for review, send back with a comment.

A writer submits a draft (never published, or unpublished) or a draft
revision of published content when it is ready; everyone who may publish is
e-mailed, and the admin home lists it as waiting for them. An approver then
publishes it (`articles.publishing`), or sends it back to its writers with a
comment saying what must change. The comment is kept on the item (shown on
its change page and in the queue) and in its history ("Sent back to the
writers: …"); the e-mail carries only the title and a link. Submitting again
clears the comment; publishing clears the whole review state
(`publishing.end_review`).

Publishing does not require a submission: an approver may still publish a
draft nobody submitted. Plain functions, callable without a request.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles import publishing, revisions
from articles.models import Status
from editorial import notifications

SUBMITTED = "Submitted for review"
NOT_SUBMITTED = "Draft: not submitted for review"
SENT_BACK = "Sent back with a comment"
SUBMITTED_NOTE = "Submitted for review"


class ReviewError(Exception):
    """The step is not allowed; the message says why, for the admin."""


def state(obj):
    """The item's review state in words, as its writers and approvers see it."""
    if obj.publish_at:
        return f"Scheduled for {timezone.localtime(obj.publish_at):%d %b %Y %H:%M}"
    if obj.submitted_at:
        return SUBMITTED
    if obj.sent_back_comment:
        return f"{SENT_BACK}: {obj.sent_back_comment}"
    return NOT_SUBMITTED


def in_review(obj):
    """A draft or draft revision that waits for an approver (submitted, not yet scheduled)."""
    return obj.submitted_at is not None and not obj.publish_at


def _reviewable(obj):
    return obj.pk is not None and not revisions.is_live(obj) and obj.status == Status.DRAFT


def submit_for_review(obj, user, note=""):
    """Ask the approvers to review `obj`. Returns the saved row."""
    model = type(obj)
    with transaction.atomic():
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        if not _reviewable(obj):
            raise ReviewError(
                f"“{obj}” is published: edit it, and submit the draft revision that holds your changes."
            )
        if obj.publish_at:
            raise ReviewError(f"“{obj}” is already approved for publication; nothing to submit.")
        if obj.submitted_at:
            raise ReviewError(f"“{obj}” is already waiting for review.")
        obj.submitted_at = timezone.now()
        obj.submitted_by = user
        obj.sent_back_comment = ""
        obj._history_user = user
        note = (note or "").strip()
        obj._change_reason = f"{SUBMITTED_NOTE}: {note}" if note else SUBMITTED_NOTE
        obj.save()
    notifications.notify_approvers(
        publishing.publish_permission(model),
        "Submitted for your review",
        _title(obj),
        _publish_path(obj),
        exclude=[user],
    )
    return obj


def send_back(obj, user, comment):
    """An approver returns a submitted item to its writers with `comment`. Returns the saved row."""
    comment = (comment or "").strip()
    model = type(obj)
    if not publishing.can_publish(user, model):
        raise ReviewError(f"Only a Clinical approver can send {model._meta.verbose_name_plural} back.")
    if not comment:
        raise ReviewError("Write a comment for the writers: what must change before it can be published.")
    with transaction.atomic():
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        if not in_review(obj):
            raise ReviewError(f"“{obj}” is not waiting for review, so there is nothing to send back.")
        people = [*revisions.writers_of(obj), obj.submitted_by]
        obj.submitted_at = None
        obj.submitted_by = None
        obj.sent_back_comment = comment
        obj._history_user = user
        obj._change_reason = f"{revisions.SENT_BACK_NOTE}{comment}"
        obj.save()
    notifications.notify_people(
        [person for person in people if person != user],
        "Sent back to you with a comment",
        _title(obj),
        _change_path(obj),
    )
    return obj


def _title(obj):
    return str(obj.draft_of if obj.draft_of_id else obj)


def _change_path(obj):
    opts = type(obj)._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _publish_path(obj):
    opts = type(obj)._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_publish", args=[obj.pk])
