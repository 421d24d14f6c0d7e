"""How a triage ruleset moves from draft to live, and the checks on the way.

    draft --submit--> awaiting approval --approve--> live --(another goes live)--> retired
      ^                     |                                                        |
      +---return to draft---+ <-------------------- propose rollback ---------------+

Every transition is a plain function here; the admin only calls them and
shows their errors. The rules that keep an unsafe change from going live:

- only drafts are edited (rules, conditions and scenarios); a live or
  retired ruleset is copied to a new draft, scenarios and all;
- a ruleset with any failing scenario of its own cannot be submitted or
  approved (a rollback runs the scenarios that version went live with);
- the approver needs the `approve_ruleset` permission and cannot be the
  author or whoever submitted it (two people, always);
- safety warnings must be acknowledged, exactly as they were shown;
- going live retires the previous live ruleset in the same transaction.

Everyone who may approve is e-mailed when a version is submitted (or a
rollback proposed), and the author and submitter when it goes live or is
sent back (`editorial.notifications`: the title and a link, nothing more).
An approver who will not approve sends it back with a comment
(`send_back`), kept in the history.

Rolling back is making a retired version live again: "propose rollback"
puts that very version (same number, same rules) back into "awaiting
approval", and it goes live only through the same approval. Returning it
to draft sends it back to retired.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from triage import answer_space, contract, engine, floor_workflow, release, rule_diff, safety, scenario_diff
from triage.models import Condition, Rule, RuleSet, Scenario

APPROVE_PERMISSION = "triage.approve_ruleset"
SAFETY_CACHE_SECONDS = 60 * 60 * 24
Status = RuleSet.Status


class WorkflowError(release.ReleaseError):
    """A transition that is not allowed; the message says why, for the admin."""


@dataclass(frozen=True)
class ScenarioOutcome:
    name: str
    expected: str
    actual: str
    matched_rules: tuple

    @property
    def passed(self):
        return self.expected == self.actual


@dataclass(frozen=True)
class OutcomeChange:
    name: str
    expected: str
    live: str | None
    draft: str

    @property
    def changed(self):
        return self.live is not None and self.live != self.draft


# Checks --------------------------------------------------------------------


def run_scenarios(engine_ruleset, scenarios):
    """Run (name, answers, expected) scenarios against an engine ruleset."""
    outcomes = []
    for name, answers, expected in scenarios:
        result = engine.evaluate(answers, engine_ruleset)
        outcomes.append(
            ScenarioOutcome(
                name, expected, result.disposition, tuple(rule.name for rule in result.matched_rules)
            )
        )
    return outcomes


def stored_scenarios(ruleset):
    """The ruleset's own scenarios as (name, answers, expected)."""
    return [
        (scenario.name, scenario.parsed_answers(), scenario.expected)
        for scenario in Scenario.objects.filter(ruleset=ruleset).order_by("name")
    ]


def live_ruleset_other_than(ruleset):
    return RuleSet.objects.live().exclude(pk=ruleset.pk).first()


def load_engine_ruleset(ruleset):
    """A ruleset row as engine data, read in a fixed number of queries."""
    return RuleSet.with_rules().get(pk=ruleset.pk).to_engine()


def scenario_outcomes(ruleset, scenarios=None):
    """The ruleset run on its own scenarios (or on `scenarios`, e.g. from a file)."""
    scenarios = stored_scenarios(ruleset) if scenarios is None else scenarios
    return run_scenarios(load_engine_ruleset(ruleset), scenarios)


def compare_with_live(ruleset, scenarios=None):
    """For each of this ruleset's scenarios, what the live ruleset says beside what this one says."""
    scenarios = stored_scenarios(ruleset) if scenarios is None else scenarios
    live = live_ruleset_other_than(ruleset)
    live_outcomes = run_scenarios(load_engine_ruleset(live), scenarios) if live else None
    draft_outcomes = run_scenarios(load_engine_ruleset(ruleset), scenarios)
    return [
        OutcomeChange(
            draft.name, draft.expected, live_outcomes[index].actual if live_outcomes else None, draft.actual
        )
        for index, draft in enumerate(draft_outcomes)
    ]


def safety_warnings(ruleset):
    """The safety search's warnings for a ruleset, cached by the rules' content.

    The search takes a fraction of a second; the admin shows it on every view
    of a ruleset and again at approval, so identical rules are searched once.
    """
    engine_ruleset = load_engine_ruleset(ruleset)
    content = repr([(rule.disposition, rule.conditions) for rule in engine_ruleset.rules])
    key = "triage:safety:" + hashlib.sha256(content.encode()).hexdigest()
    warnings = cache.get(key)
    if warnings is None:
        warnings = safety.check_monotonicity(engine_ruleset)
        cache.set(key, warnings, SAFETY_CACHE_SECONDS)
    return warnings


