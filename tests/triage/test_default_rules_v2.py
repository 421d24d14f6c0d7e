"""The version 2 default rules: sourced, each new rule on both sides in the scenarios, and the
release-safety comparison with the version 1 defaults as docs/triage-rules.md records it."""

from pathlib import Path

from triage import contract, default_comparison, default_floor, default_rules, engine
from triage.starter_rules import SCENARIO_FILE, read_scenario_file

VERSION_2 = default_rules.default_ruleset(2)
VERSION_1_NAMES = {rule[0] for rule in default_rules.VERSION_1_RULES}
NEW_RULES = [rule for rule in VERSION_2.rules if rule.name not in VERSION_1_NAMES]
SCENARIOS = [contract.parse_answers(item["answers"])[0] for item in read_scenario_file(SCENARIO_FILE)]


def test_every_new_question_has_a_rule_and_every_new_rule_names_a_guidance_page_and_passage():
    used = {condition.field for rule in NEW_RULES for condition in rule.conditions}
    assert set(contract.VERSION_2_FIELD_NAMES) <= used
    for data in default_rules.default_rule_data():
        if data["name"] in VERSION_1_NAMES:
            continue
        citation = data["source_citation"]
        # A named page and, in brackets, the passage it rests on.
        assert "(" in citation and ")" in citation, data["name"]
        assert len(citation) <= 300, data["name"]


def test_every_new_rule_is_covered_by_scenarios_on_both_sides_of_each_of_its_conditions():
    for rule in NEW_RULES:
        assert any(rule.matches(answers) for answers in SCENARIOS), rule.name
        for condition in rule.conditions:
            others = [c for c in rule.conditions if c is not condition]
            assert any(
                all(other.holds(answers) for other in others) and not condition.holds(answers)
                for answers in SCENARIOS
            ), f"{rule.name}: no scenario with {condition.describe()} false and the rest true"


def test_the_merged_pain_rules_are_replaced_by_rules_on_their_two_halves():
    fields = {condition.field for rule in VERSION_2.rules for condition in rule.conditions}
    assert contract.MERGED_PAIN not in fields
    assert set(contract.SPLIT_PAIN) <= fields


def test_the_version_2_defaults_keep_the_floor_and_raise_no_safety_warning():
    from triage import answer_space, safety

    assert answer_space.check_floor(VERSION_2, default_floor.default_floor()) == []
    assert safety.check_monotonicity(VERSION_2) == []


def test_shoulder_tip_pain_is_on_the_floor_at_emergency_with_its_source():
    floor = {statement.name: statement for statement in default_floor.default_floor()}
    statement = floor["Shoulder-tip pain"]
    assert statement.minimum == contract.EMERGENCY
    assert [c.describe() for c in statement.conditions] == ["shoulder_tip_pain is_true"]
    assert "NHS" in statement.source and statement.source_url


def test_the_comparison_with_the_version_1_defaults_is_the_one_the_docs_record():
    figures = default_comparison.figures()
    text = (Path(__file__).resolve().parents[2] / "docs" / "triage-rules.md").read_text(encoding="utf-8")
    for line in default_comparison.summary_lines(figures):
        assert line in text, line
    # The one lowered group is mild (or no) one-sided pain in a possible pregnancy, with a reason.
    (lowered,) = figures["all"].lowered
    assert (lowered.before, lowered.after) == (contract.EMERGENCY, contract.URGENT)
    assert lowered.before_rule == "One-sided or shoulder-tip pain when you could be pregnant"
    assert default_comparison.LOWERED_REASONS[lowered.key] in text
    # Version 1 posts are never lowered.
    assert figures["version_1_posts"].lowered == []


def test_scenario_results_that_changed_from_version_1_are_only_the_listed_ones():
    version_1 = default_rules.version_1_ruleset()
    changed = set()
    for item in read_scenario_file(SCENARIO_FILE):
        if "hormone_medicine" in item["answers"]:
            continue  # a version 2 scenario
        answers, _ = contract.parse_answers(item["answers"])
        before = engine.evaluate(answers, version_1).disposition
        after = engine.evaluate(answers, VERSION_2).disposition
        assert after == item["expected"], item["name"]
        if before != after:
            changed.add((item["name"], before, after))
    assert changed == set(default_comparison.CHANGED_VERSION_1_SCENARIOS)
