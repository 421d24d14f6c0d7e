"""On a 375 px phone every article and cause page shows what to do now before the body, first screen."""

import pytest

from articles.models import Article, Cause
from tests.browser.support import save_screenshot

pytestmark = pytest.mark.browser

# The first screen of a small phone (an iPhone SE/8 viewport: 375 x 667 CSS pixels).
FIRST_SCREEN_HEIGHT = 667


def page_urls():
    articles = [article.get_absolute_url() for article in Article.objects.published()]
    causes = [cause.get_absolute_url() for cause in Cause.objects.published()]
    return articles + causes


def test_the_care_card_ends_within_the_first_screen_before_the_body_on_every_article_and_cause(new_context):
    phone = new_context(
        viewport={"width": 375, "height": FIRST_SCREEN_HEIGHT}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    urls = page_urls()
    assert len(urls) >= 16  # the flagship article and every starter cause
    too_low = {}
    for url in urls:
        page.goto(url)
        card = page.locator(".first-care")
        assert card.count() == 1, url
        box = page.evaluate(
            "() => { const r = document.querySelector('.first-care').getBoundingClientRect();"
            " return r.bottom + window.scrollY; }"
        )
        if box > FIRST_SCREEN_HEIGHT:
            too_low[url] = round(box)
        # Before the body, with a tap-to-call link for the emergency number and a link to the triage form.
        before_body = page.evaluate(
            "() => { const card = document.querySelector('.first-care');"
            " const body = document.querySelector('.prose');"
            " return !!(card.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING); }"
        )
        assert before_body, url
        assert card.locator('a[href^="tel:"]').count() >= 1, url
        assert card.locator('a[href="/triage/"]').count() == 1, url
    page.goto(urls[0])
    save_screenshot(page, "phone-article-first-screen")
    page.goto("/causes/early-pregnancy-bleeding/")
    save_screenshot(page, "phone-cause-first-screen")
    assert not too_low, f"care card bottom edge below {FIRST_SCREEN_HEIGHT} px: {too_low}"
