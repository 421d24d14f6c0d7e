"""Create or update the Clinical editor, Clinical approver and Clinical safety officer groups."""

from django.core.management.base import BaseCommand

from editorial.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the editorial groups and their permissions (idempotent)."

    def handle(self, *args, **options):
        for group in sync_roles():
            self.stdout.write(f"{group.name}: {group.permissions.count()} permissions")
