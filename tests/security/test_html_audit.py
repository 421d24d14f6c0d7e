"""The page auditor used by the walks finds what it must, so a clean walk means a clean site."""

from pathlib import Path

import pytest

from tests.security import html_audit


@pytest.mark.parametrize(
    "html",
    [
        # The legacy page's injected script: a protocol-relative URL to another host.
        '<script src="//arpecop.herokuapp.com/hugohealth.js"></script>',
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">',
        '<link rel="preconnect" href="https://cdn.example.com">',
        '<img src="https://tracker.example.com/pixel.gif" alt="">',
        '<img srcset="/static/a.png 1x, https://cdn.example.com/a.png 2x" src="/static/a.png" alt="">',
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        '<object data="https://example.com/x.swf"></object>',
        '<div style="background: url(https://example.com/bg.png)"></div>',
        "<style>body { background: url('https://example.com/bg.png') }</style>",
        '<form action="https://collector.example.com/" method="post"></form>',
        '<img src="data:image/png;base64,AAAA" alt="">',
        '<base href="https://example.com/">',
    ],
)
def test_third_party_resources_are_found(html):
    assert html_audit.third_party_resources(html)


def test_same_origin_resources_and_outbound_navigation_pass():
    html = (
        '<link rel="stylesheet" href="/static/css/site.abc.css">'
        '<link rel="canonical" href="https://spotting.example.org/">'
        '<img src="/static/img/logo.svg" alt=""><form action="" method="get"></form>'
        '<a href="https://doi.org/10.1/x" rel="noopener noreferrer">doi</a>'
    )
    assert html_audit.third_party_resources(html) == []


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="module">import x from "/x.js"</script>',
        "<style>p { color: red }</style>",
        '<p style="color: red">x</p>',
        '<button onclick="go()">x</button>',
        '<a href="javascript:go()">x</a>',
    ],
)
def test_inline_code_a_strict_policy_blocks_is_found(html):
    assert html_audit.inline_code(html)


def test_data_blocks_external_scripts_and_hashed_styles_are_not_inline_code():
    html = (
        '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>'
        '<script src="/static/js/site.js" defer></script>'
        '<p class="paginator" style="border-top: 0">1 entry</p>'
    )
    assert html_audit.inline_code(html, allowed_style_hashes=[html_audit.csp_hash("border-top: 0")]) == []


@pytest.mark.parametrize(
    "css",
    [
        "@import url(https://fonts.googleapis.com/css?family=Inter);",
        '@import "https://cdn.example.com/reset.css";',
        "@font-face { font-family: X; src: url('https://fonts.gstatic.com/x.woff2') }",
        ".hero { background: url(//cdn.example.com/hero.jpg) }",
    ],
)
def test_third_party_urls_in_stylesheets_are_found(css):
    assert html_audit.third_party_in_css(css)


def test_same_origin_urls_in_stylesheets_pass():
    css = ".a { background: url('/static/img/a.svg') } .b { mask: url(b.svg) }"
    assert html_audit.third_party_in_css(css) == []


@pytest.mark.parametrize(
    "link",
    [
        '<a href="https://doi.org/10.1/x">doi</a>',
        '<a href="https://doi.org/10.1/x" rel="noopener">doi</a>',
        '<a href="http://example.com/" rel="noreferrer" target="_blank">x</a>',
    ],
)
def test_outbound_links_without_noopener_noreferrer_are_found(link):
    assert html_audit.unprotected_outbound_links(link, "testserver")


def test_own_and_protected_links_pass():
    html = (
        '<a href="/causes/">causes</a><a href="https://testserver/references/">refs</a>'
        '<a href="mailto:editor@example.org">mail</a>'
        '<a href="https://doi.org/10.1/x" rel="external noopener noreferrer">doi</a>'
    )
    assert html_audit.unprotected_outbound_links(html, "testserver") == []


def test_the_legacy_pages_injected_script_is_caught():
    legacy_page = Path(__file__).resolve().parents[1] / "fixtures" / "legacy-article.html.txt"
    problems = html_audit.third_party_resources(legacy_page.read_text())
    assert any("arpecop.herokuapp.com" in problem for problem in problems)
