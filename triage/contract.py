"""The triage vocabulary: answer fields, their types and values, and dispositions.

This is the one source of truth for the public contract in
`docs/triage-contract.md`. Forms, model validation, the rule engine, scenario
files and templates all import these names; none of them retype the strings.
Plain Python: no Django imports, so the engine and its tests can use it alone.
The dispositions are the site's urgency words, defined once in
`spotting_site.dispositions` (the cause pages use them too) and part of this
contract through the names imported below.
"""

from dataclasses import dataclass

# Dispositions, most urgent first: the site's urgency words, shared with the cause pages.
from spotting_site.dispositions import (  # noqa: F401 (re-exported: part of the contract)
    APPOINTMENT,
    DISPOSITION_CHOICES,
    DISPOSITION_LABELS,
    DISPOSITION_SHORT_LABELS,
    DISPOSITIONS,
    EMERGENCY,
    SELF_CARE,
    URGENCY_RANK,
    URGENT,
    most_urgent,
)

# Field kinds.
CHOICE = "choice"
BOOLEAN = "boolean"
INTEGER = "integer"


def values_of(choice_labels):
    """The values of some (value, label) pairs, in order."""
    return tuple(value for value, _ in choice_labels)


@dataclass(frozen=True)
class Field:
    """One answer: its name and type, and the words readers and editors see for it.

    `label` is the short name of the question (the doctor's summary, the
    admin, plain-words descriptions of answer sets). `question` is what the
    form shows when that differs: a radio or number question's legend, a
    checkbox's label. `hint` is the form's explanation under it, `error` the
    message when the answer is missing or outside the contract, and
    `choice_labels` the (value, label) pairs of a choice question in the
    order readers see them; `choices` (the values alone) follows from them.
    """

    name: str
    kind: str
    label: str
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = True
    version: int = 1
    default: object = None  # what an absent optional answer means
    question: str = ""
    hint: str = ""
    error: str = ""
    choice_labels: tuple = ()

    def __post_init__(self):
        values = values_of(self.choice_labels)
        if not self.choices:
            # A frozen dataclass sets its own derived attribute this way (the documented idiom).
            object.__setattr__(self, "choices", values)
        elif self.choice_labels and values != self.choices:
            raise ValueError(f"{self.name}: choice labels {values} do not match the choices {self.choices}")

    @property
    def asked_as(self):
        """The words the form puts on this question: `question`, or `label` when there is none."""
        return self.question or self.label

    def choice_label(self, value):
        """The reader's words for one of this choice question's values. KeyError for any other value."""
        return dict(self.choice_labels)[value]

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


PREGNANCY_LABELS = (
    ("no", "No"),
    ("possible", "Possibly"),
    ("positive_test", "Yes, I have had a positive test"),
)
BLEEDING_LABELS = (
    ("spotting", "Spotting: a few drops or a brown or pink stain"),
    ("light", "Light: needs a panty liner"),
    ("period_like", "Like a period"),
    ("heavy", "Heavy: soaking a pad or more an hour, or passing large clots"),
)
PAIN_LABELS = (
    ("none", "No pain"),
    ("mild", "Mild: I notice it, but it does not stop me doing things"),
    ("moderate", "Moderate: it gets in the way of what I am doing"),
    ("severe", "Severe: I cannot do normal things, or it is the worst pain I have had"),
)
FREQUENCY_LABELS = (
    ("first_time", "This is the first time"),
    ("occasional", "Now and then"),
    ("most_cycles", "In most cycles"),
)
HORMONE_MEDICINE_LABELS = (
    ("none", "None of these"),
    ("contraception", "Hormonal contraception: the pill, patch, ring, injection, implant or hormonal coil"),
    ("hrt", "Hormone replacement therapy (HRT)"),
    ("tamoxifen", "Tamoxifen"),
)

PREGNANCY_CHOICES = values_of(PREGNANCY_LABELS)
BLEEDING_CHOICES = values_of(BLEEDING_LABELS)
PAIN_CHOICES = values_of(PAIN_LABELS)
FREQUENCY_CHOICES = values_of(FREQUENCY_LABELS)
HORMONE_MEDICINE_CHOICES = values_of(HORMONE_MEDICINE_LABELS)

