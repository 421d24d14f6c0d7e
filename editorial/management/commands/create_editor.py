"""Create an admin login for a clinical editor, approver or safety officer, in under a minute.

No default passwords exist: the password is typed (twice, checked by the
password validators) or, with --generate-password, a strong random one is
printed once.
"""

import getpass
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.roles import APPROVER, EDITOR, OFFICER, sync_roles

ROLES = {"editor": EDITOR, "approver": APPROVER, "officer": OFFICER}


class Command(BaseCommand):
    help = "Create a staff login in the Clinical editor, Clinical approver or Clinical safety officer group."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="Login name (asked for when missing).")
        parser.add_argument(
            "--role",
            choices=sorted(ROLES),
            help="editor, approver or officer (a clinical safety officer, who changes the triage safety "
            "floor); asked for when missing.",
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--generate-password",
            action="store_true",
            help="Generate a strong password and print it once instead of asking for one.",
        )

    def handle(self, *args, username=None, role=None, email="", generate_password=False, **options):
        User = get_user_model()
        username = username or self._ask("Username: ")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        role = role or self._ask("Role, editor, approver or officer [editor]: ") or "editor"
        if role not in ROLES:
            raise CommandError("The role must be editor, approver or officer.")
        user = User(username=username, email=email, is_staff=True)
        password = secrets.token_urlsafe(18) if generate_password else self._ask_password(user)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            sync_roles()
            user.groups.add(Group.objects.get(name=ROLES[role]))
        self.stdout.write(self.style.SUCCESS(f"Created {username} as a {ROLES[role]}."))
        if generate_password:
            self.stdout.write(f"Password (shown once, store it safely): {password}")
        self.stdout.write("Sign in at /admin/.")

    def _ask(self, prompt):
        try:
            return input(prompt).strip()
        except EOFError as error:
            raise CommandError("No input: pass the username and --role, and --generate-password.") from error

    def _ask_password(self, user):
        for _ in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords did not match.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No acceptable password after three tries.")
