"""What a triage ruleset and a safety floor version have in common as rows.

Both are released by two people (see `triage.release`): a numbered version
moves draft -> awaiting approval -> live -> retired, only a draft is edited,
and a live or retired version is copied to a new draft. `TwoPersonRelease`
is an abstract model holding the fields and methods that are the same for
both, to the letter, so the concrete models' migrations are unchanged; each
model keeps its own fields, permissions and its one-live-row constraint.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max

from editorial.fields import recorded_user
from editorial.locking import LockVersioned


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    LIVE = "live", "Live"
    RETIRED = "retired", "Retired"


class TwoPersonRelease(LockVersioned):
    """One numbered version of something that goes live only through a second person's approval."""

    Status = ReleaseStatus
    # How a version is named in its title and in the workflow's messages ("Version 3 (live)").
    version_label = "Version"
    # The concrete model's names for who approved it, when it went live and what they acknowledged.
    approver_field = went_live_field = acknowledged_field = None

    version = models.PositiveIntegerField(unique=True, editable=False)
    status = models.CharField(
        max_length=20, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT, editable=False
    )
    author = recorded_user()
    submitted_by = recorded_user()
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.version_label} {self.version} ({self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        if self.version is None:
            self.version = (type(self).objects.aggregate(highest=Max("version"))["highest"] or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_editable(self):
        return self.status == ReleaseStatus.DRAFT


def check_part(version, draft_only_message, source_url):
    """What a part of a version (a rule, a floor statement) checks in its clean().

    It changes only while its version is a draft, and it cites its source by
    an http or https web address, if any.
    """
    if version is not None and not version.is_editable:
        raise ValidationError(draft_only_message)
    if source_url and not source_url.lower().startswith(("http://", "https://")):
        raise ValidationError({"source_url": "Only http and https web addresses are allowed."})
