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
        "pregnancy",
        "bleeding_amount",
        "pain",
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
    assert contract.ERROR_MESSAGES["age"] in page.locator("#age-error").inner_text()
