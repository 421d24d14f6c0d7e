"""The safety search: does turning on a red flag, or more pain or bleeding, ever lower urgency?

Plain Python, no Django. For every answer set it turns on each red-flag
answer (`contract.RED_FLAG_FIELDS`) and raises pain and bleeding one step,
and reports each kind of case where the result becomes less urgent, with
how many answer sets it covers and a worked example. The admin shows these
as warnings an approver must acknowledge; the property tests run it on the
default rules.

The search is the answer-space search of `triage.answer_space` (values no
condition tells apart are one class, and it stops as soon as nothing left
can change the outcome), so it stays exact and fast as the contract grows:
each new yes/no question doubles the raw answer space, not the work.
`answer_grid` lists the values a ruleset's thresholds make worth trying,
for editors' own checks.
"""

import itertools
from dataclasses import dataclass

from triage import answer_space, contract
from triage.engine import domain


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
            f"{self.disposition_before} to {self.disposition_after} in {self.cases} answer set(s), "
            "for example: "
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
    """Every way the ruleset lowers urgency for a worse answer, grouped by kind.

    Exact over the whole answer space (`answer_space.worsening`): `cases`
    counts the answer sets where the worse answer gets the less urgent result.
    """
    warnings = []
    for field_name, steps in _worsening_steps().items():
        for before, after in steps:
            found = answer_space.worsening(ruleset, field_name, before, after)
            for (disposition_before, disposition_after), (count, example) in found.items():
                warnings.append(
                    SafetyWarning(
                        field_name,
                        before,
                        after,
                        disposition_before,
                        disposition_after,
                        tuple(example.items()),
                        cases=count,
                    )
                )
    return warnings


def _worsening_steps():
    steps = {name: [(False, True)] for name in contract.RED_FLAG_FIELDS}
    for name, scale in contract.ORDERED_SEVERITY_FIELDS.items():
        steps[name] = list(itertools.pairwise(scale))
    return steps


def _text(value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
