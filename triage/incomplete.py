"""Incomplete answers: the least care every completion of the missing answers reaches.

The contract ("Incomplete answers" in docs/triage-contract.md) says that when
required answers are missing or invalid, the answers that *were* given may
already decide a minimum level of care: a reader who ticks only "feel faint"
must see the emergency advice at once, above the list of errors.

Three-valued logic, done symbolically rather than by enumerating completions:

- a condition on a given answer is true or false; on a missing one it is
  unknown;
- a rule whose conditions are all true certainly matches, so the minimum is
  at least its disposition;
- for each disposition `d` (most urgent first) we ask: is there *some*
  completion in which no rule of disposition `d` or above matches? If none
  exists, every completion reaches `d`, and `d` is the minimum.

That question is a small constraint search over the missing fields only, each
field ranging over its *value classes*: every choice, both booleans, and for
numbers the thresholds the rules use and the values either side of each (all
numbers strictly between two neighbouring thresholds behave alike in every
condition). The search prunes as soon as a rule is forced to match, so it
never walks the billions of raw completions. Plain Python, no Django.
"""

from triage import contract, engine

# Fields that contract.normalise ties together (weeks pregnant only counts with a positive
# test; the version 1 pain field and the two version 2 pain fields agree): a condition on one
# of them is known only when all of them are.
DEPENDS_ON = contract.COUPLED_WITH


def value_classes(field_name, ruleset):
    """One representative value per class of answers that every condition on this field treats alike."""
    spec = contract.FIELDS_BY_NAME[field_name]
    if spec.kind != contract.INTEGER:
        return engine.domain(field_name)
    points = {spec.minimum, spec.maximum}
    for rule in ruleset.rules:
        for condition in rule.conditions:
            if condition.field == field_name and isinstance(condition.value, int):
                points.update((condition.value - 1, condition.value, condition.value + 1))
    values = sorted(value for value in points if spec.minimum <= value <= spec.maximum)
    return tuple(values) if spec.required else (None, *values)


def _fields_of(condition):
    return DEPENDS_ON.get(condition.field, (condition.field,))


def _holds(condition, answers):
    """The condition on answers that hold every field it depends on (normalised as the contract says)."""
    names = _fields_of(condition)
    if len(names) > 1:
        value = contract.normalise({name: answers[name] for name in names})[condition.field]
    else:
        value = answers[condition.field]
    return engine.evaluate_operator(condition.operator, value, condition.value)


def minimum_disposition(given, missing, ruleset):
    """The most urgent disposition that every completion of `missing` reaches, with the certain rules.

    `given` maps field names to parsed, valid answers; `missing` names the
    fields whose answers are absent or invalid (their values in `given`, if
    any, are ignored). Returns (disposition, rules): `rules` are the rules
    that match whatever the missing answers are, most urgent first. With
    nothing missing this is simply the engine's result.
    """
    missing = set(missing)
    known = {name: value for name, value in given.items() if name not in missing}
    missing |= set(contract.FIELD_NAMES) - set(known)
    certain = [rule for rule in ruleset.rules if _certainly_matches(rule, known, missing)]
    certain.sort(key=lambda rule: (-contract.URGENCY_RANK[rule.disposition], rule.order))
    floor = contract.most_urgent(rule.disposition for rule in certain)
    for disposition in contract.DISPOSITIONS:
        if contract.URGENCY_RANK[disposition] <= contract.URGENCY_RANK[floor]:
            break
        if not _some_completion_avoids(disposition, known, missing, ruleset):
            floor = disposition
            break
    return floor, tuple(certain)


def _certainly_matches(rule, known, missing):
    return all(
        not (set(_fields_of(condition)) & missing) and _holds(condition, known)
        for condition in rule.conditions
    )


def _some_completion_avoids(disposition, known, missing, ruleset):
    """True if some completion of the missing fields matches no rule at `disposition` or above."""
    rank = contract.URGENCY_RANK[disposition]
    rules = []
    for rule in ruleset.rules:
        if contract.URGENCY_RANK[rule.disposition] < rank:
            continue
        # A condition already false on the given answers keeps the rule from ever matching.
        if any(
            not (set(_fields_of(condition)) & missing) and not _holds(condition, known)
            for condition in rule.conditions
        ):
            continue
        open_conditions = [c for c in rule.conditions if set(_fields_of(c)) & missing]
        if not open_conditions:
            return False  # this rule matches whatever the missing answers are
        rules.append(open_conditions)
    if not rules:
        return True
    variables = sorted(
        {name for conditions in rules for c in conditions for name in _fields_of(c) if name in missing},
        key=contract.FIELD_NAMES.index,
    )
    classes = {name: value_classes(name, ruleset) for name in variables}
    return _search(rules, variables, classes, dict(known), 0)


def _search(rules, variables, classes, answers, index):
    if index == len(variables):
        return True
    name = variables[index]
    for value in classes[name]:
        answers[name] = value
        if not any(_forced(conditions, answers) for conditions in rules) and _search(
            rules, variables, classes, answers, index + 1
        ):
            del answers[name]
            return True
    answers.pop(name, None)
    return False


def _forced(conditions, answers):
    """True if every open condition of a rule is decided by `answers` and holds: the rule matches."""
    return all(
        all(name in answers for name in _fields_of(condition)) and _holds(condition, answers)
        for condition in conditions
    )
