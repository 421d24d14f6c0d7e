"""The admin for clinical content: lists, filters, previews and validation messages."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article, Cause, Reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/",
        "/admin/articles/article/?status__exact=published&review_due=overdue",
        "/admin/articles/article/?q=spotting",
        "/admin/articles/cause/",
        "/admin/articles/cause/?review_due=later&urgency_hint__exact=emergency",
        "/admin/articles/cause/?tags__id__exact=1",
        "/admin/articles/reference/?q=heitmann",
        "/admin/articles/article/add/",
        "/admin/articles/cause/add/",
    ],
)
def test_admin_lists_filters_and_add_forms_load(editor_client, starter_content, url):
    assert editor_client.get(url).status_code == 200


def test_change_page_shows_sanitized_preview_and_citation_order(editor_client, starter_content):
    article = Article.objects.get(slug="spotting-between-periods")
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert 'class="rendered-preview"' in html
    assert '<sup class="citation"><a href="#ref-jabara2009"' in html
    assert "[1] jabara2009, [2] snell2009, [3] medlineplus-bleeding, [4] heitmann2014" in html
    assert "Go to the emergency department now if..." in html


def cause_form(**overrides):
    data = {
        "name": "New cause",
        "slug": "new-cause",
        "summary": "A summary.",
        "urgency_hint": "appointment",
        "position": "1",
        "tags": "",
        "status": "draft",
        "body": "Body text.",
        "causereference_set-TOTAL_FORMS": "0",
        "causereference_set-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_unknown_citation_key_is_shown_as_a_form_error(editor_client, starter_content):
    response = editor_client.post("/admin/articles/cause/add/", cause_form(body="See [@nosuch2020]."))
    assert response.status_code == 200
    assert "No reference has the citation key [@nosuch2020]" in response.content.decode()
    assert not Cause.objects.filter(slug="new-cause").exists()


def test_valid_cause_saves_from_the_admin_with_rendered_html(editor_client, starter_content):
    response = editor_client.post(
        "/admin/articles/cause/add/", cause_form(body="See [@snell2009]. <script>x()</script>")
    )
    assert response.status_code == 302
    cause = Cause.objects.get(slug="new-cause")
    assert cause.citation_keys == ["snell2009"] and "<script" not in cause.body_html


@pytest.mark.parametrize(
    "tag",
    [
        "9" * 101,  # longer than the tag table's name column
        "a" * 91,  # fits the column, but leaves no room for taggit's "_2" when two slugs clash
        "\ufdfa" * 6,  # six characters whose slug (NFKC) is over a hundred
    ],
)
def test_a_tag_too_long_for_the_tag_table_is_explained_not_a_500(editor_client, starter_content, tag):
    response = editor_client.post("/admin/articles/cause/add/", cause_form(tags=f'"{tag}", bleeding'))
    assert response.status_code == 200
    assert "A tag can be at most 90 characters long. Shorten" in response.content.decode()
    assert not Cause.objects.filter(slug="new-cause").exists()


def test_a_tag_of_ninety_characters_is_kept(editor_client, starter_content):
    tag = "b" * 90
    response = editor_client.post("/admin/articles/cause/add/", cause_form(tags=f'"{tag}"'))
    assert response.status_code == 302
    assert list(Cause.objects.get(slug="new-cause").tags.names()) == [tag]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("doi", "doi.org/10.1/x", "Enter a DOI like"),
        ("pmid", "pm123", "digits only"),
        ("url", "ftp://example.org/x", "Only http and https"),
    ],
)
def test_bad_reference_fields_show_clear_admin_errors(editor_client, db, field, value, message):
    data = {"key": "newref", "title": "A title", field: value}
    response = editor_client.post("/admin/articles/reference/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Reference.objects.filter(key="newref").exists()


def test_publish_action_asks_for_a_change_note_then_publishes_drafts(editor_client, starter_content):
    cause = Cause.objects.get(slug="ohss")
    Cause.objects.filter(pk=cause.pk).update(status="draft")
    selected = {"action": "publish", "_selected_action": [cause.pk]}
    confirm = editor_client.post("/admin/articles/cause/", selected)
    assert confirm.status_code == 200 and "Change note" in confirm.content.decode()
    assert not Cause.objects.published().filter(pk=cause.pk).exists()
    response = editor_client.post(
        "/admin/articles/cause/", {**selected, "change_note": "Reviewed."}, follow=True
    )
    assert response.status_code == 200
    assert Cause.objects.published().filter(pk=cause.pk).exists()
    assert cause.history.first().history_change_reason == "Published: Reviewed."
