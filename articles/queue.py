"""Articles and causes in the review queue (registered with editorial.queue).

A writer submits a draft (never published, or unpublished) or a draft
revision of published content for review (`articles.review_workflow`); from
then on it waits for every approver (the publish permission) but the one who
submitted it. Anyone else sees the items they wrote or changed, with their
state: not submitted yet, submitted, sent back with the approver's comment, or
"Scheduled for …" once an approver has published a revision for a later time.
Who wrote an item comes from its history (django-simple-history's
`history_user`).
"""

from django.urls import reverse

from articles import publishing, review_workflow, revisions
from articles.models import Article, Cause, Status
from editorial.queue import WAITING_FOR_YOU, YOURS, QueueItem, display_name, register_queue


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
        waiting = approver and review_workflow.in_review(row) and row.submitted_by_id != user.pk
        if not (waiting or mine):
            continue
        items.append(
            QueueItem(
                kind=_kind(model, row),
                title=str(row),
                author=", ".join(display_name(person) for person in people),
                state=review_workflow.state(row),
                since=row.submitted_at if waiting else row.updated_at,
                admin_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]),
                relation=WAITING_FOR_YOU if waiting else YOURS,
            )
        )
    return items


def content_queue(user):
    return _items(Article, user) + _items(Cause, user)


def register_content_queue():
    register_queue(content_queue)
