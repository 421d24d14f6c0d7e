"""The Content Security Policy: one strict policy for readers and the admin alike."""

import re
from pathlib import Path

import pytest
import simple_history
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from tests.security import html_audit
from tests.security.policy import parse_csp

# 'self' and 'none' only: no host, no scheme (https:, data:), so nothing from another origin.
ALLOWED_SOURCES = {"'self'", "'none'"}
UNSAFE_KEYWORDS = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'")

REQUIRED_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


@pytest.fixture
def public_policy(client, starter_content):
    return parse_csp(client.get("/")["Content-Security-Policy"])


@pytest.mark.parametrize("directive", REQUIRED_DIRECTIVES)
def test_public_policy_sets_the_directive(public_policy, directive):
    assert public_policy[directive] == REQUIRED_DIRECTIVES[directive]


def test_public_policy_allows_no_inline_code_and_no_eval(client, starter_content):
    header = client.get("/")["Content-Security-Policy"]
    assert not [keyword for keyword in UNSAFE_KEYWORDS if keyword in header]
    assert "style-src-attr" not in header and "script-src-attr" not in header


def test_public_policy_names_no_other_origin(public_policy):
    sources = {source for sources in public_policy.values() for source in sources}
    assert sources <= ALLOWED_SOURCES


def test_error_pages_carry_the_public_policy(client, public_policy):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert parse_csp(response["Content-Security-Policy"]) == public_policy


# --- the admin -------------------------------------------------------------


@pytest.fixture
def editor(starter_content):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")


def admin_pages(editor):
    """Index, and for every registered model its changelist, add form, first object and history."""
    request = RequestFactory().get(reverse("admin:index"))
    request.user = editor
    yield reverse("admin:index")
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{name}_changelist")
        if model_admin.has_add_permission(request):
            yield reverse(f"{name}_add")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            yield reverse(f"{name}_change", args=[first.pk])
            yield reverse(f"{name}_history", args=[first.pk])


def test_admin_login_page_renders_with_the_admin_policy(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    policy = parse_csp(response["Content-Security-Policy"])
    for directive, sources in REQUIRED_DIRECTIVES.items():
        assert policy[directive] == sources
    assert "style-src-attr" not in policy
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_an_admin_changelist_renders_with_the_admin_policy(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 200
    assert "editor@example.org" in response.content.decode()
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert "style-src-attr" not in policy


def test_admin_pages_render_and_need_nothing_their_policy_blocks(editor, public_policy):
    # A page that fails shows up as its status code instead of stopping the walk.
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    problems = {}
    for page in admin_pages(editor):
        response = client.get(page)
        html = response.content.decode()
        found = html_audit.inline_code(html) + html_audit.third_party_resources(html)
        if response.status_code != 200:
            found.append(f"status {response.status_code}")
        if parse_csp(response["Content-Security-Policy"]) != public_policy:
            found.append(f"policy {response['Content-Security-Policy']}")
        if found:
            problems[page] = found
    assert not problems, problems


def test_every_admin_with_history_uses_the_history_list_without_inline_styles():
    """django-simple-history's own history list has an inline style the policy blocks; ours has none."""
    template = Path(simple_history.__file__).parent / "templates/simple_history/object_history_list.html"
    assert re.search(r'style="', template.read_text()), "simple_history's list changed: re-check this test"
    ours = Path(settings.BASE_DIR) / "templates/admin/editorial/object_history_list.html"
    assert not re.search(r"style=", ours.read_text())
    site = admin.site
    registered = [site.get_model_admin(model) for model in apps.get_models() if site.is_registered(model)]
    history_admins = [each for each in registered if isinstance(each, SimpleHistoryAdmin)]
    assert history_admins
    for model_admin in history_admins:
        assert model_admin.object_history_list_template == "admin/editorial/object_history_list.html"
