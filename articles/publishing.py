"""Publishing articles and causes: who may, what it needs, and what it records.

Only users with the model's publish permission (the Clinical approver group)
publish or unpublish. Publishing needs a change note, which goes into the
history with the change, and the content's review dates.

- The approver records who reviewed the content clinically, if anyone has:
  name, clinical role, registration number (GMC, NMC... where given) and the
  date of the review (`Review`). Content nobody has reviewed may be published;
  its pages then say plainly that no clinician has checked them yet.
- A draft that was never published (or was unpublished) becomes published,
  now or at a chosen time (`published_at` in the future: readers see it from
  then on, with no worker needed).
- A draft revision of published content is copied onto the live row now, or,
  with a future time, approved for that time and applied by the
  `publish_scheduled` management command (run it from cron every few minutes).
  Editing an approved revision withdraws the approval.

Publishing ends the review step (`articles.review_workflow`): a submission or
a send-back comment is cleared. Each publication records on the live row who wrote the content (everyone who
saved the draft or revision, from its history) and who approved it
(`written_by`, `published_by`), and e-mails the writers that it is published
or scheduled (`editorial.notifications`: the title and a link only).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles import revisions
from articles.models import Article, Cause, Status
from editorial import notifications
from editorial.review import require_review_dates


class PublishError(Exception):
    """Publishing is not allowed; the message says why, for the admin."""


@dataclass(frozen=True)
class Outcome:
    obj: object
    message: str


@dataclass(frozen=True)
class Review:
    """A clinician's review of a page, recorded when it is published."""

    name: str
    role: str
    reviewed_on: object  # a date
    registration: str = ""

    def record_on(self, obj):
        obj.reviewer_name = self.name.strip()
        obj.reviewer_role = self.role.strip()
        obj.reviewer_registration = self.registration.strip()
        obj.last_reviewed = self.reviewed_on

    def describe(self):
        if not self.name.strip():
            return "Not reviewed by a clinician: the earlier reviewer's name and date were removed."
        who = ", ".join(part for part in (self.name.strip(), self.role.strip()) if part)
        if self.registration.strip():
            who += f" ({self.registration.strip()})"
        return f"Clinically reviewed by {who} on {self.reviewed_on:%d %b %Y}."


# Published with no named reviewer: any earlier reviewer's name and date are cleared.
NOT_REVIEWED = Review(name="", role="", reviewed_on=None)


def next_scheduled_publication():
    """When the next article or cause scheduled for later becomes public (None: nothing is).

    One query, however many articles and causes there are. The page cache
    ends its generation then (`page_cache.expire_pages_at_next`).
    """
    now = timezone.now()
    upcoming = [
        model.objects.without_revisions()
        .filter(status=Status.PUBLISHED, published_at__gt=now)
        .order_by()
        .values_list("published_at", flat=True)
        for model in (Article, Cause)
    ]
    return upcoming[0].union(upcoming[1], all=True).order_by("published_at").first()


def publish_permission(model):
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


def _check(obj, user, note):
    if not can_publish(user, type(obj)):
        raise PublishError(f"Only a Clinical approver can publish {type(obj)._meta.verbose_name_plural}.")
    if not (note or "").strip():
        raise PublishError("Write a change note: what changed and why it can go to readers.")
    clash = obj.address_taken_by()
    if clash is not None:
        raise PublishError(
            f"The web address “{obj.slug}” is already used by “{clash}”. Change the slug first."
        )
    try:
        require_review_dates(obj)
    except ValidationError as error:
        raise PublishError(f"“{obj}” needs its next review date before it can be published.") from error
    if obj.reviewer_name.strip() and not (obj.last_reviewed and obj.reviewer_role.strip()):
        raise PublishError(f"“{obj}” names a reviewer: give their clinical role and the date of the review.")


