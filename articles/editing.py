"""How an editor's change to an article or cause is saved: plain functions, no request.

`save_edit(row, user, values, opened_version)` is the one way an edit is
written, from the admin's change form, a revert, or a script:

- it refuses an edit of a version the editor never saw (`editorial.locking`:
  the row is locked for the transaction and its version compared), raising
  `EditConflict`;
- an edit of published content goes into its draft revision (created on the
  first edit, with the live row's tags and ordered links), so readers keep
  the published version until an approver publishes the revision; anyone
  still holding the live row's form is then refused too;
- an edit of a revision an approver had already approved for a later time
  withdraws that approval (what was approved is no longer what would be
  published).

`revert(row, record, user, opened_version)` restores what editors type from
an earlier history record through `save_edit`, never workflow state (status,
approval, review). Publishing, scheduling and unpublishing are in
`articles.publishing`; the review step in `articles.review_workflow`.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from articles import publishing, revisions
from editorial.locking import claim

REVERTED = "Reverted to an earlier version"


@dataclass(frozen=True)
class Saved:
    row: object  # the row written: the draft itself, or the live row's draft revision
    to_revision: bool = False  # the edit went into a draft revision; readers see no change
    approval_withdrawn: bool = False  # the revision had been approved for a later time

    def message(self):
        """What the editor is told, in words."""
        if self.to_revision:
            return (
                f"Saved in a draft revision of “{self.row}”. Readers still see the published version "
                "until an approver publishes the revision."
            )
        if self.approval_withdrawn:
            return (
                "This revision had been approved for a later time; that approval is withdrawn "
                "because it changed. An approver must publish it again."
            )
        return f"Saved “{self.row}”."


def edited_fields(model):
    """The fields editors type: editable, and not set by the workflow."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and field.name not in model.WORKFLOW_FIELDS and not field.primary_key
    ]


def save_edit(row, user, values, opened_version, reason="", tags=None):
    """Save `values` ({field name: value}) as `user`'s edit of `row`, opened at `opened_version`.

    `tags` (names), when given, replace the tags of the row written. Returns a
    `Saved`. Raises `editorial.locking.EditConflict` when someone saved since.
    """
    model = type(row)
    with transaction.atomic():
        claim(model, row.pk, opened_version)
        stored = model._default_manager.get(pk=row.pk)
        if revisions.is_live(stored):
            saved = _save_to_revision(stored, user, values, reason, row)
        else:
            withdrawn = bool(stored.publish_at)
            if withdrawn:
                publishing.withdraw_approval(stored)
            _write(stored, user, values, reason or None, row)
            saved = Saved(stored, approval_withdrawn=withdrawn)
        if tags is not None:
            saved.row.tags.set(list(tags))
    return saved


def _save_to_revision(live, user, values, reason, edited):
    revision = revisions.revision_of(live)
    created = revision is None
    withdrawn = False
    if created:
        revision = revisions.new_revision(live)
    elif revision.publish_at:
        publishing.withdraw_approval(revision)
        withdrawn = True
    if reason:
        reason = f"{reason} (in the draft revision)"
    elif created:
        reason = "Draft revision of the published version"
    _write(revision, user, values, reason or None, edited)
    if created:
        revisions.copy_links(live, revision)
    # Anyone still holding the live row's form opened it before this revision: refuse their save.
    type(live)._default_manager.filter(pk=live.pk).update(lock_version=F("lock_version") + 1)
    return Saved(revision, to_revision=True, approval_withdrawn=withdrawn)


def _write(target, user, values, reason, edited):
    allowed = {field.name for field in edited_fields(type(target))}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Not fields an editor edits: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(target, name, value)
    # The edit was validated (and its Markdown rendered) on `edited`: render once per save.
    target.reuse_rendering_of(edited)
    target._history_user = user
    target._change_reason = reason
    target.save()


def revert(row, record, user, opened_version):
    """Restore what editors type from history `record` (of `row` or its revision). Returns a `Saved`."""
    values = {field.name: getattr(record, field.name) for field in edited_fields(type(row))}
    return save_edit(row, user, values, opened_version, reason=REVERTED)
