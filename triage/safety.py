"""The safety search: does turning on a red flag, or more pain or bleeding, ever lower urgency?

Plain Python, no Django. It searches the answer space a ruleset can tell
apart: every choice and boolean value, and each number at and on both sides
of every threshold the rules use (other numbers behave like one of those).
For every answer set in that space it turns on each red-flag answer and
raises pain and bleeding one step, and reports each case where the result
becomes less urgent. The admin shows these as warnings an approver must
acknowledge; the property tests run it on the default rules.

Answers that no condition can tell apart are evaluated once (they are
grouped into classes first), which keeps the search to well under a second
for rulesets of the size editors write.
"""

import itertools
from dataclasses import dataclass

from triage import contract
from triage.engine import Condition, domain, evaluate_operator

# Worked examples kept per kind of problem; every case is still counted.
EXAMPLES_PER_PROBLEM = 1


@dataclass(frozen=True)
class SafetyWarning:
    field: str
    before: object
    after: object
    disposition_before: str
    disposition_after: str
    example: tuple  # ((field, value), ...) one answer set, before the change
    cases: int = 1

    @property
    def key(self):
        return (self.field, self.before, self.after, self.disposition_before, self.disposition_after)

    def describe(self):
        return (
            f"Changing {self.field} from {_text(self.before)} to {_text(self.after)} lowers urgency from "
            f"{self.disposition_before} to {self.disposition_after} in {self.cases} case(s), for example: "
            f"{', '.join(f'{name}={_text(value)}' for name, value in self.example)}."
        )


def thresholds(ruleset):
    """The numbers each numeric field is compared with, by field."""
    found = {}
    for rule in ruleset.rules:
        for condition in rule.conditions:
            if contract.FIELDS_BY_NAME[condition.field].kind == contract.INTEGER:
                found.setdefault(condition.field, set()).add(condition.value)
    return {name: sorted(values) for name, values in found.items()}


def answer_grid(ruleset):
    """The values searched for each field, as the issue describes the answer space."""
    limits = thresholds(ruleset)
    grid = {}
    for spec in contract.FIELDS:
        if spec.kind != contract.INTEGER:
            grid[spec.name] = domain(spec.name)
            continue
        values = set()
        for threshold in limits.get(spec.name, ()):
            values.update(
                v for v in (threshold - 1, threshold, threshold + 1) if spec.minimum <= v <= spec.maximum
            )
        if not values:
            values.add(contract.default_answers()[spec.name] or spec.minimum)
        ordered = sorted(values)
        grid[spec.name] = (None, *ordered) if not spec.required else tuple(ordered)
    return grid


def check_monotonicity(ruleset):
    """Every way the ruleset lowers urgency for a worse answer, grouped by kind."""
    space = _ClassSpace(ruleset)
    outcomes = space.outcomes()
    found = {}
    for field_name, steps in _worsening_steps().items():
        position = space.position[field_name]
        for before, after in steps:
            class_before = space.class_of[field_name][before]
            class_after = space.class_of[field_name][after]
            if class_before == class_after:
                continue
            for point, rank in outcomes.items():
                if point[position] != class_before:
                    continue
                worse = point[:position] + (class_after,) + point[position + 1 :]
                worse_rank = outcomes.get(worse)
                if worse_rank is None or worse_rank >= rank:
                    continue
                warning = SafetyWarning(
                    field_name,
                    before,
                    after,
                    _disposition(rank),
                    _disposition(worse_rank),
                    space.example(point),
                )
                _collect(found, warning)
    return [
        SafetyWarning(*key, example=entry["examples"][0], cases=entry["cases"])
        for key, entry in found.items()
    ]


def _collect(found, warning):
    """Count every case of a kind of problem, keeping a few distinct examples."""
    entry = found.setdefault(warning.key, {"cases": 0, "examples": []})
    entry["cases"] += 1
    if len(entry["examples"]) < EXAMPLES_PER_PROBLEM:
        entry["examples"].append(warning.example)


def _worsening_steps():
    steps = {name: [(False, True)] for name in contract.RED_FLAG_FIELDS}
    for name, scale in contract.ORDERED_SEVERITY_FIELDS.items():
        steps[name] = list(itertools.pairwise(scale))
    return steps


def _disposition(rank):
    return next(name for name, value in contract.URGENCY_RANK.items() if value == rank)


def _text(value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class _ClassSpace:
    """The answer grid with values no condition can tell apart merged into one class."""

    def __init__(self, ruleset):
        grid = answer_grid(ruleset)
        self.fields = contract.FIELD_NAMES
        self.position = {name: index for index, name in enumerate(self.fields)}
        conditions_by_field = {}
        for rule in ruleset.rules:
            for condition in rule.conditions:
                conditions_by_field.setdefault(condition.field, []).append(condition)
        self.class_of, self.representatives = {}, {}
        for name in self.fields:
            signatures = {}
            self.class_of[name], self.representatives[name] = {}, []
            for value in grid[name]:
                signature = tuple(
                    evaluate_operator(c.operator, value, c.value) for c in conditions_by_field.get(name, ())
                )
                if signature not in signatures:
                    signatures[signature] = len(self.representatives[name])
                    self.representatives[name].append(value)
                self.class_of[name][value] = signatures[signature]
        self.rules = sorted(ruleset.rules, key=lambda rule: -contract.URGENCY_RANK[rule.disposition])
        self.compiled = [self._compile(rule) for rule in self.rules]

    def _compile(self, rule):
        checks = []
        for condition in rule.conditions:
            index = self.position[condition.field]
            allowed = {
                class_index
                for class_index, value in enumerate(self.representatives[condition.field])
                if Condition(condition.field, condition.operator, condition.value).holds(
                    {condition.field: value}
                )
            }
            checks.append((index, allowed))
        return contract.URGENCY_RANK[rule.disposition], checks

    def _points(self):
        ranges = [range(len(self.representatives[name])) for name in self.fields]
        pregnancy = self.position["pregnancy"]
        weeks = self.position["weeks_pregnant"]
        positive = self.class_of["pregnancy"]["positive_test"]
        empty_weeks = self.class_of["weeks_pregnant"][None]
        for point in itertools.product(*ranges):
            # Weeks pregnant is normalised away unless the test is positive.
            if point[weeks] != empty_weeks and point[pregnancy] != positive:
                continue
            yield point

    def outcomes(self):
        lowest = contract.URGENCY_RANK[contract.SELF_CARE]
        results = {}
        for point in self._points():
            rank = lowest
            for rule_rank, checks in self.compiled:
                if rule_rank <= rank:
                    break
                if all(point[index] in allowed for index, allowed in checks):
                    rank = rule_rank
                    break
            results[point] = rank
        return results

    def example(self, point):
        return tuple(
            (name, self.representatives[name][class_index])
            for name, class_index in zip(self.fields, point, strict=True)
        )
