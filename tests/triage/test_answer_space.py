"""The answer-space comparison and floor check agree with enumerating every answer set."""

import dataclasses
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from triage import answer_space, contract, default_floor, default_rules, engine
from triage.answer_space import Statement

# A small contract with every kind of field, an optional number and a tie
# between fields like the real one (weeks only count with a positive test).
SMALL = (
    contract.Field("pregnancy", contract.CHOICE, "Pregnant?", choices=("no", "possible", "positive_test")),
    contract.Field("weeks_pregnant", contract.INTEGER, "Weeks", minimum=1, maximum=6, required=False),
    contract.Field("fever", contract.BOOLEAN, "Fever"),
    contract.Field("dizzy_or_faint", contract.BOOLEAN, "Faint"),
    contract.Field("age", contract.INTEGER, "Age", minimum=12, maximum=20),
)
SMALL_BY_NAME = {spec.name: spec for spec in SMALL}


def small_normalise(answers):
    if answers.get("pregnancy") != "positive_test":
        return {**answers, "weeks_pregnant": None}
    return answers


def every_answer_set():
    seen = []
    for values in itertools.product(*(answer_space.field_domain(spec) for spec in SMALL)):
        answers = dict(zip((spec.name for spec in SMALL), values, strict=True))
        if small_normalise(answers) == answers:
            seen.append(answers)
    return seen


@st.composite
def conditions(draw):
    spec = draw(st.sampled_from(SMALL))
    if spec.kind == contract.BOOLEAN:
        return engine.Condition(spec.name, draw(st.sampled_from((contract.IS_TRUE, contract.IS_FALSE))), None)
    if spec.kind == contract.CHOICE:
        if draw(st.booleans()):
            return engine.Condition(spec.name, contract.EQUALS, draw(st.sampled_from(spec.choices)))
        values = draw(st.lists(st.sampled_from(spec.choices), min_size=1, max_size=3, unique=True))
        return engine.Condition(spec.name, contract.IN, tuple(values))
    operator = draw(st.sampled_from((contract.EQUALS, *contract.COMPARISON_OPERATORS)))
    return engine.Condition(spec.name, operator, draw(st.integers(spec.minimum - 1, spec.maximum + 1)))


@st.composite
def rulesets(draw, name="r"):
    rules = draw(
        st.lists(
            st.tuples(st.sampled_from(contract.DISPOSITIONS), st.lists(conditions(), min_size=1, max_size=3)),
            max_size=6,
        )
    )
    return engine.RuleSet(
        version=1,
        rules=tuple(
            engine.Rule(id=i, name=f"{name}{i}", disposition=d, conditions=tuple(c), order=i)
            for i, (d, c) in enumerate(rules)
        ),
    )


statements = st.lists(
    st.builds(
        Statement,
        name=st.sampled_from(("s0", "s1", "s2")),
        conditions=st.lists(conditions(), min_size=1, max_size=2).map(tuple),
        minimum=st.sampled_from(contract.DISPOSITIONS),
    ),
    max_size=3,
)


def brute_force(draft, live, floor):
    lowered = raised = 0
    broken = {}
    for answers in every_answer_set():
        after = engine.evaluate(answers, draft).disposition
        before = engine.evaluate(answers, live).disposition
        if contract.URGENCY_RANK[after] < contract.URGENCY_RANK[before]:
            lowered += 1
        elif contract.URGENCY_RANK[after] > contract.URGENCY_RANK[before]:
            raised += 1
        required = [s for s in floor if all(c.holds(answers) for c in s.conditions)]
        if required:
            need = contract.most_urgent(s.minimum for s in required)
            if contract.URGENCY_RANK[after] < contract.URGENCY_RANK[need]:
                broken[need, after] = broken.get((need, after), 0) + 1
    return lowered, raised, sum(broken.values())


@settings(max_examples=100, deadline=None)
@given(rulesets("d"), rulesets("l"), statements)
def test_comparison_agrees_with_enumerating_every_answer_set(draft, live, floor):
    result = answer_space.compare(draft, live, floor, SMALL, small_normalise)
    lowered, raised, broken = brute_force(draft, live, floor)
    assert result.total == len(every_answer_set())
    assert result.lowered_count == lowered
    assert result.raised_count == raised
    assert sum(v.count for v in result.violations) == broken
    for group in result.lowered + result.raised:
        example = group.example
        assert small_normalise(example) == example
        assert engine.evaluate(example, live).disposition == group.before
        assert engine.evaluate(example, draft).disposition == group.after
    for violation in result.violations:
        example = violation.example
        assert engine.evaluate(example, draft).disposition == violation.disposition
        assert all(c.holds(example) for c in violation.statement.conditions)


def test_counts_the_real_answer_space_without_enumerating_it():
    rules = default_rules.default_ruleset()
    total = 1
    for spec in contract.FIELDS:
        total *= len(answer_space.field_domain(spec))
    comparison = answer_space.compare(rules, rules, default_floor.default_floor())
    # Weeks pregnant only counts with a positive test: the other two answers drop its values.
    assert 0 < comparison.total < total
    assert comparison.lowered == comparison.raised == []


def test_the_default_rules_hold_the_default_floor():
    assert answer_space.check_floor(default_rules.default_ruleset(), default_floor.default_floor()) == []


def test_the_default_floor_names_a_source_for_every_statement():
    for statement in default_floor.default_floor():
        assert statement.source.strip()
        assert statement.conditions


def _replace_rule(ruleset, name, **changes):
    return dataclasses.replace(
        ruleset,
        rules=tuple(dataclasses.replace(r, **changes) if r.name == name else r for r in ruleset.rules),
    )


def test_fainting_lowered_to_urgent_breaks_the_floor_and_shows_a_counterexample():
    live = default_rules.default_ruleset()
    draft = _replace_rule(live, "Feeling faint or dizzy", disposition=contract.URGENT)
    comparison = answer_space.compare(draft, live, default_floor.default_floor())
    assert comparison.violations
    assert any(v.statement.name == "Fainting or dizziness" for v in comparison.violations)
    words = comparison.violations[0].describe()
    assert "Feeling faint or dizzy, or fainted: yes" in words
    assert comparison.lowered and all(g.before == contract.EMERGENCY for g in comparison.lowered)


def test_an_added_fever_condition_is_found_even_where_no_scenario_looks():
    live = default_rules.default_ruleset()
    fainting = next(r for r in live.rules if r.name == "Feeling faint or dizzy")
    draft = _replace_rule(
        live, fainting.name, conditions=(*fainting.conditions, engine.Condition("fever", contract.IS_TRUE))
    )
    comparison = answer_space.compare(draft, live, default_floor.default_floor())
    lowest = min(comparison.lowered, key=lambda g: contract.URGENCY_RANK[g.after])
    assert lowest.after == contract.SELF_CARE
    assert lowest.before_rule == fainting.name