FIELDS = (
    Field(
        "pregnancy",
        CHOICE,
        "Could you be pregnant?",
        choice_labels=PREGNANCY_LABELS,
        hint="Choose 'possibly' if you have had sex since your last period and have not done a test.",
        error="Select whether you could be pregnant",
    ),
    Field(
        "weeks_pregnant",
        INTEGER,
        "How many weeks pregnant are you?",
        minimum=1,
        maximum=45,
        required=False,
        hint="Only if you have had a positive test. Count from the first day of your last period. "
        "Leave it empty if you do not know.",
        error="Enter how many weeks pregnant you are as a whole number from 1 to 45, or leave it empty",
    ),
    Field(
        "fertility_treatment",
        BOOLEAN,
        "Are you having fertility treatment?",
        question="I am having fertility treatment",
        hint="You are having IUI or IVF, or taking fertility drugs or progesterone.",
        error="Select yes or no for fertility treatment",
    ),
    Field(
        "bleeding_amount",
        CHOICE,
        "How much are you bleeding?",
        choice_labels=BLEEDING_LABELS,
        hint="Think about the heaviest it has been today.",
        error="Select how much you are bleeding",
    ),
    Field(
        "pain",
        CHOICE,
        "How bad is any pain or cramping?",
        choice_labels=PAIN_LABELS,
        hint="Pain or cramps in your tummy or lower down, between your hips.",
        error="Select how bad any pain or cramping is",
    ),
    # Version 1's merged question: still accepted, asked on the form as the two version 2 ones.
    Field(
        "one_sided_or_shoulder_pain",
        BOOLEAN,
        "One-sided or shoulder-tip pain",
        error="Select yes or no for one-sided or shoulder-tip pain",
    ),
    Field(
        "fever",
        BOOLEAN,
        "Fever of 38 C (100.4 F) or higher",
        question="A fever",
        hint="A temperature of 38C (100.4F) or higher, or you feel hot and shivery.",
        error="Select yes or no for a fever",
    ),
    Field(
        "dizzy_or_faint",
        BOOLEAN,
        "Feeling faint or dizzy, or fainted",
        question="Feeling faint or dizzy",
        hint="You feel faint or dizzy, or you have fainted.",
        error="Select yes or no for feeling faint or dizzy",
    ),
    Field(
        "premenstrual_spotting_days",
        INTEGER,
        "Days of spotting before a period",
        minimum=0,
        maximum=14,
        hint="How many days of spotting you usually have before your period starts. Enter 0 if none.",
        error="Enter the number of days of spotting before a period as a whole number from 0 to 14",
    ),
    Field(
        "frequency",
        CHOICE,
        "How often does this happen?",
        choice_labels=FREQUENCY_LABELS,
        hint="How often you bleed between periods.",
        error="Select how often this happens",
    ),
    Field(
        "after_intercourse",
        BOOLEAN,
        "Bleeding after sex",
        question="The bleeding was after sex",
        hint="The bleeding started after sex.",
        error="Select yes or no for bleeding after sex",
    ),
    Field(
        "recent_procedure",
        BOOLEAN,
        "A procedure in the last 2 days",
        question="I had a procedure in the last 2 days",
        hint="In the last 2 days you had a smear test, an internal (transvaginal) scan, "
        "or an IUI or IVF procedure.",
        error="Select yes or no for a recent procedure",
    ),
    Field(
        "postmenopausal",
        BOOLEAN,
        "No period for 12 months or more",
        question="My periods stopped 12 months ago or more",
        hint="You have had no period for 12 months or more.",
        error="Select yes or no for no period for 12 months or more",
    ),
    Field(
        "age",
        INTEGER,
        "Age",
        minimum=12,
        maximum=100,
        hint="In years.",
        error="Enter your age as a whole number from 12 to 100",
    ),
    # Version 2 additions: optional, absent means false / none (docs/triage-contract.md).
    Field(
        "one_sided_pain",
        BOOLEAN,
        "Pain on one side of the lower tummy",
        required=False,
        version=2,
        question="Pain on one side of my lower tummy",
        hint="Pain low down in your tummy, on the left or the right side.",
        error="Select yes or no for pain on one side of your lower tummy",
    ),
    Field(
        "shoulder_tip_pain",
        BOOLEAN,
        "Shoulder-tip pain",
        required=False,
        version=2,
        question="Pain in the tip of my shoulder",
        hint="Pain where your shoulder ends and your arm begins, and you have not hurt it.",
        error="Select yes or no for shoulder-tip pain",
    ),
    Field(
        "previous_ectopic",
        BOOLEAN,
        "An ectopic pregnancy before, or surgery on the fallopian tubes",
        required=False,
        version=2,
        question="I had an ectopic pregnancy or tube surgery before",
        hint="You had an ectopic pregnancy before, or an operation on your fallopian tubes.",
        error="Select yes or no for an ectopic pregnancy or tube surgery before",
    ),
    Field(
        "coil_in_place",
        BOOLEAN,
        "A coil (IUD or IUS) in place now",
        required=False,
        version=2,
        question="I have a coil in place",
        hint="You have a coil now: a copper coil (IUD) or a hormone coil (IUS).",
        error="Select yes or no for a coil in place",
    ),
    Field(
        "ohss_signs",
        BOOLEAN,
        "Since fertility treatment: swollen tummy, feeling sick, breathless or passing little urine",
        required=False,
        version=2,
        question="Since fertility treatment: a swollen tummy, being sick, short of breath or peeing less",
        hint="Since your fertility treatment: your tummy is swollen or tight, you feel or are sick, "
        "you are short of breath, or you pee much less than usual.",
        error="Select yes or no for a swollen tummy, sickness, breathlessness or little urine",
    ),
    Field(
        "unusual_discharge",
        BOOLEAN,
        "Unusual, smelly or discoloured discharge",
        required=False,
        version=2,
        question="Unusual discharge",
        hint="Discharge from your vagina that is a new colour, smells bad or is not normal for you.",
        error="Select yes or no for unusual discharge",
    ),
    Field(
        "hormone_medicine",
        CHOICE,
        "Hormone medicine taken now",
        choice_labels=HORMONE_MEDICINE_LABELS,
        required=False,
        version=2,
        default="none",
        question="Do you take any of these hormone medicines now?",
        hint="Tamoxifen is a medicine for breast cancer. HRT is a hormone medicine for the menopause.",
        error="Select which hormone medicine you take, or none",
    ),
)

