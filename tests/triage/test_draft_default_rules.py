"""draft_default_triage_rules proposes the defaults as a draft and never touches the live rules."""

import pytest
from django.core.management import CommandError, call_command

from triage import default_rules as defaults
from triage.models import RuleSet


def test_the_defaults_arrive_as_a_draft_and_the_live_version_is_unchanged(default_rules, editor):
    live_rules = list(default_rules.rules.values_list("name", "disposition"))
    RuleSet.objects.get(pk=default_rules.pk).rules.filter(name="Fever").update(disposition="appointment")
    call_command("draft_default_triage_rules", username=editor.username)
    draft = RuleSet.objects.get(status=RuleSet.Status.DRAFT)
    assert draft.copied_from_id == default_rules.pk
    assert draft.rules.get(name="Fever").disposition == "urgent"
    assert draft.rules.count() == len(defaults.RULES)
    live = RuleSet.objects.get(status=RuleSet.Status.LIVE)
    assert live.pk == default_rules.pk
    assert live.rules.get(name="Fever").disposition == "appointment"
    assert len(live_rules) == live.rules.count()


def test_an_unknown_user_is_refused(default_rules):
    with pytest.raises(CommandError):
        call_command("draft_default_triage_rules", username="nobody")
