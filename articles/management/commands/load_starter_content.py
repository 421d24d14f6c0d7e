"""Load the starter content: references, tags, causes, the flagship article,
and the default triage ruleset with its scenarios.

Idempotent: anything that already exists (matched by citation key, slug or
name) is left exactly as editors last saved it, so running it again never
duplicates or overwrites content. The triage rules come last because they link
to the cause pages.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.starter_content import CHANGED_KINDS, load_starter_content
from triage.starter_rules import load_default_ruleset


class Command(BaseCommand):
    help = "Create the starter content where it is missing; never overwrite editors' changes."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_starter_content()
            created.update({kind: count for kind, count in load_default_ruleset().items() if count})
        changed = {kind: created.pop(kind) for kind in CHANGED_KINDS if kind in created}
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(f"Starter content: created {summary or 'nothing (all present)'}.")
        for kind, count in changed.items():
            self.stdout.write(f"Starter content: {count} {kind}.")
