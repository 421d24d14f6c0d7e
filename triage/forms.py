"""The public triage form: the questions readers see, built from the contract.

Parsing and validation are `triage.contract.parse_answers`, the same code the
scenario files and the admin use. This module adds what only readers need:
the order and grouping of questions, input ids for the error summary's links,
and the reader's own answers kept after an error. Every word a reader sees
about a question (legend, checkbox label, hint, choice labels, error message)
comes from that question's `contract.Field`; this module names fields only to
place them.
"""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe

from triage import contract

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
        errors.update((name, contract.FIELDS_BY_NAME[name].error) for name in too_long)
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
            specs = [contract.FIELDS_BY_NAME[field_name] for field_name in names]
            options = [
                Option(
                    name=spec.name,
                    value="true",
                    label=spec.asked_as,
                    id=input_id(spec.name),
                    checked=self._raw(spec.name).strip().lower() in contract.TRUE_STRINGS,
                    hint=spec.hint,
                    error=self.errors.get(spec.name, "") or self._merged_error(spec.name),
                )
                for spec in specs
            ]
            errors = [option.error for option in options if option.error]
            return Question(kind, name, legend, hint, options[0].id, options=options, errors=errors)
        spec = contract.FIELDS_BY_NAME[name]
        errors = [self.errors[name]] if name in self.errors else []
        question = Question(kind, name, spec.asked_as, spec.hint, input_id(name), errors=errors)
        if kind == "radios":
            question.options = [
                Option(
                    name,
                    value,
                    label,
                    input_id(name, index),
                    self._raw(name) == value,
                )
                for index, (value, label) in enumerate(spec.choice_labels)
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
            text = spec.choice_label(value)
        elif spec.kind == contract.BOOLEAN:
            text = "Yes" if value else "No"
        elif value is None:
            continue
        else:
            text = str(value)
        lines.append((spec.label, text))
    return lines
