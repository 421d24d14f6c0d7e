"""Apply draft revisions an approver published for a time that has now come (run from cron)."""

from django.core.management.base import BaseCommand

from articles.publishing import publish_due_revisions


class Command(BaseCommand):
    help = "Publish approved draft revisions whose publication time has passed. Safe to run every minute."

    def handle(self, *args, **options):
        published = publish_due_revisions()
        for live in published:
            self.stdout.write(f"Published the scheduled changes to {type(live)._meta.verbose_name} “{live}”.")
        if not published:
            self.stdout.write("No scheduled changes are due.")
