"""Triage rulesets and safety floors in the review queue (registered with editorial.queue).

A ruleset awaiting approval waits for every user with `approve_ruleset` who
neither wrote nor submitted it (two people, always); a floor awaiting
approval waits for every clinical safety officer who neither wrote nor
submitted it. Everyone also sees their own drafts and submissions with their
state.
"""

from django.db.models import Q
from django.urls import reverse

from editorial.queue import WAITING_FOR_YOU, YOURS, QueueItem, display_name, register_queue
from triage.floor_models import SafetyFloor
from triage.floor_workflow import FLOOR_PERMISSION
from triage.models import RuleSet
from triage.workflow import APPROVE_PERMISSION


def _items(model, kind, user, may_approve, url_name):
    awaiting = model.Status.AWAITING_APPROVAL
    rows = (
        model.objects.filter(status__in=[model.Status.DRAFT, awaiting])
        .filter(Q(author=user) | Q(submitted_by=user) | Q(status=awaiting))
        .select_related("author", "submitted_by")
    )
    change_url_name = f"admin:triage_{model._meta.model_name}_change"
    items = []
    for row in rows.order_by("pk"):
        mine = user.pk in (row.author_id, row.submitted_by_id)
        waiting = row.status == awaiting and may_approve and not mine
        if not (waiting or mine):
            continue
        items.append(
            QueueItem(
                kind=kind,
                title=f"{kind} version {row.version}",
                author=display_name(row.author or row.submitted_by),
                state=row.get_status_display(),
                since=row.submitted_at or row.created_at,
                admin_url=reverse(url_name if waiting else change_url_name, args=[row.pk]),
                relation=WAITING_FOR_YOU if waiting else YOURS,
            )
        )
    return items


def triage_queue(user):
    return _items(
        RuleSet, "Triage ruleset", user, user.has_perm(APPROVE_PERMISSION), "admin:triage_ruleset_approve"
    ) + _items(
        SafetyFloor, "Safety floor", user, user.has_perm(FLOOR_PERMISSION), "admin:triage_safetyfloor_approve"
    )


def register_triage_queue():
    register_queue(triage_queue)
