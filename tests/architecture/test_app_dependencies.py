"""Apps point one way: spotting_site <- editorial <- articles <- triage.

`editorial` holds what every kind of content shares (roles, locking, history
compare, review dates, usage lists, sign-in protection, starter content); the
content apps (`articles`, `triage`) build on it and tell it what it needs in
their `AppConfig` (page-cache invalidation, where-used finders, starter
content). Between the content apps the arrow points from `triage` to
`articles` only: a rule links to cause pages and renders its message with the
site's sanitizer, while a cause page needs only the urgency words, which live
in `spotting_site.dispositions`.
"""

from tests.architecture.app_imports import app_arrows

CONTENT_APPS = {"articles", "triage"}
SHARED_APPS = {"editorial"}


def test_no_shared_app_imports_a_content_app():
    arrows = app_arrows()
    wrong = {arrow: n for arrow, n in arrows.items() if arrow[0] in SHARED_APPS and arrow[1] in CONTENT_APPS}
    assert wrong == {}


def test_articles_imports_nothing_from_triage():
    """The content apps do not import each other: triage builds on articles, never the reverse."""
    assert app_arrows()[("articles", "triage")] == 0
    assert app_arrows()[("triage", "articles")] > 0


def test_the_arrows_form_no_cycle():
    arrows = {arrow for arrow, count in app_arrows().items() if count}
    assert not {(source, target) for source, target in arrows if (target, source) in arrows}


def test_the_site_package_imports_no_app():
    """spotting_site wires the apps together only by name (settings and URL includes)."""
    assert {target for (source, target) in app_arrows() if source == "spotting_site"} == set()


def test_the_arrow_reader_sees_real_imports():
    arrows = app_arrows()
    assert arrows[("articles", "editorial")] > 0
    assert arrows[("triage", "editorial")] > 0


def test_the_page_cache_knows_no_app():
    """Each app says what invalidates its pages (`invalidate_pages_on_changes_to`, `expire_pages_at_next`)."""
    from tests.architecture.app_imports import ROOT, imported_modules

    apps_imported = {
        module.split(".")[0] for module in imported_modules(ROOT / "articles" / "page_cache.py")
    } & {"articles", "triage", "editorial"}
    assert apps_imported == set()
