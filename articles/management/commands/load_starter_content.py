"""Load the starter content: references, causes, tags and the flagship article.

Idempotent: anything that already exists (matched by citation key or slug) is
left exactly as editors last saved it, so running it again never duplicates or
overwrites content.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.starter_content import load_starter_content


class Command(BaseCommand):
    help = "Create the starter content where it is missing; never overwrite editors' changes."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_starter_content()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(f"Starter content: created {summary or 'nothing (all present)'}.")
