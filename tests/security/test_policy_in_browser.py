"""In a real browser: pages and the admin work under their CSP, and nothing is fetched from elsewhere.

The HTML walk (test_public_pages.py) reads markup; this drives Chromium so the
browser itself enforces the policy, and reports every CSP violation and every
request that leaves the site's origin.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Cause
from tests.security.browser_watch import Watcher, answer_lowest, visit
from triage.models import RuleSet

PUBLIC_PAGES = (
    "/",
    "/articles/spotting-between-periods/",
    "/causes/implantation-spotting/",
    "/references/",
    "/search/?q=spotting",
    "/triage/",
    "/no-such-page/",
)
EDITOR = ("csp-editor", "a-long-test-password-1")

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_site):
    call_command("load_starter_content", verbosity=0)
    call_command("load_default_triage_rules", verbosity=0)
    get_user_model().objects.create_superuser(EDITOR[0], "csp-editor@example.org", EDITOR[1])
    return live_site


def test_public_pages_run_under_the_policy_without_violations(browser, site):
    page = browser.new_page()
    watcher = Watcher(page, site)
    statuses = {path: visit(page, site + path).status for path in PUBLIC_PAGES}
    assert watcher.violations == []
    assert watcher.foreign_requests == []
    assert watcher.failed_loads == []
    assert statuses.pop("/no-such-page/") == 404
    assert {path: status for path, status in statuses.items() if status != 200} == {}
    # The stylesheet really applied: the header is coloured by site.css, not the browser default.
    assert page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor") != (
        "rgba(0, 0, 0, 0)"
    )


def test_the_triage_form_submits_under_the_policy_without_violations(browser, site):
    page = browser.new_page()
    watcher = Watcher(page, site)
    visit(page, site + "/triage/")
    answer_lowest(page)
    # form-action 'self' must let the form post to this site.
    with page.expect_navigation():
        page.click("form[method=post] button[type=submit], form[method=post] input[type=submit]")
    assert page.locator("[data-disposition]").count() == 1
    assert watcher.violations == []
    assert watcher.foreign_requests == []
    assert watcher.failed_loads == []


def test_the_admin_works_under_its_policy_without_violations(browser, site):
    page = browser.new_page()
    watcher = Watcher(page, site)
    visit(page, site + "/admin/login/")
    page.fill("#id_username", EDITOR[0])
    page.fill("#id_password", EDITOR[1])
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url == site + "/admin/"
    user = get_user_model().objects.get(username=EDITOR[0])
    for path in (
        "/admin/auth/user/",
        f"/admin/auth/user/{user.pk}/change/",
        f"/admin/auth/user/{user.pk}/history/",
        "/admin/auth/group/add/",
        # History pages of content with history (django-simple-history's list, overridden).
        f"/admin/articles/article/{Article.objects.get(slug='spotting-between-periods').pk}/history/",
        f"/admin/articles/cause/{Cause.objects.order_by('pk').first().pk}/history/",
        f"/admin/triage/ruleset/{RuleSet.objects.order_by('pk').first().pk}/history/",
    ):
        assert visit(page, site + path).status == 200, path
    # The admin's own JavaScript ran: the changelist's select-all checkbox is wired up.
    visit(page, site + "/admin/auth/user/")
    page.check("#action-toggle")
    assert page.is_checked("input.action-select")
    assert watcher.violations == []
    assert watcher.foreign_requests == []
    assert watcher.failed_loads == []
