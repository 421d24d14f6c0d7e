"""The editors' workflow through the Django admin, as editors and approvers use it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from triage import contract, workflow
from triage.models import Condition, Rule, RuleSet, Scenario

Status = RuleSet.Status


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def change_url(ruleset):
    return reverse("admin:triage_ruleset_change", args=[ruleset.pk])


def messages_on(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_the_live_ruleset_is_read_only_and_can_be_copied_to_a_draft(editor_client, default_rules, editor):
    page = editor_client.get(change_url(default_rules))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html
    assert "Copy to a new draft" in html
    refused = editor_client.post(change_url(default_rules), {"change_note": "sneaky"})
    assert refused.status_code == 403
    live_rule = Rule.objects.filter(ruleset=default_rules).first()
    assert editor_client.post(reverse("admin:triage_rule_change", args=[live_rule.pk]), {}).status_code == 403

    response = editor_client.post(reverse("admin:triage_ruleset_copy", args=[default_rules.pk]), follow=True)
    draft = RuleSet.objects.get(status=Status.DRAFT)
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert draft.author == editor and draft.rules.count() == default_rules.rules.count()


def test_the_copy_action_in_the_list_makes_a_draft(editor_client, default_rules):
    response = editor_client.post(
        reverse("admin:triage_ruleset_changelist"),
        {"action": "copy_to_new_draft", "_selected_action": [default_rules.pk]},
    )
    assert response.status_code == 302
    assert RuleSet.objects.filter(status=Status.DRAFT, copied_from=default_rules).exists()


def test_a_draft_page_shows_scenario_results_what_changes_and_safety_warnings(
    editor_client, default_rules, editor
):
    draft = workflow.copy_to_draft(default_rules, editor)
    Rule.objects.filter(ruleset=draft, name="Fever").update(disposition=contract.APPOINTMENT)
    page = BeautifulSoup(editor_client.get(change_url(draft)).content, "html.parser")
    scenarios = page.find(id="triage-scenarios-heading")
    assert "1 of" in scenarios.get_text() and "fail" in scenarios.get_text()
    failing = page.select("tr.scenario-fail")
    assert [row.td.get_text() for row in failing] == ["Fever without pain"]
    changes = page.find(id="triage-changes-heading").find_parent("div").get_text(" ", strip=True)
    assert "Fever without pain urgent urgent appointment changed" in changes
    assert page.find(id="triage-warnings-heading")
    assert page.find("input", value="Submit for approval").has_attr("disabled")


def test_submitting_a_draft_with_failing_scenarios_is_refused_in_the_admin(
    editor_client, default_rules, editor
):
    draft = workflow.copy_to_draft(default_rules, editor)
    Rule.objects.filter(ruleset=draft, name="Severe pain").update(disposition=contract.URGENT)
    response = editor_client.post(reverse("admin:triage_ruleset_submit", args=[draft.pk]), follow=True)
    assert any("scenario(s) fail" in message for message in messages_on(response))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_author_cannot_approve_their_own_draft_in_the_admin(client, default_rules, approver):
    client.force_login(approver)
    draft = workflow.submit_for_approval(workflow.copy_to_draft(default_rules, approver), approver)
    response = client.post(
        reverse("admin:triage_ruleset_approve", args=[draft.pk]),
        {"approval_note": "ok", "fingerprint": "x"},
        follow=True,
    )
    assert any("second person" in message for message in messages_on(response))
    draft.refresh_from_db()
    assert draft.status == Status.AWAITING_APPROVAL


def test_an_editor_without_the_permission_cannot_approve_in_the_admin(editor_client, default_rules, approver):
    draft = workflow.submit_for_approval(workflow.copy_to_draft(default_rules, approver), approver)
    response = editor_client.post(
        reverse("admin:triage_ruleset_approve", args=[draft.pk]), {"approval_note": "ok"}, follow=True
    )
    assert any("permission" in message for message in messages_on(response))
    assert RuleSet.objects.get(status=Status.LIVE) == default_rules


def test_an_approver_confirms_with_a_note_and_the_draft_goes_live(client, default_rules, editor, approver):
    draft = workflow.submit_for_approval(workflow.copy_to_draft(default_rules, editor), editor)
    client.force_login(approver)
    url = reverse("admin:triage_ruleset_approve", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Scenarios: all" in page.content.decode()
    fingerprint = page.context["form"]["fingerprint"].value()
    missing_note = client.post(url, {"approval_note": "", "fingerprint": fingerprint})
    assert missing_note.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.AWAITING_APPROVAL
    client.post(url, {"approval_note": "Checked every scenario", "fingerprint": fingerprint})
    draft.refresh_from_db()
    default_rules.refresh_from_db()
    assert (draft.status, default_rules.status) == (Status.LIVE, Status.RETIRED)
    # The retired version stays readable in the admin.
    assert client.get(change_url(default_rules)).status_code == 200


def test_the_approval_page_requires_ticking_the_acknowledgement_when_there_are_warnings(
    client, default_rules, editor, approver
):
    draft = workflow.copy_to_draft(default_rules, editor)
    rule = Rule.objects.create(
        ruleset=draft, name="Old, no pain", disposition="urgent", message="m", source_citation="t"
    )
    Condition.objects.create(rule=rule, field="age", operator=">=", value="90")
    Condition.objects.create(rule=rule, field="pain", operator="equals", value="none")
    workflow.submit_for_approval(draft, editor)
    client.force_login(approver)
    url = reverse("admin:triage_ruleset_approve", args=[draft.pk])
    page = client.get(url)
    assert "I have read every safety warning" in page.content.decode()
    fingerprint = page.context["form"]["fingerprint"].value()
    unticked = client.post(url, {"approval_note": "ok", "fingerprint": fingerprint})
    assert "Tick the box" in unticked.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.AWAITING_APPROVAL
    client.post(url, {"approval_note": "ok, accepted", "fingerprint": fingerprint, "acknowledge": "on"})
    draft.refresh_from_db()
    assert draft.status == Status.LIVE and draft.acknowledged_warnings


def test_a_condition_with_an_unknown_field_or_impossible_value_is_refused_with_a_clear_error(
    editor_client, default_rules, editor
):
    draft = workflow.copy_to_draft(default_rules, editor)
    rule = Rule.objects.filter(ruleset=draft, name="Bleeding after the menopause, aged 55 or over").get()
    conditions = list(rule.conditions.all())
    data = {
        "opened_version": rule.lock_version,
        "ruleset": draft.pk,
        "order": rule.order,
        "name": rule.name,
        "disposition": rule.disposition,
        "message": rule.message,
        "source_citation": rule.source_citation,
        "source_url": rule.source_url,
        "conditions-TOTAL_FORMS": "2",
        "conditions-INITIAL_FORMS": "2",
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "1000",
    }
    for index, condition in enumerate(conditions):
        data.update(
            {
                f"conditions-{index}-id": condition.pk,
                f"conditions-{index}-rule": rule.pk,
                f"conditions-{index}-field": condition.field,
                f"conditions-{index}-operator": condition.operator,
                f"conditions-{index}-value": condition.value,
            }
        )
    url = reverse("admin:triage_rule_change", args=[rule.pk])

    impossible = editor_client.post(url, {**data, "conditions-1-value": "101"})
    assert impossible.status_code == 200
    assert "can never be true" in impossible.content.decode()

    wrong_type = editor_client.post(url, {**data, "conditions-1-value": "fifty-five"})
    assert "whole number" in wrong_type.content.decode()

    contradictory = editor_client.post(
        url,
        {
            **data,
            "conditions-1-operator": "<",
            "conditions-1-value": "55",
            "conditions-TOTAL_FORMS": "3",
            "conditions-2-field": "age",
            "conditions-2-operator": ">=",
            "conditions-2-value": "60",
            "conditions-2-rule": rule.pk,
        },
    )
    assert "contradict" in contradictory.content.decode()

    unknown_field = editor_client.post(url, {**data, "conditions-1-field": "temperature"})
    assert "temperature" in unknown_field.content.decode() and unknown_field.status_code == 200
    assert list(rule.conditions.values_list("value", flat=True)) == [c.value for c in conditions]

    accepted = editor_client.post(url, {**data, "conditions-1-value": "60"})
    assert accepted.status_code == 302
    assert rule.conditions.get(field="age").value == "60"


def test_scenarios_are_edited_field_by_field_and_validated(editor_client, default_rules, editor):
    draft = workflow.copy_to_draft(default_rules, editor)
    url = reverse("admin:triage_scenario_add")
    data = {
        "ruleset": draft.pk,
        **{
            name: value
            for name, value in contract.default_answers().items()
            if value is not None and not isinstance(value, bool)
        },
        "name": "New scenario",
        "expected": contract.SELF_CARE,
        "age": "120",
    }
    refused = editor_client.post(url, data)
    assert refused.status_code == 200 and not Scenario.objects.filter(name="New scenario").exists()
    data["age"] = "44"
    data["fever"] = "on"
    assert editor_client.post(url, {**data, "expected": contract.URGENT}).status_code == 302
    scenario = Scenario.objects.get(name="New scenario")
    assert scenario.ruleset == draft
    assert scenario.answers["fever"] is True and scenario.answers["age"] == 44
    change_page = editor_client.get(reverse("admin:triage_scenario_change", args=[scenario.pk]))
    assert "urgent ✓" in change_page.content.decode()
    assert editor_client.get(reverse("admin:triage_scenario_changelist")).status_code == 200


def test_daily_counts_are_shown_to_editors_read_only(editor_client, default_rules, client):
    from django.test import Client

    Client().post(
        "/triage/",
        {
            "pregnancy": "no",
            "bleeding_amount": "spotting",
            "pain": "severe",
            "premenstrual_spotting_days": "0",
            "frequency": "first_time",
            "age": "30",
        },
    )
    page = editor_client.get(reverse("admin:triage_dailyrulecount_changelist"))
    assert page.status_code == 200 and "Severe pain" in page.content.decode()
    assert "pain equals severe" in page.content.decode()
    assert editor_client.get(reverse("admin:triage_dailydispositioncount_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:triage_dailyrulecount_add")).status_code == 403
    ruleset_page = editor_client.get(change_url(default_rules)).content.decode()
    assert "emergency 1" in ruleset_page
