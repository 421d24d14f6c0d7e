"""Helpers the browser journeys share: axe scans, keyboard-only triage answers, admin sign-in, screenshots."""

import json
import re
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
SCREENSHOTS = CHECKOUT / "test-artifacts" / "screenshots"
SCENARIO_FILE = CHECKOUT / "triage" / "scenarios" / "default.json"

# WCAG 2.2 AA, as axe-core tags it (each level includes the ones below it).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EDITOR_PASSWORD = "a-long-editor-password-for-tests-1"
FLAGSHIP = "/articles/spotting-between-periods/"


# Accessibility -------------------------------------------------------------------


def axe_violations(page, context=None):
    """axe-core's WCAG 2.2 AA violations on the page (or the parts `context` names, in axe-core's
    context format), as readable lines (empty when there are none).

    axe-core comes bundled inside axe-playwright-python and is injected into the
    page, so the scan works offline and fetches nothing.
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.response["passes"], f"axe ran no checks on {page.url}"
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(
            f"    {' '.join(node['target'])}: {node['failureSummary']}" for node in violation["nodes"]
        )
    return lines


# Triage --------------------------------------------------------------------------


def scenario(name):
    """One scenario from the default scenario file (answers and expected disposition), by name."""
    for item in json.loads(SCENARIO_FILE.read_text()):
        if item["name"] == name:
            return item
    raise LookupError(f"No scenario named {name!r} in {SCENARIO_FILE}")


def focused(page, expression="id"):
    return page.evaluate(f"document.activeElement && document.activeElement.{expression}")


def focus_is_visible(page):
    """True if the focused element draws a focus indicator (an outline or a box shadow)."""
    return page.evaluate(
        "() => { const style = getComputedStyle(document.activeElement);"
        " return style.outlineStyle !== 'none' || style.boxShadow !== 'none'; }"
    )


def tab_until(page, predicate, description, backwards=False, limit=80):
    """Press Tab (or Shift+Tab) until `predicate(page)` holds; fail if it never does."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if predicate(page):
            return
    raise AssertionError(f"{limit} presses of {key} never reached {description}")


def tab_to(page, element_id):
    tab_until(page, lambda p: focused(p) == element_id, f"#{element_id}")


def answer_by_keyboard(page, answers):
    """Fill in the triage form with the keyboard alone, in the order the questions appear.

    Radios: Tab into the group, arrow keys to the wanted option (arrows also
    select it; Space selects the first). Checkboxes: Space. Numbers: typed.
    """
    from triage import contract

    # A version 1 scenario's merged pain answer is asked as the two version 2 pain questions.
    answers = contract.normalise(answers)
    inputs = page.locator("form.triage-form input:not([type=hidden])")
    order = []
    for name in inputs.evaluate_all("els => els.map(el => el.name)"):
        if name not in order:
            order.append(name)
    for name in order:
        spec = contract.FIELDS_BY_NAME[name]
        value = answers.get(name)
        if spec.kind == contract.BOOLEAN:
            if value:
                tab_to(page, name)
                page.keyboard.press("Space")
        elif spec.kind == contract.CHOICE and value is None:
            continue  # an optional choice the scenario leaves out: its absence means "none"
        elif spec.kind == contract.CHOICE:
            tab_until(page, lambda p, name=name: focused(p, "name") == name, f"the {name} radios")
            for _ in spec.choices:
                if focused(page, "value") == value:
                    break
                page.keyboard.press("ArrowDown")
            assert focused(page, "value") == value, f"arrow keys never reached {name}={value}"
            page.keyboard.press("Space")
            assert page.is_checked(f"input[name={name}][value={value}]")
        elif value is not None:
            tab_to(page, name)
            page.keyboard.type(str(value))


def submit_by_keyboard(page):
    tab_until(page, lambda p: focused(p, "type") == "submit", "the submit button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def result_of(page):
    """(disposition, ruleset version) from the one element the contract says a result carries."""
    marked = page.locator("[data-disposition]")
    assert marked.count() == 1, "a result page carries exactly one data-disposition element"
    return marked.get_attribute("data-disposition"), marked.get_attribute("data-ruleset-version")


def fill_and_submit(page, answers):
    """Answer the triage form with the mouse (for tests about something other than the keyboard)."""
    from triage import contract

    if any(isinstance(value, bool) for value in answers.values()):
        # A version 1 scenario's merged pain answer is asked as the two version 2 pain questions.
        answers = contract.normalise(answers)
    for name, value in answers.items():
        if name == contract.MERGED_PAIN:
            continue
        if isinstance(value, bool):
            page.set_checked(f"input[type=checkbox][name={name}]", value)
        elif value is None:
            continue
        elif page.locator(f"input[type=radio][name={name}]").count():
            page.check(f"input[type=radio][name={name}][value={value}]")
        else:
            page.fill(f"input[name={name}]", str(value))
    with page.expect_navigation():
        page.click("form.triage-form button[type=submit]")


# Editors -------------------------------------------------------------------------


def make_staff_user(username, group_name):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def sign_in(page, username):
    """Sign in through the admin's own login form."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", EDITOR_PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert re.search(r"/admin/$", page.url), f"{username} could not sign in: {page.url}"


def save_screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
