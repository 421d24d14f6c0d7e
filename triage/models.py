"""Triage rulesets, rules, conditions and scenarios, and the anonymous daily counts.

A ruleset is versioned and moves draft -> awaiting approval -> live -> retired
(see `triage.workflow`). Only drafts are edited; exactly one ruleset is live.
Each ruleset owns its rules and its scenarios: copying a ruleset copies both,
and a rule keeps its `lineage` across copies so versions can be compared rule
by rule.
Each model can hand itself to the plain-Python engine (`to_engine`).
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from editorial.fields import recorded_user
from editorial.locking import LockVersioned
from triage import contract, engine
from triage.floor_models import FloorStatement, SafetyFloor  # noqa: F401 (so Django loads them)
from triage.release_models import TwoPersonRelease, check_part
from triage.rendering import render_message

FIELD_CHOICES = [(spec.name, f"{spec.name} ({spec.kind})") for spec in contract.FIELDS]
OPERATOR_CHOICES = [(name, name) for name in contract.OPERATORS]


class RuleSetQuerySet(models.QuerySet):
    def live(self):
        """The version readers are answered by (at most one: a database constraint)."""
        return self.filter(status=RuleSet.Status.LIVE)


class RuleSet(TwoPersonRelease):
    approver_field, went_live_field, acknowledged_field = "approver", "went_live_at", "acknowledged_warnings"

    change_note = models.TextField(
        blank=True, help_text="What changed and why. Shown to the approver and kept with the version."
    )
    submitted_by = recorded_user(
        help_text="Who asked for approval (the author, or whoever proposed a rollback)."
    )
    approver = recorded_user()
    approval_note = models.TextField(
        blank=True, editable=False, help_text="The approver's note on going live."
    )
    acknowledged_warnings = models.JSONField(
        default=list, blank=True, editable=False, help_text="Safety warnings the approver acknowledged."
    )
    updated_at = models.DateTimeField(auto_now=True)
    went_live_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RuleSetQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = "triage ruleset"
        permissions = [("approve_ruleset", "Can approve triage rulesets")]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="live"), name="triage_exactly_one_live_ruleset"
            )
        ]

    def to_engine(self):
        """This ruleset as plain engine data (uses prefetched rules and conditions when present)."""
        rules = sorted(self.rules.all(), key=lambda rule: (rule.order, rule.pk))
        return engine.RuleSet(version=self.version, rules=tuple(rule.to_engine() for rule in rules))

    @classmethod
    def with_rules(cls):
        return cls.objects.prefetch_related("rules__conditions", "rules__causes")


class Rule(LockVersioned):
    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    # The same rule in every version: kept when a ruleset is copied, new for a new rule.
    # A key rather than a link to the rule copied from, so deleting a draft in between breaks nothing.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    order = models.PositiveIntegerField(default=0, help_text="Rules are listed and shown in this order.")
    name = models.CharField(max_length=200, help_text="A short name editors and approvers recognise.")
    disposition = models.CharField(max_length=20, choices=contract.DISPOSITION_CHOICES)
    message = models.TextField(
        help_text="Shown to readers as a reason when this rule matches. Markdown; keep it short and plain."
    )
    message_html = models.TextField(blank=True, editable=False)
    causes = models.ManyToManyField(
        "articles.Cause",
        blank=True,
        related_name="triage_rules",
        help_text="Cause pages linked in the result.",
    )
    source_citation = models.CharField(
        max_length=300, help_text="The guidance this rule comes from, e.g. NICE NG126 (ectopic pregnancy)."
    )
    source_url = models.URLField("source URL", max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=["message_html"])

    class Meta:
        ordering = ["ruleset", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ruleset", "lineage"], name="triage_rule_lineage_once_per_ruleset"
            )
        ]

    def __str__(self):
        return f"{self.name} → {self.disposition}"

    def save(self, *args, **kwargs):
        self.message_html = render_message(self.message)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        check_part(self.ruleset if self.ruleset_id else None, DRAFT_ONLY_MESSAGE, self.source_url)

    def to_engine(self):
        return engine.Rule(
            id=self.pk,
            name=self.name,
            disposition=self.disposition,
            conditions=tuple(condition.to_engine() for condition in self.conditions.all()),
            message=self.message_html,
            order=self.order,
            source=self.source_citation,
        )


class Condition(models.Model):
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="conditions")
    field = models.CharField(max_length=40, choices=FIELD_CHOICES)
    operator = models.CharField(max_length=10, choices=OPERATOR_CHOICES)
    value = models.CharField(
        max_length=200,
        blank=True,
        help_text="A number, one choice, or for 'in' several choices separated by commas. "
        "Empty for is_true and is_false.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        try:
            return engine.validate_condition(self.as_engine_condition()).describe()
        except engine.ConditionError:
            return f"{self.field} {self.operator} {self.value}".strip()

    def as_engine_condition(self):
        return engine.Condition(self.field, self.operator, self.value)

    def clean(self):
        super().clean()
        if self.rule_id and not self.rule.ruleset.is_editable:
            raise ValidationError("Only a draft ruleset can be changed. Copy it to a new draft first.")
        try:
            self.value = _value_as_text(engine.validate_condition(self.as_engine_condition()).value)
        except engine.ConditionError as error:
            raise ValidationError({"value": str(error)}) from error

    def to_engine(self):
        return engine.validate_condition(self.as_engine_condition())


def _value_as_text(value):
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


DRAFT_ONLY_MESSAGE = "Only a draft ruleset can be changed. Copy it to a new draft first."


class ScenarioLocked(ValidationError):
    """A scenario of a ruleset that is not a draft was about to be added, changed or deleted."""


class Scenario(LockVersioned):
    """A worked example its ruleset must pass before it can go live.

    Scenarios belong to one ruleset version: a copy of the ruleset gets copies
    of them, and they change only while their ruleset is a draft (checked on
    save and delete, so no admin path or script skips it).
    """

    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=200)
    answers = models.JSONField(help_text="Every contract field, as in a scenario file.")
    expected = models.CharField(max_length=20, choices=contract.DISPOSITION_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["ruleset", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ruleset", "name"], name="triage_scenario_name_once_per_ruleset")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.check_editable()
        return super().delete(*args, **kwargs)

    def check_editable(self):
        """Refuse unless this scenario's ruleset (and, for a move, its stored ruleset) is a draft."""
        ruleset_ids = {self.ruleset_id}
        if self.pk is not None:
            ruleset_ids.update(Scenario.objects.filter(pk=self.pk).values_list("ruleset_id", flat=True))
        ruleset_ids.discard(None)
        locked = RuleSet.objects.filter(pk__in=ruleset_ids).exclude(status=RuleSet.Status.DRAFT)
        if locked.exists():
            version = locked.first().version
            raise ScenarioLocked(
                f"The scenarios of version {version} cannot be added, changed or deleted: "
                f"it is not a draft. {DRAFT_ONLY_MESSAGE}"
            )

    def clean(self):
        super().clean()
        if self.ruleset_id:
            self.check_editable()
        if not isinstance(self.answers, dict):
            raise ValidationError({"answers": "Answers must be an object with one entry per field."})
        parsed, errors = contract.parse_answers(self.answers)
        if errors:
            raise ValidationError({"answers": [f"{name}: {message}" for name, message in errors.items()]})
        self.answers = contract.answers_to_json(parsed)

    def parsed_answers(self):
        answers, errors = contract.parse_answers(self.answers)
        if errors:
            raise ValueError(f"Scenario {self.name!r} has invalid answers: {errors}")
        return answers


class DailyDispositionCount(models.Model):
    """How many results of one disposition a live ruleset gave on one day. Nothing else is kept."""

    ruleset = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="disposition_counts")
    day = models.DateField()
    disposition = models.CharField(max_length=20, choices=contract.DISPOSITION_CHOICES)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "ruleset", "disposition"]
        verbose_name = "daily result count"
        constraints = [
            models.UniqueConstraint(
                fields=["ruleset", "day", "disposition"], name="triage_unique_daily_disposition"
            )
        ]

    def __str__(self):
        return f"{self.day} v{self.ruleset.version} {self.disposition}: {self.count}"


class DailyRuleCount(models.Model):
    """How many times one rule matched on one day. Nothing else is kept."""

    ruleset = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="rule_counts")
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="daily_counts")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "rule__order"]
        verbose_name = "daily rule count"
        constraints = [models.UniqueConstraint(fields=["rule", "day"], name="triage_unique_daily_rule")]

    def __str__(self):
        return f"{self.day} {self.rule.name}: {self.count}"
