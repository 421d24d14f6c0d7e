"""One vocabulary: every word readers and editors see about an answer comes from its `contract.Field`."""

import pytest

from triage import contract, forms
from triage.admin import ScenarioForm


def test_a_choice_field_takes_its_values_from_its_labels():
    spec = contract.FIELDS_BY_NAME["pain"]
    assert spec.choices == contract.PAIN_CHOICES == tuple(value for value, _ in spec.choice_labels)
    assert spec.choice_label("severe").startswith("Severe:")
    with pytest.raises(KeyError):
        spec.choice_label("unbearable")


def test_choice_labels_that_disagree_with_the_choices_are_refused():
    with pytest.raises(ValueError, match="do not match"):
        contract.Field(
            "pain", contract.CHOICE, "Pain", choices=("none", "mild"), choice_labels=(("none", "No"),)
        )


def test_every_field_says_what_is_wrong_with_its_answer_and_every_choice_has_words():
    for spec in contract.FIELDS:
        assert spec.error, spec.name
        if spec.kind == contract.CHOICE:
            assert len(spec.choice_labels) == len(spec.choices) > 0 and all(
                label for _, label in spec.choice_labels
            ), spec.name


def test_the_form_places_every_field_it_asks_once_and_each_has_a_hint():
    placed = []
    for kind, name, *group in forms.LAYOUT:
        placed.extend(group[-1] if kind == "checkboxes" else [name])
    # Version 1's merged pain answer is asked as the two version 2 questions.
    assert sorted(placed) == sorted(set(contract.FIELD_NAMES) - {contract.MERGED_PAIN})
    for name in placed:
        assert contract.FIELDS_BY_NAME[name].hint, name


def test_the_form_shows_the_contract_words():
    questions = {question.name: question for question in forms.TriageForm().questions}
    hormone = contract.FIELDS_BY_NAME["hormone_medicine"]
    assert questions["hormone_medicine"].legend == hormone.question
    assert [(option.value, option.label) for option in questions["hormone_medicine"].options] == list(
        hormone.choice_labels
    )
    assert questions["age"].legend == contract.FIELDS_BY_NAME["age"].label  # no separate question
    fever = next(option for option in questions["symptoms"].options if option.name == "fever")
    assert (fever.label, fever.hint) == (
        contract.FIELDS_BY_NAME["fever"].question,
        contract.FIELDS_BY_NAME["fever"].hint,
    )


def test_the_scenario_form_names_each_answer_as_rules_do_with_the_readers_words_beside_it():
    pain = ScenarioForm.base_fields["pain"]
    assert (pain.label, pain.help_text) == ("pain", contract.FIELDS_BY_NAME["pain"].label)
    assert ("severe", f"severe — {contract.FIELDS_BY_NAME['pain'].choice_label('severe')}") in pain.choices
