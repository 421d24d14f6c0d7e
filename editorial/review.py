"""Review dates of clinical content: the fields, the rule, and what is due.

Any model built on `ReviewedContent` carries the review dates and the
reviewer; `require_review_dates` is the publishing rule; `review_items` is the
one definition of "due" used by the admin dashboard, the admin list filter and
the `review_report` command. It finds the reviewed models itself, so this
module knows no content model.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

DUE_SOON_DAYS = 30

OVERDUE = "overdue"
DUE_SOON = "due soon"


class ReviewedContent(models.Model):
    """Fields every piece of clinical content carries: review dates and the reviewer."""

    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    reviewer_name = models.CharField(max_length=200, blank=True)
    reviewer_role = models.CharField(
        "reviewer's clinical role",
        max_length=200,
        blank=True,
        help_text="For example: Consultant gynaecologist.",
    )

    # The field that names a row in the review list (an article's title, a cause's name).
    review_title_field = "title"

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": "The next review must be after the last review."})

    @classmethod
    def rows_to_review(cls):
        """The rows whose review dates count (a model with drafts of live rows leaves the drafts out)."""
        return cls._default_manager.all()


def require_review_dates(content):
    """Published clinical content must say when it was last reviewed and when it is next due."""
    missing = {
        name: "Published content needs this review date."
        for name in ("last_reviewed", "next_review_due")
        if not getattr(content, name)
    }
    if missing:
        raise ValidationError(missing)


@dataclass(frozen=True)
class ReviewItem:
    kind: str
    title: str
    next_review_due: datetime.date
    state: str
    admin_url: str


def due_soon_cutoff(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=DUE_SOON_DAYS)


def reviewed_models():
    return [model for model in apps.get_models() if issubclass(model, ReviewedContent)]


def review_items(today=None):
    """Content whose next review is overdue or due within 30 days, soonest first."""
    today = today or timezone.localdate()
    items = []
    for model in reviewed_models():
        title_field = model.review_title_field
        rows = (
            model.rows_to_review()
            .filter(next_review_due__lte=due_soon_cutoff(today))
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
