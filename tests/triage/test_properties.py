"""Property tests over the whole answer space, on the default rules.

Every valid answer set gets exactly one disposition, and a worse answer (a
red flag turned on, more pain, more bleeding) never gets a less urgent one.
The red flags named in the issue always reach emergency.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from triage import contract
from triage.default_rules import default_ruleset
from triage.engine import evaluate

RULESET = default_ruleset()


def _field_strategy(spec):
    if spec.kind == contract.CHOICE:
        return st.sampled_from(spec.choices)
    if spec.kind == contract.BOOLEAN:
        return st.booleans()
    values = st.integers(spec.minimum, spec.maximum)
    return values if spec.required else st.none() | values


valid_answers = st.fixed_dictionaries({spec.name: _field_strategy(spec) for spec in contract.FIELDS}).map(
    contract.normalise
)


def rank(answers):
    return contract.URGENCY_RANK[evaluate(contract.normalise(answers), RULESET).disposition]


@settings(max_examples=400, deadline=None)
@given(valid_answers)
def test_every_valid_answer_set_gets_exactly_one_disposition(answers):
    assert contract.is_valid_answer_set(answers)
    result = evaluate(answers, RULESET)
    assert result.disposition in contract.DISPOSITIONS
    assert result.disposition == contract.most_urgent(rule.disposition for rule in result.matched_rules)
    # Deterministic: the same answers always give the same single answer.
    assert evaluate(dict(answers), RULESET) == result


@settings(max_examples=400, deadline=None)
@given(valid_answers, st.sampled_from(contract.RED_FLAG_FIELDS))
def test_turning_on_a_red_flag_never_lowers_urgency(answers, flag):
    # Turned off as the contract reads it (the merged version 1 pain answer alone reads as both
    # version 2 pain answers), then turned on from there.
    off = contract.normalise({**answers, flag: False})
    assert rank({**off, flag: True}) >= rank(off)


@settings(max_examples=400, deadline=None)
@given(valid_answers, st.sampled_from(sorted(contract.ORDERED_SEVERITY_FIELDS)), st.data())
def test_more_pain_or_more_bleeding_never_lowers_urgency(answers, field, data):
    scale = contract.ORDERED_SEVERITY_FIELDS[field]
    lower = data.draw(st.integers(0, len(scale) - 2))
    higher = data.draw(st.integers(lower + 1, len(scale) - 1))
    assert rank({**answers, field: scale[higher]}) >= rank({**answers, field: scale[lower]})


@settings(max_examples=300, deadline=None)
@given(valid_answers)
def test_the_red_flags_always_reach_emergency(answers):
    emergency = contract.URGENCY_RANK[contract.EMERGENCY]
    could_be_pregnant = answers["pregnancy"] in ("possible", "positive_test")
    red_flags = {
        "severe pain": answers["pain"] == "severe",
        "fainting or dizziness": answers["dizzy_or_faint"],
        "heavy bleeding in pregnancy": could_be_pregnant and answers["bleeding_amount"] == "heavy",
        "shoulder-tip pain": answers["shoulder_tip_pain"],
        "one-sided pain that gets in the way with possible pregnancy": could_be_pregnant
        and answers["one_sided_pain"]
        and answers["pain"] in ("moderate", "severe"),
        "severe OHSS signs in fertility treatment": answers["fertility_treatment"] and answers["ohss_signs"],
        "fever with pain": answers["fever"] and answers["pain"] != "none",
        "suspected OHSS": answers["fertility_treatment"] and answers["pain"] in ("moderate", "severe"),
    }
    if any(red_flags.values()):
        assert rank(answers) == emergency, [name for name, present in red_flags.items() if present]


@settings(max_examples=200, deadline=None)
@given(valid_answers)
def test_any_bleeding_after_a_positive_test_is_at_least_urgent(answers):
    answers = {**answers, "pregnancy": "positive_test"}
    assert rank(answers) >= contract.URGENCY_RANK[contract.URGENT]
