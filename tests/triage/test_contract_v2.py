"""Contract version 2: the seven new answers, their defaults, and version 1 posts read as before."""

import json

import pytest

from tests.triage.form_data import form_data
from triage import contract
from triage.starter_rules import SCENARIO_FILE, read_scenario_file

NEW_BOOLEANS = (
    "one_sided_pain",
    "shoulder_tip_pain",
    "previous_ectopic",
    "coil_in_place",
    "ohss_signs",
    "unusual_discharge",
)


def test_version_2_adds_exactly_the_seven_fields_of_the_shared_contract():
    assert (*NEW_BOOLEANS, "hormone_medicine") == contract.VERSION_2_FIELD_NAMES
    medicines = contract.FIELDS_BY_NAME["hormone_medicine"].choices
    assert medicines == ("none", "contraception", "hrt", "tamoxifen")
    assert set(contract.FIELD_NAMES) == {*contract.VERSION_1_FIELD_NAMES, *contract.VERSION_2_FIELD_NAMES}
    assert contract.MERGED_PAIN in contract.VERSION_1_FIELD_NAMES


def test_absent_version_2_fields_mean_false_and_none():
    answers, errors = contract.parse_answers(form_data())
    assert errors == {}
    assert all(answers[name] is False for name in NEW_BOOLEANS)
    assert answers["hormone_medicine"] == "none"


@pytest.mark.parametrize("name", NEW_BOOLEANS)
@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("on", True), ("false", False), ("", False)])
def test_every_new_yes_no_answer_parses_from_form_strings(name, raw, expected):
    answers, errors = contract.parse_answers(form_data(**{name: raw}))
    assert errors == {}
    assert answers[name] is expected


@pytest.mark.parametrize("name", NEW_BOOLEANS)
def test_every_new_yes_no_answer_parses_from_json_and_refuses_anything_else(name):
    assert contract.parse_answers(form_data(**{name: True}))[0][name] is True
    _, errors = contract.parse_answers(form_data(**{name: "perhaps"}))
    assert set(errors) == {name}


@pytest.mark.parametrize("value", contract.HORMONE_MEDICINE_CHOICES)
def test_every_hormone_medicine_value_parses(value):
    answers, errors = contract.parse_answers(form_data(hormone_medicine=value))
    assert errors == {}
    assert answers["hormone_medicine"] == value


@pytest.mark.parametrize("raw", ["pill", "HRT", "none ", 1, True])
def test_a_hormone_medicine_outside_the_contract_is_an_error_naming_it(raw):
    _, errors = contract.parse_answers(form_data(hormone_medicine=raw))
    assert set(errors) == {"hormone_medicine"}
    assert "hormone medicine" in errors["hormone_medicine"]


def test_the_version_1_merged_pain_answer_alone_reads_as_both_version_2_pain_answers():
    answers, errors = contract.parse_answers(form_data(one_sided_or_shoulder_pain="on"))
    assert errors == {}
    assert answers["one_sided_pain"] is True and answers["shoulder_tip_pain"] is True
    assert answers[contract.MERGED_PAIN] is True


@pytest.mark.parametrize(
    ("one_sided", "shoulder"), [("true", None), (None, "true"), ("true", "true"), ("true", "false")]
)
def test_the_version_2_pain_answers_decide_the_merged_one_when_either_is_yes(one_sided, shoulder):
    raw = form_data(one_sided_pain=one_sided, shoulder_tip_pain=shoulder)
    for merged in (None, "true", "false"):
        answers, errors = contract.parse_answers({**raw, contract.MERGED_PAIN: merged} if merged else raw)
        assert errors == {}
        assert answers["one_sided_pain"] is (one_sided == "true")
        assert answers["shoulder_tip_pain"] is (shoulder == "true")
        assert answers[contract.MERGED_PAIN] is True


def test_no_pain_in_any_version_is_no_pain_in_all():
    answers, _ = contract.parse_answers(form_data(one_sided_pain="false", shoulder_tip_pain="false"))
    assert not any(answers[name] for name in (contract.MERGED_PAIN, *contract.SPLIT_PAIN))


