"""In Chromium: the JSON-LD data blocks parse, and the strict CSP reports no violation for them."""

import json

import pytest
from django.core.management import call_command

from tests.security.browser_watch import Watcher, visit

pytestmark = pytest.mark.browser

PAGES = ("/articles/spotting-between-periods/", "/causes/ectopic-pregnancy/")


@pytest.fixture
def site(live_site):
    call_command("load_starter_content", verbosity=0)
    return live_site


def test_json_ld_parses_in_the_browser_with_no_csp_violation(browser, site):
    page = browser.new_page()
    watcher = Watcher(page, site)
    try:
        for path in PAGES:
            assert visit(page, site + path).status == 200
            texts = page.eval_on_selector_all(
                'script[type="application/ld+json"]', "blocks => blocks.map(b => b.textContent)"
            )
            assert len(texts) == 1, path
            parsed = page.evaluate("text => JSON.parse(text)['@type']", texts[0])
            assert parsed == "MedicalWebPage" == json.loads(texts[0])["@type"]
    finally:
        page.close()
    assert watcher.violations == []
