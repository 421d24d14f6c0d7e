"""Admin sign-in: lockout after repeated failures, idle expiry, never cached."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple-9"


@pytest.fixture
def editor():
    return User.objects.create_user("edith", password=PASSWORD, is_staff=True)


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_failures_lock_that_username_and_address_with_a_clear_message(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "edith", "wrong-password")
        assert response.status_code == 200
    response = sign_in(client, "edith", "wrong-password")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "an hour" in response.content.decode()
    # Even the right password is refused while locked.
    assert sign_in(client, "edith", PASSWORD).status_code == 429


def test_lockout_is_per_username_and_address(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "edith", "wrong-password")
    assert sign_in(client, "edith", PASSWORD, address="198.51.100.2").status_code == 302


def test_success_before_the_limit_resets_the_count(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "edith", "wrong-password")
    assert sign_in(client, "edith", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "edith", "wrong-password").status_code == 200


def test_admin_sessions_expire_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_password_validators_refuse_weak_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password", "12345678901234", "short1!"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_admin_pages_are_never_cached(client, editor):
    login_page = client.get("/admin/login/")
    assert "no-store" in login_page["Cache-Control"]
    client.force_login(editor)
    assert "no-store" in client.get("/admin/")["Cache-Control"]
