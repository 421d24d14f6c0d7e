"""The whole answer space, counted by classes: compare two rulesets and check a floor.

Plain Python, no Django. The field list and every field's domain come from
the contract (`contract.FIELDS`), never from a list of names here. Values
that no condition in play (draft, live ruleset or floor) can tell apart form
one class; a class counts as many answer sets as it holds values, so a field
no condition mentions is one class weighing its whole domain. Fields that
`contract.normalise` ties together (weeks pregnant only counts with a
positive test) are enumerated together, so every counted answer set is one
a reader can really give.

The search walks the fields a pending rule or floor statement still needs
and stops as soon as nothing left can change the outcome, multiplying the
weights of the fields it did not need. It is exact: the counts agree with
enumerating every answer set (see tests/triage/test_answer_space.py).
"""

import itertools
from dataclasses import dataclass, field
from functools import cache

from triage import contract

RANK = contract.URGENCY_RANK
LOWEST = min(RANK.values())


@dataclass(frozen=True)
class Statement:
    """A floor statement: whenever all `conditions` hold, at least `minimum`."""

    name: str
    conditions: tuple  # engine.Condition with typed values
    minimum: str
    source: str = ""
    source_url: str = ""

    def describe(self):
        whenever = " and ".join(condition.describe() for condition in self.conditions)
        return f"Whenever {whenever}, at least {self.minimum}"


@dataclass
class Group:
    """Answer sets that go from one disposition to another, for the same live rule."""

    before: str
    after: str
    before_rule: str
    after_rules: dict = field(default_factory=dict)  # draft rule -> answer sets
    count: int = 0
    example: dict = field(default_factory=dict)

    @property
    def key(self):
        return f"{self.before}>{self.after}|{self.before_rule}"

    @property
    def lowers(self):
        return RANK[self.after] < RANK[self.before]

    def describe(self):
        return (
            f"{describe_answers(self.example)}: {self.before} → {self.after}. "
            f"{self.count} answer set(s) go from {self.before} to {self.after}; live rule "
            f"{self.before_rule!r}, now decided by {_rule_list(self.after_rules)}."
        )


@dataclass
class Violation:
    statement: Statement
    disposition: str
    rules: dict = field(default_factory=dict)
    count: int = 0
    example: dict = field(default_factory=dict)

    def describe(self):
        return (
            f"Floor broken: {self.statement.describe()} ({self.statement.source or 'no source'}). "
            f"This version gives {self.disposition} (decided by {_rule_list(self.rules)}) in "
            f"{self.count} answer set(s), for example: {describe_answers(self.example)}."
        )


def _rule_list(rules):
    return ", ".join(f"{name!r}" for name in sorted(rules, key=lambda name: -rules[name]))


def _simpler(example, than):
    quiet = contract.default_answers()

    def loudness(answers):
        return sum(1 for name, value in answers.items() if quiet.get(name, value) != value)

    return not than or loudness(example) < loudness(than)


@dataclass
class Comparison:
    total: int
    lowered: list
    raised: list
    violations: list

    @property
    def lowered_count(self):
        return sum(group.count for group in self.lowered)

    @property
    def raised_count(self):
        return sum(group.count for group in self.raised)


NO_RULE = "(no rule: self-care)"


def describe_answers(answers, fields=contract.FIELDS):
    """An answer set in plain words: only what differs from a quiet answer set."""
    quiet = contract.default_answers()
    parts = []
    for spec in fields:
        value = answers.get(spec.name)
        if spec.name in quiet and value == quiet[spec.name]:
            continue
        if spec.kind == contract.BOOLEAN:
            parts.append(f"{spec.label}: {'yes' if value else 'no'}")
        elif spec.kind == contract.CHOICE:
            label = dict(spec.choice_labels).get(value, value)
            parts.append(f"{spec.label} {label}")
        else:
            parts.append(f"{spec.label} {'empty' if value is None else value}")
    return "; ".join(parts) or "nothing worrying answered"


def field_domain(spec):
    if spec.kind == contract.CHOICE:
        return tuple(spec.choices)
    if spec.kind == contract.BOOLEAN:
        return (False, True)
    values = tuple(range(spec.minimum, spec.maximum + 1))
    return values if spec.required else (None, *values)


def _quiet_value(spec):
    quiet = contract.default_answers()
    if spec.name in quiet and spec.accepts(quiet[spec.name]):
        return quiet[spec.name]
    return field_domain(spec)[0]


@cache
def _coupled_groups(fields, normalise):
    """Fields whose values `normalise` ties together, as tuples of field names."""
    base = {spec.name: _quiet_value(spec) for spec in fields}
    parent = {spec.name: spec.name for spec in fields}

    def root(name):
        while parent[name] != name:
            name = parent[name]
        return name

    for target in fields:
        for value in field_domain(target):
            for other in fields:
                if other.name == target.name:
                    continue
                kept = {
                    normalise({**base, target.name: value, other.name: other_value})[target.name] == value
                    for other_value in field_domain(other)
                }
                if len(kept) > 1:
                    parent[root(target.name)] = root(other.name)
    groups = {}
    for spec in fields:
        groups.setdefault(root(spec.name), []).append(spec.name)
    return tuple(tuple(names) for names in groups.values())


