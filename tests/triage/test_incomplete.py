"""Incomplete answers: the least care every completion reaches, checked against brute force."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage import contract, default_rules, engine, incomplete

DEFAULTS = default_rules.default_ruleset()


def test_only_feeling_faint_ticked_gives_emergency_at_once():
    given_answers = {"dizzy_or_faint": True}
    disposition, rules = incomplete.minimum_disposition(given_answers, ["pregnancy", "age"], DEFAULTS)
    assert disposition == contract.EMERGENCY
    assert [rule.name for rule in rules] == ["Feeling faint or dizzy"]


def test_nothing_given_decides_nothing():
    disposition, rules = incomplete.minimum_disposition({}, contract.FIELD_NAMES, DEFAULTS)
    assert disposition == contract.SELF_CARE and rules == ()


def test_a_minimum_reached_by_a_combination_of_rules_with_no_single_certain_rule():
    # Heavy bleeding: urgent whatever the pregnancy answer (emergency if pregnant, urgent if not).
    answers = {**contract.default_answers(), "bleeding_amount": "heavy"}
    disposition, _ = incomplete.minimum_disposition(answers, ["pregnancy"], DEFAULTS)
    assert disposition == contract.URGENT


def test_weeks_pregnant_counts_only_if_every_completion_has_a_positive_test():
    answers = {**contract.default_answers(), "weeks_pregnant": 30}
    assert incomplete.minimum_disposition(answers, ["pregnancy"], DEFAULTS)[0] == contract.SELF_CARE
    answers["pregnancy"] = "positive_test"
    assert incomplete.minimum_disposition(answers, ["age"], DEFAULTS)[0] == contract.EMERGENCY


# Brute force on small random rulesets --------------------------------------

SMALL_FIELDS = ("pregnancy", "weeks_pregnant", "pain", "fever", "premenstrual_spotting_days", "age")


@st.composite
def conditions(draw):
    name = draw(st.sampled_from(SMALL_FIELDS))
    spec = contract.FIELDS_BY_NAME[name]
    if spec.kind == contract.BOOLEAN:
        return engine.Condition(name, draw(st.sampled_from([contract.IS_TRUE, contract.IS_FALSE])))
    if spec.kind == contract.CHOICE:
        values = draw(st.lists(st.sampled_from(spec.choices), min_size=1, max_size=3, unique=True))
        return engine.Condition(name, contract.IN, tuple(values))
    operator = draw(st.sampled_from([contract.EQUALS, *contract.COMPARISON_OPERATORS]))
    return engine.Condition(name, operator, draw(st.integers(spec.minimum, spec.maximum)))


@st.composite
def rulesets(draw):
    rules = []
    for index in range(draw(st.integers(1, 6))):
        rules.append(
            engine.Rule(
                id=index,
                name=f"rule {index}",
                disposition=draw(st.sampled_from(contract.DISPOSITIONS)),
                conditions=tuple(draw(st.lists(conditions(), min_size=1, max_size=3))),
                order=index,
            )
        )
    return engine.RuleSet(version=1, rules=tuple(rules))


def brute_force_minimum(answers, missing, ruleset):
    domains = [engine.domain(name) for name in missing]
    lowest = contract.EMERGENCY
    for values in itertools.product(*domains):
        completion = contract.normalise({**answers, **dict(zip(missing, values, strict=True))})
        disposition = engine.evaluate(completion, ruleset).disposition
        lowest = min(lowest, disposition, key=contract.URGENCY_RANK.__getitem__)
    return lowest


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ruleset=rulesets(),
    missing=st.lists(st.sampled_from(SMALL_FIELDS), max_size=3, unique=True),
    pregnancy=st.sampled_from(contract.PREGNANCY_CHOICES),
    pain=st.sampled_from(contract.PAIN_CHOICES),
    fever=st.booleans(),
    weeks=st.one_of(st.none(), st.integers(1, 45)),
    days=st.integers(0, 14),
    age=st.integers(12, 100),
)
def test_the_minimum_equals_the_lowest_result_over_every_completion(
    ruleset, missing, pregnancy, pain, fever, weeks, days, age
):
    # Never more than two number fields missing, so brute force stays small.
    numbers = [name for name in missing if contract.FIELDS_BY_NAME[name].kind == contract.INTEGER]
    if len(numbers) > 2:
        missing = [name for name in missing if name != numbers[0]]
    answers = {
        **contract.default_answers(),
        "pregnancy": pregnancy,
        "pain": pain,
        "fever": fever,
        "weeks_pregnant": weeks,
        "premenstrual_spotting_days": days,
        "age": age,
    }
    expected = brute_force_minimum(answers, missing, ruleset)
    found, certain = incomplete.minimum_disposition(answers, missing, ruleset)
    # Never above what some completion gives, never below what every completion gives.
    assert found == expected
    for rule in certain:
        for values in itertools.product(*(engine.domain(name) for name in missing[:1])):
            completion = contract.normalise({**answers, **dict(zip(missing[:1], values, strict=True))})
            assert rule.matches(completion)
