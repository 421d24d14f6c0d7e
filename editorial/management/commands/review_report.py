"""Print content due for review, for cron or CI.

Exit codes: 0 nothing is overdue, 1 something is overdue, 2 the report could
not run (for example the database cannot be reached or is not migrated), so
cron can tell "content needs review" from "the check itself is broken".
"""

import sys

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from editorial.review import DUE_SOON_DAYS, OVERDUE, review_items

EXIT_NOTHING_OVERDUE = 0
EXIT_OVERDUE = 1
EXIT_COULD_NOT_RUN = 2


class Command(BaseCommand):
    help = (
        f"List content overdue for review or due within {DUE_SOON_DAYS} days. "
        "Exit code 0: nothing overdue; 1: something overdue; 2: the report could not run."
    )

    def handle(self, *args, **options):
        try:
            items = review_items()
        except DatabaseError as error:
            self.stderr.write(
                f"review_report could not run: the database failed ({type(error).__name__}: {error})."
            )
            sys.exit(EXIT_COULD_NOT_RUN)
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
            sys.exit(EXIT_OVERDUE)
