"""Trying to put a change that lowers care live through the real admin views.

Each attempt is either refused (the safety floor) or goes live only after the
approver saw the lowering on the approve page and gave a reason for it.
"""

import pytest

from tests.editorial.conftest import client_for
from triage import contract, workflow
from triage.models import Condition, Rule, RuleSet, Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(starter_content, editor):
    live = RuleSet.objects.get(status=RuleSet.Status.LIVE)
    return workflow.copy_to_draft(live, editor, "Trying a change.")


def submit(client, ruleset):
    response = client.post(f"/admin/triage/ruleset/{ruleset.pk}/submit/", follow=True)
    ruleset.refresh_from_db()
    return response.content.decode()


def approve_page(client, ruleset):
    return client.get(f"/admin/triage/ruleset/{ruleset.pk}/approve/")


def post_approval(client, ruleset, page, reasons=None):
    form = page.context["form"]
    data = {"approval_note": "Read every change.", "fingerprint": form.fields["fingerprint"].initial}
    if "acknowledge" in form.fields:
        data["acknowledge"] = "on"
    for index in range(len(form.lowered)):
        data[f"lowers_{index}_key"] = form.fields[f"lowers_{index}_key"].initial
        data[f"lowers_{index}"] = (reasons or {}).get(index, "")
    response = client.post(f"/admin/triage/ruleset/{ruleset.pk}/approve/", data)
    ruleset.refresh_from_db()
    return response


def relabel_scenarios(ruleset):
    """What a careless editor does: make every scenario expect what the draft now gives."""
    for outcome in workflow.scenario_outcomes(ruleset):
        Scenario.objects.filter(ruleset=ruleset, name=outcome.name).update(expected=outcome.actual)


def rule(ruleset, name):
    return Rule.objects.get(ruleset=ruleset, name=name)


def fainting_scenarios(ruleset):
    return list(Scenario.objects.filter(ruleset=ruleset, answers__dizzy_or_faint=True))


def bypass_one(draft):
    """The issue's first bypass: fainting made urgent, its scenarios deleted, the rest relabelled."""
    Rule.objects.filter(pk=rule(draft, "Feeling faint or dizzy").pk).update(disposition=contract.URGENT)
    deleted = fainting_scenarios(draft)
    for scenario in deleted:
        scenario.delete()
    relabel_scenarios(draft)
    return deleted


def bypass_two(draft):
    """The issue's second bypass: fainting alone no longer fires the rule, and every scenario relabelled."""
    Condition.objects.create(rule=rule(draft, "Feeling faint or dizzy"), field="fever", operator="is_true")
    relabel_scenarios(draft)


def section(page, element_id):
    from bs4 import BeautifulSoup

    found = BeautifulSoup(page, "html.parser").find(id=element_id)
    assert found is not None, element_id
    return found


def test_bypass_one_fainting_to_urgent_and_its_scenario_deleted_is_refused(draft, editor):
    deleted = bypass_one(draft)
    assert deleted, "the default scenarios cover fainting"
    page = submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.DRAFT
    assert "breaks the safety floor" in page
    assert "Feeling faint or dizzy, or fainted: yes" in page
    # The ruleset page, where the refusal is shown, names the deleted scenarios too.
    removed = section(page, "triage-scenario-diff").select("tr.triage-scenario-removed th del")
    assert {tag.get_text() for tag in removed} == {scenario.name for scenario in deleted}


def test_bypass_two_fever_condition_on_fainting_and_relabelled_scenarios_is_refused(draft, editor):
    bypass_two(draft)
    page = submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.DRAFT
    assert "Whenever dizzy_or_faint is_true, at least emergency" in page
    relabelled = section(page, "triage-scenario-diff").select("tr.triage-scenario-changed")
    assert relabelled and all("expects less urgent advice" in row.get_text() for row in relabelled)


@pytest.fixture
def no_floor(monkeypatch):
    """As if the floor missed the change: what the approver still sees on the approve page."""
    monkeypatch.setattr(workflow, "live_floor", lambda: ())


@pytest.mark.usefixtures("no_floor")
def test_bypass_one_shows_on_the_approve_page_as_a_rule_and_scenario_change(draft, editor, approver):
    deleted = bypass_one(draft)
    submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.AWAITING_APPROVAL
    page = approve_page(client_for(approver), draft).content.decode()
    rules = section(page, "triage-rule-diff")
    (row,) = [
        tr for tr in rules.select("tr.triage-rule-changed") if "Feeling faint or dizzy" in tr.th.get_text()
    ]
    assert "less urgent" in row.get_text()
    assert "was emergency, now urgent" in " ".join(row.get_text().split())
    assert [tag.get_text() for tag in row.select("del")] == ["emergency"]
    assert [tag.get_text() for tag in row.select("ins")] == ["urgent"]
    scenarios = section(page, "triage-scenario-diff")
    removed = {tag.get_text() for tag in scenarios.select("tr.triage-scenario-removed th del")}
    assert removed == {scenario.name for scenario in deleted}
    assert "a removed scenario no longer guards its answers" in scenarios.get_text()
    # All four parts of the change are on this one page.
    for element_id in ("triage-rule-diff", "triage-scenario-diff", "triage-floor", "triage-space"):
        section(page, element_id)


