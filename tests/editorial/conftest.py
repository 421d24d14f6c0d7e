"""Fixtures for the editorial tests: people in each role, content, and a browser-like form reader."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles.models import Article, ArticleCause, Cause, Status
from editorial.roles import APPROVER, EDITOR, sync_roles

PASSWORD = "a-long-enough-password-1"
REVIEWED = {"last_reviewed": datetime.date(2026, 11, 1), "next_review_due": datetime.date(2027, 11, 1)}


def make_user(username, role=None):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    if role:
        editor_group, approver_group, _ = sync_roles()
        user.groups.add(editor_group if role == EDITOR else approver_group)
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(db):
    return make_user("eddie", EDITOR)


@pytest.fixture
def second_editor(db):
    return make_user("erin", EDITOR)


@pytest.fixture
def approver(db):
    return make_user("abby", APPROVER)


@pytest.fixture
def second_approver(db):
    return make_user("amir", APPROVER)


@pytest.fixture
def cause(db):
    return Cause.objects.create(
        name="Ovulation spotting",
        slug="ovulation",
        summary="Mid-cycle spotting.",
        status=Status.PUBLISHED,
        **REVIEWED,
    )


@pytest.fixture
def live_article(cause):
    article = Article.objects.create(
        title="Spotting explained",
        slug="spotting-explained",
        standfirst="What spotting is.",
        body="The published body.",
        status=Status.PUBLISHED,
        **REVIEWED,
    )
    article.tags.add("cycle")
    ArticleCause.objects.create(article=article, cause=cause, order=1)
    return article


@pytest.fixture
def draft_article(db):
    return Article.objects.create(
        title="New article", slug="new-article", standfirst="Intro.", body="First draft.", **REVIEWED
    )


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the admin's main form (id ending `_form`)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = []
        self.in_form = False
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            value = self.textarea[1]
            self.data.append((self.textarea[0], value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False


def form_data(response):
    """The admin form on a page, as a dict of field -> value (lists for repeated names)."""
    assert response.status_code == 200, response.status_code
    reader = _FormReader()
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.data:
        if name in data:
            data[name] = data[name] if isinstance(data[name], list) else [data[name]]
            data[name].append(value)
        else:
            data[name] = value
    assert "opened_version" in data, "the admin form carries the version the editor opened"
    return data
