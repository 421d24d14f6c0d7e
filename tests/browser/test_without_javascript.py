"""With JavaScript off, a reader can still read an article, follow a citation, page through the
causes and get a triage result."""

import pytest

from tests.browser.support import FLAGSHIP, fill_and_submit, result_of, scenario
from triage import contract

pytestmark = pytest.mark.browser


@pytest.fixture
def page_without_javascript(new_context):
    return new_context(java_script_enabled=False).new_page()


def test_an_article_reads_and_its_citations_work_without_javascript(page_without_javascript):
    page = page_without_javascript
    page.goto(FLAGSHIP)
    assert "Spotting between periods" in page.locator("h1").inner_text()
    assert page.locator("main .prose p").count() > 3
    citation = page.locator("main .prose sup.citation a").first
    target = citation.get_attribute("href")
    citation.click()
    assert page.url.endswith(target)
    assert page.locator(f"main ol.reference-list > li{target}").is_visible()


def test_the_cause_list_pages_forward_and_back_without_javascript(page_without_javascript):
    page = page_without_javascript
    page.goto("/causes/")
    first = page.locator("main .card-list h2 a").all_inner_texts()
    pages = page.get_by_role("navigation", name="Pages of causes")
    with page.expect_navigation():
        pages.get_by_role("link", name="Next page").click()
    assert page.url.endswith("/causes/?page=2")
    second = page.locator("main .card-list h2 a").all_inner_texts()
    assert len(first) == 10 and len(second) == 5 and not set(first) & set(second)
    assert "Causes 11 to 15 of 15, in page 2 of 2." in page.locator("main").inner_text()
    assert pages.get_by_role("link", name="Next page").count() == 0
    with page.expect_navigation():
        pages.get_by_role("link", name="Previous page").click()
    assert page.url.endswith("/causes/")


def test_the_triage_form_gives_a_result_and_shows_errors_without_javascript(page_without_javascript):
    page = page_without_javascript
    page.goto("/triage/")
    fill_and_submit(page, {"age": "7"})
    assert page.locator("[data-error-summary]").is_visible()
    assert page.locator("#age-error").is_visible()

    case = scenario("Heavy bleeding, not pregnant")
    page.goto("/triage/")
    fill_and_submit(page, case["answers"])
    disposition, version = result_of(page)
    assert disposition == case["expected"] == contract.URGENT
    assert version == "1"
    # The print button needs JavaScript to work, so without it the button stays hidden.
    assert page.locator("[data-print]").is_hidden()
