"""The ruleset workflow: drafts, scenarios, two-person approval, atomic go-live, rollback."""

from unittest import mock

import pytest

from triage import contract, workflow
from triage.models import Condition, Rule, RuleSet, Scenario

Status = RuleSet.Status


def make_draft(live, author):
    return workflow.copy_to_draft(live, author, "Test change")


def break_a_red_flag(draft):
    """An unsafe edit: severe pain becomes self-care."""
    Rule.objects.filter(ruleset=draft, name="Severe pain").update(disposition=contract.SELF_CARE)


def test_copying_the_live_ruleset_makes_an_identical_draft_and_leaves_the_live_one_alone(
    default_rules, editor
):
    draft = make_draft(default_rules, editor)
    assert (draft.status, draft.author, draft.copied_from, draft.version) == (
        Status.DRAFT,
        editor,
        default_rules,
        2,
    )
    live_engine = workflow.load_engine_ruleset(default_rules)
    draft_engine = workflow.load_engine_ruleset(draft)

    def shape(ruleset):
        return [(r.name, r.disposition, r.conditions, r.message) for r in ruleset.rules]

    assert shape(draft_engine) == shape(live_engine)
    assert list(Rule.objects.get(ruleset=draft, name="Severe pain").causes.order_by("slug")) == list(
        Rule.objects.get(ruleset=default_rules, name="Severe pain").causes.order_by("slug")
    )
    default_rules.refresh_from_db()
    assert default_rules.status == Status.LIVE


def test_a_draft_with_a_failing_scenario_cannot_be_submitted(default_rules, editor):
    draft = make_draft(default_rules, editor)
    break_a_red_flag(draft)
    failing = [outcome for outcome in workflow.scenario_outcomes(draft) if not outcome.passed]
    assert {outcome.name for outcome in failing} >= {"Severe pain, not pregnant"}
    with pytest.raises(workflow.WorkflowError, match="scenario"):
        workflow.submit_for_approval(draft, editor)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_draft_cannot_be_submitted_when_there_are_no_scenarios(default_rules, editor):
    draft = make_draft(default_rules, editor)
    draft.scenarios.all().delete()
    with pytest.raises(workflow.WorkflowError, match="no scenarios"):
        workflow.submit_for_approval(draft, editor)


def test_the_author_cannot_approve_their_own_draft_even_with_the_permission(default_rules, approver):
    draft = workflow.submit_for_approval(make_draft(default_rules, approver), approver)
    with pytest.raises(workflow.WorkflowError, match="second person"):
        workflow.approve(draft, approver, "Looks fine")
    assert RuleSet.objects.get(status=Status.LIVE) == default_rules


def test_a_user_without_the_approve_permission_cannot_approve(default_rules, editor, django_user_model):
    other_editor = django_user_model.objects.create_user("other", password=None)
    draft = workflow.submit_for_approval(make_draft(default_rules, editor), editor)
    with pytest.raises(workflow.WorkflowError, match="permission"):
        workflow.approve(draft, other_editor, "Looks fine")


def test_approval_needs_a_note(default_rules, editor, approver):
    draft = workflow.submit_for_approval(make_draft(default_rules, editor), editor)
    with pytest.raises(workflow.WorkflowError, match="note"):
        workflow.approve(draft, approver, "  ")


def test_approving_makes_the_draft_live_and_retires_the_previous_one_which_stays_readable(
    default_rules, editor, approver
):
    draft = make_draft(default_rules, editor)
    Condition.objects.filter(rule__ruleset=draft, field="premenstrual_spotting_days").update(value="3")
    Scenario.objects.filter(ruleset=draft, name="Spotting for 2 days before periods").update(
        expected=contract.SELF_CARE
    )
    draft = workflow.submit_for_approval(draft, editor)
    with pytest.raises(workflow.WorkflowError, match="lower care must each be acknowledged"):
        workflow.approve(draft, approver, "Threshold raised after review")
    (lowered,) = workflow.release_check(draft).lowered
    assert (lowered.before, lowered.after) == (contract.APPOINTMENT, contract.SELF_CARE)
    workflow.approve(
        draft, approver, "Threshold raised after review", lowering_reasons={lowered.key: "Heitmann: 2 days"}
    )

    draft.refresh_from_db()
    assert draft.acknowledged_warnings[-1] == {"lowers": lowered.describe(), "reason": "Heitmann: 2 days"}
    default_rules.refresh_from_db()
    assert (draft.status, draft.approver, draft.approval_note) == (
        Status.LIVE,
        approver,
        "Threshold raised after review",
    )
    assert default_rules.status == Status.RETIRED and default_rules.retired_at is not None
    assert RuleSet.objects.filter(status=Status.LIVE).count() == 1
    retired = workflow.load_engine_ruleset(default_rules)
    assert any(
        c.value == 2 for r in retired.rules for c in r.conditions if c.field == "premenstrual_spotting_days"
    )


