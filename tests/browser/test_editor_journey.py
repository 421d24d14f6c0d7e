"""An editor changes a triage threshold in the admin, another approves, and readers get it at once.

No code change and no restart: the same live server process serves the
reader before and after, and only what editors do in the browser differs.
"""

import re

import pytest

from tests.browser.support import (
    axe_violations,
    fill_and_submit,
    make_staff_user,
    result_of,
    scenario,
    sign_in,
)
from triage import contract

pytestmark = pytest.mark.browser

RULE = "Spotting for 2 or more days before a period"
SCENARIO = "Spotting for 2 days before periods"


def reader_result(page, answers):
    page.goto("/triage/")
    fill_and_submit(page, answers)
    return result_of(page)


def workflow_heading(page):
    return page.locator("#triage-workflow-heading").inner_text()


def test_an_editor_changes_a_threshold_a_second_person_approves_and_readers_see_it(new_context):
    from editorial.roles import APPROVER, EDITOR

    make_staff_user("editor", EDITOR)
    make_staff_user("approver", APPROVER)
    answers = scenario(SCENARIO)["answers"]
    assert answers["premenstrual_spotting_days"] == 2
    reader = new_context().new_page()
    assert reader_result(reader, answers) == (contract.APPOINTMENT, "1")

    # The editor copies the live ruleset to a draft.
    editor = new_context().new_page()
    sign_in(editor, "editor")
    editor.goto("/admin/triage/ruleset/")
    with editor.expect_navigation():
        editor.locator("#result_list").get_by_role("link", name="Version 1 (live)").click()
    assert workflow_heading(editor) == "Version 1: Live"
    with editor.expect_navigation():
        editor.get_by_role("button", name="Copy to a new draft").click()
    heading = workflow_heading(editor)
    assert heading.endswith(": Draft"), heading
    draft_version = re.search(r"Version (\d+)", heading).group(1)
    draft_url = editor.url

    # ... raises the threshold of the premenstrual spotting rule from 2 days to 3 ...
    with editor.expect_navigation():
        editor.locator("#content").get_by_role("link", name=RULE).click()
    row = editor.locator(
        "tr.form-row", has=editor.locator("option[value=premenstrual_spotting_days][selected]")
    )
    assert row.count() == 1
    assert row.locator("select[name$='-operator']").input_value() == contract.GTE
    assert row.locator("input[name$='-value']").input_value() == "2"
    row.locator("input[name$='-value']").fill("3")
    with editor.expect_navigation():
        editor.locator("input[name=_save]").click()

    # ... and sees the scenario that expected an appointment at 2 days fail, so it cannot be submitted.
    assert editor.url == draft_url
    scenarios_heading = editor.locator("#triage-scenarios-heading").inner_text()
    assert scenarios_heading.startswith("Scenarios: 1 of"), scenarios_heading
    failing = editor.locator("tr.scenario-fail")
    assert failing.count() == 1
    assert SCENARIO in failing.inner_text() and "FAIL" in failing.inner_text()
    assert editor.get_by_role("button", name="Submit for approval").is_disabled()

    # The editor updates the draft's own copy of the scenario: two days before a period is now self-care.
    with editor.expect_navigation():
        editor.get_by_role("link", name="This version's scenarios, one by one").click()
    with editor.expect_navigation():
        editor.locator("#result_list").get_by_role("link", name=SCENARIO, exact=True).click()
    editor.select_option("#id_expected", contract.SELF_CARE)
    with editor.expect_navigation():
        editor.locator("input[name=_save]").click()
    assert editor.locator(".messagelist .success").count() == 1

    # Every scenario passes now, and the editor submits the draft.
    editor.goto(draft_url)
    assert editor.locator("#triage-scenarios-heading").inner_text().startswith("Scenarios: all")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Submit for approval").click()
    assert workflow_heading(editor) == f"Version {draft_version}: Awaiting approval"

    # Meanwhile readers still get the live version.
    assert reader_result(reader, answers) == (contract.APPOINTMENT, "1")

    # A different person, in their own browser session, approves it with a note.
    approver = new_context().new_page()
    sign_in(approver, "approver")
    approver.goto(draft_url)
    with approver.expect_navigation():
        approver.get_by_role("link", name="Approve and make live…").click()
    approver.fill("#id_approval_note", "Checked the 2-day threshold change and the updated scenario.")
    if approver.locator("#id_acknowledge").count():
        approver.check("#id_acknowledge")
    # The raised threshold tells some readers less urgent advice: the approver sees
    # the answer-space comparison and must give a reason for each such group.
    assert "appointment → self_care" in approver.locator(".triage-lowered").inner_text()
    # On the same page: the rule diff shows the threshold, the scenario diff the relabelled scenario.
    assert "was premenstrual_spotting_days >= 2, now premenstrual_spotting_days >= 3" in (
        approver.locator("#triage-rule-diff").inner_text()
    )
    assert "was appointment, now self_care" in approver.locator("#triage-scenario-diff").inner_text()
    diffs = {"include": [["#triage-review-contents"], ["#triage-rule-diff"], ["#triage-scenario-diff"]]}
    violations = axe_violations(approver, context=diffs)
    assert not violations, "axe violations in the approve page's diffs:\n" + "\n".join(violations)
    reasons = approver.locator("textarea[name^='lowers_']")
    assert reasons.count() >= 1
    for index in range(reasons.count()):
        reasons.nth(index).fill(
            "Two days of premenstrual spotting alone is common; agreed with the clinical lead."
        )
    with approver.expect_navigation():
        approver.get_by_role("button", name="Approve and make live").click()
    assert f"Version {draft_version} is now live." in approver.locator(".messagelist").inner_text()
    assert workflow_heading(approver) == f"Version {draft_version}: Live"

    # The reader's result for the same answers changes, and names the new version.
    assert reader_result(reader, answers) == (contract.SELF_CARE, draft_version)
