"""The default rules and scenarios: sourced, covering every rule and threshold, loaded idempotently."""

import pytest

from triage import contract, default_rules, engine
from triage.models import Rule, RuleSet, Scenario
from triage.starter_rules import SCENARIO_FILE, load_default_ruleset, read_scenario_file

SCENARIOS = read_scenario_file(SCENARIO_FILE)
RULESET = default_rules.default_ruleset()


def parsed(item):
    answers, errors = contract.parse_answers(item["answers"])
    assert errors == {}, item["name"]
    return answers


def test_at_least_30_scenarios_in_the_contract_format_all_pass_on_the_default_rules():
    assert len(SCENARIOS) >= 30
    assert len({item["name"] for item in SCENARIOS}) == len(SCENARIOS)
    for item in SCENARIOS:
        assert set(item) == {"name", "answers", "expected"}
        # Version 1 scenarios carry every version 1 field; version 2 ones every field.
        assert set(contract.VERSION_1_FIELD_NAMES) <= set(item["answers"]) <= set(contract.FIELD_NAMES)
        assert engine.evaluate(parsed(item), RULESET).disposition == item["expected"], item["name"]


def test_every_default_rule_is_matched_by_some_scenario():
    matched = {
        rule.name for item in SCENARIOS for rule in engine.evaluate(parsed(item), RULESET).matched_rules
    }
    assert matched == {rule.name for rule in RULESET.rules}


def test_scenarios_cover_both_sides_of_every_threshold():
    """For each numeric condition, a scenario on each side of it where the rest of its rule holds."""
    for rule in RULESET.rules:
        for condition in rule.conditions:
            if contract.FIELDS_BY_NAME[condition.field].kind != contract.INTEGER:
                continue
            others = [c for c in rule.conditions if c is not condition]
            sides = {
                condition.holds(answers)
                for answers in map(parsed, SCENARIOS)
                if all(other.holds(answers) for other in others)
            }
            assert sides == {True, False}, f"{rule.name}: {condition.describe()}"


def test_every_default_rule_names_its_source_and_every_disposition_is_used():
    for data in default_rules.default_rule_data():
        assert data["source_citation"].strip(), data["name"]
        assert data["message"].strip(), data["name"]
    assert {rule.disposition for rule in RULESET.rules} == set(contract.DISPOSITIONS)


def test_thresholds_are_condition_values_editors_can_change():
    thresholds = {
        (condition.field, condition.operator, condition.value)
        for rule in RULESET.rules
        for condition in rule.conditions
        if contract.FIELDS_BY_NAME[condition.field].kind == contract.INTEGER
    }
    assert ("premenstrual_spotting_days", ">=", 2) in thresholds
    assert ("age", ">=", 55) in thresholds
    assert ("weeks_pregnant", ">=", 24) in thresholds


def test_loading_creates_a_live_version_1_with_rules_conditions_causes_and_scenarios(causes):
    created = load_default_ruleset()
    assert created == {"rulesets": 1, "rules": len(default_rules.RULES), "scenarios": len(SCENARIOS)}
    ruleset = RuleSet.objects.get()
    assert (ruleset.version, ruleset.status) == (1, RuleSet.Status.LIVE)

    def shape(rules):
        return [(rule.name, rule.disposition, rule.conditions, rule.order) for rule in rules]

    assert shape(RuleSet.with_rules().get().to_engine().rules) == shape(RULESET.rules)
    ectopic = Rule.objects.get(name="Shoulder-tip pain")
    assert list(ectopic.causes.values_list("slug", flat=True)) == ["ectopic-pregnancy"]
    assert "<p>" in ectopic.message_html


def test_loading_again_changes_nothing_and_never_overwrites_editors_work(causes):
    load_default_ruleset()
    scenario = Scenario.objects.first()
    # Scenarios of the live version are changed only through a draft; this stands for an old install.
    Scenario.objects.filter(pk=scenario.pk).update(expected=contract.EMERGENCY)
    assert load_default_ruleset() == {"rulesets": 0, "rules": 0, "scenarios": 0}
    assert RuleSet.objects.count() == 1
    scenario.refresh_from_db()
    assert scenario.expected == contract.EMERGENCY


@pytest.mark.django_db
def test_missing_cause_pages_are_skipped_not_created():
    from articles.models import Cause

    load_default_ruleset()
    assert Cause.objects.count() == 0
    assert not Rule.objects.filter(causes__isnull=False).exists()
