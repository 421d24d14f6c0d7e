"""The safety search finds rules that make a worse answer less urgent."""

import time

from triage import answer_space, contract
from triage.default_rules import default_ruleset
from triage.engine import Condition, Rule, RuleSet, evaluate
from triage.safety import answer_grid, check_monotonicity


def rule(name, disposition, *conditions):
    return Rule(id=name, name=name, disposition=disposition, conditions=tuple(conditions))


def test_the_default_rules_have_no_safety_warnings():
    assert check_monotonicity(default_ruleset()) == []


def test_the_search_runs_quickly_enough_for_the_admin():
    started = time.perf_counter()
    check_monotonicity(default_ruleset())
    assert time.perf_counter() - started < 3


def test_numbers_are_searched_at_and_on_both_sides_of_every_threshold():
    grid = answer_grid(default_ruleset())
    assert {54, 55, 56} <= set(grid["age"])
    assert {1, 2, 3} <= set(grid["premenstrual_spotting_days"])
    assert {None, 23, 24, 25} <= set(grid["weeks_pregnant"])
    assert grid["pain"] == contract.PAIN_CHOICES


def test_a_red_flag_that_lowers_urgency_is_reported_with_a_worked_example():
    # "Moderate pain is urgent, unless feverish" is the kind of slip an editor can make.
    ruleset = RuleSet(
        2,
        (
            rule(
                "pain without fever",
                "urgent",
                Condition("pain", "equals", "moderate"),
                Condition("fever", "is_false"),
            ),
        ),
    )
    warnings = {warning.field: warning for warning in check_monotonicity(ruleset)}
    # More pain (moderate to severe) also loses the rule: that is the second, correct warning.
    assert set(warnings) == {"fever", "pain"}
    warning = warnings["fever"]
    assert (warning.field, warning.before, warning.after) == ("fever", False, True)
    assert (warning.disposition_before, warning.disposition_after) == ("urgent", "self_care")
    example = dict(warning.example)
    assert evaluate(example, ruleset).disposition == "urgent"
    assert evaluate({**example, "fever": True}, ruleset).disposition == "self_care"
    assert "fever" in warning.describe() and "urgent" in warning.describe()


def test_more_pain_or_bleeding_that_lowers_urgency_is_reported():
    ruleset = RuleSet(
        3,
        (
            rule("mild pain", "urgent", Condition("pain", "equals", "mild")),
            rule("light bleeding", "appointment", Condition("bleeding_amount", "in", ("light",))),
        ),
    )
    found = {(w.field, w.before, w.after) for w in check_monotonicity(ruleset)}
    assert found == {("pain", "mild", "moderate"), ("bleeding_amount", "light", "period_like")}


def test_a_threshold_below_which_urgency_rises_is_not_a_warning_for_fields_that_are_not_severities():
    ruleset = RuleSet(4, (rule("young", "appointment", Condition("age", "<", 20)),))
    assert check_monotonicity(ruleset) == []


def test_turning_on_a_version_2_pain_answer_moves_the_merged_version_1_answer_too():
    # A version 1 rule on the merged field sees a version 2 answer through contract.normalise.
    ruleset = RuleSet(
        5,
        (
            rule(
                "pain but not one-sided",
                "urgent",
                Condition("pain", "equals", "moderate"),
                Condition("one_sided_or_shoulder_pain", "is_false"),
            ),
        ),
    )
    warnings = {warning.field: warning for warning in check_monotonicity(ruleset)}
    assert {"one_sided_pain", "shoulder_tip_pain", "one_sided_or_shoulder_pain"} <= set(warnings)
    warning = warnings["shoulder_tip_pain"]
    example = dict(warning.example)
    assert example["shoulder_tip_pain"] is False and example["pain"] == "moderate"
    assert evaluate(contract.normalise({**example, "shoulder_tip_pain": True}), ruleset).disposition == (
        "self_care"
    )
    assert warning.cases > 0


def test_the_search_counts_answer_sets_exactly():
    ruleset = RuleSet(6, (rule("mild pain", "urgent", Condition("pain", "equals", "mild")),))
    (warning,) = check_monotonicity(ruleset)
    # pain goes mild -> moderate in a quarter of all answer sets (pain is one of 4 values).
    everything = answer_space.compare(ruleset, ruleset).total
    assert warning.cases * 4 == everything
