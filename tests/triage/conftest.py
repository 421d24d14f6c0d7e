"""Fixtures for the triage tests: cause pages, the default rules, and editors with and without approval."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from triage import contract
from triage.starter_rules import load_default_ruleset

CAUSE_SLUGS = {
    "ectopic-pregnancy": "Ectopic pregnancy",
    "early-pregnancy-bleeding": "Bleeding in early pregnancy",
    "infection-and-pid": "Infection and pelvic inflammatory disease",
    "endometriosis": "Endometriosis",
}


@pytest.fixture
def causes(db):
    from articles.models import Cause

    now = timezone.now()
    return {
        slug: Cause.objects.create(
            name=name, slug=slug, summary=f"About {name}.", status="published", published_at=now
        )
        for slug, name in CAUSE_SLUGS.items()
    }


@pytest.fixture
def default_rules(causes):
    """The default ruleset (version 1, live) and the default scenarios, as the starter loader makes them."""
    from triage.models import RuleSet

    load_default_ruleset()
    return RuleSet.objects.get(status=RuleSet.Status.LIVE)


def _user(django_user_model, username, *, approve):
    user = django_user_model.objects.create_user(username=username, password=None, is_staff=True)
    # Every triage permission but the safety officer's: editors and approvers never change the floor.
    permissions = Permission.objects.filter(content_type__app_label="triage").exclude(
        codename="change_safety_floor"
    )
    if not approve:
        permissions = permissions.exclude(codename="approve_ruleset")
    user.user_permissions.set(permissions)
    # Re-read so no permission cache from before the grant lingers; sign in with force_login.
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def editor(django_user_model):
    return _user(django_user_model, "editor", approve=False)


@pytest.fixture
def approver(django_user_model):
    return _user(django_user_model, "approver", approve=True)


@pytest.fixture
def second_approver(django_user_model):
    return _user(django_user_model, "second-approver", approve=True)


@pytest.fixture
def answers():
    """A factory for a complete, parsed answer set: the defaults with some answers changed."""

    def make(**changes):
        return contract.normalise({**contract.default_answers(), **changes})

    return make
