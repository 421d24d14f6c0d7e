"""Rule by rule, what one ruleset version changes against another, for the approver.

No database: rules come in as `RuleData` (see `triage.workflow.rule_data`).
Rules are matched across versions by their `lineage`, a key every copy of a
rule keeps (`workflow.copy_to_draft`) and a new rule gets fresh; a rule left
unmatched is then matched by its exact name, when that name is unique among
the unmatched rules on both sides (a rule deleted and written again under the
same name, or rules from before lineages existed). Anything still unmatched
is added or removed.

For a matched rule every field an approver must judge is compared: name,
order, disposition (less or more urgent), each condition (a changed value on
the same field shows as one threshold change, not a removal and an addition),
the message (word by word, with <ins> and <del>), the linked causes and the
source.
"""

from dataclasses import dataclass, field

from editorial.diffs import word_diff
from triage import contract, engine

RANK = contract.URGENCY_RANK
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class RuleData:
    key: str
    name: str
    disposition: str
    conditions: tuple  # (field, operator, value as stored text)
    message: str = ""
    order: int = 0
    causes: tuple = ()
    source_citation: str = ""
    source_url: str = ""

    @property
    def condition_texts(self):
        return tuple(describe_condition(condition) for condition in self.conditions)


def describe_condition(condition):
    name, operator, value = condition
    try:
        return engine.validate_condition(engine.Condition(name, operator, value)).describe()
    except engine.ConditionError:
        return f"{name} {operator} {value}".strip()


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ConditionChange:
    kind: str  # added, removed or changed
    before: str = ""
    after: str = ""

    def describe(self):
        if self.kind == ADDED:
            return f"condition added: {self.after}"
        if self.kind == REMOVED:
            return f"condition removed: {self.before}"
        return f"condition changed: {self.before} → {self.after}"


@dataclass
class RuleChange:
    before: RuleData | None
    after: RuleData | None
    matched_by: str = ""  # "lineage" or "name" for a changed rule
    fields: list = field(default_factory=list)
    conditions: list = field(default_factory=list)
    causes_added: tuple = ()
    causes_removed: tuple = ()

    @property
    def kind(self):
        if self.before is None:
            return ADDED
        if self.after is None:
            return REMOVED
        return CHANGED

    @property
    def name(self):
        return (self.after or self.before).name

    @property
    def disposition_changed(self):
        return self.kind == CHANGED and self.before.disposition != self.after.disposition

    @property
    def lowers(self):
        """Removed, or its disposition made less urgent."""
        if self.kind == REMOVED:
            return True
        return self.disposition_changed and RANK[self.after.disposition] < RANK[self.before.disposition]

    @property
    def message_changed(self):
        return self.kind == CHANGED and self.before.message != self.after.message

    @property
    def message_diff(self):
        """Safe HTML: the message word by word, removed words in <del>, added in <ins>."""
        return word_diff(self.before.message, self.after.message) if self.kind == CHANGED else ""

    def describe(self):
        if self.kind == ADDED:
            return f"Rule added: {self.name!r} → {self.after.disposition}."
        if self.kind == REMOVED:
            return f"Rule removed: {self.name!r} (was {self.before.disposition})."
        parts = [f"{change.label}: {change.before} → {change.after}" for change in self.fields]
        parts += [change.describe() for change in self.conditions]
        if self.message_changed:
            parts.append("message changed")
        parts += [f"cause added: {name}" for name in self.causes_added]
        parts += [f"cause removed: {name}" for name in self.causes_removed]
        return f"Rule changed: {self.name!r}: " + "; ".join(parts) + "."


@dataclass
class Changes:
    """What a comparison of two versions found, item by item (rules here, scenarios in `scenario_diff`)."""

    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: int = 0

    @property
    def changes(self):
        """Every change, removals first, then changes, then additions."""
        return [*self.removed, *self.changed, *self.added]

    def __bool__(self):
        return bool(self.added or self.removed or self.changed)


class RuleDiff(Changes):
    """The rules of one ruleset against another's."""


def compare(before, after):
    """The rules of `after` against those of `before` (iterables of RuleData)."""
    before, after = list(before), list(after)
    pairs = _match(before, after)
    matched_before = {id(old) for old, _, _ in pairs}
    matched_after = {id(new) for _, new, _ in pairs}
    diff = RuleDiff()
    diff.removed = [RuleChange(old, None) for old in before if id(old) not in matched_before]
    diff.added = [RuleChange(None, new) for new in after if id(new) not in matched_after]
    for old, new, how in pairs:
        change = _compare_rule(old, new, how)
        if change.fields or change.conditions or change.message_changed or _causes_changed(change):
            diff.changed.append(change)
        else:
            diff.unchanged += 1
    diff.changed.sort(key=lambda change: (change.after.order, change.after.name))
    return diff


def _match(before, after):
    pairs = []
    by_key = {rule.key: rule for rule in before}
    for new in after:
        old = by_key.pop(new.key, None)
        if old is not None:
            pairs.append((old, new, "lineage"))
    taken = {id(new) for _, new, _ in pairs}
    left_before = list(by_key.values())
    left_after = [new for new in after if id(new) not in taken]
    for new in left_after:
        same_name = [old for old in left_before if old.name == new.name]
        if len(same_name) == 1 and sum(other.name == new.name for other in left_after) == 1:
            pairs.append((same_name[0], new, "name"))
            left_before.remove(same_name[0])
    return pairs


def _causes_changed(change):
    return bool(change.causes_added or change.causes_removed)


def _compare_rule(old, new, how):
    change = RuleChange(old, new, matched_by=how)
    for label, attribute in (
        ("name", "name"),
        ("order", "order"),
        ("disposition", "disposition"),
        ("source", "source_citation"),
        ("source URL", "source_url"),
    ):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            change.fields.append(FieldChange(label, str(before or "—"), str(after or "—")))
    change.conditions = _condition_changes(old.conditions, new.conditions)
    change.causes_added = tuple(sorted(set(new.causes) - set(old.causes)))
    change.causes_removed = tuple(sorted(set(old.causes) - set(new.causes)))
    return change


def _condition_changes(before, after):
    removed = [c for c in before if c not in after]
    added = [c for c in after if c not in before]
    changes = []
    for name in dict.fromkeys(c[0] for c in [*removed, *added]):
        old = sorted(c for c in removed if c[0] == name)
        new = sorted(c for c in added if c[0] == name)
        changes += [
            ConditionChange(CHANGED, describe_condition(was), describe_condition(now))
            for was, now in zip(old, new, strict=False)
        ]
        changes += [ConditionChange(REMOVED, before=describe_condition(c)) for c in old[len(new) :]]
        changes += [ConditionChange(ADDED, after=describe_condition(c)) for c in new[len(old) :]]
    return changes
