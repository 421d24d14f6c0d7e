"""The two-person release both triage rulesets and the safety floor go through.

    draft --submit--> awaiting approval --approve--> live --(another goes live)--> retired
      ^                     |
      +---return to draft---+   (or sent back with a comment by someone who may approve)

`triage.workflow` (rulesets) and `triage.floor_workflow` (the floor) each
describe their kind of release in a `ReleaseKind`: the model, the error
class its callers catch, the permission an approver needs, and its own
words. The steps here are the same for both:

- only the approver's permission (`ReleaseKind.approve_permission`) lets
  someone approve or send back, and never the author or whoever submitted
  it: two people, always;
- only a version awaiting approval can be approved, withdrawn or sent back;
- the version and the live row are locked together, and going live retires
  the previous live row in the same transaction, so one row is live at most.

What is particular to a kind stays in its own module: who may submit or
withdraw (the floor asks for a clinical safety officer), the checks before
a version goes forward (`ReleaseKind.require_ready`) and those at approval
(the `acknowledgements` given to `approve`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from editorial import notifications
from triage.release_models import ReleaseStatus as Status

WENT_LIVE_MEANWHILE = (
    "Another {kind} version went live while you were approving version {version}, so nothing changed. "
    "Open the approve page again: this version's checks must be made against the version live now."
)
SEND_BACK_COMMENT_REQUIRED = "Write a comment for the author: what must change before it can be approved."


class ReleaseError(Exception):
    """A release step that is not allowed; the message says why, for the admin."""


@dataclass(frozen=True)
class ReleaseKind:
    """One kind of two-person release: what it is, who approves it, and how it is spoken of."""

    model: type
    error: type  # a ReleaseError subclass, raised for every refusal of this kind
    approve_permission: str  # "app_label.codename" an approver must have
    submit_refused: str  # "Only a draft can be submitted; version {version} is {status}."
    no_approve_permission: str
    second_person_required: str
    approval_note_required: str
    require_ready: Callable  # require_ready(row): raises `error` unless the row may go forward
    status_after_withdrawal: Callable  # the status a withdrawn or sent-back row returns to
    # save_live(kind, row, user, approval_note, acknowledged, now): `save_as_live` unless a kind wraps it.
    save_live: Callable | None = None

    @property
    def admin_name(self):
        """The model's admin URL names are admin:triage_<admin_name>_change, _approve and so on."""
        return self.model._meta.model_name

    def title_of(self, row):
        """How notifications name a version: "Triage ruleset version 3", "Safety floor version 2"."""
        return f"{capfirst(self.model._meta.verbose_name)} version {row.version}"

    def change_path(self, row):
        return reverse(f"admin:triage_{self.admin_name}_change", args=[row.pk])

    def approve_path(self, row):
        return reverse(f"admin:triage_{self.admin_name}_approve", args=[row.pk])

    def locked(self, row):
        return self.model.objects.select_for_update().get(pk=row.pk)


def copied_fields(part, names):
    """The named fields of a part of a version (a rule, a floor statement), for its copy in a new draft."""
    return {name: getattr(part, name) for name in names}


def check_can_approve(kind, row, user):
    """Refuse approval (or sending back) by the wrong person or of the wrong thing."""
    if not user.has_perm(kind.approve_permission):
        raise kind.error(kind.no_approve_permission)
    if row.status != Status.AWAITING_APPROVAL:
        raise kind.error(f"{row.version_label} {row.version} is not awaiting approval (it is {row.status}).")
    if user.pk in (row.author_id, row.submitted_by_id):
        raise kind.error(kind.second_person_required)


def tell_approvers(kind, row, event):
    """E-mail everyone who may approve, except the author and the submitter."""
    notifications.notify_approvers(
        kind.approve_permission,
        event,
        kind.title_of(row),
        kind.approve_path(row),
        exclude=[row.author, row.submitted_by],
    )


def mark_submitted(row, user):
    row.status = Status.AWAITING_APPROVAL
    row.submitted_by = user
    row.submitted_at = timezone.now()


