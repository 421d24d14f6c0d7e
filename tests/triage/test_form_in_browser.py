"""In Chromium: the triage form, its error state and a result pass axe, and error links move focus."""

import pytest
from django.core.management import call_command

from tests.chromium import serve_plain_static_names

pytestmark = pytest.mark.browser


@pytest.fixture
def form_page(browser, transactional_db, live_server, settings, causes):
    serve_plain_static_names(settings)
    call_command("load_default_triage_rules", verbosity=0)
    page = browser.new_page()
    page.goto(f"{live_server.url}/triage/")
    yield page
    page.close()


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]})
    assert results.response["passes"], "axe did not run"
    return [(v["id"], v["help"]) for v in results.response["violations"]]


def test_the_form_passes_axe(form_page):
    assert axe_violations(form_page) == []


def test_the_error_state_passes_axe_takes_focus_and_its_links_focus_the_field(form_page):
    form_page.fill("#age", "7")
    form_page.click("button[type=submit]")
    summary = form_page.locator(".error-summary")
    assert summary.is_visible()
    assert form_page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert axe_violations(form_page) == []
    form_page.click(".error-summary a[href='#pain']")
    assert form_page.evaluate("document.activeElement.id") == "pain"
    form_page.click(".error-summary a[href='#age']")
    assert form_page.evaluate("document.activeElement.id") == "age"
    assert form_page.input_value("#age") == "7"


def test_an_emergency_result_passes_axe_and_offers_printing(form_page):
    form_page.check("#pregnancy-2")
    form_page.check("#bleeding_amount")
    form_page.check("#pain-4")
    form_page.check("#frequency")
    form_page.fill("#premenstrual_spotting_days", "0")
    form_page.fill("#age", "31")
    form_page.click("button[type=submit]")
    assert form_page.get_attribute("[data-disposition]", "data-disposition") == "emergency"
    assert form_page.locator("[data-print]").is_visible()
    assert axe_violations(form_page) == []
