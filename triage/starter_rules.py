"""Load the default triage rules (version 1, live) and the default scenarios.

Idempotent and never overwrites: the ruleset is created only when no ruleset
exists at all, and a scenario only when none has its name. Cause links are
made to the cause pages that exist (matched by slug); a missing cause is
skipped, never created, so load the articles' starter content first.
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from triage import default_rules
from triage.models import Condition, Rule, RuleSet, Scenario

SCENARIO_FILE = Path(__file__).resolve().parent / "scenarios" / "default.json"


def read_scenario_file(path):
    """The scenarios in a file in the contract's format, as a list of dicts."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list):
        raise ValueError("A scenario file is a JSON list of {name, answers, expected} objects.")
    return data


@transaction.atomic
def load_default_ruleset():
    """Create what is missing. Returns counts of what was created."""
    created = {"rulesets": 0, "rules": 0, "scenarios": 0}
    if not RuleSet.objects.exists():
        created["rules"] = _create_default_ruleset()
        created["rulesets"] = 1
    existing = set(Scenario.objects.values_list("name", flat=True))
    for item in read_scenario_file(SCENARIO_FILE):
        if item["name"] in existing:
            continue
        scenario = Scenario(name=item["name"], answers=item["answers"], expected=item["expected"])
        scenario.full_clean()
        scenario.save()
        created["scenarios"] += 1
    return created


def add_default_rules(ruleset):
    """Create the rules of `triage/default_rules.py` in `ruleset`, each validated as the admin does."""
    from articles.models import Cause

    causes = {cause.slug: cause for cause in Cause.objects.filter(draft_of__isnull=True)}
    for data in default_rules.default_rule_data():
        rule = Rule(
            ruleset=ruleset,
            order=data["order"],
            name=data["name"],
            disposition=data["disposition"],
            message=data["message"],
            source_citation=data["source_citation"],
            source_url=data["source_url"],
        )
        rule.full_clean()
        rule.save()
        rule.causes.set([causes[slug] for slug in data["causes"] if slug in causes])
        for field, operator, value in data["conditions"]:
            condition = Condition(rule=rule, field=field, operator=operator, value=value)
            condition.full_clean()
            condition.save()


def _create_default_ruleset():
    ruleset = RuleSet.objects.create(change_note=default_rules.DEFAULT_CHANGE_NOTE)
    add_default_rules(ruleset)
    # The first version goes live directly: there is no earlier version to protect.
    now = timezone.now()
    ruleset.status = RuleSet.Status.LIVE
    ruleset.went_live_at = now
    ruleset.save()
    return len(default_rules.RULES)
