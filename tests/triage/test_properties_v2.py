"""Property tests for contract version 2 on the default rules.

Each new red flag never lowers urgency, wherever the other answers are; the
new risk factors never leave a possible pregnancy below `urgent`; and a post
with only version 1 answers gets the version 1 result, except where the
merged pain answer now also reads as shoulder-tip pain (more urgent, never
less: docs/triage-rules.md lists it).
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.triage.test_properties import _field_strategy, valid_answers
from triage import contract
from triage.default_rules import default_ruleset, version_1_ruleset
from triage.engine import evaluate

VERSION_2 = default_ruleset(2)
VERSION_1 = version_1_ruleset()
NEW_RED_FLAGS = ("one_sided_pain", "shoulder_tip_pain", "previous_ectopic", "ohss_signs", "unusual_discharge")


def rank(answers, ruleset=VERSION_2):
    return contract.URGENCY_RANK[evaluate(contract.normalise(answers), ruleset).disposition]


def test_every_new_red_flag_is_searched_by_the_safety_check():
    assert set(NEW_RED_FLAGS) <= set(contract.RED_FLAG_FIELDS)


@settings(max_examples=300, deadline=None)
@given(valid_answers, st.sampled_from(NEW_RED_FLAGS))
def test_each_new_red_flag_never_lowers_urgency(answers, flag):
    off = contract.normalise({**answers, flag: False})
    assert rank({**off, flag: True}) >= rank(off)


@settings(max_examples=200, deadline=None)
@given(valid_answers)
def test_shoulder_tip_pain_is_always_an_emergency(answers):
    assert rank({**answers, "shoulder_tip_pain": True}) == contract.URGENCY_RANK[contract.EMERGENCY]


@settings(max_examples=200, deadline=None)
@given(valid_answers, st.sampled_from(("previous_ectopic", "coil_in_place", "one_sided_pain")))
def test_an_ectopic_risk_with_a_possible_pregnancy_is_at_least_urgent(answers, risk):
    answers = {**answers, "pregnancy": "possible", risk: True}
    assert rank(answers) >= contract.URGENCY_RANK[contract.URGENT]


@settings(max_examples=200, deadline=None)
@given(valid_answers)
def test_tamoxifen_with_bleeding_after_the_menopause_is_at_least_urgent(answers):
    answers = {**answers, "hormone_medicine": "tamoxifen", "postmenopausal": True}
    assert rank(answers) >= contract.URGENCY_RANK[contract.URGENT]


@settings(max_examples=200, deadline=None)
@given(valid_answers)
def test_severe_ohss_signs_in_treatment_are_an_emergency_and_any_ohss_sign_at_least_urgent(answers):
    assert rank({**answers, "ohss_signs": True}) >= contract.URGENCY_RANK[contract.URGENT]
    both = {**answers, "ohss_signs": True, "fertility_treatment": True}
    assert rank(both) == contract.URGENCY_RANK[contract.EMERGENCY]


@settings(max_examples=200, deadline=None)
@given(valid_answers)
def test_unusual_discharge_is_at_least_an_appointment_and_with_fever_at_least_urgent(answers):
    assert rank({**answers, "unusual_discharge": True}) >= contract.URGENCY_RANK[contract.APPOINTMENT]
    with_fever = {**answers, "unusual_discharge": True, "fever": True}
    assert rank(with_fever) >= contract.URGENCY_RANK[contract.URGENT]


version_1_posts = st.fixed_dictionaries(
    {
        name: _field_strategy(contract.FIELDS_BY_NAME[name])
        for name in contract.VERSION_1_FIELD_NAMES
        if name != "weeks_pregnant"
    },
    optional={"weeks_pregnant": _field_strategy(contract.FIELDS_BY_NAME["weeks_pregnant"])},
)


@settings(max_examples=400, deadline=None)
@given(version_1_posts)
def test_a_post_with_only_version_1_answers_keeps_its_version_1_result_or_rises(raw):
    answers, errors = contract.parse_answers(raw)
    assert errors == {}
    before, after = rank(answers, VERSION_1), rank(answers, VERSION_2)
    if answers[contract.MERGED_PAIN]:
        # Read cautiously as shoulder-tip pain too: an emergency now, never less than before.
        assert after >= before
        assert after == contract.URGENCY_RANK[contract.EMERGENCY]
    else:
        assert after == before
