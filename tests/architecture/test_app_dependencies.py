"""Apps point one way: the shared app knows no content app.

`editorial` holds what every kind of content shares (roles, locking, history
compare, review dates, usage lists, sign-in protection); the content apps
(`articles`, `triage`) build on it and tell it what it needs in their
`AppConfig.ready` (page-cache invalidation, where-used finders).
"""

from tests.architecture.app_imports import app_arrows

CONTENT_APPS = {"articles", "triage"}
SHARED_APPS = {"editorial"}


def test_no_shared_app_imports_a_content_app():
    arrows = app_arrows()
    wrong = {arrow: n for arrow, n in arrows.items() if arrow[0] in SHARED_APPS and arrow[1] in CONTENT_APPS}
    assert wrong == {}


def test_the_site_package_imports_no_app():
    """spotting_site wires the apps together only by name (settings and URL includes)."""
    assert {target for (source, target) in app_arrows() if source == "spotting_site"} == set()


def test_the_arrow_reader_sees_real_imports():
    arrows = app_arrows()
    assert arrows[("articles", "editorial")] > 0
    assert arrows[("triage", "editorial")] > 0