def live_floor():
    """The safety floor every ruleset is checked against: the live floor version in the database."""
    return floor_workflow.live_statements()


def release_check(ruleset):
    """This ruleset against the live one and the floor, over the whole answer space."""
    live = live_ruleset_other_than(ruleset)
    return answer_space.compare(
        load_engine_ruleset(ruleset), load_engine_ruleset(live) if live else None, live_floor()
    )


def rule_data(ruleset):
    """The ruleset's rules as plain data for `triage.rule_diff`."""
    rules = Rule.objects.filter(ruleset=ruleset).prefetch_related("conditions", "causes")
    return [
        rule_diff.RuleData(
            key=str(rule.lineage),
            name=rule.name,
            disposition=rule.disposition,
            conditions=tuple(_condition_key(condition) for condition in rule.conditions.all()),
            message=rule.message,
            order=rule.order,
            causes=tuple(sorted(cause.name for cause in rule.causes.all())),
            source_citation=rule.source_citation,
            source_url=rule.source_url,
        )
        for rule in rules.order_by("order", "pk")
    ]


def _condition_key(condition):
    value = condition.value
    if condition.operator == contract.IN:
        value = ",".join(sorted(part.strip() for part in value.split(",")))
    return (condition.field, condition.operator, value)


def scenario_data(ruleset):
    """The ruleset's scenarios as plain data for `triage.scenario_diff`."""
    return [
        scenario_diff.ScenarioData(scenario.name, scenario.answers, scenario.expected)
        for scenario in Scenario.objects.filter(ruleset=ruleset).order_by("name")
    ]


@dataclass(frozen=True)
class ReleaseDiff:
    """What this version changes against live: rule by rule and scenario by scenario."""

    live: RuleSet | None
    rules: rule_diff.RuleDiff
    scenarios: scenario_diff.ScenarioDiff


def release_diff(ruleset):
    """The rule diff and the scenario diff of `ruleset` against the live version (None if none)."""
    live = live_ruleset_other_than(ruleset)
    if live is None:
        return None
    return ReleaseDiff(
        live=live,
        rules=rule_diff.compare(rule_data(live), rule_data(ruleset)),
        scenarios=scenario_diff.compare(scenario_data(live), scenario_data(ruleset)),
    )


def warnings_fingerprint(warnings):
    """Identifies exactly the warnings an approver was shown."""
    text = "\n".join(sorted(warning.describe() for warning in warnings))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def rule_problems(ruleset):
    """Rules that would be refused at save (for rulesets changed outside the admin)."""
    problems = []
    for rule in Rule.objects.filter(ruleset=ruleset).prefetch_related("conditions"):
        conditions = [condition.as_engine_condition() for condition in rule.conditions.all()]
        problems.extend(f"{rule.name}: {problem}" for problem in engine.validate_rule_conditions(conditions))
    return problems


def _require_checks_pass(ruleset):
    problems = rule_problems(ruleset)
    if problems:
        raise WorkflowError("Fix these rules first: " + " ".join(problems))
    scenarios = stored_scenarios(ruleset)
    if not scenarios:
        raise WorkflowError(
            f"Version {ruleset.version} has no scenarios, so nothing shows it is safe. Add scenarios first."
        )
    failing = [
        outcome for outcome in run_scenarios(load_engine_ruleset(ruleset), scenarios) if not outcome.passed
    ]
    if failing:
        names = ", ".join(
            f"{outcome.name} (expected {outcome.expected}, got {outcome.actual})" for outcome in failing
        )
        raise WorkflowError(f"{len(failing)} scenario(s) fail: {names}.")
    check = release_check(ruleset)
    if check.violations:
        raise WorkflowError(
            "This version breaks the safety floor, so it cannot go forward: "
            + " ".join(violation.describe() for violation in check.violations)
        )


# Transitions ----------------------------------------------------------------


# What a rule's copy in a new draft keeps (its conditions and cause links are copied beside it).
RULE_COPIED_FIELDS = ("lineage", "order", "name", "disposition", "message", "source_citation", "source_url")


@transaction.atomic
def copy_to_draft(ruleset, user, change_note=""):
    """A new draft with the same rules, conditions, cause links and scenarios. The original is untouched.

    Each copied rule keeps the original's `lineage`, so the versions can be
    compared rule by rule; the scenarios are the draft's own from now on.
    """
    source = RuleSet.with_rules().get(pk=ruleset.pk)
    draft = RuleSet.objects.create(
        status=Status.DRAFT,
        author=user,
        copied_from=source,
        change_note=change_note or f"Copied from version {source.version}.",
    )
    for rule in sorted(source.rules.all(), key=lambda r: (r.order, r.pk)):
        copy = Rule.objects.create(ruleset=draft, **release.copied_fields(rule, RULE_COPIED_FIELDS))
        copy.causes.set(rule.causes.all())
        # With history, like every other change to rules and conditions.
        bulk_create_with_history(
            [
                Condition(rule=copy, field=c.field, operator=c.operator, value=c.value)
                for c in rule.conditions.all()
            ],
            Condition,
            default_user=user,
        )
    bulk_create_with_history(
        [
            Scenario(ruleset=draft, name=s.name, answers=s.answers, expected=s.expected, lock_version=1)
            for s in Scenario.objects.filter(ruleset=source).order_by("name")
        ],
        Scenario,
        default_user=user,
    )
    return draft


