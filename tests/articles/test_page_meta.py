"""Findable and shareable: canonical links, unique titles and descriptions, link previews, JSON-LD."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup

from articles.models import Cause
from tests.articles.factories import make_article, make_cause, make_reference

LISTED_PAGES = [
    "/",
    "/articles/spotting-between-periods/",
    "/causes/",
    "/causes/ectopic-pregnancy/",
    "/causes/endometriosis/",
    "/tags/pregnancy/",
    "/references/",
]


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def json_ld_of(soup):
    blocks = soup.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    return json.loads(blocks[0].string)


@pytest.mark.usefixtures("starter_content")
def test_every_page_has_a_canonical_link_a_unique_title_and_description_and_link_previews(client):
    titles, descriptions = {}, {}
    for url in LISTED_PAGES:
        soup = soup_of(client, url + "?utm_source=newsletter")
        assert soup.find("link", rel="canonical")["href"] == "http://testserver" + url, url
        titles[url] = soup.title.string
        descriptions[url] = meta(soup, name="description")
        assert meta(soup, property="og:url") == "http://testserver" + url
        for name in ("og:title", "og:description", "og:type", "og:site_name"):
            assert meta(soup, property=name), (url, name)
        assert meta(soup, name="twitter:card") == "summary"
        assert meta(soup, name="twitter:title") and meta(soup, name="twitter:description")
    assert len(set(titles.values())) == len(LISTED_PAGES), titles
    assert len(set(descriptions.values())) == len(LISTED_PAGES), descriptions


@pytest.mark.usefixtures("starter_content")
def test_the_home_title_does_not_repeat_itself(client):
    title = soup_of(client, "/").title.string
    assert title.count("Spotting between periods") == 1


@pytest.mark.usefixtures("starter_content")
def test_the_article_describes_itself_as_an_unreviewed_medical_web_page_citing_its_references(client):
    data = json_ld_of(soup_of(client, "/articles/spotting-between-periods/"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["url"] == "http://testserver/articles/spotting-between-periods/"
    assert data["name"] == "Spotting between periods: 10 common reasons and when to worry"
    # No clinician has reviewed the starter content: no review is claimed.
    assert "lastReviewed" not in data and "reviewedBy" not in data
    cited = {work.get("identifier") for work in data["citation"]}
    assert "doi:10.1016/j.ajog.2014.04.041" in cited and len(data["citation"]) == 4


@pytest.mark.django_db
def test_a_reviewed_cause_names_the_review_date_reviewer_and_condition(client):
    reference = make_reference(doi="10.1000/xyz.1", title="A study")
    cause = make_cause(
        name="Polyps",
        body="Polyps bleed [@" + reference.key + "].",
        reviewer_registration="GMC 7654321",
        last_reviewed=datetime.date(2026, 10, 5),
    )
    data = json_ld_of(soup_of(client, cause.get_absolute_url()))
    assert data["lastReviewed"] == "2026-10-05"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Test Reviewer",
        "jobTitle": "Consultant gynaecologist",
        "identifier": "GMC 7654321",
    }
    assert data["about"] == {"@type": "MedicalCondition", "name": "Polyps"}
    assert data["citation"] == [
        {
            "@type": "ScholarlyArticle",
            "name": "A study",
            "author": "Author A, Author B",
            "isPartOf": "J Test Med",
            "datePublished": "2020",
            "url": "https://doi.org/10.1000/xyz.1",
            "identifier": "doi:10.1000/xyz.1",
        }
    ]


@pytest.mark.django_db
def test_text_an_editor_typed_cannot_close_the_json_ld_block(client):
    article = make_article(title="</script><script>alert(1)</script> & more", standfirst="<b>x</b>")
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script> & more"


@pytest.mark.usefixtures("starter_content")
def test_every_cause_page_is_about_a_medical_condition(client):
    for cause in Cause.objects.published():
        data = json_ld_of(soup_of(client, cause.get_absolute_url()))
        assert data["about"] == {"@type": "MedicalCondition", "name": cause.name}
