"""axe-core finds no WCAG 2.2 AA violation on any public page type, triage form state, or the admin login."""

import pytest

from tests.browser.pages import PUBLIC_PAGES, RESULT_SCENARIOS
from tests.browser.support import axe_violations, fill_and_submit, result_of, scenario
from triage import contract

pytestmark = pytest.mark.browser


def report(found):
    return "\n".join(f"{name} ({url}):\n  " + "\n  ".join(lines) for name, (url, lines) in found.items())


def test_every_public_page_type_has_no_axe_violations(page):
    found = {}
    for name, url in PUBLIC_PAGES.items():
        response = page.goto(url)
        assert response.status == (404 if name == "page not found" else 200), url
        if name.startswith("search"):
            # The two search pages are scanned in the states their names promise.
            assert (page.locator("main .search-results > li").count() > 0) == (name == "search with results")
        violations = axe_violations(page)
        if violations:
            found[name] = (url, violations)
    assert not found, "axe violations at WCAG 2.2 AA:\n" + report(found)


def test_the_triage_form_with_errors_and_a_result_for_each_disposition_have_no_axe_violations(page):
    found = {}
    page.goto("/triage/")
    fill_and_submit(page, {"age": "7"})
    assert page.locator("[data-error-summary]").is_visible()
    violations = axe_violations(page)
    if violations:
        found["triage form with errors"] = (page.url, violations)

    for disposition, name in RESULT_SCENARIOS.items():
        page.goto("/triage/")
        fill_and_submit(page, scenario(name)["answers"])
        assert result_of(page)[0] == disposition, name
        violations = axe_violations(page)
        if violations:
            found[f"{disposition} result"] = (page.url, violations)
    assert set(RESULT_SCENARIOS) == set(contract.DISPOSITIONS)
    assert not found, "axe violations at WCAG 2.2 AA:\n" + report(found)


def test_the_admin_login_has_no_axe_violations(page):
    page.goto("/admin/login/")
    assert page.locator("#id_username").is_visible()
    violations = axe_violations(page)
    assert not violations, "axe violations at WCAG 2.2 AA on the admin login:\n" + "\n".join(violations)


def test_the_scan_reports_violations_when_there_are_some(browser):
    # Guards every scan above: an unlabelled input and faint text must be reported.
    page = browser.new_page()
    try:
        page.set_content(
            '<!DOCTYPE html><html lang="en"><head><title>Planted</title></head><body><main>'
            '<h1>Planted problems</h1><input type="text">'
            '<p style="color:#bbb;background:#fff">Faint text</p></main></body></html>'
        )
        found = {line.split(" ")[0] for line in axe_violations(page) if not line.startswith(" ")}
    finally:
        page.close()
    assert {"label", "color-contrast"} <= found, found


def test_the_red_flag_advice_on_an_incomplete_form_has_no_axe_violations(page):
    page.goto("/triage/")
    page.check("#dizzy_or_faint")
    page.get_by_role("button", name="Show my result").click()
    advice = page.locator("[data-minimum-disposition]")
    assert advice.get_attribute("data-minimum-disposition") == contract.EMERGENCY
    assert page.locator("[data-error-summary]").is_visible()
    violations = axe_violations(page)
    assert not violations, "axe violations at WCAG 2.2 AA:\n  " + "\n  ".join(violations)
