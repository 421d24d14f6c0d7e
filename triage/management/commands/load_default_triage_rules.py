"""Create the default triage ruleset and scenarios where none exist; never overwrite."""

from django.core.management.base import BaseCommand

from triage.starter_rules import load_default_ruleset


class Command(BaseCommand):
    help = "Create the default triage rules (version 1, live) and scenarios if missing. Never overwrites."

    def handle(self, *args, **options):
        created = load_default_ruleset()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items() if count)
        self.stdout.write(f"Triage defaults: created {summary or 'nothing (all present)'}.")