class _Variable:
    """One field, or fields tied by normalising, split into classes of answers."""

    def __init__(self, names, specs, conditions, normalise, fine=False):
        self.names = names
        base = {spec.name: _quiet_value(spec) for spec in specs.values()}
        combos = []
        for values in itertools.product(*(field_domain(specs[name]) for name in names)):
            combo = dict(zip(names, values, strict=True))
            if len(names) > 1 and {name: normalise({**base, **combo})[name] for name in names} != combo:
                continue
            combos.append(combo)
        self.conditions = conditions
        signatures = {}
        self.representatives, self.weights = [], []
        for position, combo in enumerate(combos):
            signature = tuple(c.holds(combo) for c in conditions) + tuple(
                combo[name] is None for name in names
            )
            if fine:
                signature = (position,)
            if signature not in signatures:
                signatures[signature] = len(self.representatives)
                self.representatives.append(combo)
                self.weights.append(0)
            self.weights[signatures[signature]] += 1
        # Prefer a quiet answer as the class's example.
        for position, combo in enumerate(combos):
            index = signatures[
                (position,)
                if fine
                else tuple(c.holds(combo) for c in conditions) + tuple(combo[name] is None for name in names)
            ]
            if all(combo[name] == base[name] for name in names):
                self.representatives[index] = combo
        self.total = sum(self.weights)
        self.quiet = next(
            (i for i, combo in enumerate(self.representatives) if all(combo[n] == base[n] for n in names)),
            0,
        )

    def allowed(self, condition):
        return frozenset(index for index, combo in enumerate(self.representatives) if condition.holds(combo))


class _Item:
    __slots__ = ("kind", "rank", "needs", "name", "index")

    def __init__(self, kind, rank, needs, name, index):
        self.kind, self.rank, self.needs, self.name, self.index = kind, rank, needs, name, index


class AnswerSpace:
    """Draft, live ruleset and floor over one partition of the answer space."""

    def __init__(
        self, draft, live=None, floor=(), fields=contract.FIELDS, normalise=contract.normalise, split=None
    ):
        self.fields = tuple(fields)
        specs = {spec.name: spec for spec in self.fields}
        everything = [c for rs in (draft, live) if rs for rule in rs.rules for c in rule.conditions]
        everything += [c for statement in floor for c in statement.conditions]
        by_field = {}
        for condition in everything:
            by_field.setdefault(condition.field, {})[condition] = None
        self.variables = []
        self.variable_of = {}
        for names in _coupled_groups(self.fields, normalise):
            conditions = tuple(c for name in names for c in by_field.get(name, ()))
            variable = _Variable(names, specs, conditions, normalise, fine=split in names)
            for name in names:
                self.variable_of[name] = len(self.variables)
            self.variables.append(variable)
        self.total = 1
        for variable in self.variables:
            self.total *= variable.total
        self.draft, self.live, self.floor = draft, live, tuple(floor)
        self.items = []
        for kind, ruleset in (("draft", draft), ("live", live)):
            for rule in ruleset.rules if ruleset else ():
                self.items.append(
                    _Item(kind, RANK[rule.disposition], self._needs(rule.conditions), rule.name, 0)
                )
        for index, statement in enumerate(self.floor):
            self.items.append(
                _Item(
                    "floor", RANK[statement.minimum], self._needs(statement.conditions), statement.name, index
                )
            )

    def _needs(self, conditions):
        needs = {}
        for condition in conditions:
            position = self.variable_of[condition.field]
            allowed = self.variables[position].allowed(condition)
            needs[position] = needs.get(position, allowed) & allowed
        return needs

    def regions(self):
        """Yield (weight, assignment, outcome) for regions that decide every outcome.

        outcome = {"draft": (rank, rule), "live": (rank, rule), "floor": (rank, statement index)}.
        """
        start = {"draft": (LOWEST, NO_RULE), "live": (LOWEST, NO_RULE), "floor": (LOWEST, None)}
        pending = [
            item for item in self.items if item.rank > LOWEST and not any(not a for a in item.needs.values())
        ]
        fully = [item for item in self.items if not item.needs]
        for item in fully:
            start = self._settle(start, item)
        pending = [item for item in pending if item.needs]
        yield from self._walk(pending, start, {}, set())

    @staticmethod
    def _settle(outcome, item):
        rank = outcome[item.kind][0]
        if item.rank > rank:
            label = item.index if item.kind == "floor" else item.name
            outcome = {**outcome, item.kind: (item.rank, label)}
        return outcome

    def _walk(self, pending, outcome, assignment, used):
        pending = [item for item in pending if item.rank > outcome[item.kind][0]]
        if not pending:
            weight = 1
            for position, variable in enumerate(self.variables):
                if position not in used:
                    weight *= variable.total
            yield weight, assignment, outcome
            return
        position = min(min(item.needs) for item in pending)
        variable = self.variables[position]
        used = used | {position}
        for class_index, class_weight in enumerate(variable.weights):
            if not class_weight:
                continue  # a class left out of this search (see `worsening`)
            next_outcome = outcome
            still = []
            for item in pending:
                allowed = item.needs.get(position)
                if allowed is None:
                    still.append(item)
                    continue
                if class_index not in allowed:
                    continue
                if len(item.needs) == 1:
                    next_outcome = self._settle(next_outcome, item)
                else:
                    rest = {k: v for k, v in item.needs.items() if k != position}
                    still.append(_Item(item.kind, item.rank, rest, item.name, item.index))
            for weight, found, final in self._walk(
                still, next_outcome, {**assignment, position: class_index}, used
            ):
                yield weight * class_weight, found, final

    def example(self, assignment):
        answers = {}
        for position, variable in enumerate(self.variables):
            answers.update(variable.representatives[assignment.get(position, variable.quiet)])
        return {spec.name: answers[spec.name] for spec in self.fields}


