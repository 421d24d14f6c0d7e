"""`create_editor`: an editor login in under a minute, with no default password."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from editorial.roles import APPROVER, EDITOR, OFFICER

pytestmark = pytest.mark.django_db


def test_creates_a_staff_editor_with_a_generated_password_printed_once(capsys):
    call_command("create_editor", "nina", role="editor", generate_password=True)
    out = capsys.readouterr().out
    password = out.split("Password (shown once, store it safely): ")[1].split()[0]
    user = User.objects.get(username="nina")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITOR]
    assert user.check_password(password)


def test_approver_role_and_duplicate_refused():
    call_command("create_editor", "amir", role="approver", generate_password=True)
    assert User.objects.get(username="amir").groups.get().name == APPROVER
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "amir", role="approver", generate_password=True)


def test_typed_password_must_pass_the_validators(monkeypatch):
    typed = iter(["password", "password", "a-sturdy-passphrase-42", "a-sturdy-passphrase-42"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    call_command("create_editor", "olu", role="editor")
    assert User.objects.get(username="olu").check_password("a-sturdy-passphrase-42")


def test_officer_role_joins_the_clinical_safety_officer_group():
    call_command("create_editor", "kim", role="officer", generate_password=True)
    user = User.objects.get(username="kim")
    assert user.groups.get().name == OFFICER
    assert user.has_perm("triage.change_safety_floor")
    assert not user.has_perm("triage.approve_ruleset")
