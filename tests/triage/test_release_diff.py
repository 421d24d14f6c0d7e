"""The rule-by-rule and scenario-by-scenario diffs against live, on crafted rulesets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage import contract, rule_diff, scenario_diff, workflow
from triage.models import Condition, Rule, RuleSet, Scenario
from triage.rule_diff import RuleData
from triage.scenario_diff import ScenarioData


def rule(
    key,
    name="Fainting",
    disposition=contract.EMERGENCY,
    conditions=(("dizzy_or_faint", "is_true", ""),),
    **kw,
):
    return RuleData(key=key, name=name, disposition=disposition, conditions=conditions, **kw)


def quiet(**changes):
    return {**contract.answers_to_json(contract.default_answers()), **changes}


# Rules, plain data -------------------------------------------------------------


def test_identical_rules_make_an_empty_diff():
    diff = rule_diff.compare([rule("a")], [rule("a")])
    assert not diff and diff.unchanged == 1


def test_rules_are_matched_by_lineage_even_when_renamed():
    diff = rule_diff.compare([rule("a")], [rule("a", name="Feeling faint")])
    (change,) = diff.changed
    assert (change.matched_by, [(f.label, f.before, f.after) for f in change.fields]) == (
        "lineage",
        [("name", "Fainting", "Feeling faint")],
    )
    assert not diff.added and not diff.removed


def test_unmatched_rules_fall_back_to_a_unique_name_then_count_as_added_and_removed():
    diff = rule_diff.compare(
        [rule("a"), rule("b", name="Fever")],
        [rule("x", disposition=contract.URGENT), rule("y", name="Severe pain")],
    )
    (change,) = diff.changed
    assert change.matched_by == "name" and change.lowers
    assert [c.name for c in diff.removed] == ["Fever"] and [c.name for c in diff.added] == ["Severe pain"]
    assert diff.removed[0].lowers


def test_a_disposition_down_is_marked_as_lowering_and_up_as_not():
    down = rule_diff.compare([rule("a")], [rule("a", disposition=contract.URGENT)]).changed[0]
    up = rule_diff.compare([rule("a", disposition=contract.URGENT)], [rule("a")]).changed[0]
    assert down.lowers and down.disposition_changed
    assert not up.lowers and up.disposition_changed
    assert "disposition: emergency → urgent" in down.describe()


def test_a_changed_threshold_is_one_change_and_a_new_condition_an_addition():
    before = rule("a", conditions=(("premenstrual_spotting_days", ">=", "2"),))
    after = rule("a", conditions=(("premenstrual_spotting_days", ">=", "3"), ("fever", "is_true", "")))
    (change,) = rule_diff.compare([before], [after]).changed
    assert [(c.kind, c.before, c.after) for c in change.conditions] == [
        ("changed", "premenstrual_spotting_days >= 2", "premenstrual_spotting_days >= 3"),
        ("added", "", "fever is_true"),
    ]


def test_message_causes_and_source_changes_are_shown_word_by_word():
    before = rule("a", message="Call 999 now.", causes=("Ectopic pregnancy",), source_citation="NICE NG126")
    after = rule("a", message="Call 111 now.", causes=("Infection",), source_citation="NICE NG126 1.1")
    (change,) = rule_diff.compare([before], [after]).changed
    assert change.message_changed
    assert str(change.message_diff) == "Call <del>999</del><ins>111</ins> now."
    assert (change.causes_added, change.causes_removed) == (("Infection",), ("Ectopic pregnancy",))
    assert ("source", "NICE NG126", "NICE NG126 1.1") in [(f.label, f.before, f.after) for f in change.fields]


def test_a_message_with_markup_is_escaped_in_the_diff():
    (change,) = rule_diff.compare([rule("a", message="a")], [rule("a", message="<script>x</script>")]).changed
    assert "<script>" not in str(change.message_diff)


# Scenarios, plain data ---------------------------------------------------------


def test_scenarios_are_matched_by_name_added_removed_and_changed():
    before = [
        ScenarioData("Fainted", quiet(dizzy_or_faint=True), contract.EMERGENCY),
        ScenarioData("Fever", quiet(fever=True), contract.URGENT),
        ScenarioData("Calm", quiet(), contract.SELF_CARE),
    ]
    after = [
        ScenarioData("Fever", quiet(fever=True, pain="mild"), contract.APPOINTMENT),
        ScenarioData("Calm", quiet(), contract.SELF_CARE),
        ScenarioData("Heavy", quiet(bleeding_amount="heavy"), contract.URGENT),
    ]
    diff = scenario_diff.compare(before, after)
    assert [c.name for c in diff.removed] == ["Fainted"]
    assert [c.name for c in diff.added] == ["Heavy"]
    (fever,) = diff.changed
    assert fever.expected_changed and fever.expectation_lowered
    assert [a.field for a in fever.answer_changes] == ["pain"]
    assert "expected urgent → appointment (less urgent)" in fever.describe()
    assert diff.lowered_expectations == [fever] and diff.unchanged == 1


def test_the_same_scenarios_make_an_empty_diff():
    same = [ScenarioData("Calm", quiet(), contract.SELF_CARE)]
    assert not scenario_diff.compare(same, same)


# From the database ---------------------------------------------------------------


@pytest.fixture
def draft(default_rules, editor):
    return workflow.copy_to_draft(default_rules, editor)


def test_a_fresh_copy_differs_in_nothing(draft):
    diff = workflow.release_diff(draft)
    assert diff.live.version == 1 and not diff.rules and not diff.scenarios
    assert diff.rules.unchanged == draft.rules.count()


def test_the_live_ruleset_has_nothing_to_compare_with(default_rules):
    assert workflow.release_diff(default_rules) is None


def test_a_crafted_draft_shows_every_kind_of_change(draft, causes):
    fainting = Rule.objects.get(ruleset=draft, name="Feeling faint or dizzy")
    fainting.disposition = contract.URGENT
    fainting.message = fainting.message + " Or not."
    fainting.save()
    Condition.objects.create(rule=fainting, field="fever", operator="is_true")
    Rule.objects.get(ruleset=draft, name="Fever").delete()
    Rule.objects.create(
        ruleset=draft, name="Brand new", disposition=contract.APPOINTMENT, message="m", source_citation="s"
    )
    Scenario.objects.filter(ruleset=draft, answers__dizzy_or_faint=True).delete()
    Scenario.objects.filter(ruleset=draft, name="Fever without pain").update(expected=contract.SELF_CARE)

    diff = workflow.release_diff(draft)
    assert [c.name for c in diff.rules.removed] == ["Fever"]
    assert [c.name for c in diff.rules.added] == ["Brand new"]
    (changed,) = diff.rules.changed
    assert changed.name == "Feeling faint or dizzy" and changed.lowers and changed.message_changed
    assert [c.describe() for c in changed.conditions] == ["condition added: fever is_true"]
    assert diff.scenarios.removed and all(c.before.answers["dizzy_or_faint"] for c in diff.scenarios.removed)
    assert [c.name for c in diff.scenarios.lowered_expectations] == ["Fever without pain"]


def test_rules_rewritten_under_the_same_name_are_matched_by_name(draft):
    old = Rule.objects.get(ruleset=draft, name="Fever")
    conditions = list(old.conditions.values_list("field", "operator", "value"))
    old.delete()
    new = Rule.objects.create(
        ruleset=draft, name="Fever", disposition=contract.EMERGENCY, message=old.message, source_citation="s"
    )
    for field, operator, value in conditions:
        Condition.objects.create(rule=new, field=field, operator=operator, value=value)
    (change,) = workflow.release_diff(draft).rules.changed
    assert change.matched_by == "name" and change.disposition_changed and not change.lowers


def test_in_values_in_another_order_are_not_a_change(draft):
    condition = Condition.objects.filter(rule__ruleset=draft, operator="in").first()
    condition.value = ",".join(reversed(condition.value.split(",")))
    Condition.objects.filter(pk=condition.pk).update(value=condition.value)
    assert not workflow.release_diff(draft).rules


def test_diffs_go_both_ways_for_a_rollback(default_rules, draft, editor, approver):
    Rule.objects.filter(ruleset=draft, name="Fever").update(disposition=contract.EMERGENCY)
    # Every scenario with a fever and nothing stronger now expects emergency.
    fever_scenarios = ["Fever without pain", "v2: Unusual discharge with a fever"]
    Scenario.objects.filter(ruleset=draft, name__in=fever_scenarios).update(expected=contract.EMERGENCY)
    workflow.approve(workflow.submit_for_approval(draft, editor), approver, "Fever is an emergency")
    version_1 = RuleSet.objects.get(version=1)
    diff = workflow.release_diff(version_1)
    assert diff.live.version == 2
    (change,) = diff.rules.changed
    assert change.lowers and change.name == "Fever"
    changed = diff.scenarios.changed
    assert sorted(scenario.name for scenario in changed) == fever_scenarios
    assert all(scenario.expectation_lowered for scenario in changed)


# Properties on random rule lists -------------------------------------------------

rule_lists = st.lists(
    st.builds(
        RuleData,
        key=st.sampled_from("abcdef"),
        name=st.sampled_from(["Fainting", "Fever", "Pain", "Heavy"]),
        disposition=st.sampled_from(contract.DISPOSITIONS),
        conditions=st.lists(
            st.tuples(
                st.sampled_from(["age", "fever"]),
                st.sampled_from([">=", "is_true"]),
                st.sampled_from(["", "2", "40"]),
            ),
            max_size=3,
            unique=True,
        ).map(tuple),
        message=st.sampled_from(["Call 999.", "Call 111."]),
    ),
    max_size=5,
    unique_by=lambda rule: rule.key,
)


@settings(max_examples=200, deadline=None)
@given(rule_lists, rule_lists)
def test_every_rule_is_accounted_for_once_and_the_diff_reverses(before, after):
    diff = rule_diff.compare(before, after)
    assert len(diff.removed) + len(diff.changed) + diff.unchanged == len(before)
    assert len(diff.added) + len(diff.changed) + diff.unchanged == len(after)
    back = rule_diff.compare(after, before)
    assert (len(back.added), len(back.removed), len(back.changed)) == (
        len(diff.removed),
        len(diff.added),
        len(diff.changed),
    )
    assert not rule_diff.compare(after, after)
