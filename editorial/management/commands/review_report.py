"""Print content due for review; exit 1 if anything is overdue (for cron or CI)."""

import sys

from django.core.management.base import BaseCommand

from editorial.review import DUE_SOON_DAYS, OVERDUE, review_items


class Command(BaseCommand):
    help = f"List content overdue for review or due within {DUE_SOON_DAYS} days. Exits 1 if any is overdue."

    def handle(self, *args, **options):
        items = review_items()
        if not items:
            self.stdout.write(f"Nothing is overdue or due for review in the next {DUE_SOON_DAYS} days.")
            return
        width = max(len(item.title) for item in items)
        self.stdout.write(f"{'state':<9}  {'due':<10}  {'kind':<8}  {'title':<{width}}")
        for item in items:
            due = item.next_review_due.isoformat()
            self.stdout.write(f"{item.state:<9}  {due:<10}  {item.kind:<8}  {item.title:<{width}}")
        overdue = sum(item.state == OVERDUE for item in items)
        self.stdout.write(f"{overdue} overdue, {len(items) - overdue} due within {DUE_SOON_DAYS} days.")
        if overdue:
            sys.exit(1)
