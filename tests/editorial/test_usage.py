"""Where is this used: references and causes list the pages and rules using them; cited references stay."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article, ArticleReference, Cause, CauseReference, Reference
from editorial.usage import uses_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited():
    reference = Reference.objects.create(
        key="nice-ng88", authors="NICE", title="Heavy menstrual bleeding", year=2018
    )
    article = Article.objects.create(title="Spotting explained", slug="spotting-explained", standfirst="s")
    cause = Cause.objects.create(name="Polyps", slug="polyps", summary="s")
    ArticleReference.objects.create(article=article, reference=reference)
    CauseReference.objects.create(cause=cause, reference=reference)
    return reference, article, cause


def test_reference_usage_lists_the_articles_and_causes_citing_it(cited):
    reference, article, cause = cited
    titles = {(use.kind, use.title) for use in uses_of(reference)}
    assert titles == {("article", "Spotting explained"), ("cause", "Polyps")}
    lonely = Reference.objects.create(key="unused", authors="A", title="B", year=2020)
    assert uses_of(lonely) == []


def test_cause_usage_lists_articles_and_triage_rules(cited):
    _, article, cause = cited
    article.causes.add(cause)
    assert [(u.kind, u.title) for u in uses_of(cause)] == [("article", "Spotting explained")]


def test_deleting_a_cited_reference_is_refused_with_the_list(client, cited):
    reference, _, _ = cited
    root = User.objects.create_superuser("root", "root@example.org", "a-long-enough-password-1")
    client.force_login(root)
    page = client.get(f"/admin/articles/reference/{reference.pk}/change/").content.decode()
    assert "Where is this used" in page and "Spotting explained" in page and "Polyps" in page
    response = client.post(f"/admin/articles/reference/{reference.pk}/delete/", {"post": "yes"}, follow=True)
    assert Reference.objects.filter(pk=reference.pk).exists()
    html = response.content.decode()
    assert "cannot be deleted while it is cited" in html and "Spotting explained" in html and "Polyps" in html


def test_an_uncited_reference_can_still_be_deleted_by_the_administrator(client):
    reference = Reference.objects.create(key="unused", authors="A", title="B", year=2020)
    root = User.objects.create_superuser("root", "root@example.org", "a-long-enough-password-1")
    client.force_login(root)
    client.post(f"/admin/articles/reference/{reference.pk}/delete/", {"post": "yes"})
    assert not Reference.objects.filter(pk=reference.pk).exists()


def test_cause_change_page_says_where_it_is_used(client, cited):
    _, article, cause = cited
    article.causes.add(cause)
    root = User.objects.create_superuser("root", "root@example.org", "a-long-enough-password-1")
    client.force_login(root)
    html = client.get(f"/admin/articles/cause/{cause.pk}/change/").content.decode()
    assert "Where is this used" in html and "Spotting explained" in html
