"""The public triage form: the questions readers see, built from the contract.

Parsing and validation are `triage.contract.parse_answers`, the same code the
scenario files and the admin use. This module adds what only readers need:
plain-language hints, the order and grouping of questions, input ids for the
error summary's links, and the reader's own answers kept after an error.
"""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe

from triage import contract

HINTS = {
    "pregnancy": "Choose 'possibly' if you have had sex since your last period and have not done a test.",
    "weeks_pregnant": "Only if you have had a positive test. Count from the first day of your last period. "
    "Leave it empty if you do not know.",
    "bleeding_amount": "Think about the heaviest it has been today.",
    "pain": "Pain or cramps in your tummy or lower down, between your hips.",
    "premenstrual_spotting_days": "How many days of spotting you usually have before your period starts. "
    "Enter 0 if none.",
    "frequency": "How often you bleed between periods.",
    "age": "In years.",
    "hormone_medicine": "Tamoxifen is a medicine for breast cancer. HRT is a hormone medicine for the "
    "menopause.",
}

CHECKBOX_HINTS = {
    "one_sided_pain": "Pain low down in your tummy, on the left or the right side.",
    "shoulder_tip_pain": "Pain where your shoulder ends and your arm begins, and you have not hurt it.",
    "previous_ectopic": "You had an ectopic pregnancy before, or an operation on your fallopian tubes.",
    "coil_in_place": "You have a coil now: a copper coil (IUD) or a hormone coil (IUS).",
    "ohss_signs": "Since your fertility treatment: your tummy is swollen or tight, you feel or are sick, "
    "you are short of breath, or you pee much less than usual.",
    "unusual_discharge": "Discharge from your vagina that is a new colour, smells bad or is not normal "
    "for you.",
    "fever": "A temperature of 38C (100.4F) or higher, or you feel hot and shivery.",
    "dizzy_or_faint": "You feel faint or dizzy, or you have fainted.",
    "fertility_treatment": "You are having IUI or IVF, or taking fertility drugs or progesterone.",
    "after_intercourse": "The bleeding started after sex.",
    "recent_procedure": "In the last 2 days you had a smear test, an internal (transvaginal) scan, "
    "or an IUI or IVF procedure.",
    "postmenopausal": "You have had no period for 12 months or more.",
}

CHECKBOX_LABELS = {
    "one_sided_pain": "Pain on one side of my lower tummy",
    "shoulder_tip_pain": "Pain in the tip of my shoulder",
    "previous_ectopic": "I had an ectopic pregnancy or tube surgery before",
    "coil_in_place": "I have a coil in place",
    "ohss_signs": "Since fertility treatment: a swollen tummy, being sick, short of breath or peeing less",
    "unusual_discharge": "Unusual discharge",
    "fever": "A fever",
    "dizzy_or_faint": "Feeling faint or dizzy",
    "fertility_treatment": "I am having fertility treatment",
    "after_intercourse": "The bleeding was after sex",
    "recent_procedure": "I had a procedure in the last 2 days",
    "postmenopausal": "My periods stopped 12 months ago or more",
}

# Questions in the order readers answer them, in three sections: the danger signs
# first (so a reader in danger can get advice after one screen, through the
# incomplete-answers advice), then pregnancy and what follows from it, then the
# rest. A group of booleans is one question ("select any that apply") shown as
# checkboxes.


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    intro: str
    items: tuple
    # Offer a button at the end of this section that sends the answers so far.
    early_submit: bool = False


SECTIONS = (
    Section(
        "danger-signs",
        "Danger signs",
        "Answer these first.",
        (
            ("radios", "pain"),
            ("radios", "bleeding_amount"),
            (
                "checkboxes",
                "danger_signs",
                "Do you have any of these now?",
                "Select any that apply.",
                ("dizzy_or_faint", "shoulder_tip_pain"),
            ),
        ),
        early_submit=True,
    ),
    Section(
        "pregnancy-questions",
        "Pregnancy",
        "",
        (
            ("radios", "pregnancy"),
            ("number", "weeks_pregnant"),
            (
                "checkboxes",
                "pregnancy_risks",
                "Do any of these apply to you?",
                "Select any that apply. These can change how soon you need to be seen.",
                ("previous_ectopic", "coil_in_place", "fertility_treatment", "ohss_signs"),
            ),
        ),
    ),
    Section(
        "more-questions",
        "More about your bleeding and you",
        "",
        (
            (
                "checkboxes",
                "symptoms",
                "Do you have any of these?",
                "Select any that apply.",
                ("one_sided_pain", "fever", "unusual_discharge"),
            ),
            ("radios", "frequency"),
            ("number", "premenstrual_spotting_days"),
            (
                "checkboxes",
                "about_you",
                "Do any of these apply to you?",
                "Select any that apply.",
                ("after_intercourse", "recent_procedure", "postmenopausal"),
            ),
            ("radios", "hormone_medicine"),
            ("number", "age"),
        ),
    ),
)