@transaction.atomic
def submit_for_approval(ruleset, user):
    return release.submit(RULESET_RELEASE, ruleset, user)


@transaction.atomic
def propose_rollback(ruleset, user, change_note=""):
    """Ask for a retired version to be made live again, through the normal approval."""
    ruleset = RuleSet.objects.select_for_update().get(pk=ruleset.pk)
    if ruleset.status != Status.RETIRED:
        raise WorkflowError(
            f"Only a retired version can be rolled back to; version {ruleset.version} is {ruleset.status}."
        )
    _require_checks_pass(ruleset)
    release.mark_submitted(ruleset, user)
    ruleset.approver = None
    ruleset.approval_note = ""
    ruleset.acknowledged_warnings = []
    if change_note:
        ruleset.change_note = change_note
    ruleset.save()
    release.tell_approvers(RULESET_RELEASE, ruleset, "Rollback proposed for your approval")
    return ruleset


@transaction.atomic
def return_to_draft(ruleset, user):
    """Withdraw a request for approval: a draft goes back to draft, a proposed rollback to retired."""
    return release.return_to_draft(RULESET_RELEASE, ruleset)


def send_back(ruleset, user, comment):
    """An approver returns a submitted version to its author, with a comment kept in the history.

    Like `return_to_draft` (a draft goes back to draft, a proposed rollback to
    retired), but by someone who may approve it, never its author or
    submitter, and with a comment saying what to change. The author and the
    submitter are e-mailed that it came back (the comment is not in the
    e-mail: it is on the version's history page).
    """
    return release.send_back(RULESET_RELEASE, ruleset, user, comment)


def _status_after_withdrawal(ruleset):
    return Status.RETIRED if ruleset.went_live_at else Status.DRAFT


def check_can_approve(ruleset, user):
    """Refuse approval by the wrong person or of the wrong thing. Raises WorkflowError."""
    release.check_can_approve(RULESET_RELEASE, ruleset, user)


def approve(ruleset, user, approval_note, acknowledged_fingerprint=None, lowering_reasons=None):
    """Make `ruleset` live and retire the current live one, in one transaction.

    `acknowledged_fingerprint` is the fingerprint of the safety warnings the
    approver saw and acknowledged; it must match the warnings now, so nothing
    unseen goes live. `lowering_reasons` maps the key of every group of
    answer sets this version makes less urgent than live to the approver's
    reason for accepting it; each group needs its own reason.
    """
    lowering_reasons = lowering_reasons or {}

    def acknowledgements(ruleset):
        """The release-safety checks at approval: every warning and every lowering of care seen."""
        warnings = safety_warnings(ruleset)
        if warnings and acknowledged_fingerprint != warnings_fingerprint(warnings):
            raise WorkflowError(
                f"{len(warnings)} safety warning(s) must be read and acknowledged before this can go live."
            )
        lowered = release_check(ruleset).lowered
        missing = [g for g in lowered if not (lowering_reasons.get(g.key) or "").strip()]
        if missing:
            raise WorkflowError(
                f"{len(missing)} change(s) that lower care must each be acknowledged with a reason: "
                + " ".join(group.describe() for group in missing)
            )
        return [w.describe() for w in warnings] + [
            {"lowers": group.describe(), "reason": lowering_reasons[group.key].strip()} for group in lowered
        ]

    return release.approve(RULESET_RELEASE, ruleset, user, approval_note, acknowledgements)


def _mark_live(ruleset, user, approval_note, acknowledged, now):
    release.save_as_live(RULESET_RELEASE, ruleset, user, approval_note, acknowledged, now)


def describe_disposition(name):
    return contract.DISPOSITION_SHORT_LABELS.get(name, "—") if name else "—"


RULESET_RELEASE = release.ReleaseKind(
    model=RuleSet,
    error=WorkflowError,
    approve_permission=APPROVE_PERMISSION,
    submit_refused="Only a draft can be submitted; version {version} is {status}.",
    no_approve_permission="You do not have permission to approve triage rulesets.",
    second_person_required="A second person must approve: you wrote or submitted this version.",
    approval_note_required="Write an approval note: what you checked and why this can go live.",
    require_ready=lambda ruleset: _require_checks_pass(ruleset),
    status_after_withdrawal=_status_after_withdrawal,
    save_live=lambda kind, *args: _mark_live(*args),  # by name, so a test can make it fail
)