FIELDS_BY_NAME = {field.name: field for field in FIELDS}
FIELD_NAMES = tuple(FIELDS_BY_NAME)
VERSION_1_FIELD_NAMES = tuple(spec.name for spec in FIELDS if spec.version == 1)
VERSION_2_FIELD_NAMES = tuple(spec.name for spec in FIELDS if spec.version == 2)
CONTRACT_VERSION = 2

# The version 1 pain question asked two things at once; version 2 asks them apart.
MERGED_PAIN = "one_sided_or_shoulder_pain"
SPLIT_PAIN = ("one_sided_pain", "shoulder_tip_pain")

# Fields `normalise` ties together: a condition on one of them depends on them all.
COUPLED_FIELDS = (("pregnancy", "weeks_pregnant"), (MERGED_PAIN, *SPLIT_PAIN))
COUPLED_WITH = {name: group for group in COUPLED_FIELDS for name in group}
COUPLING_NOTES = {
    "pregnancy": "weeks pregnant only counts with a positive pregnancy test",
    MERGED_PAIN: (
        f"{MERGED_PAIN} is yes exactly when {SPLIT_PAIN[0]} or {SPLIT_PAIN[1]} is yes "
        "(contract version 2 reads the merged answer from the two)"
    ),
}

# Answers that make things worse: turning one on, or moving one up its scale,
# must never lower urgency (checked by the safety search and property tests).
RED_FLAG_FIELDS = (
    "one_sided_or_shoulder_pain",
    "fever",
    "dizzy_or_faint",
    "one_sided_pain",
    "shoulder_tip_pain",
    "previous_ectopic",
    "ohss_signs",
    "unusual_discharge",
)
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
        "one_sided_pain": False,
        "shoulder_tip_pain": False,
        "previous_ectopic": False,
        "coil_in_place": False,
        "ohss_signs": False,
        "unusual_discharge": False,
        "hormone_medicine": "none",
    }


