"""Rebuild the search vocabulary (the words misspelt searches are corrected to) from the published content.

Saving content adds its words as it goes; words that no page uses any more
stay until this command runs. Safe to run at any time.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.search_index import rebuild_vocabulary


class Command(BaseCommand):
    help = "Rebuild the search vocabulary from every published article and cause."

    def handle(self, *args, **options):
        with transaction.atomic():
            size = rebuild_vocabulary()
        self.stdout.write(f"Search vocabulary: {size} words.")
