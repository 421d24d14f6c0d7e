"""Odd requests and editor input that used to give 500s: uploads, long notes, odd tags, deploy checks."""

import pytest
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from taggit.models import Tag

from articles.models import Article
from tests.triage.form_data import form_data

pytestmark = pytest.mark.django_db


def test_the_triage_form_refuses_uploads(client, starter_content):
    upload = SimpleUploadedFile("big.bin", b"x" * 2048)
    response = client.post("/triage/", {**form_data(), "file": upload})
    assert response.status_code == 400


def test_the_triage_form_refuses_large_bodies(client, starter_content):
    response = client.post(
        "/triage/", "a=" + "x" * (2 * 1024 * 1024), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    "name",
    ["Grossesse précoce", ">", "?", "!!!", "月経間出血", "х" * 100, "a" * 100, "Ünïcödé & punctuation…"],
)
def test_any_tag_name_reaches_its_page_and_the_sitemap(client, starter_content, name):
    article = Article.objects.published().first()
    article.tags.add(name)
    tag = Tag.objects.get(name=name)
    assert tag.slug
    for path in ("/", article.get_absolute_url(), "/sitemap.xml", f"/tags/{tag.slug}/"):
        assert client.get(path).status_code == 200, path


def test_two_punctuation_tags_get_two_slugs(starter_content):
    article = Article.objects.published().first()
    article.tags.add("?", "!")
    assert Tag.objects.get(name="?").slug != Tag.objects.get(name="!").slug


def test_a_long_history_note_fits(starter_content):
    article = Article.objects.published().first()
    article._change_reason = "A long publish note. " * 40
    article.save()
    assert article.history.first().history_change_reason.startswith("A long publish note.")


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), TRUSTED_PROXY_COUNT=0)
def test_check_deploy_warns_when_no_proxy_is_counted():
    assert "spotting.W001" in [message.id for message in run_checks(include_deployment_checks=True)]


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), TRUSTED_PROXY_COUNT=1)
def test_check_deploy_is_quiet_when_the_proxy_is_counted():
    assert "spotting.W001" not in [message.id for message in run_checks(include_deployment_checks=True)]


def test_a_long_username_is_a_form_error_not_a_500(client):
    response = client.post("/admin/login/", {"username": "u" * 256, "password": "wrong password"})
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
