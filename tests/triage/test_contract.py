"""Parsing answers against the contract: what the form, the admin and scenario files accept."""

import pytest

from tests.triage.form_data import form_data
from triage import contract


@pytest.mark.parametrize("raw", ["true", "on", "TRUE", True])
def test_boolean_answers_understand_true_and_on(raw):
    answers, errors = contract.parse_answers(form_data(fever=raw))
    assert errors == {}
    assert answers["fever"] is True


@pytest.mark.parametrize("raw", ["false", "", False, None])
def test_boolean_answers_understand_false_and_an_absent_checkbox(raw):
    answers, errors = contract.parse_answers(form_data(fever=raw))
    assert errors == {}
    assert answers["fever"] is False


def test_a_boolean_that_is_neither_true_nor_false_is_an_error_naming_the_field():
    _, errors = contract.parse_answers(form_data(fever="maybe"))
    assert set(errors) == {"fever"}
    assert "fever" in errors["fever"]


@pytest.mark.parametrize("raw", ["11", "101", "thirty", "30.5", "-3", " ", "３０"])
def test_age_outside_the_contract_is_an_error(raw):
    _, errors = contract.parse_answers(form_data(age=raw))
    assert set(errors) == {"age"}


def test_weeks_pregnant_may_be_empty_and_counts_only_with_a_positive_test():
    answers, errors = contract.parse_answers(form_data(weeks_pregnant=""))
    assert errors == {} and answers["weeks_pregnant"] is None
    answers, _ = contract.parse_answers(form_data(weeks_pregnant="30"))
    assert answers["weeks_pregnant"] is None
    answers, _ = contract.parse_answers(form_data(pregnancy="positive_test", weeks_pregnant="30"))
    assert answers["weeks_pregnant"] == 30


@pytest.mark.parametrize("raw", ["0", "46"])
def test_weeks_pregnant_outside_1_to_45_is_an_error(raw):
    _, errors = contract.parse_answers(form_data(pregnancy="positive_test", weeks_pregnant=raw))
    assert set(errors) == {"weeks_pregnant"}


def test_a_missing_required_choice_is_an_error_and_every_error_is_reported_together():
    _, errors = contract.parse_answers(form_data(pregnancy=None, pain="agony", age="7"))
    assert set(errors) == {"pregnancy", "pain", "age"}


def test_unknown_fields_are_errors_in_scenario_files_but_ignored_in_a_form_post():
    data = form_data(csrfmiddlewaretoken="x")
    assert "csrfmiddlewaretoken" in contract.parse_answers(data)[1]
    assert contract.parse_answers(data, allow_unknown=True)[1] == {}


def test_json_scenario_values_parse_to_the_same_answers_as_form_strings():
    json_answers = {**contract.default_answers(), "fever": True, "age": 44}
    from_json, json_errors = contract.parse_answers(json_answers)
    from_form, form_errors = contract.parse_answers(form_data(fever="on", age="44"))
    assert json_errors == form_errors == {}
    assert from_json == from_form
    assert contract.is_valid_answer_set(from_json)


def test_a_json_boolean_is_not_accepted_as_a_number():
    _, errors = contract.parse_answers({**contract.default_answers(), "age": True})
    assert set(errors) == {"age"}
