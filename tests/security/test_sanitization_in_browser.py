"""In Chromium, with the Content-Security-Policy taken away, no payload runs.

The payload matrix (test_sanitization.py) parses pages with Python's parser;
browsers parse HTML their own way (mutation XSS lives in the differences).
Here every payload is published at once in an article, a cause and a triage
rule, and Chromium loads the pages with the CSP header removed, so the
sanitizer and template escaping are the only defence. No dialog may open
and no payload may write to the page's globals. A second pass with the
policy in force must report no violation: nothing inline even tries to run.
"""

import pytest
from django.utils import timezone

from tests.articles.factories import make_article, make_cause
from tests.security.browser_watch import Watcher, answer_lowest, visit
from tests.security.xss_payloads import PAYLOADS, fill
from triage import contract
from triage.models import Condition, Rule, RuleSet

pytestmark = pytest.mark.browser

# Every payload, each under its own marker; "alert" also sets a global so a swallowed dialog still shows.
ALL_PAYLOADS = "\n\n".join(fill(template, f"zq{index:02d}zq") for index, (_, template) in enumerate(PAYLOADS))
SPY = "window.__xss = []; window.alert = (m) => window.__xss.push(String(m));"


@pytest.fixture
def hostile_site(live_site):
    cause = make_cause(slug="hostile-cause", name=fill(PAYLOADS[0][1], "name"), body=ALL_PAYLOADS)
    article = make_article(
        slug="hostile-article",
        is_flagship=True,
        title=fill(PAYLOADS[3][1], "title"),
        standfirst=fill(PAYLOADS[4][1], "standfirst"),
        body=ALL_PAYLOADS,
        emergency_advice=ALL_PAYLOADS,
        routine_advice=ALL_PAYLOADS,
    )
    article.tags.add(fill(PAYLOADS[20][1], "tag")[:100])
    ruleset = RuleSet.objects.create(status=RuleSet.Status.LIVE, went_live_at=timezone.now())
    rule = Rule.objects.create(
        ruleset=ruleset,
        name=fill(PAYLOADS[3][1], "rule"),
        disposition=contract.URGENT,
        message=ALL_PAYLOADS,
        source_citation="A guideline",
    )
    Condition.objects.create(rule=rule, field="fever", operator=contract.IS_TRUE)
    rule.causes.add(cause)
    return live_site, ["/", article.get_absolute_url(), cause.get_absolute_url(), "/references/", "/causes/"]


def without_csp(route):
    response = route.fetch()
    headers = {name: value for name, value in response.headers.items() if name != "content-security-policy"}
    route.fulfill(response=response, headers=headers)


def submit_triage(page, site):
    visit(page, site + "/triage/")
    answer_lowest(page)
    page.check("input[name=fever]")
    with page.expect_navigation():
        page.click("form[method=post] button[type=submit]")
    assert page.locator("[data-disposition]").count() == 1


def test_no_payload_runs_in_chromium_even_without_the_policy(browser, hostile_site):
    site, paths = hostile_site
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(SPY)
    page.route("**/*", without_csp)
    fired = {}
    for path in paths:
        response = visit(page, site + path)
        assert response.status == 200 and "content-security-policy" not in response.headers
        page.wait_for_timeout(50)  # let timers, toggles and refreshes from a payload fire
        fired[path] = page.evaluate("window.__xss")
    submit_triage(page, site)
    page.wait_for_timeout(50)
    fired["POST /triage/"] = page.evaluate("window.__xss")
    assert dialogs == []
    assert {where: calls for where, calls in fired.items() if calls} == {}


def test_no_payload_even_tries_to_run_under_the_policy(browser, hostile_site):
    site, paths = hostile_site
    page = browser.new_page()
    watcher = Watcher(page, site)
    for path in paths:
        assert visit(page, site + path).status == 200
    submit_triage(page, site)
    assert watcher.violations == []
    assert watcher.foreign_requests == []
