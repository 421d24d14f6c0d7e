"""Honest review status: unreviewed pages say so; publishing records the named reviewer and the date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles.models import Article, Cause
from articles.starter_content import PLACEHOLDER_REVIEWER, load_starter_content
from tests.articles.factories import make_article
from tests.editorial.conftest import client_for
from tests.editorial.test_publishing import edit, publish_url

pytestmark = pytest.mark.django_db

UNREVIEWED = "This page has not yet been checked by a clinician"
REVIEW_POST = {
    "change_note": "Checked against the guidance.",
    "reviewer_name": "Dr Jane Rao",
    "reviewer_role": "Consultant gynaecologist",
    "reviewer_registration": "GMC 7654321",
    "reviewed_on": "2026-11-20",
}


def test_a_page_no_named_clinician_reviewed_says_so_plainly(client):
    article = make_article(reviewer_name="", reviewer_role="", last_reviewed=datetime.date(2026, 11, 1))
    html = client.get(article.get_absolute_url()).content.decode()
    assert UNREVIEWED in html
    assert "Reviewed by" not in html and "Last reviewed" not in html


def test_a_reviewed_page_names_the_reviewer_role_registration_and_date(client):
    article = make_article(reviewer_name="Dr Jane Rao", reviewer_registration="GMC 7654321")
    html = client.get(article.get_absolute_url()).content.decode()
    assert UNREVIEWED not in html
    assert "Dr Jane Rao, Consultant gynaecologist (GMC 7654321)" in html
    assert '<time datetime="2026-11-01">1 November 2026</time>' in html


def test_publishing_records_the_reviewer_and_the_date(approver, draft_article, client):
    form = client_for(approver).get(publish_url(draft_article)).content.decode()
    assert "Clinically reviewed by" in form and "Registration number" in form
    response = client_for(approver).post(publish_url(draft_article), REVIEW_POST)
    assert response.status_code == 302
    article = Article.objects.get(pk=draft_article.pk)
    assert (article.reviewer_name, article.reviewer_role, article.reviewer_registration) == (
        "Dr Jane Rao",
        "Consultant gynaecologist",
        "GMC 7654321",
    )
    assert article.last_reviewed == datetime.date(2026, 11, 20) and article.is_clinically_reviewed
    note = article.history.first().history_change_reason
    assert "Clinically reviewed by Dr Jane Rao, Consultant gynaecologist (GMC 7654321) on 20 Nov 2026" in note
    assert UNREVIEWED not in client.get(article.get_absolute_url()).content.decode()


def test_publishing_a_revision_records_its_reviewer_on_the_live_page(editor, approver, live_article, client):
    edit(client_for(editor), live_article, body="A checked body.")
    revision = Article.objects.get(draft_of=live_article)
    client_for(approver).post(publish_url(revision), {**REVIEW_POST, "reviewer_registration": ""})
    live_article.refresh_from_db()
    assert live_article.reviewer_credit == "Dr Jane Rao, Consultant gynaecologist"
    assert (
        "Dr Jane Rao, Consultant gynaecologist"
        in client.get("/articles/spotting-explained/").content.decode()
    )


def test_publishing_without_a_named_reviewer_publishes_an_unreviewed_page(approver, draft_article, client):
    client_for(approver).post(publish_url(draft_article), {"change_note": "Unreviewed for now."})
    article = Article.objects.get(pk=draft_article.pk)
    assert article.visible_to_readers and not article.is_clinically_reviewed
    assert UNREVIEWED in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"reviewer_role": ""}, "Give the reviewer&#x27;s clinical role."),
        ({"reviewed_on": ""}, "Give the date of the review."),
        ({"reviewed_on": "2999-01-01"}, "A review date cannot be in the future."),
        ({"reviewer_name": ""}, "Name the clinician who reviewed it."),
    ],
)
def test_a_review_must_name_the_clinician_their_role_and_a_past_date(
    approver, draft_article, changes, field_error
):
    response = client_for(approver).post(publish_url(draft_article), {**REVIEW_POST, **changes})
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not Article.objects.get(pk=draft_article.pk).visible_to_readers


def test_a_named_reviewer_needs_a_review_date_and_a_role():
    article = Article(title="T", slug="t", standfirst="S", reviewer_name="Dr Rao", reviewer_role="GP")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "last_reviewed" in error.value.message_dict


def test_the_starter_content_ships_unreviewed(starter_content):
    for model in (Article, Cause):
        assert not model.objects.exclude(reviewer_name="").exists()
        assert not model.objects.filter(last_reviewed__isnull=False).exists()


def test_the_loader_removes_the_old_placeholder_reviewer_but_keeps_a_real_one(capsys):
    load_starter_content()
    Cause.objects.update(reviewer_name=PLACEHOLDER_REVIEWER, reviewer_role="Consultant gynaecologist")
    Article.objects.update(reviewer_name=PLACEHOLDER_REVIEWER, last_reviewed=datetime.date(2026, 11, 1))
    real = Cause.objects.get(slug="ohss")
    Cause.objects.filter(pk=real.pk).update(
        reviewer_name="Dr Jane Rao", reviewer_role="GP", last_reviewed=datetime.date(2026, 11, 2)
    )
    call_command("load_starter_content")
    assert "15 pages cleared of the placeholder reviewer" in capsys.readouterr().out
    assert not Cause.objects.filter(reviewer_name=PLACEHOLDER_REVIEWER).exists()
    assert not Article.objects.filter(last_reviewed__isnull=False).exists()
    assert Cause.objects.get(pk=real.pk).reviewer_name == "Dr Jane Rao"
    assert load_starter_content() == {}
