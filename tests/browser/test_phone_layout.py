"""On a 375 px phone nothing scrolls sideways; screenshots of home, article and a result are kept."""

import pytest

from tests.browser.pages import PUBLIC_PAGES, RESULT_SCENARIOS
from tests.browser.support import FLAGSHIP, fill_and_submit, result_of, save_screenshot, scenario

pytestmark = pytest.mark.browser


def sideways_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 or less: it fits)."""
    assert page.evaluate("window.innerWidth") == 375, f"{page.url} does not set a device-width viewport"
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_no_public_page_scrolls_sideways_on_a_375_pixel_phone(phone_page):
    widths = {}
    for name, url in PUBLIC_PAGES.items():
        phone_page.goto(url)
        widths[name] = sideways_overflow(phone_page)
    phone_page.goto("/triage/")
    fill_and_submit(phone_page, {"age": "7"})
    widths["triage form with errors"] = sideways_overflow(phone_page)
    phone_page.goto("/admin/login/")
    widths["admin login"] = sideways_overflow(phone_page)
    too_wide = {name: extra for name, extra in widths.items() if extra > 0}
    assert not too_wide, f"pages wider than the phone (extra CSS pixels): {too_wide}"


def test_every_result_fits_a_phone_and_home_article_and_result_are_screenshotted(phone_page):
    for disposition, name in RESULT_SCENARIOS.items():
        phone_page.goto("/triage/")
        fill_and_submit(phone_page, scenario(name)["answers"])
        assert result_of(phone_page)[0] == disposition
        assert sideways_overflow(phone_page) <= 0, f"the {disposition} result scrolls sideways"
        if disposition == "emergency":
            emergency = save_screenshot(phone_page, "phone-triage-result-emergency")

    phone_page.goto("/")
    home = save_screenshot(phone_page, "phone-home")
    phone_page.goto(FLAGSHIP)
    article = save_screenshot(phone_page, "phone-article")

    for path in (home, article, emergency):
        assert path.stat().st_size > 10_000, f"{path} looks empty"
        # A PNG's width is in bytes 16-20 of the file: the screenshot is exactly phone-wide.
        assert int.from_bytes(path.read_bytes()[16:20], "big") == 375, f"{path} is not phone width"
