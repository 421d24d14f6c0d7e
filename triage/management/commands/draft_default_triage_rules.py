"""Put the current default triage rules into a new DRAFT ruleset; the live one is never changed.

For installs whose live rules predate a change to `triage/default_rules.py`:
the draft is a copy of the live version (through the public workflow, so it
keeps its history and its place in the approval process) whose rules are then
replaced by the defaults (a default rule with the name of a replaced one keeps
its lineage, so the approve page compares them rule by rule) and whose
scenarios take the default scenarios' expectations. An editor reviews it, submits it, and a second
person approves it as for any other change.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from triage import default_rules, workflow
from triage.models import RuleSet
from triage.starter_rules import add_default_rules


class Command(BaseCommand):
    help = (
        "Create a draft ruleset holding the current default rules, for review and approval. Never goes live."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True, help="The editor recorded as the draft's author.")

    @transaction.atomic
    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        live = RuleSet.objects.live().first()
        if live is None:
            raise CommandError("No live ruleset: run load_default_triage_rules instead.")
        draft = workflow.copy_to_draft(
            live, user, change_note=f"Default rules as of this release, proposed over version {live.version}."
        )
        lineage = {}
        for rule in draft.rules.all():
            lineage.setdefault(rule.name, rule.lineage)
            rule.delete()
        add_default_rules(draft)
        for rule in draft.rules.filter(name__in=lineage).order_by("order", "pk"):
            if rule.name in lineage:
                rule.lineage = lineage.pop(rule.name)
                rule.save()
        self.stdout.write(
            f"Draft version {draft.version} holds {len(default_rules.RULES)} default rules; "
            f"version {live.version} stays live until the draft is approved."
        )
