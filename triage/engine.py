"""The triage rule engine: answers and a ruleset in, a disposition and its reasons out.

Plain Python with no Django imports, so it can be tested, reasoned about and
reused (admin checks, the safety search, the scenario runner) without a
request or a database. The database holds rules as rows; `triage.models`
turns them into the dataclasses below.

A rule matches when all of its conditions hold. A condition is a field, an
operator and a value, checked against the field's type in `triage.contract`.
The most urgent matching disposition wins; no match gives `self_care`.
"""

import itertools
from dataclasses import dataclass, field

from triage import contract, messages
from triage.contract import BOOLEAN, CHOICE, INTEGER


class ConditionError(ValueError):
    """A condition that does not fit the contract, or can never be true."""


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str
    value: object = None

    def holds(self, answers):
        return evaluate_operator(self.operator, answers.get(self.field), self.value)

    def describe(self):
        if self.operator in (contract.IS_TRUE, contract.IS_FALSE):
            return f"{self.field} {self.operator}"
        if self.operator == contract.IN:
            return f"{self.field} in [{', '.join(self.value)}]"
        return f"{self.field} {self.operator} {self.value}"


@dataclass(frozen=True)
class Rule:
    id: object
    name: str
    disposition: str
    conditions: tuple
    message: str = ""
    order: int = 0
    source: str = ""

    def matches(self, answers):
        return all(condition.holds(answers) for condition in self.conditions)

    @property
    def filled_message(self):
        """The message with each `{field}` placeholder replaced by this rule's condition value."""
        return messages.fill(self.message, self.conditions)


@dataclass(frozen=True)
class RuleSet:
    version: object
    rules: tuple = ()


@dataclass(frozen=True)
class Result:
    disposition: str
    matched_rules: tuple = field(default_factory=tuple)

    @property
    def messages(self):
        return tuple(rule.filled_message for rule in self.matched_rules if rule.message)

    @property
    def matched_rule_ids(self):
        return tuple(rule.id for rule in self.matched_rules)


def evaluate_operator(operator, answer, value):
    """True if `answer` satisfies `operator value`. Missing numbers never satisfy a comparison."""
    if operator == contract.IS_TRUE:
        return answer is True
    if operator == contract.IS_FALSE:
        return answer is False
    if operator == contract.EQUALS:
        return answer == value
    if operator == contract.IN:
        return answer in value
    if answer is None:
        return False
    if operator == contract.GTE:
        return answer >= value
    if operator == contract.LTE:
        return answer <= value
    if operator == contract.GT:
        return answer > value
    if operator == contract.LT:
        return answer < value
    raise ConditionError(f"Unknown operator {operator!r}")


def evaluate(answers, ruleset):
    """The disposition for one complete answer set, with the rules that matched.

    Matched rules come most urgent first, then in the editors' order, so the
    reasons read from the most important one down.
    """
    matched = [rule for rule in ruleset.rules if rule.matches(answers)]
    matched.sort(key=lambda rule: (-contract.URGENCY_RANK[rule.disposition], rule.order))
    disposition = contract.most_urgent(rule.disposition for rule in matched)
    return Result(disposition=disposition, matched_rules=tuple(matched))


# Checking conditions against the contract ---------------------------------


def parse_condition_value(field_name, operator, raw):
    """Turn the text an editor typed into the typed value a condition holds.

    Raises ConditionError with a message fit for the admin.
    """
    field_spec = _field(field_name)
    _check_operator(field_spec, operator)
    raw = (raw or "").strip() if isinstance(raw, str) or raw is None else raw
    if operator in (contract.IS_TRUE, contract.IS_FALSE):
        if raw not in ("", None):
            raise ConditionError(f"'{operator}' takes no value: leave the value empty.")
        return None
    if field_spec.kind == INTEGER:
        return _parse_number(field_spec, raw)
    if operator == contract.IN:
        items = raw if isinstance(raw, list | tuple) else [item.strip() for item in raw.split(",")]
        items = tuple(item for item in items if item)
        if not items:
            raise ConditionError("'in' needs at least one value, separated by commas.")
        for item in items:
            _check_choice(field_spec, item)
        return tuple(dict.fromkeys(items))
    _check_choice(field_spec, raw)
    return raw


def validate_condition(condition):
    """Refuse a condition that is wrongly typed or can never be true."""
    value = parse_condition_value(condition.field, condition.operator, _as_raw(condition.value))
    if not satisfying_values(Condition(condition.field, condition.operator, value)):
        raise ConditionError(f"'{condition.describe()}' can never be true: {_range_text(condition.field)}.")
    return Condition(condition.field, condition.operator, value)


