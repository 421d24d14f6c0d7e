"""Rule messages take their numbers from the rule's conditions, and the draft check says when not."""

from dataclasses import replace

from triage import contract, default_rules, engine, messages

SPOTTING = engine.Rule(
    id=1,
    name="Spotting before a period",
    disposition=contract.APPOINTMENT,
    conditions=(engine.Condition("premenstrual_spotting_days", contract.GTE, 2),),
    message="Spotting for {premenstrual_spotting_days} or more days before your period.",
)


def test_a_placeholder_shows_the_condition_value_and_follows_a_moved_threshold():
    assert SPOTTING.filled_message == "Spotting for 2 or more days before your period."
    moved = replace(SPOTTING, conditions=(engine.Condition("premenstrual_spotting_days", contract.GTE, 3),))
    assert moved.filled_message == "Spotting for 3 or more days before your period."
    assert messages.message_problems(moved) == []


def test_choice_values_read_as_words():
    rule = replace(SPOTTING, conditions=(engine.Condition("pain", contract.IN, ("mild", "moderate")),))
    assert messages.fill("Pain that is {pain}.", rule.conditions) == "Pain that is mild or moderate."


def test_a_hand_typed_number_that_no_longer_matches_a_threshold_is_a_problem():
    rule = replace(
        SPOTTING,
        message="Spotting for 2 or more days.",
        conditions=(engine.Condition("premenstrual_spotting_days", contract.GTE, 3),),
    )
    (problem,) = messages.message_problems(rule)
    assert "2" in problem and "(3)" in problem


def test_a_placeholder_for_a_field_the_rule_does_not_use_is_a_problem_and_is_left_as_typed():
    rule = replace(SPOTTING, message="From the age of {age}.")
    (problem,) = messages.message_problems(rule)
    assert "no condition on age" in problem
    assert rule.filled_message == "From the age of {age}."


def test_ambiguous_and_valueless_placeholders_are_problems():
    two = replace(
        SPOTTING,
        message="Aged {age}.",
        conditions=(engine.Condition("age", contract.GTE, 45), engine.Condition("age", contract.LT, 55)),
    )
    assert "2 conditions on age" in messages.message_problems(two)[0]
    boolean = replace(SPOTTING, message="{fever}", conditions=(engine.Condition("fever", contract.IS_TRUE),))
    assert "no value" in messages.message_problems(boolean)[0]


def test_numbers_in_links_and_html_entities_are_not_prose():
    html = "<p>See <a href='https://x.example/ng126'>NG126 page</a> &#39;ok&#39;</p>"
    rule = replace(SPOTTING, message=html)
    assert messages.message_problems(rule) == []
    assert "says 38" in messages.message_problems(replace(rule, message="Over 38C."))[0]


def test_filled_values_are_escaped():
    condition = engine.Condition("pain", contract.EQUALS, "<b>")
    assert messages.fill("{pain}", (condition,)) == "&lt;b&gt;"


def test_no_default_rule_message_has_a_problem_and_numbers_use_placeholders():
    for rule in default_rules.default_ruleset().rules:
        assert messages.message_problems(rule) == [], rule.name
    placeholders = [rule for rule in default_rules.default_ruleset().rules if "{" in rule.message]
    assert len(placeholders) == 4
