"""A reader in Chromium: home, the flagship article and its citations, a cause via a tag, the references."""

import re

import pytest

from tests.browser.support import FLAGSHIP

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_home_to_the_article_to_a_cause_through_a_tag_and_to_the_references(page):
    page.goto("/")
    assert page.locator("h1").count() == 1
    with page.expect_navigation():
        page.locator(f"main a[href='{FLAGSHIP}']").first.click()
    assert page.url.endswith(FLAGSHIP)
    assert "Spotting between periods" in page.locator("h1").inner_text()

    # From the article's topic links to a tag page, and from there to a cause the tag lists.
    with page.expect_navigation():
        page.locator("main a[href='/tags/hormonal/']").first.click()
    assert page.locator("h1").inner_text() == "Topic: Hormonal"
    cause_link = page.locator("main .card-list a[href='/causes/endometriosis/']")
    with page.expect_navigation():
        cause_link.click()
    assert page.url.endswith("/causes/endometriosis/")
    assert page.locator("h1").inner_text() == "Endometriosis"

    # The site-wide navigation reaches the full list of references.
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main").get_by_role("link", name="References").click()
    assert page.url.endswith("/references/")
    references = page.locator("main .reference-list > li[id^='ref-']")
    assert references.count() >= 4
    assert "jabara2009" in " ".join(references.evaluate_all("items => items.map(item => item.id)"))


def test_each_citation_in_the_article_jumps_to_its_numbered_reference(page):
    page.goto(FLAGSHIP)
    citations = page.locator("main .prose sup.citation a, main .care-card sup.citation a")
    listed = page.locator("main ol.reference-list > li").evaluate_all("items => items.map(item => item.id)")
    assert citations.count() >= len(listed) > 0, "every listed reference is cited at least once"

    for index in range(citations.count()):
        citation = citations.nth(index)
        target = citation.get_attribute("href")
        number = int(re.search(r"\d+", citation.inner_text()).group())
        citation.click()
        # The URL names the reference, the browser treats it as the target, and it is in view.
        assert page.evaluate("location.hash") == target
        assert (
            page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
            == (target[1:])
        )
        reference = page.locator(f"main ol.reference-list > li{target}")
        assert reference.is_visible()
        assert reference.evaluate(
            "item => { const box = item.getBoundingClientRect();"
            " return box.top >= 0 && box.top < window.innerHeight; }"
        ), f"{target} is not scrolled into view"
        # The number shown in the text is the reference's position in the numbered list.
        assert listed.index(target[1:]) + 1 == number, f"citation [{number}] points at {target}"
