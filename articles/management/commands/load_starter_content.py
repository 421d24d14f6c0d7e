"""Load the starter content: references, tags, causes, the flagship article,
the starter search synonyms, and the default triage ruleset with its scenarios.

Idempotent: anything that already exists (matched by citation key, slug or
name) is left exactly as editors last saved it, so running it again never
duplicates or overwrites content. The triage rules come last because they link
to the cause pages.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.starter_content import CHANGED_KINDS, load_starter_content
from articles.synonyms import load_starter_synonyms
from editorial.glossary import load_starter_glossary
from triage.starter_rules import load_default_ruleset


class Command(BaseCommand):
    help = "Create the starter content where it is missing; never overwrite editors' changes."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_starter_content()
            created["search synonyms"] = load_starter_synonyms()
            created["glossary terms"] = load_starter_glossary()
            created.update(load_default_ruleset())
        changed = {kind: created.pop(kind) for kind in CHANGED_KINDS if kind in created}
        created = {kind: count for kind, count in created.items() if count}
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(f"Starter content: created {summary or 'nothing (all present)'}.")
        for kind, count in changed.items():
            if count:
                self.stdout.write(f"Starter content: {count} {kind}.")
