"""The editorial roles: exact permissions, idempotent, and nothing for staff in neither group."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from editorial.roles import APPROVER, EDITOR, OFFICER, role_permissions, sync_roles

pytestmark = pytest.mark.django_db


def as_names(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_every_permission_named_in_a_role_exists():
    permissions = Permission.objects.select_related("content_type")
    existing = {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
    named = set().union(*role_permissions().values())
    assert named - existing == set()


def test_groups_exist_after_migrate_with_exact_permissions():
    granted = role_permissions()
    for role in (EDITOR, APPROVER, OFFICER):
        assert as_names(Group.objects.get(name=role)) == granted[role]


def test_each_app_declares_the_permissions_on_its_own_models():
    """editorial knows no content model: the roles are filled in by each app's AppConfig."""
    granted = role_permissions()
    assert granted[APPROVER] - granted[EDITOR] == {
        "articles.publish_article",
        "articles.publish_cause",
        "triage.approve_ruleset",
    }
    assert "triage.change_safety_floor" in granted[OFFICER]
    assert "triage.change_safety_floor" not in granted[EDITOR] | granted[APPROVER]
    # Published content, rulesets and the safety suite are never deleted by a role.
    assert not granted[APPROVER] & {
        "articles.delete_article",
        "articles.delete_cause",
        "triage.delete_ruleset",
        "triage.delete_scenario",
    }


def test_sync_roles_is_idempotent_and_repairs_drift():
    editor = Group.objects.get(name=EDITOR)
    editor.permissions.add(Permission.objects.get(codename="delete_user"))
    call_command("sync_roles", verbosity=0)
    call_command("sync_roles", verbosity=0)
    assert Group.objects.filter(name__in=[EDITOR, APPROVER, OFFICER]).count() == 3
    assert not editor.permissions.filter(codename="delete_user").exists()


def test_editor_cannot_publish_or_approve_but_approver_can():
    editor_group, approver_group, _ = sync_roles()
    editor = User.objects.create_user("eddie", is_staff=True)
    approver = User.objects.create_user("abby", is_staff=True)
    editor.groups.add(editor_group)
    approver.groups.add(approver_group)
    for permission in ("articles.publish_article", "articles.publish_cause", "triage.approve_ruleset"):
        assert not editor.has_perm(permission)
        assert approver.has_perm(permission)
    assert editor.has_perm("articles.change_article")
    assert not editor.has_perm("articles.delete_article")


def test_staff_user_in_neither_group_can_change_nothing(client):
    loner = User.objects.create_user("loner", password="a-long-enough-password-1", is_staff=True)
    client.force_login(loner)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"You don\xe2\x80\x99t have permission to view or edit anything" in response.content
    for url in ("/admin/articles/article/add/", "/admin/auth/user/"):
        assert client.get(url).status_code == 403