def test_the_switch_to_live_is_atomic(default_rules, editor, approver):
    draft = workflow.submit_for_approval(make_draft(default_rules, editor), editor)
    crash = mock.patch.object(workflow, "_mark_live", side_effect=RuntimeError("crash mid-switch"))
    with crash, pytest.raises(RuntimeError):
        workflow.approve(draft, approver, "Go")
    default_rules.refresh_from_db()
    draft.refresh_from_db()
    assert default_rules.status == Status.LIVE
    assert draft.status == Status.AWAITING_APPROVAL
    assert RuleSet.objects.filter(status=Status.LIVE).count() == 1


def test_safety_warnings_must_be_acknowledged_exactly_as_shown(default_rules, editor, approver):
    draft = make_draft(default_rules, editor)
    # Unsafe, yet every scenario passes (none is aged 90 or over): at 90, mild pain is less urgent
    # than no pain. Only the safety search notices.
    rule = Rule.objects.create(
        ruleset=draft,
        name="Aged 90 or over, no pain",
        disposition=contract.URGENT,
        message="m",
        source_citation="test",
        order=999,
    )
    Condition.objects.create(rule=rule, field="age", operator=">=", value="90")
    Condition.objects.create(rule=rule, field="pain", operator="equals", value="none")
    warnings = workflow.safety_warnings(draft)
    assert warnings and {w.field for w in warnings} == {"pain"}
    draft = workflow.submit_for_approval(draft, editor)
    with pytest.raises(workflow.WorkflowError, match="acknowledged"):
        workflow.approve(draft, approver, "Go")
    with pytest.raises(workflow.WorkflowError, match="acknowledged"):
        workflow.approve(draft, approver, "Go", acknowledged_fingerprint="stale")
    workflow.approve(draft, approver, "Go", acknowledged_fingerprint=workflow.warnings_fingerprint(warnings))
    draft.refresh_from_db()
    assert draft.status == Status.LIVE
    assert draft.acknowledged_warnings == [w.describe() for w in warnings]


def test_returning_to_draft_allows_editing_again(default_rules, editor):
    draft = workflow.submit_for_approval(make_draft(default_rules, editor), editor)
    assert not draft.is_editable
    draft = workflow.return_to_draft(draft, editor)
    assert draft.status == Status.DRAFT and draft.is_editable


def test_rolling_back_makes_a_retired_version_live_again_through_the_same_approval(
    default_rules, editor, approver, second_approver
):
    version_2 = workflow.submit_for_approval(make_draft(default_rules, editor), editor)
    workflow.approve(version_2, approver, "Version 2")
    version_1 = RuleSet.objects.get(version=1)
    assert version_1.status == Status.RETIRED

    proposal = workflow.propose_rollback(version_1, approver, "Back to version 1")
    assert proposal.status == Status.AWAITING_APPROVAL
    with pytest.raises(workflow.WorkflowError, match="second person"):
        workflow.approve(proposal, approver, "Self-approved rollback")
    workflow.approve(proposal, second_approver, "Rollback checked")

    version_1.refresh_from_db()
    version_2.refresh_from_db()
    assert (version_1.status, version_1.approver) == (Status.LIVE, second_approver)
    assert version_2.status == Status.RETIRED


def test_a_withdrawn_rollback_goes_back_to_retired(default_rules, editor, approver):
    workflow.approve(workflow.submit_for_approval(make_draft(default_rules, editor), editor), approver, "v2")
    proposal = workflow.propose_rollback(RuleSet.objects.get(version=1), editor)
    assert workflow.return_to_draft(proposal, editor).status == Status.RETIRED


def test_only_the_right_states_move(default_rules, editor, approver):
    with pytest.raises(workflow.WorkflowError):
        workflow.submit_for_approval(default_rules, editor)
    with pytest.raises(workflow.WorkflowError):
        workflow.propose_rollback(default_rules, editor)
    with pytest.raises(workflow.WorkflowError, match="not awaiting"):
        workflow.approve(make_draft(default_rules, editor), approver, "Go")


def test_what_changes_shows_the_live_outcome_beside_the_draft_outcome(default_rules, editor):
    draft = make_draft(default_rules, editor)
    Rule.objects.filter(ruleset=draft, name="Fever").update(disposition=contract.EMERGENCY)
    rows = {row.name: row for row in workflow.compare_with_live(draft)}
    fever = rows["Fever without pain"]
    assert (fever.live, fever.draft, fever.changed) == (contract.URGENT, contract.EMERGENCY, True)
    assert not rows["Severe pain, not pregnant"].changed