# Parsing answers -----------------------------------------------------------
#
# Answers arrive as strings from an HTML form and as JSON values from scenario
# files. Both go through `parse_answers`, so the form, the admin and the
# scenario runner accept exactly the same things and name the same problems.


class AnswerError(ValueError):
    """One answer that is missing or outside the contract."""


def parse_boolean(raw):
    """A boolean answer from JSON (true/false) or a form ("true", "false", "on", absent)."""
    if isinstance(raw, bool):
        return raw
    if raw is None:
        return False
    if isinstance(raw, str) and raw.strip().lower() in TRUE_STRINGS:
        return True
    if isinstance(raw, str) and raw.strip().lower() in FALSE_STRINGS:
        return False
    raise AnswerError("not true or false")


def parse_integer(raw, field):
    """A whole number within the field's range; `None` for an empty optional answer."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if field.required:
            raise AnswerError("missing")
        return None
    if isinstance(raw, bool):
        raise AnswerError("not a whole number")
    if isinstance(raw, str):
        text = raw.strip()
        if not (text.isascii() and text.isdigit()):
            raise AnswerError("not a whole number")
        # More digits than the maximum has is out of range whatever they are;
        # checking first also keeps int() away from absurdly long input.
        if len(text.lstrip("0")) > len(str(field.maximum)):
            raise AnswerError("out of range")
        value = int(text)
    elif isinstance(raw, int):
        value = raw
    else:
        raise AnswerError("not a whole number")
    if not field.minimum <= value <= field.maximum:
        raise AnswerError("out of range")
    return value


def parse_choice(raw, field):
    if not field.required and (raw is None or raw == ""):
        return field.default
    if isinstance(raw, str) and raw in field.choices:
        return raw
    raise AnswerError("not one of the choices")


def parse_value(field, raw):
    """One answer parsed to its Python type. Raises AnswerError."""
    if field.kind == BOOLEAN:
        return parse_boolean(raw)
    if field.kind == INTEGER:
        return parse_integer(raw, field)
    return parse_choice(raw, field)


def normalise(answers):
    """Answers in their canonical form.

    Weeks pregnant only counts with a positive test. The version 1 pain field
    and the two version 2 pain fields always agree: when only the version 1
    field says yes, both version 2 fields read yes (the cautious reading the
    contract asks for); otherwise the version 1 field is yes when either
    version 2 field is.
    """
    if answers.get("pregnancy") != "positive_test":
        answers = {**answers, "weeks_pregnant": None}
    if any(name in answers for name in (MERGED_PAIN, *SPLIT_PAIN)):
        one_sided, shoulder = (answers.get(name) is True for name in SPLIT_PAIN)
        if answers.get(MERGED_PAIN) is True and not (one_sided or shoulder):
            one_sided = shoulder = True
        answers = {
            **answers,
            MERGED_PAIN: one_sided or shoulder,
            SPLIT_PAIN[0]: one_sided,
            SPLIT_PAIN[1]: shoulder,
        }
    return answers


def parse_answers(raw, allow_unknown=False):
    """Parse a mapping of raw answers. Returns (answers, errors).

    `answers` holds every field that parsed; `errors` maps each field in error
    to a plain message naming it. A complete, normalised answer set comes back
    only when `errors` is empty. Absent booleans mean false and an absent
    optional number means empty, as the contract says. Unknown names are
    errors unless `allow_unknown` (a form POST also carries its CSRF token).
    """
    answers, errors = {}, {}
    for field in FIELDS:
        try:
            answers[field.name] = parse_value(field, raw.get(field.name))
        except AnswerError:
            errors[field.name] = field.error
    if not allow_unknown:
        for name in raw:
            if name not in FIELDS_BY_NAME:
                errors[name] = f"Unknown answer {name!r}: the contract has no such field"
    if errors:
        return answers, errors
    return normalise(answers), {}


def is_valid_answer_set(answers):
    """True if `answers` is a complete set of already-parsed values."""
    return set(answers) == set(FIELD_NAMES) and all(
        FIELDS_BY_NAME[name].accepts(value) for name, value in answers.items()
    )


def answers_to_json(answers):
    """Parsed answers as a JSON-ready dict in contract order (the scenario file format)."""
    return {name: answers.get(name) for name in FIELD_NAMES}
