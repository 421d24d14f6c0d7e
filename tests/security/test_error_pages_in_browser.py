"""Error pages in a real browser: accessible (axe, WCAG 2.2 AA) and styled under the strict policy."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.security.browser_watch import Watcher, visit

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.security.error_urls")]

ERROR_PAGES = {
    "/raise/suspicious/": 400,
    "/raise/permission-denied/": 403,
    "/no-such-page/": 404,
    "/raise/server-error/": 500,
    "/raise/csrf-failure/": 403,
}
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("path", ERROR_PAGES)
def test_error_page_is_accessible_and_styled(browser, live_site, path):
    page = browser.new_page()
    watcher = Watcher(page, live_site)
    response = visit(page, live_site + path)
    assert response.status == ERROR_PAGES[path]
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()
    assert (watcher.violations, watcher.foreign_requests, watcher.failed_loads) == ([], [], [])
    assert page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    )
