"""Articles and causes in the review queue (registered with editorial.queue).

Articles and causes have no "submit" step: a draft that was never published
(or was unpublished) and a draft revision of published content are both
"waiting to be published" from their last change on. A revision an approver
has already published for a later time is "Scheduled", shown to its writers
only. Approvers (the publish permission) see every waiting item; anyone
else sees the items they wrote or changed, with their state. Who wrote an
item comes from its history (django-simple-history's `history_user`).
"""

from django.urls import reverse
from django.utils import timezone

from articles import publishing, revisions
from articles.models import Article, Cause, Status
from editorial.queue import WAITING_FOR_YOU, YOURS, QueueItem, display_name, register_queue

WAITING = "Waiting to be published"


def _state(row):
    if row.publish_at:
        return f"Scheduled for {timezone.localtime(row.publish_at):%d %b %Y %H:%M}"
    return WAITING


def _kind(model, row):
    name = model._meta.verbose_name
    return f"Draft revision of {name}" if row.draft_of_id else name.capitalize()


def _items(model, user):
    rows = list(
        model._default_manager.filter(status=Status.DRAFT).select_related("draft_of").order_by("updated_at")
    )
    by_row = revisions.writers(model, [row.pk for row in rows])
    approver = publishing.can_publish(user, model)
    opts = model._meta
    items = []
    for row in rows:
        people = by_row.get(row.pk, [])
        mine = user in people
        waiting = approver and not row.publish_at
        if not (waiting or mine):
            continue
        items.append(
            QueueItem(
                kind=_kind(model, row),
                title=str(row),
                author=", ".join(display_name(person) for person in people),
                state=_state(row),
                since=row.updated_at,
                admin_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]),
                relation=WAITING_FOR_YOU if waiting else YOURS,
            )
        )
    return items


def content_queue(user):
    return _items(Article, user) + _items(Cause, user)


def register_content_queue():
    register_queue(content_queue)
