"""Every field an editor fills reaches readers inert: the XSS payload matrix.

Each known payload (tests/security/xss_payloads.py) is typed into every
Markdown and text field of an article, a cause, a reference, their tags and a
live triage rule at once, each field with its own marker. Then every public
page showing those fields, the triage result for answers that match the rule,
and the admin pages editors see are parsed: nothing may be able to run, load
from elsewhere or take over the page, and each marker may only appear as text
or harmless attribute data. The stored HTML is checked too.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, ArticleCause, ArticleReference, Cause, CauseReference, Reference
from tests.articles.factories import make_article, make_cause
from tests.security.xss_payloads import PAYLOADS, execution_problems, fill, marker_problems, parse
from tests.triage.form_data import form_data
from triage import contract
from triage.models import Condition, Rule, RuleSet

SITE_FORMS = ("/search/", "/triage/")
TRIAGE_ANSWERS = form_data(fever="true")
# A field too short for a payload gets this one instead: still a live script if unescaped.
SHORT_PAYLOAD = "<script>alert('{m}')</script>"

ARTICLE_FIELDS = ("title", "standfirst", "body", "reviewer_name", "reviewer_role")
CAUSE_FIELDS = ("name", "summary", "body", "reviewer_name", "reviewer_role")
ADVICE_FIELDS = ("emergency_advice", "urgent_advice", "soon_advice", "routine_advice")
REFERENCE_FIELDS = ("authors", "title", "container", "date_detail", "volume", "issue", "pages")
RULE_FIELDS = ("name", "message", "source_citation")
# Plain-text fields shown as text on their own page: the payload must be visible there, escaped.
SHOWN_AS_TEXT = {
    ("article", "title"),
    ("article", "standfirst"),
    ("article", "reviewer_name"),
    ("cause", "name"),
    ("cause", "summary"),
    ("reference", "title"),
    ("rule", "name"),
}


def field_value(model, field_name, template, marker):
    value = fill(template, marker)
    max_length = model._meta.get_field(field_name).max_length
    return value if max_length is None or len(value) <= max_length else fill(SHORT_PAYLOAD, marker)


def payload_url(template, marker):
    """The payload inside an http URL: a valid URL field value whose text is still hostile."""
    return "https://example.org/" + re.sub(r"\s", "%20", fill(template, marker))


class Planted:
    """Which marker went into which field, and the objects that hold them."""

    def __init__(self, template):
        self.template = template
        self.markers = {}

    def marker(self, owner, field_name):
        marker = f"zq{len(self.markers):02d}zq"
        self.markers[marker] = (owner, field_name)
        return marker

    def values(self, owner, model, field_names):
        return {
            name: field_value(model, name, self.template, self.marker(owner, name)) for name in field_names
        }

    def describe(self, where, marker_problems):
        return [f"{where}: {'.'.join(self.markers[marker])} {problem}" for marker, problem in marker_problems]

    def text_of(self, marker):
        owner, field_name = self.markers[marker]
        model = {"article": Article, "cause": Cause, "reference": Reference, "rule": Rule}[owner]
        return field_value(model, field_name, self.template, marker)


def plant(template):
    """Publish an article, cause, reference, tags and a live rule with the payload in every field."""
    planted = Planted(template)
    reference_values = planted.values("reference", Reference, REFERENCE_FIELDS)
    url_marker = planted.marker("reference", "url")
    try:
        reference = Reference(key="xssref", url=payload_url(template, url_marker), **reference_values)
        reference.save()
    except ValidationError:
        # Not a valid URL at all (test_only_web_addresses_are_accepted covers refusal); no URL then.
        reference = Reference(key="xssref", **reference_values)
        reference.save()
    cause = make_cause(slug="xss-cause", **planted.values("cause", Cause, CAUSE_FIELDS + ADVICE_FIELDS))
    article = make_article(
        slug="xss-article",
        is_flagship=True,
        **planted.values("article", Article, ARTICLE_FIELDS + ADVICE_FIELDS),
    )
    cause.tags.add(field_value(Tag, "name", template, planted.marker("cause", "tag")))
    article.tags.add(field_value(Tag, "name", template, planted.marker("article", "tag")))
    ArticleCause.objects.create(article=article, cause=cause)
    ArticleReference.objects.create(article=article, reference=reference)
    CauseReference.objects.create(cause=cause, reference=reference)

    rule = live_rule(planted, cause)
    return planted, article, cause, reference, rule


def live_rule(planted, cause):
    """A live ruleset whose one rule (fever) carries the payload; TRIAGE_ANSWERS match it."""
    ruleset = RuleSet.objects.create(status=RuleSet.Status.LIVE, went_live_at=timezone.now())
    rule = Rule(
        ruleset=ruleset,
        disposition=contract.URGENT,
        source_url=payload_url(planted.template, planted.marker("rule", "source_url")),
        **planted.values("rule", Rule, RULE_FIELDS),
    )
    rule.save()
    Condition.objects.create(rule=rule, field="fever", operator=contract.IS_TRUE)
    rule.causes.add(cause)
    return rule


def public_pages(client, article, cause):
    paths = ["/", "/causes/", article.get_absolute_url(), cause.get_absolute_url(), "/references/"]
    paths += [
        reverse("articles:tag_detail", args=[tag.slug]) for tag in [*article.tags.all(), *cause.tags.all()]
    ]
    pages = {path: client.get(path) for path in paths}
    for item in (article, cause):
        # Search for the word the payload's marker makes, so the result shows the title and snippet.
        marker = re.search(r"zq\d\dzq", item.body).group(0)
        pages[f"/search/?q={marker}"] = client.get("/search/", {"q": marker})
    pages["POST /triage/"] = client.post("/triage/", TRIAGE_ANSWERS)
    return pages


def admin_pages(client, article, cause, reference, rule):
    superuser = get_user_model().objects.create_superuser("xss-admin", "xss@example.org", "unused-password-1")
    client.force_login(superuser)
    paths = [
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_cause_change", args=[cause.pk]),
        reverse("admin:articles_reference_change", args=[reference.pk]),
        reverse("admin:articles_reference_changelist"),
        reverse("admin:triage_rule_change", args=[rule.pk]),
        reverse("admin:triage_rule_changelist") + f"?ruleset__id__exact={rule.ruleset_id}",
        reverse("preview:article_preview", args=[article.pk]),
        reverse("preview:cause_preview", args=[cause.pk]),
    ]
    pages = {path: client.get(path) for path in paths}
    client.logout()
    return pages


def stored_html(article, cause, rule):
    fragments = {}
    for owner, obj in (("article", article), ("cause", cause)):
        obj.refresh_from_db()
        for _, html_field in obj.RENDERED_FIELDS:
            fragments[f"{owner}.{html_field}"] = getattr(obj, html_field)
    rule.refresh_from_db()
    fragments["rule.message_html"] = rule.message_html
    return fragments


def payload_shown_as_text(planted, texts):
    """Plain-text fields whose own page does not show exactly what the editor typed, as text."""
    missing = []
    for marker, (owner, field_name) in planted.markers.items():
        if (owner, field_name) in SHOWN_AS_TEXT:
            typed = " ".join(planted.text_of(marker).split())
            if typed.rstrip(".") not in texts[owner]:
                missing.append(f"{owner}.{field_name}")
    return missing


@pytest.mark.parametrize(("label", "template"), PAYLOADS, ids=[label for label, _ in PAYLOADS])
def test_no_payload_in_any_field_can_run_on_any_page(client, db, label, template):
    planted, article, cause, reference, rule = plant(template)
    pages = public_pages(client, article, cause)
    problems = []
    soups = {}
    for where, response in pages.items():
        assert response.status_code == 200, (where, response.status_code)
        html = response.content.decode()
        soups[where] = soup = parse(html)
        problems += [
            f"{where}: {problem}" for problem in execution_problems(html, own_forms=SITE_FORMS, soup=soup)
        ]
        problems += planted.describe(where, marker_problems(html, planted.markers, soup=soup))
    for fragment_name, html in stored_html(article, cause, rule).items():
        problems += [f"stored {fragment_name}: {problem}" for problem in execution_problems(html)]
        problems += planted.describe(f"stored {fragment_name}", marker_problems(html, planted.markers))
    assert problems == []

    assert soups["POST /triage/"].select_one("[data-disposition]")["data-disposition"] == contract.URGENT
    # Escaped, not dropped: plain-text fields show readers exactly what the editor typed.
    own_page = {
        "article": article.get_absolute_url(),
        "cause": cause.get_absolute_url(),
        "reference": "/references/",
        "rule": "POST /triage/",
    }
    texts = {owner: " ".join(soups[path].get_text().split()) for owner, path in own_page.items()}
    assert payload_shown_as_text(planted, texts) == []


# The admin shows every field, including the rule's citation and source URL that readers never see;
# the editors' previews show drafts in the public layout.
ADMIN_PAYLOADS = [
    payload for payload in PAYLOADS if payload[0] in ("script tag", "attribute breakout", "svg onload")
]


@pytest.mark.parametrize(("label", "template"), ADMIN_PAYLOADS, ids=[label for label, _ in ADMIN_PAYLOADS])
def test_no_payload_can_run_in_the_admin(client, db, label, template):
    planted, article, cause, reference, rule = plant(template)
    problems = []
    for where, response in admin_pages(client, article, cause, reference, rule).items():
        assert response.status_code == 200, (where, response.status_code)
        html = response.content.decode()
        problems += planted.describe(where, marker_problems(html, planted.markers))
        problems += [
            f"{where}: {problem}"
            for problem in execution_problems(html, own_forms=("", None, "/admin/logout/"))
            if "zq" in problem
        ]
    assert problems == []


UNSAFE_ADDRESSES = (
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
    "//evil.example/",
    "file:///etc/passwd",
    "https://",
)


@pytest.mark.parametrize("address", UNSAFE_ADDRESSES)
def test_a_reference_url_that_is_not_an_http_web_address_is_refused(db, address):
    with pytest.raises(ValidationError) as refused:
        Reference(key="badurl", title="A page", url=address).save()
    assert "url" in refused.value.message_dict
    assert not Reference.objects.filter(key="badurl").exists()


@pytest.mark.parametrize("address", UNSAFE_ADDRESSES)
def test_a_rule_source_url_that_is_not_an_http_web_address_is_refused(db, address):
    draft = RuleSet.objects.create()
    rule = Rule(
        ruleset=draft,
        name="A rule",
        disposition=contract.URGENT,
        message="See a doctor.",
        source_citation="A guideline",
        source_url=address,
    )
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "source_url" in refused.value.message_dict
