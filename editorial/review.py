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
    reviewer_registration = models.CharField(
        "reviewer's registration number",
        max_length=100,
        blank=True,
        help_text="Where the reviewer has one, with its register: for example GMC 1234567 or NMC 12A3456E.",
    )

    # The field that names a row in the review list (an article's title, a cause's name).
    review_title_field = "title"

    class Meta:
        abstract = True

    @property
    def is_clinically_reviewed(self):
        """A named clinician has reviewed this page, on a recorded date."""
        return bool(self.reviewer_name.strip() and self.last_reviewed)

    @property
    def reviewer_credit(self):
        """ "Dr Jane Rao, Consultant gynaecologist (GMC 1234567)", or "" when nobody is named."""
        if not self.reviewer_name.strip():
            return ""
        credit = ", ".join(part for part in (self.reviewer_name.strip(), self.reviewer_role.strip()) if part)
        registration = self.reviewer_registration.strip()
        return f"{credit} ({registration})" if registration else credit

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": "The next review must be after the last review."})
        named = self.reviewer_name.strip()
        if named and not self.last_reviewed:
            raise ValidationError({"last_reviewed": "Give the date this reviewer checked the page."})
        if named and not self.reviewer_role.strip():
            raise ValidationError({"reviewer_role": "Give the reviewer's clinical role."})
        if (self.reviewer_role.strip() or self.reviewer_registration.strip()) and not named:
            raise ValidationError({"reviewer_name": "Name the clinician who reviewed the page."})

    @classmethod
    def rows_to_review(cls):
        """The rows whose review dates count (a model with drafts of live rows leaves the drafts out)."""
        return cls._default_manager.all()


def require_review_dates(content):
    """Published clinical content must say when it is next due for review.

    A page no clinician has reviewed yet may be published (it then tells readers
    so plainly); it still needs the date by which it must be checked. A named
    reviewer always comes with the date of their review (`ReviewedContent.clean`).
    """
    if not content.next_review_due:
        raise ValidationError({"next_review_due": "Published content needs this review date."})


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