LAYOUT = tuple(item for section in SECTIONS for item in section.items)

# Questions whose legend for readers differs from the contract's short label.
LEGENDS = {
    "hormone_medicine": "Do you take any of these hormone medicines now?",
}


MAX_ANSWER_LENGTH = 100


@dataclass
class Option:
    name: str
    value: str
    label: str
    id: str
    checked: bool
    hint: str = ""
    error: str = ""


@dataclass
class Question:
    kind: str
    name: str
    legend: str
    hint: str
    id: str  # the first input's id: where the error summary's link goes
    options: list = field(default_factory=list)
    value: str = ""
    errors: list = field(default_factory=list)

    @property
    def error_ids(self):
        return f"{self.name}-error" if self.errors else ""


def input_id(field_name, index=0):
    return field_name if index == 0 else f"{field_name}-{index + 1}"


class TriageForm:
    """Binds raw POST data, validates it through the contract, and lays out the questions."""

    def __init__(self, data=None):
        self.data = data
        self.answers, self.errors = ({}, {}) if data is None else self._parse()

    def _parse(self):
        # No valid answer is anywhere near this long. Refusing longer ones before parsing keeps
        # huge numbers away from int(), which raises ValueError past 4,300 digits.
        too_long = [name for name in contract.FIELD_NAMES if len(self._raw(name)) > MAX_ANSWER_LENGTH]
        kept = {name: self.data.get(name) for name in contract.FIELD_NAMES if name not in too_long}
        answers, errors = contract.parse_answers(kept)
        errors.update((name, contract.ERROR_MESSAGES[name]) for name in too_long)
        return answers, errors

    def is_valid(self):
        return self.data is not None and not self.errors

    def _raw(self, name):
        if self.data is None:
            return ""
        value = self.data.get(name, "")
        return value if isinstance(value, str) else ""

    @property
    def questions(self):
        return [self._question(*item) for item in LAYOUT]

    @property
    def sections(self):
        """(section, its questions) in the order readers see them."""
        return [(section, [self._question(*item) for item in section.items]) for section in SECTIONS]

    @property
    def error_list(self):
        """(message, input id) for each field in error, in the order of the questions."""
        links = []
        for question in self.questions:
            if question.kind == "checkboxes":
                links.extend((option.error, option.id) for option in question.options if option.error)
            elif question.errors:
                links.append((question.errors[0], question.id))
        return links

    def _merged_error(self, field_name):
        # A version 1 post's merged pain answer has no question of its own on this form: its
        # error shows at the first of the two questions that replace it.
        if field_name == contract.SPLIT_PAIN[0]:
            return self.errors.get(contract.MERGED_PAIN, "")
        return ""

    def _question(self, kind, name, *group):
        if kind == "checkboxes":
            legend, hint, names = group
            options = [
                Option(
                    name=field_name,
                    value="true",
                    label=CHECKBOX_LABELS[field_name],
                    id=input_id(field_name),
                    checked=self._raw(field_name).strip().lower() in contract.TRUE_STRINGS,
                    hint=CHECKBOX_HINTS[field_name],
                    error=self.errors.get(field_name, "") or self._merged_error(field_name),
                )
                for field_name in names
            ]
            errors = [option.error for option in options if option.error]
            return Question(kind, name, legend, hint, options[0].id, options=options, errors=errors)
        spec = contract.FIELDS_BY_NAME[name]
        errors = [self.errors[name]] if name in self.errors else []
        legend = LEGENDS.get(name, spec.label)
        question = Question(kind, name, legend, HINTS.get(name, ""), input_id(name), errors=errors)
        if kind == "radios":
            question.options = [
                Option(
                    name,
                    value,
                    contract.CHOICE_LABELS[name][value],
                    input_id(name, index),
                    self._raw(name) == value,
                )
                for index, value in enumerate(spec.choices)
            ]
        else:
            question.value = self._raw(name)
        return question


def summary_of_answers(answers):
    """The reader's answers in plain words, for the printable summary for their doctor.

    Returned as the escaped rows of the summary's description list: one
    answer per row for every question, built in one call rather than a
    template loop (the result page is the one page every reader gets).
    """
    lines = _summary_lines(answers)
    rows = (f"<div><dt>{escape(label)}</dt><dd>{escape(text)}</dd></div>" for label, text in lines)
    # Safe: every label and answer was escaped (quotes included) just above.
    return mark_safe("".join(rows))


def _summary_lines(answers):
    lines = []
    for spec in contract.FIELDS:
        if spec.name == contract.MERGED_PAIN:
            continue  # said by the two version 2 pain answers, which it is read from
        value = answers.get(spec.name)
        if spec.kind == contract.CHOICE:
            text = contract.CHOICE_LABELS[spec.name][value]
        elif spec.kind == contract.BOOLEAN:
            text = "Yes" if value else "No"
        elif value is None:
            continue
        else:
            text = str(value)
        lines.append((spec.label, text))
    return lines
