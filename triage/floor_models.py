"""The safety floor as data: versions of the floor and their statements, with history.

A floor statement reads "whenever these answers, at least this disposition"
(conditions over contract fields, as in `triage/default_floor.py`). A floor
version moves draft -> awaiting approval -> live -> retired, like a ruleset,
but through its own permission (`triage.change_safety_floor`, held by
clinical safety officers) and its own two-person approval (see
`triage.floor_workflow`). Exactly one floor is live; every ruleset is checked
against it. Only drafts are edited.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from editorial.fields import recorded_user
from editorial.locking import LockVersioned
from triage import contract, default_floor, engine
from triage.release_models import TwoPersonRelease, check_part

FLOOR_PERMISSION_CODENAME = "change_safety_floor"


class SafetyFloor(TwoPersonRelease):
    """One version of the safety floor."""

    version_label = "Floor version"
    approver_field, went_live_field = "approved_by", "approved_at"
    acknowledged_field = "acknowledged_lowerings"

    note = models.TextField(
        blank=True, help_text="What changed in the floor and why. Shown to the second officer and kept."
    )
    approved_by = recorded_user()
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approval_note = models.TextField(blank=True, editable=False)
    acknowledged_lowerings = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="The ways this floor asks for less than the one before, as the approver accepted them.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = "safety floor"
        permissions = [(FLOOR_PERMISSION_CODENAME, "Can change and approve the triage safety floor")]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="live"), name="triage_exactly_one_live_floor"
            )
        ]

    def to_engine(self):
        """The statements as `answer_space.Statement`s, in order (uses prefetched statements)."""
        statements = sorted(self.statements.all(), key=lambda s: (s.order, s.pk))
        return tuple(statement.to_engine() for statement in statements)


class FloorStatement(LockVersioned):
    """Whenever every condition holds, the result is at least `minimum`."""

    floor = models.ForeignKey(SafetyFloor, on_delete=models.CASCADE, related_name="statements")
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=200, help_text="The red flag in a few words, e.g. Fainting.")
    conditions = models.JSONField(
        default=list,
        help_text="[field, operator, value] triples over contract fields; all must hold.",
    )
    minimum = models.CharField(
        "at least",
        max_length=20,
        choices=contract.DISPOSITION_CHOICES,
        help_text="The least urgent result allowed.",
    )
    source_citation = models.CharField(
        "source", max_length=300, help_text="The guidance page this rests on, and its section."
    )
    source_url = models.URLField("source URL", max_length=500, blank=True)
    source_passage = models.TextField(
        "passage", blank=True, help_text="The passage of the source that supports this statement."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["floor", "order", "id"]
        verbose_name = "safety floor statement"

    def __str__(self):
        return f"{self.name} → at least {self.minimum}"

    def clean(self):
        super().clean()
        check_part(
            self.floor if self.floor_id else None,
            "Only a draft floor can be changed. Copy the live floor to a draft first.",
            self.source_url,
        )
        problems = condition_problems(self.conditions)
        if problems:
            raise ValidationError({"conditions": problems})

    def to_engine(self):
        return default_floor.statement_from_data(
            self.name, self.minimum, self.conditions, self.source_citation, self.source_url
        )

    def describe_conditions(self):
        try:
            return " and ".join(c.describe() for c in self.to_engine().conditions)
        except (engine.ConditionError, TypeError, ValueError):
            return "(invalid conditions)"


def condition_problems(conditions):
    """What is wrong with a statement's conditions, in words (empty when they fit the contract)."""
    if not isinstance(conditions, list) or not conditions:
        return ["A statement needs at least one condition."]
    if not all(isinstance(triple, list | tuple) and len(triple) == 3 for triple in conditions):
        return ["Each condition needs a field, an operator and a value."]
    return engine.validate_rule_conditions(
        [
            engine.Condition(str(field), str(operator), str(value or ""))
            for field, operator, value in conditions
        ]
    )
