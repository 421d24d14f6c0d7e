"""The triage engine against a generated 200-rule set, measured with pytest-benchmark.

Not a timed test: the timing is reported (see docs/performance.md for the
recorded mean; the target is under 1 ms per evaluation), while the assertions
check the result is right, so the benchmark measures real work.
"""

import random

import pytest

from triage import contract, engine

RULE_COUNT = 200


def _condition(rng, field):
    if field.kind == contract.BOOLEAN:
        return engine.Condition(field.name, rng.choice([contract.IS_TRUE, contract.IS_FALSE]))
    if field.kind == contract.CHOICE:
        values = tuple(rng.sample(field.choices, rng.randint(1, len(field.choices))))
        return engine.Condition(field.name, contract.IN, values)
    low, high = field.minimum, field.maximum
    return rng.choice(
        [
            engine.Condition(field.name, contract.GTE, rng.randint(low, high)),
            engine.Condition(field.name, contract.LTE, rng.randint(low, high)),
        ]
    )


def generated_ruleset(seed=2026, size=RULE_COUNT):
    """`size` valid rules of one to three conditions each on distinct, always-answered fields."""
    rng = random.Random(seed)
    fields = [field for field in contract.FIELDS if field.required]
    rules = []
    while len(rules) < size:
        conditions = tuple(_condition(rng, field) for field in rng.sample(fields, rng.randint(1, 3)))
        if engine.validate_rule_conditions(conditions):
            continue
        number = len(rules)
        rules.append(
            engine.Rule(
                id=number,
                name=f"generated rule {number}",
                disposition=rng.choice(contract.DISPOSITIONS),
                conditions=conditions,
                order=number,
            )
        )
    return engine.RuleSet(version="benchmark", rules=tuple(rules))


def answer_sets(seed=7, count=50):
    rng = random.Random(seed)
    return [
        contract.normalise({field.name: rng.choice(engine.domain(field.name)) for field in contract.FIELDS})
        for _ in range(count)
    ]


def expected_disposition(answers, ruleset):
    """The most urgent disposition among rules whose every condition holds, worked out independently."""
    ranks = {name: rank for rank, name in enumerate(reversed(contract.DISPOSITIONS))}
    best = contract.SELF_CARE
    for rule in ruleset.rules:
        holds = all(
            engine.evaluate_operator(condition.operator, answers.get(condition.field), condition.value)
            for condition in rule.conditions
        )
        if holds and ranks[rule.disposition] > ranks[best]:
            best = rule.disposition
    return best


@pytest.fixture(scope="module")
def ruleset():
    return generated_ruleset()


def test_the_generated_ruleset_has_200_valid_rules(ruleset):
    assert len(ruleset.rules) == RULE_COUNT
    assert all(not engine.validate_rule_conditions(rule.conditions) for rule in ruleset.rules)


def test_evaluating_200_rules(benchmark, ruleset):
    answers = answer_sets()
    # The answer set that matches the most rules: the most work per evaluation.
    heaviest = max(answers, key=lambda a: sum(rule.matches(a) for rule in ruleset.rules))
    result = benchmark(engine.evaluate, heaviest, ruleset)

    assert result.disposition == expected_disposition(heaviest, ruleset)
    assert len(result.matched_rules) > 10
    ranks = [contract.URGENCY_RANK[rule.disposition] for rule in result.matched_rules]
    assert ranks == sorted(ranks, reverse=True), "matched rules come most urgent first"
    for other in answers:
        assert engine.evaluate(other, ruleset).disposition == expected_disposition(other, ruleset)
