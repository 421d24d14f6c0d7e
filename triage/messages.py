"""Rule messages that take their numbers from the rule's own conditions.

A message may say `{premenstrual_spotting_days}` where it means "the value of
this rule's condition on premenstrual_spotting_days". The value is filled in
whenever the message is shown, so moving a threshold from 2 to 3 days also
moves the number readers see. A placeholder is the field name in braces;
it must name a field on which the rule has exactly one condition with a
value (not `is_true` / `is_false`).

`message_problems(rule)` is the draft check: it warns when a placeholder
names no usable condition of the rule, and when a bare number in the message
matches none of the rule's condition values (a number typed by hand that a
threshold change would leave behind). Plain Python, no Django; the admin can
show its list as warnings.
"""

import re
from html import escape

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
NUMBER = re.compile(r"(?<![A-Za-z0-9])\d+")  # not the 126 of a name such as NG126
# Not prose: HTML tags and entities (a rendered message), and link targets.
NOT_PROSE = re.compile(r"<[^>]*>|&#?\w+;|\(?https?://[^\s)]*\)?|mailto:\S+")


def _values_by_field(conditions):
    values = {}
    for condition in conditions:
        values.setdefault(condition.field, []).append(condition.value)
    return values


def _text(value):
    if isinstance(value, tuple | list):
        return " or ".join(_text(item) for item in value)
    return str(value).replace("_", " ")


def fill(message, conditions):
    """`message` with every well-formed placeholder replaced (escaped); others are left as typed."""
    if not message or "{" not in message:
        return message
    values = _values_by_field(conditions)

    def replace(match):
        found = values.get(match.group(1), [])
        if len(found) != 1 or found[0] is None:
            return match.group(0)
        return escape(_text(found[0]))

    return PLACEHOLDER.sub(replace, message)


def message_problems(rule):
    """Plain-words warnings about a rule's message (an engine.Rule, or anything with
    `message` and `conditions` of objects with `field`, `operator`, `value`)."""
    message = rule.message or ""
    values = _values_by_field(rule.conditions)
    problems = []
    for name in dict.fromkeys(PLACEHOLDER.findall(message)):
        found = values.get(name, [])
        if not found:
            problems.append(f"The message uses {{{name}}}, but the rule has no condition on {name}.")
        elif len(found) > 1:
            problems.append(
                f"The message uses {{{name}}}, but the rule has {len(found)} conditions on {name}: "
                "say the numbers in words, or split the rule."
            )
        elif found[0] is None:
            problems.append(f"The message uses {{{name}}}, but the condition on {name} has no value to show.")
    numbers = {
        str(value)
        for field_values in values.values()
        for value in field_values
        if isinstance(value, int) and not isinstance(value, bool)
    }
    prose = PLACEHOLDER.sub(" ", NOT_PROSE.sub(" ", message))
    for number in dict.fromkeys(NUMBER.findall(prose)):
        if str(int(number)) not in numbers:
            problems.append(
                f"The message says {number}, which is none of the rule's condition values"
                + (f" ({', '.join(sorted(numbers, key=int))})" if numbers else "")
                + ". Use a placeholder such as {field_name} so the number follows the threshold, "
                "or write the number in words if it is not a threshold."
            )
    return problems