def _disposition(rank):
    return next(name for name, value in RANK.items() if value == rank)


def compare(draft, live=None, floor=(), fields=contract.FIELDS, normalise=contract.normalise):
    """Draft against live and the floor over the whole answer space."""
    space = AnswerSpace(draft, live, floor, fields, normalise)
    groups, violations = {}, {}
    for weight, assignment, outcome in space.regions():
        draft_rank, draft_rule = outcome["draft"]
        floor_rank, floor_index = outcome["floor"]
        if draft_rank < floor_rank:
            entry = violations.setdefault(
                (floor_index, draft_rank), Violation(space.floor[floor_index], _disposition(draft_rank))
            )
            _add(entry, entry.rules, draft_rule, weight, space.example(assignment))
        if live is None:
            continue
        live_rank, live_rule = outcome["live"]
        if live_rank == draft_rank:
            continue
        entry = groups.setdefault(
            (live_rank, draft_rank, live_rule),
            Group(_disposition(live_rank), _disposition(draft_rank), live_rule),
        )
        _add(entry, entry.after_rules, draft_rule, weight, space.example(assignment))
    ordered = sorted(groups.values(), key=lambda g: (-RANK[g.before], RANK[g.after], g.before_rule))
    return Comparison(
        total=space.total,
        lowered=[g for g in ordered if g.lowers],
        raised=[g for g in ordered if not g.lowers],
        violations=sorted(violations.values(), key=lambda v: (v.statement.name, v.disposition)),
    )


def _add(entry, rules, rule, weight, example):
    entry.count += weight
    rules[rule] = rules.get(rule, 0) + weight
    if _simpler(example, entry.example):
        entry.example = example


def check_floor(ruleset, floor, fields=contract.FIELDS, normalise=contract.normalise):
    """Every way `ruleset` breaks a floor statement (empty when it holds)."""
    return compare(ruleset, None, floor, fields, normalise).violations


def worsening(ruleset, field_name, before, after, fields=contract.FIELDS, normalise=contract.normalise):
    """Where changing one answer from `before` to `after` gives `ruleset` a less urgent result.

    The same search as `compare`, with the ruleset on both sides: "live" reads
    the answers as they are (with `field_name` at `before`), "draft" reads
    them with `field_name` changed to `after` and normalised, so a change that
    moves a coupled field (the version 1 pain field) moves it too. The
    variable holding the field is split into one class per value, so the
    change maps each class to exactly one other. Returns a dict
    {(disposition before, disposition after): (answer sets, example before)}.
    """
    space = AnswerSpace(ruleset, ruleset, (), fields, normalise, split=field_name)
    position = space.variable_of[field_name]
    variable = space.variables[position]
    base = {spec.name: _quiet_value(spec) for spec in space.fields}
    index_of = {
        tuple(combo[name] for name in variable.names): index
        for index, combo in enumerate(variable.representatives)
    }
    moved = {}
    for index, combo in enumerate(variable.representatives):
        if combo[field_name] != before:
            variable.weights[index] = 0
            continue
        changed = normalise({**base, **combo, field_name: after})
        moved[index] = index_of[tuple(changed[name] for name in variable.names)]
    variable.total = sum(variable.weights)
    variable.quiet = next(index for index in moved if variable.weights[index])
    for item in space.items:
        if item.kind == "draft" and position in item.needs:
            allowed = item.needs[position]
            item.needs[position] = frozenset(index for index, target in moved.items() if target in allowed)
    found = {}
    for weight, assignment, outcome in space.regions():
        before_rank, after_rank = outcome["live"][0], outcome["draft"][0]
        if not weight or after_rank >= before_rank:
            continue
        key = (_disposition(before_rank), _disposition(after_rank))
        count, example = found.get(key, (0, None))
        candidate = space.example(assignment)
        if example is None or _simpler(candidate, example):
            example = candidate
        found[key] = (count + weight, example)
    return found
