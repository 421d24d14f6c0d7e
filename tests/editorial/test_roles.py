"""The editorial roles: exact permissions, idempotent, and nothing for staff in neither group."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from editorial.roles import (
    APPROVER,
    APPROVER_ONLY_PERMISSIONS,
    EDITOR,
    EDITOR_PERMISSIONS,
    OFFICER,
    OFFICER_PERMISSIONS,
    sync_roles,
)

pytestmark = pytest.mark.django_db


def editor_codenames():
    return {
        f"{app}.{action}_{model}"
        for app, models in EDITOR_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }


def test_every_permission_named_in_a_role_exists():
    permissions = Permission.objects.select_related("content_type")
    existing = {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
    named = editor_codenames() | {
        f"{app}.{codename}" for app, codename in APPROVER_ONLY_PERMISSIONS + OFFICER_PERMISSIONS
    }
    assert named - existing == set()


def test_groups_exist_after_migrate_with_exact_permissions():
    editor = Group.objects.get(name=EDITOR)
    approver = Group.objects.get(name=APPROVER)
    as_names = lambda group: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}  # noqa: E731
    assert as_names(editor) == editor_codenames()
    assert as_names(approver) == editor_codenames() | {f"{a}.{c}" for a, c in APPROVER_ONLY_PERMISSIONS}
    officer = Group.objects.get(name=OFFICER)
    assert as_names(officer) == {f"{a}.{c}" for a, c in OFFICER_PERMISSIONS}


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