@pytest.mark.usefixtures("no_floor")
def test_bypass_two_shows_on_the_approve_page_as_a_rule_and_scenario_change(draft, editor, approver):
    bypass_two(draft)
    submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.AWAITING_APPROVAL
    page = approve_page(client_for(approver), draft).content.decode()
    rules = section(page, "triage-rule-diff")
    (row,) = [
        tr for tr in rules.select("tr.triage-rule-changed") if "Feeling faint or dizzy" in tr.th.get_text()
    ]
    assert "Condition added: fever is_true" in " ".join(row.get_text().split())
    assert [tag.get_text() for tag in row.select("ins")] == ["fever is_true"]
    relabelled = section(page, "triage-scenario-diff").select("tr.triage-scenario-changed")
    live = dict(Scenario.objects.filter(ruleset__version=1).values_list("name", "expected"))
    names = {s.name for s in Scenario.objects.filter(ruleset=draft) if s.expected != live[s.name]}
    assert names & {scenario.name for scenario in fainting_scenarios(draft)}
    assert {tr.th.get_text() for tr in relabelled} == names
    for tr in relabelled:
        text = " ".join(tr.get_text().split())
        assert "expects less urgent advice" in text and "was emergency, now" in text


def test_deleting_the_fainting_rule_is_refused(draft, editor):
    rule(draft, "Feeling faint or dizzy").delete()
    relabel_scenarios(draft)
    submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.DRAFT


def test_an_is_false_exception_on_a_red_flag_rule_is_refused(draft, editor):
    Condition.objects.create(
        rule=rule(draft, "Heavy bleeding when you could be pregnant"),
        field="fertility_treatment",
        operator="is_false",
    )
    relabel_scenarios(draft)
    page = submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.DRAFT
    assert "Heavy bleeding when you could be pregnant" in page


def test_raising_a_threshold_goes_live_only_with_a_reason(draft, editor, approver):
    Condition.objects.filter(rule__ruleset=draft, field="premenstrual_spotting_days").update(value="3")
    relabel_scenarios(draft)
    submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.AWAITING_APPROVAL
    client = client_for(approver)
    page = approve_page(client, draft)
    assert "appointment → self_care" in page.content.decode()
    refused = post_approval(client, draft, page)
    assert draft.status == RuleSet.Status.AWAITING_APPROVAL
    assert "This field is required" in refused.content.decode()
    post_approval(client, draft, page, {0: "Two days is common and harmless here."})
    assert draft.status == RuleSet.Status.LIVE
    assert draft.acknowledged_warnings[-1]["reason"] == "Two days is common and harmless here."
    assert (
        draft.history.first().acknowledged_warnings[-1]["reason"] == "Two days is common and harmless here."
    )


def test_one_level_down_while_editing_its_scenario_needs_a_reason_per_group(draft, editor, approver):
    Rule.objects.filter(pk=rule(draft, "Heavy bleeding").pk).update(disposition=contract.APPOINTMENT)
    Scenario.objects.filter(ruleset=draft, answers__bleeding_amount="heavy").update(
        expected=contract.APPOINTMENT
    )
    relabel_scenarios(draft)
    submit(client_for(editor), draft)
    # The floor says heavy bleeding is at least urgent.
    assert draft.status == RuleSet.Status.DRAFT

    Rule.objects.filter(pk=rule(draft, "Heavy bleeding").pk).update(disposition=contract.URGENT)
    Rule.objects.filter(
        ruleset=draft, disposition=contract.APPOINTMENT, name__icontains="most cycles"
    ).update(disposition=contract.SELF_CARE)
    relabel_scenarios(draft)
    submit(client_for(editor), draft)
    assert draft.status == RuleSet.Status.AWAITING_APPROVAL
    client = client_for(approver)
    page = approve_page(client, draft)
    lowered = page.context["form"].lowered
    assert lowered and all(group.lowers for group in lowered)
    post_approval(client, draft, page, {0: "Only the first reason."})
    if len(lowered) > 1:
        assert draft.status == RuleSet.Status.AWAITING_APPROVAL
    post_approval(client, draft, page, dict.fromkeys(range(len(lowered)), "Reviewed with the clinical lead."))
    assert draft.status == RuleSet.Status.LIVE


def test_a_copy_that_lowers_nothing_needs_no_reason(draft, editor, approver):
    submit(client_for(editor), draft)
    client = client_for(approver)
    page = approve_page(client, draft)
    assert page.context["form"].lowered == []
    assert "Nothing becomes less urgent." in page.content.decode()
    post_approval(client, draft, page)
    assert draft.status == RuleSet.Status.LIVE


def test_a_rollback_that_lowers_care_goes_live_only_with_a_reason(draft, editor, approver):
    # Version 2 makes bleeding in most cycles more urgent: it raises only, so it needs no reason.
    Rule.objects.filter(
        ruleset=draft, disposition=contract.APPOINTMENT, name__icontains="most cycles"
    ).update(disposition=contract.URGENT)
    relabel_scenarios(draft)
    submit(client_for(editor), draft)
    client = client_for(approver)
    post_approval(client, draft, approve_page(client, draft))
    assert draft.status == RuleSet.Status.LIVE

    # Rolling back to version 1 is the same lowering as a new draft would be; version 1 runs
    # the scenarios it went live with, so nobody has to relabel anything to roll back.
    version_1 = RuleSet.objects.get(version=1)
    client_for(editor).post(f"/admin/triage/ruleset/{version_1.pk}/rollback/")
    version_1.refresh_from_db()
    assert version_1.status == RuleSet.Status.AWAITING_APPROVAL
    page = approve_page(client, version_1)
    assert "urgent → appointment" in page.content.decode()
    post_approval(client, version_1, page)
    assert version_1.status == RuleSet.Status.AWAITING_APPROVAL
    post_approval(
        client, version_1, page, dict.fromkeys(range(len(page.context["form"].lowered)), "Undo v2.")
    )
    assert version_1.status == RuleSet.Status.LIVE
