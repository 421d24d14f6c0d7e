"""Word-level diffs: one changed word in a long text is one <del> and one <ins>, escaped."""

import pytest

from editorial.diffs import field_word_diffs, word_diff


def test_one_changed_word_in_a_long_body_is_marked_alone():
    words = ["word"] * 600
    old = " ".join(words)
    new = " ".join(words[:300] + ["bleeding"] + words[301:])
    html = str(word_diff(old, new))
    assert html.count("<del>") == 1 and html.count("<ins>") == 1
    assert "<del>word</del><ins>bleeding</ins>" in html


def test_insertions_and_deletions_of_markdown_source():
    html = str(word_diff("See a **doctor** soon.\n\n## Causes", "See a **GP** today.\n\n## Causes"))
    assert "<del>**doctor**</del><ins>**GP**</ins>" in html
    assert "<del>soon.</del><ins>today.</ins>" in html
    assert "## Causes" in html
    assert str(word_diff("a b", "a b c")).endswith("<ins> c</ins>")
    assert "<del> c</del>" in str(word_diff("a b c", "a b"))


def test_text_is_escaped_so_editor_content_cannot_inject_markup():
    html = str(word_diff("safe", "<script>alert(1)</script>"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_rendered_html_is_compared_as_the_words_readers_see():
    html = str(
        word_diff("<p>Light <strong>spotting</strong></p>", "<p>Light <em>bleeding</em></p>", rendered=True)
    )
    assert "<p>" not in html and "<strong>" not in html
    assert "<del>spotting</del><ins>bleeding</ins>" in html
    rows = field_word_diffs([("Body html", "<p>old</p>", "<p>new</p>"), ("Body", "old", "new")])
    assert str(rows[0][3]) == "<del>old</del><ins>new</ins>"
    assert str(rows[1][3]) == "<del>old</del><ins>new</ins>"


@pytest.mark.django_db
def test_compare_page_shows_ins_and_del(client):
    from django.contrib.auth.models import User

    from articles.models import Article

    article = Article.objects.create(title="Diffs", slug="diffs", standfirst="Spotting is common.")
    article.standfirst = "Spotting is usually harmless."
    article.save()
    old, new = article.history.order_by("history_id")
    admin = User.objects.create_superuser("root", "root@example.org", "a-long-enough-password-1")
    client.force_login(admin)
    html = client.get(
        f"/admin/articles/article/{article.pk}/history/compare/?old={old.history_id}&new={new.history_id}"
    ).content.decode()
    assert "<del>common.</del><ins>usually harmless.</ins>" in html
