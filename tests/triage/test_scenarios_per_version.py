"""Scenarios belong to a ruleset version: copied with it, changed only on a draft, run with it."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.editorial.conftest import client_for, form_data
from triage import contract, workflow
from triage.models import Rule, RuleSet, Scenario, ScenarioLocked

pytestmark = pytest.mark.django_db
Status = RuleSet.Status


def scenario_rows(ruleset):
    return sorted(ruleset.scenarios.values_list("name", "answers", "expected"))


def change_url(scenario):
    return reverse("admin:triage_scenario_change", args=[scenario.pk])


@pytest.fixture
def draft(default_rules, editor):
    return workflow.copy_to_draft(default_rules, editor, "Per-version scenarios.")


def test_the_first_ruleset_owns_the_default_scenarios(default_rules):
    assert default_rules.scenarios.count() > 10
    assert Scenario.objects.exclude(ruleset=default_rules).count() == 0


def test_copying_a_ruleset_copies_its_scenarios_and_keeps_each_rule_lineage(default_rules, draft):
    assert scenario_rows(draft) == scenario_rows(default_rules)
    assert not set(draft.scenarios.values_list("pk", flat=True)) & set(
        default_rules.scenarios.values_list("pk", flat=True)
    )
    assert sorted(draft.rules.values_list("name", "lineage")) == sorted(
        default_rules.rules.values_list("name", "lineage")
    )
    copied = draft.scenarios.first()
    assert copied.history.count() == 1, "the copy is recorded in the history"


def test_a_name_is_unique_within_a_ruleset_not_across_rulesets(default_rules, draft):
    name = draft.scenarios.first().name
    assert Scenario.objects.filter(name=name).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        Scenario.objects.create(ruleset=draft, name=name, answers={}, expected=contract.SELF_CARE)


def test_changing_a_drafts_scenario_leaves_the_live_versions_own_alone(default_rules, draft):
    scenario = draft.scenarios.get(name="Fever without pain")
    scenario.expected = contract.EMERGENCY
    scenario.save()
    assert default_rules.scenarios.get(name="Fever without pain").expected == contract.URGENT


@pytest.mark.parametrize("status", [Status.AWAITING_APPROVAL, Status.LIVE, Status.RETIRED])
def test_the_model_refuses_to_add_change_or_delete_scenarios_outside_a_draft(default_rules, draft, status):
    if status == Status.LIVE:
        draft = default_rules
    else:
        RuleSet.objects.filter(pk=draft.pk).update(status=status)
    scenario = draft.scenarios.first()
    scenario.expected = contract.SELF_CARE
    with pytest.raises(ScenarioLocked, match="not a draft"):
        scenario.save()
    with pytest.raises(ScenarioLocked):
        scenario.delete()
    with pytest.raises(ScenarioLocked):
        Scenario(ruleset=draft, name="New", answers={}, expected=contract.SELF_CARE).save()
    assert draft.scenarios.filter(pk=scenario.pk).exists()


def test_a_scenario_cannot_be_moved_into_or_out_of_a_live_ruleset(default_rules, draft):
    into_live = draft.scenarios.first()
    into_live.ruleset = default_rules
    with pytest.raises(ScenarioLocked):
        into_live.save()
    out_of_live = default_rules.scenarios.first()
    out_of_live.ruleset = draft
    with pytest.raises(ScenarioLocked):
        out_of_live.save()


def test_the_admin_edits_a_drafts_scenario(default_rules, draft, editor):
    client = client_for(editor)
    scenario = draft.scenarios.get(name="Fever without pain")
    data = form_data(client.get(change_url(scenario)))
    assert "ruleset" not in data, "a scenario stays with its version"
    assert client.post(change_url(scenario), {**data, "expected": contract.EMERGENCY}).status_code == 302
    scenario.refresh_from_db()
    assert scenario.expected == contract.EMERGENCY
    response = client.post(reverse("admin:triage_scenario_delete", args=[scenario.pk]), {"post": "yes"})
    assert response.status_code == 302 and not draft.scenarios.filter(pk=scenario.pk).exists()


def test_renaming_a_scenario_to_a_name_its_version_has_is_a_form_error_not_a_500(
    default_rules, draft, editor
):
    """Found by the admin fuzz: the version is read-only on the change form, so the model form
    alone did not check the (version, name) constraint and the database refused the save."""
    client = client_for(editor)
    scenario = draft.scenarios.get(name="Fever without pain")
    other = draft.scenarios.exclude(pk=scenario.pk).first()
    data = form_data(client.get(change_url(scenario)))
    response = client.post(change_url(scenario), {**data, "name": other.name})
    assert response.status_code == 200
    assert "already has a scenario named" in response.content.decode()
    scenario.refresh_from_db()
    assert scenario.name == "Fever without pain"


def test_the_admin_refuses_a_live_scenario_change_with_a_clear_message(default_rules, draft, editor):
    client = client_for(editor)
    live = default_rules.scenarios.get(name="Fever without pain")
    page = client.get(change_url(live)).content.decode()
    assert "Read only: version 1 is not a draft" in page
    data = form_data(client.get(change_url(draft.scenarios.get(name=live.name))))
    data["opened_version"] = str(live.lock_version)
    refused = client.post(change_url(live), {**data, "expected": contract.SELF_CARE}, follow=True)
    assert "its scenarios cannot be changed or deleted" in refused.content.decode()
    live.refresh_from_db()
    assert live.expected == contract.URGENT


def test_the_admin_refuses_to_delete_or_revert_a_live_scenario(default_rules, draft, editor):
    client = client_for(editor)
    live = default_rules.scenarios.get(name="Fever without pain")
    delete_url = reverse("admin:triage_scenario_delete", args=[live.pk])
    refused = client.post(delete_url, {"post": "yes"}, follow=True)
    assert "its scenarios cannot be changed or deleted" in refused.content.decode()
    assert Scenario.objects.filter(pk=live.pk).exists()
    record = live.history.first()
    revert_url = reverse("admin:triage_scenario_simple_history", args=[live.pk, record.history_id])
    refused = client.post(revert_url, {"name": "Reverted"}, follow=True)
    assert "Only a draft&#x27;s scenarios can be changed" in refused.content.decode()
    assert Scenario.objects.get(pk=live.pk).name == live.name


def test_the_admin_adds_scenarios_only_to_a_draft(default_rules, draft, editor):
    client = client_for(editor)
    add_url = reverse("admin:triage_scenario_add")
    data = {
        **{k: v for k, v in contract.default_answers().items() if v is not None and not isinstance(v, bool)},
        "name": "Calm",
        "expected": contract.SELF_CARE,
    }
    refused = client.post(add_url, {**data, "ruleset": default_rules.pk})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert client.post(add_url, {**data, "ruleset": draft.pk}).status_code == 302
    assert draft.scenarios.filter(name="Calm").exists()
    assert not default_rules.scenarios.filter(name="Calm").exists()
    assert (
        f"?ruleset={draft.pk}"
        in client.get(reverse("admin:triage_ruleset_change", args=[draft.pk])).content.decode()
    )


def test_bulk_delete_is_not_offered_for_scenarios(editor):
    page = client_for(editor).get(reverse("admin:triage_scenario_changelist")).content.decode()
    assert "delete_selected" not in page


def test_submit_runs_the_rulesets_own_scenarios(default_rules, draft, editor):
    # A failing scenario in another version does not matter ...
    Scenario.objects.filter(ruleset=default_rules, name="Fever without pain").update(
        expected=contract.SELF_CARE
    )
    # ... this version's own failing scenario does.
    Scenario.objects.filter(ruleset=draft, name="Fever without pain").update(expected=contract.EMERGENCY)
    with pytest.raises(workflow.WorkflowError, match="Fever without pain"):
        workflow.submit_for_approval(draft, editor)
    Scenario.objects.filter(ruleset=draft, name="Fever without pain").update(expected=contract.URGENT)
    assert workflow.submit_for_approval(draft, editor).status == Status.AWAITING_APPROVAL


def test_a_rollback_runs_the_scenarios_the_retired_version_went_live_with(
    default_rules, draft, editor, approver
):
    # Version 2 makes fever an emergency, and its own scenarios say so.
    Rule.objects.filter(ruleset=draft, name="Fever").update(disposition=contract.EMERGENCY)
    Scenario.objects.filter(
        ruleset=draft, name__in=["Fever without pain", "v2: Unusual discharge with a fever"]
    ).update(expected=contract.EMERGENCY)
    workflow.approve(workflow.submit_for_approval(draft, editor), approver, "Fever is an emergency")
    version_1 = RuleSet.objects.get(version=1)
    assert version_1.status == Status.RETIRED
    assert version_1.scenarios.get(name="Fever without pain").expected == contract.URGENT
    # Version 1 passes its own scenarios, which version 2's change never touched.
    outcomes = workflow.scenario_outcomes(version_1)
    assert outcomes and all(outcome.passed for outcome in outcomes)
    proposal = workflow.propose_rollback(version_1, editor)
    assert proposal.status == Status.AWAITING_APPROVAL
    workflow.return_to_draft(proposal, editor)
    # And it is those scenarios that are run: one of them failing stops the rollback.
    Scenario.objects.filter(ruleset=version_1, name="Fever without pain").update(expected=contract.EMERGENCY)
    with pytest.raises(workflow.WorkflowError, match="Fever without pain"):
        workflow.propose_rollback(version_1, editor)


def test_triage_scenarios_without_a_file_runs_the_rulesets_own(default_rules, draft, capsys):
    Scenario.objects.filter(ruleset=draft, name="Fever without pain").update(expected=contract.EMERGENCY)
    call_command("triage_scenarios")
    assert "0 failed" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        call_command("triage_scenarios", "--ruleset", str(draft.version))
    assert "Fever without pain" in capsys.readouterr().out


def test_draft_default_rules_brings_the_default_scenarios_and_keeps_rule_lineage(default_rules, editor):
    Scenario.objects.filter(ruleset=default_rules, name="Fever without pain").update(
        expected=contract.EMERGENCY
    )
    Scenario.objects.create(
        ruleset=RuleSet.objects.create(), name="ignored", answers={}, expected=contract.SELF_CARE
    )
    call_command("draft_default_triage_rules", username=editor.username)
    draft = RuleSet.objects.filter(status=Status.DRAFT).order_by("-version").first()
    assert draft.scenarios.get(name="Fever without pain").expected == contract.URGENT
    assert draft.scenarios.count() == default_rules.scenarios.count()
    live_lineage = dict(default_rules.rules.values_list("name", "lineage"))
    for name, lineage in draft.rules.values_list("name", "lineage"):
        if name in live_lineage:
            assert lineage == live_lineage[name], name


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_ruleset_its_own_copy_of_the_shared_scenarios():
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", "triage", "0003", verbosity=0)
    now = timezone.now()
    with connection.cursor() as cursor:
        for version, status, copied_from in [(1, "retired", None), (2, "live", 1), (3, "draft", 2)]:
            cursor.execute(
                "INSERT INTO triage_ruleset (id, version, status, change_note, created_at, updated_at,"
                " lock_version, copied_from_id, approval_note, acknowledged_warnings)"
                " VALUES (%s, %s, %s, '', %s, %s, 1, %s, '', '[]')",
                [version, version, status, now, now, copied_from],
            )
            for name in ("Fainting", "Fever"):
                cursor.execute(
                    'INSERT INTO triage_rule (ruleset_id, "order", name, disposition, message,'
                    " message_html, source_citation, source_url, lock_version)"
                    " VALUES (%s, 1, %s, 'urgent', 'm', 'm', 's', '', 1)",
                    [version, name],
                )
        for name in ("Calm", "Fainted"):
            cursor.execute(
                "INSERT INTO triage_scenario (name, answers, expected, created_at, updated_at, lock_version)"
                " VALUES (%s, '{}', 'urgent', %s, %s, 1)",
                [name, now, now],
            )
    call_command("migrate", "triage", verbosity=0)

    rulesets = RuleSet.objects.order_by("version")
    assert [sorted(r.scenarios.values_list("name", flat=True)) for r in rulesets] == [["Calm", "Fainted"]] * 3
    assert Scenario.objects.count() == 6
    lineages = [dict(r.rules.values_list("name", "lineage")) for r in rulesets]
    assert lineages[0] == lineages[1] == lineages[2]
    assert lineages[0]["Fainting"] != lineages[0]["Fever"]
