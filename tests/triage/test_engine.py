"""The rule engine: operators, field types, urgency order, and refusing impossible conditions."""

import subprocess
import sys
import textwrap

import pytest

from triage import contract
from triage.engine import (
    Condition,
    ConditionError,
    Rule,
    RuleSet,
    evaluate,
    parse_condition_value,
    validate_condition,
    validate_rule_conditions,
)


def rule(disposition, *conditions, name="rule", order=0):
    return Rule(id=name, name=name, disposition=disposition, conditions=tuple(conditions), order=order)


@pytest.mark.parametrize(
    ("operator", "value", "answer", "holds"),
    [
        ("equals", "moderate", "moderate", True),
        ("equals", "moderate", "mild", False),
        ("in", ("mild", "moderate"), "mild", True),
        ("in", ("mild", "moderate"), "severe", False),
    ],
)
def test_choice_operators(operator, value, answer, holds, answers):
    assert Condition("pain", operator, value).holds(answers(pain=answer)) is holds


@pytest.mark.parametrize(
    ("operator", "answer", "holds"),
    [
        ("is_true", True, True),
        ("is_true", False, False),
        ("is_false", False, True),
        ("is_false", True, False),
    ],
)
def test_boolean_operators(operator, answer, holds, answers):
    assert Condition("fever", operator).holds(answers(fever=answer)) is holds


@pytest.mark.parametrize(
    ("operator", "age", "holds"),
    [
        (">=", 55, True),
        (">=", 54, False),
        (">", 55, False),
        (">", 56, True),
        ("<=", 55, True),
        ("<=", 56, False),
        ("<", 55, False),
        ("<", 54, True),
        ("equals", 55, True),
        ("equals", 56, False),
    ],
)
def test_number_operators_at_and_around_the_threshold(operator, age, holds, answers):
    assert Condition("age", operator, 55).holds(answers(age=age)) is holds


def test_an_empty_optional_number_never_satisfies_a_comparison(answers):
    empty = answers(pregnancy="positive_test", weeks_pregnant=None)
    assert not Condition("weeks_pregnant", ">=", 1).holds(empty)
    assert not Condition("weeks_pregnant", "<=", 45).holds(empty)


def test_all_conditions_of_a_rule_must_hold(answers):
    both = rule("urgent", Condition("fever", "is_true"), Condition("pain", "equals", "mild"))
    assert both.matches(answers(fever=True, pain="mild"))
    assert not both.matches(answers(fever=True, pain="none"))


def test_the_most_urgent_matching_disposition_wins_and_reasons_come_most_urgent_first(answers):
    ruleset = RuleSet(
        1,
        (
            rule("appointment", Condition("age", ">=", 18), name="adult", order=1),
            rule("emergency", Condition("fever", "is_true"), name="fever", order=2),
            rule("urgent", Condition("pain", "equals", "mild"), name="pain", order=3),
        ),
    )
    result = evaluate(answers(fever=True, pain="mild"), ruleset)
    assert result.disposition == "emergency"
    assert [r.name for r in result.matched_rules] == ["fever", "pain", "adult"]


def test_nothing_matched_gives_self_care(answers):
    ruleset = RuleSet(1, (rule("emergency", Condition("fever", "is_true")),))
    result = evaluate(answers(), ruleset)
    assert result.disposition == contract.SELF_CARE
    assert result.matched_rules == ()


def test_condition_values_typed_by_editors_are_parsed_to_the_fields_type():
    assert parse_condition_value("age", ">=", " 55 ") == 55
    assert parse_condition_value("pain", "in", "mild, moderate") == ("mild", "moderate")
    assert parse_condition_value("pain", "equals", "severe") == "severe"
    assert parse_condition_value("fever", "is_true", "") is None


@pytest.mark.parametrize(
    ("field", "operator", "value", "message"),
    [
        ("temperature", "is_true", "", "Unknown field"),
        ("age", ">=", "fifty", "whole number"),
        ("age", "in", "55", "does not work with age"),
        ("pain", ">=", "mild", "does not work with pain"),
        ("pain", "equals", "agony", "not a value of pain"),
        ("pain", "in", "mild,agony", "not a value of pain"),
        ("pain", "in", "", "at least one value"),
        ("pain", "in", " , ", "at least one value"),
        ("bleeding_amount", "is_true", "", "does not work with bleeding_amount"),
        ("fever", "equals", "true", "does not work with fever"),
        ("fever", "is_true", "yes", "takes no value"),
        ("age", ">", "100", "can never be true"),
        ("age", ">=", "101", "can never be true"),
        ("age", "<", "12", "can never be true"),
        ("age", "equals", "7", "can never be true"),
        ("weeks_pregnant", "<", "1", "can never be true"),
        ("premenstrual_spotting_days", ">", "14", "can never be true"),
    ],
)
def test_wrongly_typed_or_impossible_conditions_are_refused_with_a_clear_message(
    field, operator, value, message
):
    with pytest.raises(ConditionError, match=message):
        validate_condition(Condition(field, operator, value))


def test_contradictory_conditions_on_one_field_are_refused():
    problems = validate_rule_conditions([Condition("age", ">=", "60"), Condition("age", "<=", "50")])
    assert len(problems) == 1 and "contradict" in problems[0]
    problems = validate_rule_conditions(
        [Condition("pain", "equals", "mild"), Condition("pain", "in", "severe")]
    )
    assert "contradict" in problems[0]
    assert validate_rule_conditions([Condition("age", ">=", "40"), Condition("age", "<", "55")]) == []


def test_a_rule_needs_a_condition_and_weeks_pregnant_needs_a_positive_test():
    assert validate_rule_conditions([]) == ["A rule needs at least one condition."]
    problems = validate_rule_conditions(
        [Condition("pregnancy", "equals", "possible"), Condition("weeks_pregnant", ">=", "10")]
    )
    assert "positive" in problems[0]


def test_the_engine_imports_without_django():
    code = textwrap.dedent(
        """
        import sys
        class BlockDjango:
            def find_spec(self, name, path=None, target=None):
                if name == "django" or name.startswith("django."):
                    raise ImportError("django is blocked")
        sys.meta_path.insert(0, BlockDjango())
        import triage.engine, triage.contract, triage.safety, triage.default_rules
        from triage import default_rules, engine, contract
        result = engine.evaluate(contract.default_answers(), default_rules.default_ruleset())
        assert result.disposition == "self_care"
        assert not any(name.startswith("django") for name in sys.modules)
        print("ok")
        """
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "ok"