def validate_rule_conditions(conditions):
    """Problems with a rule's conditions taken together, as a list of messages.

    Each condition must be valid alone, a rule needs at least one, and the
    conditions on one field must leave some value that satisfies them all.
    """
    if not conditions:
        return ["A rule needs at least one condition."]
    problems, by_field = [], {}
    for condition in conditions:
        try:
            checked = validate_condition(condition)
        except ConditionError as error:
            problems.append(str(error))
            continue
        by_field.setdefault(checked.field, []).append(checked)
    for field_conditions in by_field.values():
        if len(field_conditions) > 1 and not _values_satisfying_all(field_conditions):
            described = " and ".join(condition.describe() for condition in field_conditions)
            problems.append(f"'{described}' contradict each other: no answer satisfies them all.")
    if "weeks_pregnant" in by_field and "pregnancy" in by_field:
        pregnancy_values = _values_satisfying_all(by_field["pregnancy"])
        if "positive_test" not in pregnancy_values:
            problems.append(
                "Weeks pregnant only counts with a positive pregnancy test, "
                "so this rule can never match: include pregnancy 'positive_test'."
            )
            return problems
    problems.extend(_coupling_problems(by_field))
    return problems


def _coupling_problems(by_field):
    """Conditions on fields that `contract.normalise` ties together which no real answer set meets."""
    problems = []
    for group in contract.COUPLED_FIELDS:
        conditions = [c for name in group for c in by_field.get(name, ())]
        if len({c.field for c in conditions}) < 2:
            continue
        quiet = contract.default_answers()
        possible = False
        for values in itertools.product(*(domain(name) for name in group)):
            combo = dict(zip(group, values, strict=True))
            normalised = contract.normalise({**quiet, **combo})
            if all(normalised[name] == combo[name] for name in group) and all(
                c.holds(combo) for c in conditions
            ):
                possible = True
                break
        if not possible:
            described = " and ".join(c.describe() for c in conditions)
            problems.append(
                f"'{described}' can never all be true: {contract.COUPLING_NOTES[group[0]]}, "
                "so this rule can never match."
            )
    return problems


def domain(field_name):
    """Every value an answer to this field can take (after normalising)."""
    field_spec = _field(field_name)
    if field_spec.kind == CHOICE:
        return tuple(field_spec.choices)
    if field_spec.kind == BOOLEAN:
        return (False, True)
    values = tuple(range(field_spec.minimum, field_spec.maximum + 1))
    return values if field_spec.required else (None, *values)


def satisfying_values(condition):
    return [
        value
        for value in domain(condition.field)
        if evaluate_operator(condition.operator, value, condition.value)
    ]


def _values_satisfying_all(conditions):
    field_name = conditions[0].field
    return [
        value
        for value in domain(field_name)
        if all(evaluate_operator(c.operator, value, c.value) for c in conditions)
    ]


def _field(field_name):
    try:
        return contract.FIELDS_BY_NAME[field_name]
    except KeyError:
        raise ConditionError(f"Unknown field {field_name!r}: use one of the contract's fields.") from None


def _check_operator(field_spec, operator):
    allowed = contract.OPERATORS_FOR_KIND[field_spec.kind]
    if operator not in allowed:
        raise ConditionError(
            f"'{operator}' does not work with {field_spec.name} ({field_spec.kind}); "
            f"use {', '.join(repr(name) for name in allowed)}."
        )


def _check_choice(field_spec, value):
    if value not in field_spec.choices:
        raise ConditionError(
            f"{value!r} is not a value of {field_spec.name}; use one of {', '.join(field_spec.choices)}."
        )


def _parse_number(field_spec, raw):
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = raw if isinstance(raw, str) else ""
    sign = text[:1] == "-"
    digits = text[1:] if sign else text
    if not (digits.isascii() and digits.isdigit()):
        raise ConditionError(
            f"{field_spec.name} is a whole number: enter a number such as {field_spec.minimum}."
        )
    return -int(digits) if sign else int(digits)


def _as_raw(value):
    if isinstance(value, tuple | list):
        return list(value)
    return value


def _range_text(field_name):
    field_spec = _field(field_name)
    if field_spec.kind == INTEGER:
        return f"{field_name} is always between {field_spec.minimum} and {field_spec.maximum}"
    return f"{field_name} never takes that value"
