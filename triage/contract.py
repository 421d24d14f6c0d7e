"""The triage vocabulary: answer fields, their types and values, and dispositions.

This is the one source of truth for the public contract in
`docs/triage-contract.md`. Forms, model validation, the rule engine, scenario
files and templates all import these names; none of them retype the strings.
Plain Python: no Django imports, so the engine and its tests can use it alone.
"""

from dataclasses import dataclass

# Dispositions, most urgent first.
EMERGENCY = "emergency"
URGENT = "urgent"
APPOINTMENT = "appointment"
SELF_CARE = "self_care"

DISPOSITIONS = (EMERGENCY, URGENT, APPOINTMENT, SELF_CARE)

DISPOSITION_LABELS = {
    EMERGENCY: "Go to the emergency department or call the emergency number now",
    URGENT: "Contact a doctor or early pregnancy unit today",
    APPOINTMENT: "Book an appointment with a doctor within about two weeks",
    SELF_CARE: "Likely harmless: keep an eye on it and mention it at a routine visit",
}

DISPOSITION_SHORT_LABELS = {
    EMERGENCY: "Emergency",
    URGENT: "Urgent: today",
    APPOINTMENT: "Appointment: within two weeks",
    SELF_CARE: "Self-care",
}

# Higher number = more urgent; used to pick the winning rule and compare outcomes.
URGENCY_RANK = {name: len(DISPOSITIONS) - index for index, name in enumerate(DISPOSITIONS)}


def most_urgent(dispositions):
    """The most urgent of some dispositions; `self_care` when there are none."""
    return max(dispositions, key=URGENCY_RANK.__getitem__, default=SELF_CARE)


# Field kinds.
CHOICE = "choice"
BOOLEAN = "boolean"
INTEGER = "integer"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label: str
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = True

    def accepts(self, value):
        """True if `value` (already parsed to its Python type) is allowed here."""
        if self.kind == CHOICE:
            return value in self.choices
        if self.kind == BOOLEAN:
            return isinstance(value, bool)
        if value is None:
            return not self.required
        return (
            isinstance(value, int) and not isinstance(value, bool) and self.minimum <= value <= self.maximum
        )


PREGNANCY_CHOICES = ("no", "possible", "positive_test")
BLEEDING_CHOICES = ("spotting", "light", "period_like", "heavy")
PAIN_CHOICES = ("none", "mild", "moderate", "severe")
FREQUENCY_CHOICES = ("first_time", "occasional", "most_cycles")

FIELDS = (
    Field("pregnancy", CHOICE, "Could you be pregnant?", choices=PREGNANCY_CHOICES),
    Field(
        "weeks_pregnant",
        INTEGER,
        "How many weeks pregnant are you?",
        minimum=1,
        maximum=45,
        required=False,
    ),
    Field("fertility_treatment", BOOLEAN, "Are you having fertility treatment?"),
    Field("bleeding_amount", CHOICE, "How much are you bleeding?", choices=BLEEDING_CHOICES),
    Field("pain", CHOICE, "How bad is any pain or cramping?", choices=PAIN_CHOICES),
    Field("one_sided_or_shoulder_pain", BOOLEAN, "One-sided or shoulder-tip pain"),
    Field("fever", BOOLEAN, "Fever of 38 C (100.4 F) or higher"),
    Field("dizzy_or_faint", BOOLEAN, "Feeling faint or dizzy, or fainted"),
    Field(
        "premenstrual_spotting_days",
        INTEGER,
        "Days of spotting before a period",
        minimum=0,
        maximum=14,
    ),
    Field("frequency", CHOICE, "How often does this happen?", choices=FREQUENCY_CHOICES),
    Field("after_intercourse", BOOLEAN, "Bleeding after sex"),
    Field("recent_procedure", BOOLEAN, "A procedure in the last 2 days"),
    Field("postmenopausal", BOOLEAN, "No period for 12 months or more"),
    Field("age", INTEGER, "Age", minimum=12, maximum=100),
)

FIELDS_BY_NAME = {field.name: field for field in FIELDS}
FIELD_NAMES = tuple(FIELDS_BY_NAME)

# Answers that make things worse: turning one on, or moving one up its scale,
# must never lower urgency (checked by the safety search and property tests).
RED_FLAG_FIELDS = ("one_sided_or_shoulder_pain", "fever", "dizzy_or_faint")
ORDERED_SEVERITY_FIELDS = {
    "pain": PAIN_CHOICES,
    "bleeding_amount": BLEEDING_CHOICES,
}

# Operators allowed in rule conditions, and which field kinds each applies to.
EQUALS = "equals"
IN = "in"
IS_TRUE = "is_true"
IS_FALSE = "is_false"
GTE = ">="
LTE = "<="
GT = ">"
LT = "<"

OPERATORS = (EQUALS, IN, IS_TRUE, IS_FALSE, GTE, LTE, GT, LT)
COMPARISON_OPERATORS = (GTE, LTE, GT, LT)
OPERATORS_FOR_KIND = {
    CHOICE: (EQUALS, IN),
    BOOLEAN: (IS_TRUE, IS_FALSE),
    INTEGER: (EQUALS, *COMPARISON_OPERATORS),
}

TRUE_STRINGS = ("true", "on", "yes", "1")
FALSE_STRINGS = ("false", "off", "no", "0", "")


def default_answers():
    """A complete, valid answer set describing nothing worrying."""
    return {
        "pregnancy": "no",
        "weeks_pregnant": None,
        "fertility_treatment": False,
        "bleeding_amount": "spotting",
        "pain": "none",
        "one_sided_or_shoulder_pain": False,
        "fever": False,
        "dizzy_or_faint": False,
        "premenstrual_spotting_days": 0,
        "frequency": "first_time",
        "after_intercourse": False,
        "recent_procedure": False,
        "postmenopausal": False,
        "age": 30,
    }
