"""The content checks panel: plain-language and markup advice, as plain functions and in the admin."""

import pytest

from articles.models import Article
from editorial import content_checks
from editorial.content_checks import ADVICE, PROBLEM, check_content, reading_grade
from editorial.glossary import load_starter_glossary
from editorial.models import GlossaryTerm
from tests.editorial.conftest import client_for

PLAIN = (
    "Spotting is light bleeding. It is often harmless. Call your doctor if it goes on. "
    "Go to the emergency department if you feel faint. Most people feel better soon. "
    "Keep a note of the days you bleed."
)
DENSE = (
    "Intermenstrual haemorrhage necessitates comprehensive gynaecological evaluation, "
    "particularly when accompanied by postcoital symptomatology, considering endometrial "
    "pathology, cervical abnormalities, and iatrogenic hormonal perturbations, which "
    "practitioners systematically investigate utilising transvaginal ultrasonography."
)


def checks(findings):
    return [finding.check for finding in findings]


def test_plain_short_text_has_a_low_grade_and_no_findings():
    assert reading_grade(PLAIN) < 5
    assert check_content([("Body", PLAIN)], "<p>x</p>") == []


def test_dense_text_gets_a_high_grade_and_a_long_sentence_named_by_its_start():
    findings = check_content([("Body", DENSE + " " + DENSE)], "")
    grade, long_one = [finding for finding in findings if finding.check == "reading"][:2]
    assert "Reading grade" in grade.message and grade.severity == ADVICE
    assert reading_grade(DENSE + " " + DENSE) > 15
    assert "a sentence of 28 words" in long_one.message and "Intermenstrual haemorrhage" in long_one.message


def test_text_too_short_to_judge_has_no_grade():
    assert reading_grade("Call your doctor.") is None


def test_glossary_words_are_matched_as_whole_words_with_their_plain_alternative():
    glossary = [("endometrium", "lining of the womb"), ("acute", "sudden")]
    findings = check_content(
        [("Body", "The Endometrium can bleed. Acuteness is not acute-onset.")], "", glossary
    )
    assert [finding.message for finding in findings] == [
        "“endometrium”: readers may know it better as “lining of the womb”."
    ]


def test_heading_order_link_text_and_images():
    html = (
        "<h1>Another title</h1><h2>Causes</h2><h4>Skipped</h4>"
        '<p><a href="/triage/">click here</a> <a href="https://www.nhs.uk/">https://www.nhs.uk/</a>'
        ' <a href="/causes/">All the causes</a></p><img src="/a.png"><img src="/b.png" alt="A diagram">'
    )
    findings = check_content([("Body", "")], html)
    assert checks(findings) == ["headings", "headings", "links", "links", "images"]
    assert "level 4 follows level 2" in findings[1].message
    assert "/triage/" in findings[2].message and "bare address" in findings[3].message


def test_a_citation_with_no_reference_is_the_one_problem():
    (finding,) = check_content([("Body", "")], "", unknown_citations=["nobody2020"])
    assert finding.severity == PROBLEM and "[@nobody2020]" in finding.message


def test_syllables_are_estimated_sensibly():
    assert [content_checks.syllables(word) for word in ("bleed", "doctor", "womb", "table")] == [1, 2, 1, 2]


@pytest.mark.django_db
def test_the_starter_glossary_loads_once_and_keeps_editors_deletions():
    added = load_starter_glossary()
    assert added > 30 and GlossaryTerm.objects.count() == added
    assert GlossaryTerm.objects.get(term="endometrium").plain == "lining of the womb"
    GlossaryTerm.objects.filter(term="endometrium").delete()
    assert load_starter_glossary() == 0
    assert not GlossaryTerm.objects.filter(term="endometrium").exists()
    assert GlossaryTerm.history.count() >= added


@pytest.mark.django_db
def test_the_change_page_and_the_publish_page_show_the_findings(approver):
    GlossaryTerm.objects.create(term="endometrium", plain="lining of the womb")
    article = Article.objects.create(
        title="Checks",
        slug="checks",
        standfirst="A short intro.",
        body="The endometrium sheds.\n\n#### Too deep\n\n[click here](/triage/)",
        next_review_due="2027-11-01",
    )
    client = client_for(approver)
    for url in (
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/publish/",
    ):
        html = client.get(url).content.decode()
        assert "Content checks" in html
        assert "readers may know it better as “lining of the womb”" in html
        assert "a level is skipped" in html and "name where it goes" in html


@pytest.mark.django_db
def test_a_glossary_term_added_in_the_admin_applies_to_the_next_page_view(approver):
    article = Article.objects.create(
        title="Checks", slug="checks", standfirst="Intro.", body="Take analgesia."
    )
    client = client_for(approver)
    url = f"/admin/articles/article/{article.pk}/change/"
    assert "“analgesia”" not in client.get(url).content.decode()
    response = client.post(
        "/admin/editorial/glossaryterm/add/", {"term": "analgesia", "plain": "painkillers", "note": ""}
    )
    assert response.status_code == 302
    assert "“analgesia”: readers may know it better as “painkillers”" in client.get(url).content.decode()
