"""`editorial.starter`: one command loads each app's starter content, in INSTALLED_APPS order."""

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.models import Cause
from editorial.starter import StarterCounts, load_starter_content
from triage.models import RuleSet

pytestmark = pytest.mark.django_db


def test_every_app_that_ships_starter_content_is_asked_in_installed_apps_order(monkeypatch):
    asked = []
    for config in apps.get_app_configs():
        if hasattr(config, "load_starter_content"):
            monkeypatch.setattr(
                config,
                "load_starter_content",
                lambda label=config.label: asked.append(label) or StarterCounts(),
            )
    load_starter_content()
    assert asked == ["articles", "triage", "editorial"]


def test_the_triage_rules_link_to_the_cause_pages_created_before_them():
    load_starter_content()
    ruleset = RuleSet.objects.get()
    linked = Cause.objects.filter(triage_rules__ruleset=ruleset).distinct()
    assert linked.exists()


def test_a_failing_loader_leaves_nothing_half_loaded(monkeypatch):
    def fails():
        raise RuntimeError("the triage loader broke")

    monkeypatch.setattr(apps.get_app_config("triage"), "load_starter_content", fails)
    with pytest.raises(RuntimeError):
        load_starter_content()
    assert not Cause.objects.exists()


def test_counts_add_up_and_read_as_the_command_prints_them():
    counts = StarterCounts(created={"causes": 2, "tags": 0})
    counts.add(StarterCounts(created={"causes": 1}, changed={"pages corrected": 3, "pages moved": 0}))
    assert counts.summary_lines() == [
        "Starter content: created 3 causes.",
        "Starter content: 3 pages corrected.",
    ]
    assert StarterCounts().summary_lines() == ["Starter content: created nothing (all present)."]


def test_the_command_reports_what_it_created_then_nothing(capsys):
    call_command("load_starter_content")
    first = capsys.readouterr().out
    assert "15 causes" in first and "1 rulesets" in first and "glossary terms" in first
    call_command("load_starter_content")
    assert capsys.readouterr().out == "Starter content: created nothing (all present).\n"
