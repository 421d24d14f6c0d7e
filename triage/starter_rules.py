"""Load the default triage rules (version 1, live) with the default scenarios.

Idempotent and never overwrites: the ruleset, and with it its scenarios, is
created only when no ruleset exists at all. Scenarios belong to a ruleset
version, so `add_default_rules` puts the default scenarios into the ruleset
it fills (a draft), beside any the editors wrote there. Cause links are
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
        created["rules"], created["scenarios"] = _create_default_ruleset()
        created["rulesets"] = 1
    return created


def add_default_scenarios(ruleset):
    """Put the default scenarios into the draft `ruleset`: a scenario of the same name takes the
    default's answers and expected disposition, the ruleset's other scenarios stay. Returns how many."""
    items = read_scenario_file(SCENARIO_FILE)
    for item in items:
        scenario = Scenario.objects.filter(ruleset=ruleset, name=item["name"]).first() or Scenario(
            ruleset=ruleset, name=item["name"]
        )
        scenario.answers, scenario.expected = item["answers"], item["expected"]
        scenario.full_clean()
        scenario.save()
    return len(items)


def add_default_rules(ruleset):
    """Create the rules of `triage/default_rules.py` in the draft `ruleset`, each validated as the
    admin does, and attach the default scenarios to it (`add_default_scenarios`)."""
    from articles.models import Cause

    causes = {cause.slug: cause for cause in Cause.objects.without_revisions()}
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
    return add_default_scenarios(ruleset)


def _create_default_ruleset():
    ruleset = RuleSet.objects.create(change_note=default_rules.DEFAULT_CHANGE_NOTE)
    scenarios = add_default_rules(ruleset)
    # The first version goes live directly: there is no earlier version to protect.
    now = timezone.now()
    ruleset.status = RuleSet.Status.LIVE
    ruleset.went_live_at = now
    ruleset.save()
    return len(default_rules.RULES), scenarios
