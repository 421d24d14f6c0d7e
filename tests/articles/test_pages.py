"""Public pages with the starter content: status codes, review info, citations, links, markup rules."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Cause, Status
from articles.starter_content import CAUSES
from tests.articles.factories import make_article, make_cause

PUBLIC_URLS = [
    "/",
    "/articles/spotting-between-periods/",
    "/causes/",
    *[f"/causes/{cause['slug']}/" for cause in CAUSES],
    "/tags/pregnancy/",
    "/tags/emergency/",
    "/references/",
    "/search/?q=implantation",
    "/search/",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_url_is_200_with_the_starter_content(client, starter_content, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if not u.endswith((".xml", ".txt"))])
def test_pages_have_one_h1_no_inline_styles_or_scripts_and_unique_ids(client, starter_content, url):
    html = client.get(url).content.decode()
    assert html.count("<h1") == 1
    assert "style=" not in html and "<style" not in html
    # The one script element allowed is the JSON-LD data block, which browsers never run.
    assert "<script" not in re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", html)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_url_names_reverse_to_the_public_paths():
    assert reverse("articles:home") == "/"
    assert reverse("articles:article_detail", args=["a"]) == "/articles/a/"
    assert reverse("articles:cause_list") == "/causes/"
    assert reverse("articles:cause_detail", args=["c"]) == "/causes/c/"
    assert reverse("articles:tag_detail", args=["t"]) == "/tags/t/"
    assert reverse("articles:references") == "/references/"
    assert reverse("articles:search") == "/search/"
    assert reverse("articles:sitemap") == "/sitemap.xml"
    assert reverse("articles:robots_txt") == "/robots.txt"


def test_flagship_shows_review_info_citations_callouts_and_links(client, starter_content):
    html = client.get("/articles/spotting-between-periods/").content.decode()
    # The starter content ships unreviewed, and says so (no invented reviewer).
    assert "This page has not yet been checked by a clinician" in html
    assert "<dt>Last reviewed</dt>" not in html and "Reviewed by" not in html
    assert "<dt>Next review due</dt>" in html and "1 November 2027" in html
    assert "not a diagnosis" in html
    # Citations numbered by first use, each linking to its entry in the reference list.
    assert '<a href="#ref-jabara2009" id="cite-jabara2009-1" rel="noopener noreferrer">[1]</a>' in html
    assert '<a href="#ref-heitmann2014" id="cite-heitmann2014-1" rel="noopener noreferrer">[4]</a>' in html
    order = [
        html.index(f'<li id="ref-{key}">') for key in ("jabara2009", "snell2009", "medlineplus-bleeding")
    ]
    assert order == sorted(order)
    # Call-outs, strongest first.
    headings = [
        "Go to the emergency department now if...",
        "Call your doctor today if...",
        "See a doctor soon if...",
    ]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert 'href="/causes/ectopic-pregnancy/"' in html
    assert 'href="/tags/pregnancy/"' in html
    assert 'href="https://doi.org/10.1016/j.ajog.2014.04.041"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/19879521/"' in html


def test_cause_page_shows_urgency_review_info_and_links_back(client, starter_content):
    html = client.get("/causes/ectopic-pregnancy/").content.decode()
    assert "urgency-badge--emergency" in html
    assert "Go to the emergency department now if..." in html
    assert "This page has not yet been checked by a clinician" in html
    assert 'href="/articles/spotting-between-periods/"' in html
    assert 'href="/tags/emergency/"' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert 'aria-current="page"' in html


def test_home_shows_flagship_causes_grouped_by_tag_triage_and_emergency(client, starter_content):
    html = client.get("/").content.decode()
    assert "Spotting between periods: 10 common reasons and when to worry" in html
    assert 'id="topic-emergency"' in html and 'id="topic-pregnancy"' in html
    emergency_group = html.split('id="topic-emergency"')[1].split("</section>")[0]
    assert "/causes/ectopic-pregnancy/" in emergency_group and "/causes/ohss/" in emergency_group
    assert 'href="/triage/"' in html
    assert "care-card--emergency" in html


def test_references_page_lists_every_reference_with_anchor_and_citing_pages(client, starter_content):
    html = client.get("/references/").content.decode()
    for key in ("heitmann2014", "jabara2009", "snell2009", "medlineplus-bleeding"):
        assert f'id="ref-{key}"' in html
    assert "Cited in:" in html and 'href="/causes/endometriosis/"' in html


def test_drafts_are_404_and_missing_from_lists_search_and_sitemap(client, db):
    make_cause(slug="draft-cause", name="Secret draft cause", status=Status.DRAFT)
    make_article(slug="draft-article", title="Secret draft article", status=Status.DRAFT)
    make_cause(slug="visible", name="Visible cause")
    assert client.get("/causes/draft-cause/").status_code == 404
    assert client.get("/articles/draft-article/").status_code == 404
    assert "Visible cause" in client.get("/causes/").content.decode()
    for url in ("/causes/", "/sitemap.xml", "/search/?q=secret", "/references/", "/"):
        html = client.get(url).content.decode()
        assert "Secret draft" not in html
        assert "draft-cause" not in html and "draft-article" not in html


def test_draft_revision_of_a_live_cause_is_not_public(client, db):
    live = make_cause(slug="live", name="Live cause")
    Cause.objects.create(
        slug="live", name="Unreviewed revision", summary="s", status=Status.PUBLISHED, draft_of=live
    )
    html = client.get("/causes/live/").content.decode()
    assert "Live cause" in html and "Unreviewed revision" not in html


def test_tag_with_only_draft_content_is_404(client, db):
    cause = make_cause(status=Status.DRAFT)
    cause.tags.add("hidden-topic")
    assert client.get("/tags/hidden-topic/").status_code == 404


def test_robots_txt_points_at_sitemap_and_disallows_admin_and_preview(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /preview/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_published_articles_causes_and_used_tags(client, starter_content):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/articles/spotting-between-periods/" in xml
    assert xml.count("/causes/") == 1 + Cause.objects.published().count()
    assert "/tags/emergency/" in xml


def test_stored_html_never_contains_editor_scripts(client, db):
    article = make_article(
        slug="dirty", body='Hello <script>alert(1)</script><img src=x onerror="alert(2)"> world'
    )
    stored = Article.objects.get(pk=article.pk).body_html
    page = client.get("/articles/dirty/").content.decode()
    for text in (stored, page):
        assert "alert(" not in text and "onerror" not in text and "<img" not in text