def publish(obj, user, note, when=None, review=None):
    """Publish `obj` (a draft or a draft revision) now, or at `when`. Returns an Outcome.

    With a `Review`, the reviewer and the review date are recorded on the content
    (and so on the live page) and in the history note.
    """
    note = (note or "").strip()
    now = timezone.now()
    with transaction.atomic():
        model = type(obj)
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        if review is not None:
            # Noted when a reviewer is named, or when an earlier one is cleared.
            worth_noting = bool(review.name.strip() or obj.reviewer_name.strip())
            review.record_on(obj)
            if note and worth_noting:
                note = f"{note} {review.describe()}"
        _check(obj, user, note)
        obj._history_user = user
        _tell_writers(obj, user, when if when and when > now else None)
        end_review(obj)
        if obj.draft_of_id is not None:
            if when and when > now:
                obj.publish_at = when
                obj.publish_note = note
                obj.publish_approved_by = user
                obj._change_reason = f"Approved for publication at {when:%Y-%m-%d %H:%M}: {note}"
                obj.save()
                return Outcome(obj, f"“{obj}” will replace the published version at {_when(when)}.")
            live = revisions.apply_revision(obj, user, note)
            return Outcome(live, f"Published the changes to “{live}”. Readers see them now.")
        if obj.status == Status.PUBLISHED:
            raise PublishError(f"“{obj}” is already published and has no draft changes to publish.")
        obj.status = Status.PUBLISHED
        obj.published_at = when if when and when > now else now
        revisions.record_authorship(obj, obj, user)
        obj._change_reason = f"Published: {note}"
        obj.save()
        if obj.published_at > now:
            return Outcome(obj, f"“{obj}” will be published at {_when(obj.published_at)}.")
        return Outcome(obj, f"Published “{obj}”.")


def end_review(obj):
    """Publishing ends the review step: nothing waits or is sent back any more (the caller saves)."""
    obj.submitted_at = None
    obj.submitted_by = None
    obj.sent_back_comment = ""


def _tell_writers(obj, approver, when):
    """After commit, e-mail the people who wrote `obj` (not the approver) that it is published."""
    live = obj.draft_of if obj.draft_of_id else obj
    opts = type(obj)._meta
    event = f"Approved for publication at {_when(when)}" if when else "Published"
    notifications.notify_people(
        [person for person in revisions.writers_of(obj) if person != approver],
        event,
        str(live),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[live.pk]),
    )


def unpublish(obj, user, note):
    """Return published content to draft; readers no longer see it."""
    note = (note or "").strip()
    if not can_publish(user, type(obj)):
        raise PublishError(f"Only a Clinical approver can unpublish {type(obj)._meta.verbose_name_plural}.")
    if not note:
        raise PublishError("Write a change note: why readers should no longer see it.")
    with transaction.atomic():
        obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if not revisions.is_live(obj):
            raise PublishError(f"“{obj}” is not published.")
        obj.status = Status.DRAFT
        obj._history_user = user
        obj._change_reason = f"Unpublished: {note}"
        obj.save()
    return Outcome(obj, f"“{obj}” is back to draft; readers no longer see it.")


def withdraw_approval(revision):
    """An approved revision was edited: what was approved is no longer what would be published."""
    revision.publish_at = None
    revision.publish_note = ""
    revision.publish_approved_by = None


def publish_due_revisions(now=None):
    """Apply every approved revision whose time has come. Returns the live rows updated."""
    now = now or timezone.now()
    published = []
    for model in (Article, Cause):
        due = model._default_manager.filter(draft_of__isnull=False, publish_at__lte=now).values_list(
            "pk", flat=True
        )
        for pk in due:
            with transaction.atomic():
                revision = (
                    model._default_manager.select_for_update().filter(pk=pk, publish_at__lte=now).first()
                )
                if revision is None:  # edited (approval withdrawn) or applied meanwhile
                    continue
                published.append(
                    revisions.apply_revision(revision, revision.publish_approved_by, revision.publish_note)
                )
    return published


def _when(moment):
    return timezone.localtime(moment).strftime("%d %b %Y %H:%M")
