"""Draft revisions of published articles and causes.

Readers always see the live row. Editing a published article or cause writes
to its draft revision instead: a full row with `draft_of=<live row>` and status
draft, with its own tags and ordered cause and reference links. Publishing
copies the revision onto the live row (so the live row keeps its id, URL and
every link to it) and deletes the revision.
"""

import copy

from django.db import models

from articles.models import Status
from editorial.queue import display_name

# Fields that belong to the live row or to the workflow, never copied between rows.
NOT_COPIED = {
    "id",
    "status",
    "published_at",
    "created_at",
    "updated_at",
    "draft_of",
    "lock_version",
    "publish_at",
    "publish_note",
    "publish_approved_by",
    "written_by",
    "published_by",
    "submitted_at",
    "submitted_by",
    "sent_back_comment",
}


def is_live(obj):
    """A published row readers see (or will see at its publication time), not a revision.

    Edits of a live row go to its draft revision. (The model's `visible_to_readers`
    is narrower: published and its time reached.)
    """
    return obj.pk is not None and obj.draft_of_id is None and obj.status == Status.PUBLISHED


def revision_of(live):
    return type(live)._default_manager.filter(draft_of=live).first()


def removed_revision(model, pk):
    """The history record of the deletion of draft revision `pk`, if its live row still exists, else None.

    A revision is deleted when it is published or discarded; an editor may still have it open.
    """
    if not str(pk).isdigit():
        return None
    record = model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
    if record is None or record.history_type != "-" or not record.draft_of_id:
        return None
    return record if model._default_manager.filter(pk=record.draft_of_id).exists() else None


def ordered_links(model):
    """(through model, field pointing at `model`) for each ordered many-to-many of `model`."""
    links = []
    for field in model._meta.many_to_many:
        if not isinstance(field, models.ManyToManyField):
            continue  # tags are copied separately (taggit's generic relation)
        through = field.remote_field.through
        if through._meta.auto_created:
            continue
        links.append((through, field.m2m_field_name()))
    return links


def copy_links(source, target):
    """Make `target`'s tags and ordered links exactly `source`'s."""
    target.tags.set(list(source.tags.all()))
    for through, own_field in ordered_links(type(source)):
        through.objects.filter(**{own_field: target}).delete()
        rows = []
        for row in through.objects.filter(**{own_field: source}):
            # Django's documented way to copy a row: no primary key, and marked as new.
            row.pk = None
            row._state.adding = True
            setattr(row, own_field, target)
            rows.append(row)
        through.objects.bulk_create(rows)


def new_revision(live):
    """An unsaved draft revision holding the live row's content."""
    revision = copy.copy(live)  # a model instance copies its own `_state` when copied
    revision._state.adding = True
    revision.pk = None
    revision.id = None
    revision.draft_of = live
    revision.status = Status.DRAFT
    revision.published_at = None
    revision.lock_version = 0
    revision.publish_at = None
    revision.publish_note = ""
    revision.publish_approved_by = None
    return revision


def copy_content(source, target):
    for field in type(source)._meta.concrete_fields:
        if field.name not in NOT_COPIED:
            setattr(target, field.attname, getattr(source, field.attname))


# How a send-back starts its history note (`articles.review_workflow`): the approver who
# sent an item back did not write it.
SENT_BACK_NOTE = "Sent back to the writers: "


def writers(model, ids):
    """{row id: [users who saved it, first writer first]} from the history (`history_user`)."""
    found = {}
    records = (
        model.history.filter(id__in=ids, history_user__isnull=False)
        .exclude(history_type="-")
        .exclude(history_change_reason__startswith=SENT_BACK_NOTE)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    for record in records:
        people = found.setdefault(record.id, [])
        if record.history_user not in people:
            people.append(record.history_user)
    return found


def writers_of(obj):
    return writers(type(obj), [obj.pk]).get(obj.pk, [])


def record_authorship(target, source, approver):
    """Before publishing `source` onto `target`: who wrote it and who approved it, kept on the live row."""
    target.written_by = ", ".join(display_name(person) for person in writers_of(source))
    target.published_by = approver


def apply_revision(revision, user, note):
    """Copy a revision onto its live row, record `note` in the live row's history, delete it.

    Call inside a transaction that has locked the live row.
    """
    live = type(revision)._default_manager.select_for_update().get(pk=revision.draft_of_id)
    copy_content(revision, live)
    record_authorship(live, revision, user)
    live._history_user = user
    live._change_reason = note
    live.save()
    copy_links(revision, live)
    revision._history_user = user
    revision._change_reason = f"Published onto the live version: {note}"
    revision.delete()
    return live
