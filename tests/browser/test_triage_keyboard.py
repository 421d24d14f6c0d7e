"""The triage form with the keyboard alone: no mouse click anywhere in these journeys."""

import pytest

from tests.browser.support import (
    answer_by_keyboard,
    focus_is_visible,
    focused,
    result_of,
    scenario,
    submit_by_keyboard,
    tab_until,
)
from triage import contract

pytestmark = pytest.mark.browser


# Between them these use arrow keys in radio groups, Space on a first option and on a checkbox, and typing.
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Shoulder-tip pain, could be pregnant", contract.EMERGENCY),
        ("Nothing worrying: first light spotting", contract.SELF_CARE),
        ("v2: Tamoxifen, bleeding after the menopause, aged 50", contract.URGENT),
        ("v2: Previous ectopic, could be pregnant, spotting, no pain", contract.URGENT),
    ],
)
def test_a_keyboard_user_reaches_the_right_result(page, name, expected):
    case = scenario(name)
    assert case["expected"] == expected
    page.goto("/triage/")
    answer_by_keyboard(page, case["answers"])
    submit_by_keyboard(page)
    disposition, version = result_of(page)
    assert disposition == expected
    assert version == "1"
    assert page.locator("h1").inner_text() == contract.DISPOSITION_LABELS[expected]


def test_an_invalid_submission_focuses_the_error_summary_and_each_link_focuses_its_field(page):
    page.goto("/triage/")
    # Only the age, and out of range: every required choice is missing too.
    tab_until(page, lambda p: focused(p) == "age", "#age")
    page.keyboard.type("7")
    submit_by_keyboard(page)

    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert page.title().startswith("Error:")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')"), (
        "the error summary takes focus when the page loads"
    )
    assert focus_is_visible(page)
    links = summary.locator("a")
    targets = [
        href[1:] for href in links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    ]
    assert targets == [
        "pain",
        "bleeding_amount",
        "pregnancy",
        "frequency",
        "premenstrual_spotting_days",
        "age",
    ]

    for index, target in enumerate(targets):
        # Tab from the summary to its first link; from a field, Shift+Tab back up to the next link.
        tab_until(
            page,
            lambda p, target=target: focused(p, "getAttribute('href')") == f"#{target}",
            f"the error summary's link to #{target}",
            backwards=index > 0,
        )
        page.keyboard.press("Enter")
        assert focused(page) == target, f"the link to #{target} moves focus to that field"
        assert focus_is_visible(page), f"#{target} shows that it has focus"
        field = page.locator(f"#{target}")
        assert field.evaluate(
            "el => { const box = el.getBoundingClientRect();"
            " return box.bottom > 0 && box.top < window.innerHeight; }"
        ), f"#{target} is scrolled into view"

    # The reader's answer is kept, and the field says what is wrong with it.
    assert page.input_value("#age") == "7"
    assert contract.FIELDS_BY_NAME["age"].error in page.locator("#age-error").inner_text()


def test_on_a_375_pixel_phone_a_reader_in_danger_is_answered_after_the_first_questions(phone_page):
    """Shoulder-tip pain ticked, then "Get advice now": the emergency advice heads the next page."""
    page = phone_page
    page.goto("/triage/")
    assert page.evaluate("window.innerWidth") == 375
    tab_until(page, lambda p: focused(p) == "shoulder_tip_pain", "#shoulder_tip_pain")
    page.keyboard.press("Space")
    assert page.is_checked("#shoulder_tip_pain")
    tab_until(page, lambda p: focused(p, "type") == "submit", "the first submit button")
    assert focused(page, "textContent").strip() == "Get advice now"
    assert focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    advice = page.locator("[data-minimum-disposition]")
    assert advice.get_attribute("data-minimum-disposition") == contract.EMERGENCY
    box = advice.bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"], "the advice is on the first screen"
    assert page.is_checked("#shoulder_tip_pain"), "the answer is kept"


def test_on_a_375_pixel_phone_every_question_can_be_answered_by_keyboard(phone_page):
    case = scenario("v2: Unusual discharge with mild pain")
    page = phone_page
    page.goto("/triage/")
    answers = {**case["answers"], "hormone_medicine": "contraception", "coil_in_place": True}
    answer_by_keyboard(page, answers)
    submit_by_keyboard(page)
    disposition, _version = result_of(page)
    assert disposition == contract.URGENT
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "nothing scrolls sideways"
