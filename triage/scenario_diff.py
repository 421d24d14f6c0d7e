"""What changed in the scenarios from one ruleset version to another, for the approver.

Plain Python, no Django. Scenarios are matched by name (a name is unique
within a version and copies keep it): a name only in the new version is
added, one only in the old version is removed, and a name in both whose
expected disposition or answers differ is changed. A renamed scenario
therefore shows as one removed and one added, which is what an approver
needs to see: the old example is gone. Deleting the one scenario that covered
a red flag, or relabelling scenarios with whatever the draft now answers,
both show here.
"""

from dataclasses import dataclass

from triage import contract
from triage.rule_diff import Changes

RANK = contract.URGENCY_RANK


@dataclass(frozen=True)
class ScenarioData:
    name: str
    answers: dict
    expected: str


@dataclass(frozen=True)
class AnswerChange:
    field: str
    before: object
    after: object

    def describe(self):
        return f"{_label(self.field)}: {_value(self.field, self.before)} → {_value(self.field, self.after)}"


@dataclass(frozen=True)
class ScenarioChange:
    name: str
    before: ScenarioData | None
    after: ScenarioData | None
    answer_changes: tuple = ()

    @property
    def kind(self):
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    @property
    def expected_changed(self):
        return self.kind == "changed" and self.before.expected != self.after.expected

    @property
    def expectation_lowered(self):
        """The scenario now expects less urgent advice than before."""
        return self.expected_changed and RANK[self.after.expected] < RANK[self.before.expected]

    def describe(self):
        if self.kind == "added":
            return f"Added: {self.name!r}, expects {self.after.expected}."
        if self.kind == "removed":
            return f"Removed: {self.name!r}, which expected {self.before.expected}."
        parts = []
        if self.expected_changed:
            lowered = " (less urgent)" if self.expectation_lowered else ""
            parts.append(f"expected {self.before.expected} → {self.after.expected}{lowered}")
        parts.extend(change.describe() for change in self.answer_changes)
        return f"Changed: {self.name!r}: " + "; ".join(parts) + "."


class ScenarioDiff(Changes):
    """The scenarios of one ruleset against another's."""

    @property
    def lowered_expectations(self):
        return [change for change in self.changed if change.expectation_lowered]


def compare(before, after):
    """The scenarios of `after` against those of `before` (iterables of ScenarioData)."""
    old = {scenario.name: scenario for scenario in before}
    new = {scenario.name: scenario for scenario in after}
    diff = ScenarioDiff()
    for name in sorted(old.keys() - new.keys()):
        diff.removed.append(ScenarioChange(name, old[name], None))
    for name in sorted(new.keys() - old.keys()):
        diff.added.append(ScenarioChange(name, None, new[name]))
    for name in sorted(old.keys() & new.keys()):
        answer_changes = _answer_changes(old[name].answers, new[name].answers)
        if answer_changes or old[name].expected != new[name].expected:
            diff.changed.append(ScenarioChange(name, old[name], new[name], answer_changes))
        else:
            diff.unchanged += 1
    return diff


def _answer_changes(before, after):
    names = [*contract.FIELD_NAMES, *sorted((before.keys() | after.keys()) - set(contract.FIELD_NAMES))]
    return tuple(
        AnswerChange(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    )


def _label(name):
    spec = contract.FIELDS_BY_NAME.get(name)
    return spec.label if spec else name


def _value(name, value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes" if value else "no"
    spec = contract.FIELDS_BY_NAME.get(name)
    return str(dict(spec.choice_labels).get(value, value) if spec else value)
