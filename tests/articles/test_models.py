"""Validation, rendering on save, Vancouver citations and what counts as published."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Cause, Reference, Status
from tests.articles.factories import make_article, make_cause, make_reference

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("doi", "https://doi.org/10.1016/j.ajog.2014.04.041"),
        ("doi", "11.1016/abc"),
        ("doi", "10.12/abc"),
        ("pmid", "PMID19879521"),
        ("pmid", "19879521a"),
        ("url", "javascript:alert(1)"),
        ("url", "ftp://example.org/file"),
        ("key", "Heitmann 2014"),
    ],
)
def test_bad_reference_fields_are_validation_errors_on_save(field, value):
    reference = Reference(**{"key": "goodkey", "title": "A title", field: value})
    with pytest.raises(ValidationError) as error:
        reference.save()
    assert field in error.value.message_dict
    assert not Reference.objects.filter(title="A title").exists()


def test_good_reference_fields_save():
    reference = make_reference(doi="10.1016/j.jmwh.2009.08.007", pmid="19879521", url="https://example.org/")
    assert Reference.objects.filter(pk=reference.pk).exists()


def test_vancouver_journal_citation_links_doi_and_pubmed():
    reference = make_reference(
        key="snell",
        authors="Snell BJ",
        title="Assessment and management of bleeding in the first trimester of pregnancy",
        container="J Midwifery Womens Health",
        year=2009,
        date_detail="Nov-Dec",
        volume="54",
        issue="6",
        pages="483-91",
        doi="10.1016/j.jmwh.2009.08.007",
        pmid="19879521",
    )
    html = str(reference.vancouver_html())
    assert html.startswith(
        "Snell BJ. Assessment and management of bleeding in the first trimester of pregnancy. "
        "J Midwifery Womens Health. 2009 Nov-Dec;54(6):483-91. "
    )
    assert '<a href="https://doi.org/10.1016/j.jmwh.2009.08.007" rel="noopener noreferrer">' in html
    assert (
        '<a href="https://pubmed.ncbi.nlm.nih.gov/19879521/" rel="noopener noreferrer">19879521</a>' in html
    )


def test_vancouver_web_page_shows_internet_and_cited_date():
    reference = make_reference(
        key="web",
        authors="",
        title="Vaginal bleeding in early pregnancy",
        container="MedlinePlus",
        year=None,
        volume="",
        issue="",
        pages="",
        url="https://medlineplus.gov/ency/patientinstructions/000614.htm",
        accessed=datetime.date(2026, 11, 1),
    )
    html = str(reference.vancouver_html())
    assert html.startswith(
        "MedlinePlus. Vaginal bleeding in early pregnancy [Internet]. [cited 2026 Nov 01]."
    )
    assert 'Available from: <a class="url-as-text" href="https://medlineplus.gov/' in html


def test_vancouver_escapes_editor_text():
    reference = make_reference(title="<script>alert(1)</script>")
    assert "<script>" not in str(reference.vancouver_html())


def test_unknown_citation_key_is_a_validation_error_on_the_field_that_uses_it():
    make_reference(key="known")
    cause = Cause(name="X", slug="x", summary="s", body="Fine [@known].", urgent_advice="- see [@nosuchkey]")
    with pytest.raises(ValidationError) as error:
        cause.full_clean()
    assert set(error.value.message_dict) == {"urgent_advice"}
    assert "[@nosuchkey]" in error.value.message_dict["urgent_advice"][0]


def test_save_renders_body_and_advice_and_records_citation_order():
    make_reference(key="first")
    make_reference(key="second")
    cause = make_cause(body="Text [@second].", emergency_advice="- go [@first]", routine_advice="- rest")
    cause.refresh_from_db()
    assert cause.citation_keys == ["second", "first"]
    assert "[1]" in cause.body_html and "[2]" in cause.emergency_advice_html
    assert cause.routine_advice_html == "<ul>\n<li>rest</li>\n</ul>"
    assert [card["disposition"] for card in cause.care_cards] == ["emergency", "self_care"]


def test_editing_the_body_rerenders_on_save():
    article = make_article(body="Old words")
    article.body = "New <script>x()</script>words"
    article.save()
    article.refresh_from_db()
    assert "New" in article.body_html and "<script" not in article.body_html


def test_published_excludes_drafts_future_and_draft_revisions():
    live = make_article()
    make_article(status=Status.DRAFT)
    make_article(published_at=timezone.now() + datetime.timedelta(days=1))
    make_article(slug="revision", draft_of=live)
    assert list(Article.objects.published()) == [live]


def test_next_review_must_follow_last_review():
    cause = Cause(
        name="X",
        slug="x",
        summary="s",
        last_reviewed=datetime.date(2026, 1, 1),
        next_review_due=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        cause.full_clean()
    assert "next_review_due" in error.value.message_dict
