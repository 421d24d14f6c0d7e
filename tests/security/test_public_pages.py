"""Every public page: nothing from another origin, nothing a strict CSP would block, no reader cookies.

The pages come from the entry points and the sitemap (tests/security/public_pages.py),
rendered with the starter content and the live default triage rules, so pages added
later are walked automatically, and the triage form is answered like a reader would.
"""

import pytest
from django.test import Client

from tests.security import html_audit
from tests.security.policy import parse_csp, policy_equals
from tests.security.public_pages import (
    ENTRY_POINTS,
    TRIAGE_ANSWER_PAGE,
    TRIAGE_FORM_PAGE,
    fetch_public_pages,
    is_html,
    sitemap_paths,
)

OWN_HOST = "testserver"


@pytest.fixture
def public_pages(deployed_site):
    # A page that fails shows up as its status code instead of stopping the walk.
    return fetch_public_pages(Client(raise_request_exception=False))


@pytest.fixture
def html_pages(public_pages):
    return {label: r.content.decode() for label, r in public_pages.items() if is_html(r)}


def report(problems_by_page):
    lines = [f"{page}: {problem}" for page, problems in problems_by_page.items() for problem in problems]
    return "\n".join(lines)


def test_every_public_page_answers_successfully(public_pages):
    failing = {label: response.status_code for label, response in public_pages.items()}
    failing = {label: status for label, status in failing.items() if status != 200}
    assert not failing, f"pages not answering 200: {failing}"


def test_the_sitemap_gives_the_walk_pages_beyond_the_entry_points(client, deployed_site):
    assert set(sitemap_paths(client)) - set(ENTRY_POINTS), "the sitemap lists no pages"


def test_no_public_page_loads_anything_from_another_origin(html_pages):
    problems = {label: html_audit.third_party_resources(html) for label, html in html_pages.items()}
    problems = {label: found for label, found in problems.items() if found}
    assert not problems, report(problems)


def test_stylesheets_load_nothing_from_another_origin(client, html_pages):
    stylesheets = {url for html in html_pages.values() for url in html_audit.stylesheet_urls(html)}
    assert stylesheets, "no stylesheet found: is the walk reading the pages?"
    problems = {}
    for url in sorted(stylesheets):
        response = client.get(url)
        assert response.status_code == 200, url
        css = b"".join(response.streaming_content) if response.streaming else response.content
        found = html_audit.third_party_in_css(css.decode())
        if found:
            problems[url] = found
    assert not problems, report(problems)


def test_no_public_page_has_inline_code_the_policy_would_block(html_pages):
    problems = {label: html_audit.inline_code(html) for label, html in html_pages.items()}
    problems = {label: found for label, found in problems.items() if found}
    assert not problems, report(problems)


def test_links_to_other_sites_carry_noopener_noreferrer(html_pages):
    problems = {
        label: html_audit.unprotected_outbound_links(html, OWN_HOST) for label, html in html_pages.items()
    }
    problems = {label: found for label, found in problems.items() if found}
    assert not problems, report(problems)


def test_every_public_page_carries_the_strict_policy(public_pages, settings):
    expected = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    wrong = {
        label: response.get("Content-Security-Policy")
        for label, response in public_pages.items()
        if not policy_equals(parse_csp(response.get("Content-Security-Policy", "")), expected)
    }
    assert not wrong, wrong


def test_reading_the_site_sets_no_cookies(public_pages):
    """Readers get no cookie at all, except the CSRF cookie the triage form needs."""
    form_pages = (TRIAGE_FORM_PAGE, TRIAGE_ANSWER_PAGE)
    with_cookies = {
        label: sorted(response.cookies)
        for label, response in public_pages.items()
        if response.cookies and label not in form_pages
    }
    assert not with_cookies, with_cookies


def test_the_triage_form_sets_only_the_csrf_cookie(public_pages, settings):
    cookies = set(public_pages[TRIAGE_FORM_PAGE].cookies)
    assert cookies <= {settings.CSRF_COOKIE_NAME}