@transaction.atomic
def submit(kind, row, user):
    """A draft asks for approval, once `kind.require_ready` lets it."""
    row = kind.locked(row)
    if row.status != Status.DRAFT:
        raise kind.error(kind.submit_refused.format(version=row.version, status=row.status))
    kind.require_ready(row)
    mark_submitted(row, user)
    row.save()
    tell_approvers(kind, row, "Submitted for your approval")
    return row


def _withdraw(kind, row):
    row.status = kind.status_after_withdrawal(row)
    row.submitted_by = None
    row.submitted_at = None


@transaction.atomic
def return_to_draft(kind, row):
    """Withdraw a request for approval (to the status `kind.status_after_withdrawal` gives)."""
    row = kind.locked(row)
    if row.status != Status.AWAITING_APPROVAL:
        raise kind.error(f"{row.version_label} {row.version} is not awaiting approval.")
    _withdraw(kind, row)
    row.save()
    return row


def send_back(kind, row, user, comment):
    """Someone who may approve returns a submitted version, with a comment kept in the history.

    The author and the submitter are e-mailed that it came back (the comment
    is not in the e-mail: it is on the version's history page).
    """
    comment = (comment or "").strip()
    if not comment:
        raise kind.error(SEND_BACK_COMMENT_REQUIRED)
    with transaction.atomic():
        row = kind.locked(row)
        check_can_approve(kind, row, user)
        people = [row.author, row.submitted_by]
        _withdraw(kind, row)
        row._history_user = user
        row._change_reason = f"Sent back to the author: {comment}"
        row.save()
        notifications.notify_people(
            people, "Sent back to you with a comment", kind.title_of(row), kind.change_path(row)
        )
    return row


def approve(kind, row, user, approval_note, acknowledgements):
    """Make `row` live and retire the live row of its kind, in one transaction.

    With the row and the live row locked, the approver and the row are checked
    (`check_can_approve`, `kind.require_ready`), then `acknowledgements(row)`
    raises unless the approver saw and accepted everything this version
    changes, and returns what to keep of it with the row.
    """
    if not (approval_note or "").strip():
        raise kind.error(kind.approval_note_required)
    approval_note = approval_note.strip()
    try:
        return _approve_locked(kind, row, user, approval_note, acknowledgements)
    except IntegrityError as error:
        # Another version of this kind went live after this one locked the live row it saw (the
        # one-live-row constraint refused the second): nothing changed, and the approver must look
        # again, since this version's checks were made against the version that was live before.
        raise kind.error(
            WENT_LIVE_MEANWHILE.format(kind=kind.model._meta.verbose_name, version=row.version)
        ) from error


def _approve_locked(kind, row, user, approval_note, acknowledgements):
    with transaction.atomic():
        locked = {
            locked_row.pk: locked_row
            for locked_row in kind.model.objects.select_for_update()
            .filter(Q(pk=row.pk) | Q(status=Status.LIVE))
            .order_by("pk")
        }
        row = locked[row.pk]
        check_can_approve(kind, row, user)
        kind.require_ready(row)
        acknowledged = acknowledgements(row)
        now = timezone.now()
        for previous in locked.values():
            if previous.status == Status.LIVE:
                previous.status = Status.RETIRED
                previous.retired_at = now
                previous.save()
        (kind.save_live or save_as_live)(kind, row, user, approval_note, acknowledged, now)
        notifications.notify_people(
            [row.author, row.submitted_by], "Approved and live", kind.title_of(row), kind.change_path(row)
        )
    return row


def save_as_live(kind, row, user, approval_note, acknowledged, now):
    """Save `row` as live, approved by `user` (the previous live row is already retired)."""
    row.status = Status.LIVE
    setattr(row, row.approver_field, user)
    setattr(row, row.went_live_field, now)
    setattr(row, row.acknowledged_field, acknowledged)
    row.approval_note = approval_note
    row.retired_at = None
    # The approval note goes into the history with the change that made it live.
    row._history_user = user
    row._change_reason = f"Approved and made live: {approval_note}"
    row.save()
