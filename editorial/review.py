"""Which clinical content is overdue for review, or due soon.

One definition of "due" used by the admin dashboard, the admin list filter and
the `review_report` command.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

DUE_SOON_DAYS = 30

OVERDUE = "overdue"
DUE_SOON = "due soon"


@dataclass(frozen=True)
class ReviewItem:
    kind: str
    title: str
    next_review_due: datetime.date
    state: str
    admin_url: str


def due_soon_cutoff(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=DUE_SOON_DAYS)


def review_items(today=None):
    """Content whose next review is overdue or due within 30 days, soonest first."""
    from articles.models import Article, Cause

    today = today or timezone.localdate()
    items = []
    for model, title_field in ((Article, "title"), (Cause, "name")):
        rows = (
            model.objects.filter(draft_of__isnull=True, next_review_due__lte=due_soon_cutoff(today))
            .only("pk", title_field, "next_review_due")
            .order_by("next_review_due")
        )
        meta = model._meta
        for row in rows:
            items.append(
                ReviewItem(
                    kind=meta.verbose_name.capitalize(),
                    title=getattr(row, title_field),
                    next_review_due=row.next_review_due,
                    state=OVERDUE if row.next_review_due < today else DUE_SOON,
                    admin_url=reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk]),
                )
            )
    return sorted(items, key=lambda item: (item.next_review_due, item.kind, item.title))
