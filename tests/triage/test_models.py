"""Model validation: conditions, scenarios and rule messages refused or cleaned at save."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from triage import contract
from triage.models import Condition, Rule, RuleSet, Scenario


@pytest.fixture
def draft_rule(db):
    ruleset = RuleSet.objects.create()
    return Rule.objects.create(
        ruleset=ruleset, name="r", disposition="urgent", message="m", source_citation="s"
    )


@pytest.mark.parametrize(
    ("field", "operator", "value", "message"),
    [
        ("mood", "is_true", "", "Unknown field"),
        ("age", ">=", "old", "whole number"),
        ("age", ">", "100", "can never be true"),
        ("weeks_pregnant", "<", "1", "can never be true"),
        ("pain", "in", "", "at least one value"),
        ("pain", "is_true", "", "does not work with pain"),
        ("frequency", "equals", "weekly", "not a value of frequency"),
    ],
)
def test_a_bad_condition_is_refused_at_save_with_a_message_on_the_value(
    draft_rule, field, operator, value, message
):
    condition = Condition(rule=draft_rule, field=field, operator=operator, value=value)
    with pytest.raises(ValidationError) as raised:
        condition.full_clean()
    assert message in " ".join(
        raised.value.message_dict.get("value", []) + raised.value.message_dict.get("field", [])
    )


def test_a_valid_condition_is_stored_in_its_canonical_form(draft_rule):
    condition = Condition(rule=draft_rule, field="pain", operator="in", value=" mild ,moderate,mild")
    condition.full_clean()
    assert condition.value == "mild,moderate"


def test_rules_and_conditions_of_a_live_ruleset_cannot_be_changed(draft_rule):
    ruleset = draft_rule.ruleset
    ruleset.status = RuleSet.Status.LIVE
    ruleset.save()
    draft_rule.refresh_from_db()
    with pytest.raises(ValidationError, match="Only a draft"):
        draft_rule.full_clean()
    with pytest.raises(ValidationError, match="Only a draft"):
        Condition(rule=draft_rule, field="fever", operator="is_true").full_clean()


def test_only_one_ruleset_can_be_live(db):
    RuleSet.objects.create(status=RuleSet.Status.LIVE)
    with pytest.raises(IntegrityError), transaction.atomic():
        RuleSet.objects.create(status=RuleSet.Status.LIVE)


def test_versions_number_themselves(db):
    assert [RuleSet.objects.create().version for _ in range(3)] == [1, 2, 3]


def test_rule_messages_are_rendered_once_to_sanitized_html(draft_rule):
    draft_rule.message = (
        "Call **today**. <script>alert(1)</script> [NICE](https://www.nice.org.uk) "
        "[x](javascript:alert(1))\n\n## Big"
    )
    draft_rule.save()
    html = draft_rule.message_html
    assert "<strong>today</strong>" in html
    assert "<script" not in html and "alert(1)" not in html.replace("javascript", "")
    assert 'href="https://www.nice.org.uk"' in html and 'rel="noopener noreferrer"' in html
    assert "javascript:" not in html
    assert "<h2" not in html


def test_scenario_answers_are_validated_against_the_contract(db):
    scenario = Scenario(
        name="bad", answers={**contract.default_answers(), "pain": "agony", "age": 7}, expected="urgent"
    )
    with pytest.raises(ValidationError) as raised:
        scenario.full_clean()
    text = " ".join(raised.value.message_dict["answers"])
    assert "pain" in text and "age" in text


def test_scenario_answers_may_leave_out_optional_fields(db):
    answers = contract.default_answers()
    for optional in ("weeks_pregnant", "fever", "postmenopausal"):
        answers.pop(optional)
    scenario = Scenario(ruleset=RuleSet.objects.create(), name="short", answers=answers, expected="self_care")
    scenario.full_clean()
    assert scenario.answers["fever"] is False and scenario.answers["weeks_pregnant"] is None


def test_conditions_read_as_editors_wrote_them(draft_rule):
    condition = Condition(rule=draft_rule, field="pregnancy", operator="in", value="possible,positive_test")
    assert str(condition) == "pregnancy in [possible, positive_test]"
    assert str(Condition(rule=draft_rule, field="age", operator=">=", value="55")) == "age >= 55"
    assert str(Condition(rule=draft_rule, field="age", operator=">=", value="old")) == "age >= old"
