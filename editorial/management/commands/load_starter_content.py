"""Load every installed app's starter content where it is missing (`editorial.starter`).

Idempotent: anything that already exists (matched by citation key, slug or
name) is left exactly as editors last saved it, so running it again never
duplicates or overwrites content.
"""

from django.core.management.base import BaseCommand

from editorial.starter import load_starter_content


class Command(BaseCommand):
    help = "Create the starter content where it is missing; never overwrite editors' changes."

    def handle(self, *args, **options):
        for line in load_starter_content().summary_lines():
            self.stdout.write(line)