def test_an_invalid_merged_pain_answer_is_still_an_error_naming_it():
    _, errors = contract.parse_answers(form_data(one_sided_or_shoulder_pain="2"))
    assert set(errors) == {contract.MERGED_PAIN}


def test_a_version_1_scenario_with_only_version_1_fields_parses_and_round_trips_to_every_field():
    items = read_scenario_file(SCENARIO_FILE)
    version_1 = [item for item in items if "hormone_medicine" not in item["answers"]]
    assert len(version_1) >= 30
    for item in version_1:
        answers, errors = contract.parse_answers(item["answers"])
        assert errors == {}, item["name"]
        stored = json.loads(json.dumps(contract.answers_to_json(answers)))
        assert set(stored) == set(contract.FIELD_NAMES)
        assert contract.parse_answers(stored) == (answers, {})


def test_normalising_is_idempotent_for_every_pain_combination():
    for merged in (False, True):
        for one_sided in (False, True):
            for shoulder in (False, True):
                answers = {
                    **contract.default_answers(),
                    contract.MERGED_PAIN: merged,
                    "one_sided_pain": one_sided,
                    "shoulder_tip_pain": shoulder,
                }
                once = contract.normalise(answers)
                assert contract.normalise(once) == once
                assert once[contract.MERGED_PAIN] == (once["one_sided_pain"] or once["shoulder_tip_pain"])


@pytest.mark.parametrize(
    ("field", "operator", "value"),
    [
        ("shoulder_tip_pain", "is_true", ""),
        ("one_sided_pain", "is_false", ""),
        ("previous_ectopic", "is_true", ""),
        ("coil_in_place", "is_true", ""),
        ("ohss_signs", "is_true", ""),
        ("unusual_discharge", "is_true", ""),
        ("hormone_medicine", "equals", "tamoxifen"),
        ("hormone_medicine", "in", "hrt, contraception"),
    ],
)
def test_conditions_on_every_new_field_are_accepted_as_editors_type_them(field, operator, value):
    from triage import engine

    checked = engine.validate_condition(engine.Condition(field, operator, value))
    assert checked.field == field


@pytest.mark.parametrize(
    ("field", "operator", "value", "message"),
    [
        ("hormone_medicine", "equals", "pill", "not a value of hormone_medicine"),
        ("hormone_medicine", "is_true", "", "does not work with hormone_medicine"),
        ("coil_in_place", "equals", "copper", "does not work with coil_in_place"),
        ("shoulder_tip_pain", "is_true", "yes", "takes no value"),
    ],
)
def test_conditions_that_do_not_fit_a_new_field_are_refused_with_a_clear_message(
    field, operator, value, message
):
    from triage import engine

    with pytest.raises(engine.ConditionError, match=message):
        engine.validate_condition(engine.Condition(field, operator, value))


def test_the_admin_offers_every_field_of_both_versions_for_conditions_and_scenarios():
    from triage.admin import ScenarioForm
    from triage.models import FIELD_CHOICES

    assert [name for name, _label in FIELD_CHOICES] == list(contract.FIELD_NAMES)
    assert set(contract.FIELD_NAMES) <= set(ScenarioForm.base_fields)


def test_a_rule_whose_merged_and_split_pain_conditions_contradict_each_other_is_refused():
    from triage import engine

    never = [
        engine.Condition(contract.MERGED_PAIN, "is_false"),
        engine.Condition("one_sided_pain", "is_true"),
    ]
    (problem,) = engine.validate_rule_conditions(never)
    assert "can never all be true" in problem and "one_sided_pain" in problem
    # Merged yes with one half no is still possible: the other half says yes.
    possible = [
        engine.Condition(contract.MERGED_PAIN, "is_true"),
        engine.Condition("one_sided_pain", "is_false"),
    ]
    assert engine.validate_rule_conditions(possible) == []
