"""Two editors edit the same article at once: the second save is refused, says why, and keeps their text.

Each editor has their own browser context (their own session). Both open the
article's change form before either saves; the first save wins, and the second
editor is told someone else changed it and what they changed, with their own
unsaved text still in the form, so nothing they typed is lost or silently overwritten.
"""

import re

import pytest

from tests.browser.support import make_staff_user, sign_in

pytestmark = pytest.mark.browser

FIRST_STANDFIRST = "Updated by the first editor: spotting is common, and usually harmless."
SECOND_BODY = "The second editor's new paragraph, which must not be lost."
ERROR_MESSAGES = ".errornote, ul.errorlist, .messagelist .error, .messagelist .warning"


def test_the_second_of_two_concurrent_saves_is_refused_with_the_conflict_message_and_keeps_its_text(
    new_context,
):
    from articles.models import Article
    from editorial.roles import EDITOR

    make_staff_user("editor-a", EDITOR)
    make_staff_user("editor-b", EDITOR)
    article = Article.objects.get(slug="spotting-between-periods", is_flagship=True)
    original_body = article.body
    change_url = f"/admin/articles/article/{article.pk}/change/"

    first, second = new_context().new_page(), new_context().new_page()
    sign_in(first, "editor-a")
    sign_in(second, "editor-b")
    first.goto(change_url)
    second.goto(change_url)

    # The first editor changes the standfirst and saves: that save succeeds.
    first.fill("#id_standfirst", FIRST_STANDFIRST)
    with first.expect_navigation():
        first.locator("input[name=_save]").first.click()
    assert first.locator(".messagelist .success").count() == 1, "the first save goes through"
    assert not first.locator(ERROR_MESSAGES).count()

    # The second editor, still on the form as it was before, changes the body and saves.
    second.fill("#id_body", SECOND_BODY)
    with second.expect_navigation():
        second.locator("input[name=_save]").first.click()

    # Refused: still on the change form, with a message naming the conflict and what changed.
    assert second.url.endswith(change_url), (
        f"the second save was accepted (now at {second.url}): it silently overwrote the first editor's change"
    )
    messages = second.locator(ERROR_MESSAGES)
    assert messages.count() >= 1, "the second editor is told why the save was refused"
    message = " ".join(messages.all_inner_texts())
    assert re.search(r"changed", message, re.IGNORECASE), message
    assert re.search(r"someone else|another editor|editor-a", message, re.IGNORECASE), message
    assert FIRST_STANDFIRST in message, "the conflict message shows what the other editor changed"
    # Only what they changed: the body, which they did not touch, is not reported as changed.
    # (A browser submits a textarea with CRLF line endings; that alone is not a change.)
    assert not re.search(r"\bbody\b", message, re.IGNORECASE), message
    # Their text is kept in the form, ready to merge and save again.
    assert second.input_value("#id_body") == SECOND_BODY

    # Nothing was overwritten: the first editor's change is stored (in place, or in the draft
    # revision published content is edited through) and the second editor's text is not.
    rows = Article._base_manager.all()
    assert rows.filter(standfirst=FIRST_STANDFIRST).exists()
    assert not rows.filter(body=SECOND_BODY).exists()
    article.refresh_from_db()
    assert article.body == original_body
