"""E-mail notifications of the editorial workflow, through Django's e-mail framework.

The shared part knows no content model: a content app's workflow function
calls `notify_approvers` or `notify_people` with the item's title and the
admin path to it. A message carries only that title and a link; never
answers, rule contents, messages or comments, which stay in the admin behind
a sign-in. Sending waits for the transaction to commit
(`transaction.on_commit`), so a transition that is rolled back tells nobody,
and a mail server that is down never undoes a transition (failures are
logged). People with no e-mail address are skipped. Links start with
`settings.SITE_URL`.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Spotting editorial] "
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def link(path):
    return settings.SITE_URL.rstrip("/") + path


def body(event, title, path):
    """The whole message: what happened, the item's title, and the link. Nothing else."""
    return f"{event}: {title}\n\nOpen it in the admin (sign-in needed):\n{link(path)}\n"


def approvers(permission, exclude=()):
    """Active users holding `permission` (through a group, directly, or as superuser), minus `exclude`."""
    excluded = {user.pk for user in exclude if user is not None}
    # Permissions come from the model backend (axes only locks out); only staff can open the link.
    users = (
        get_user_model()._default_manager.with_perm(permission, backend=MODEL_BACKEND).filter(is_staff=True)
    )
    return [user for user in users.order_by("pk") if user.pk not in excluded]


def notify_people(people, event, title, path):
    """After commit, e-mail `event: title` and a link to each person (once each) who has an address."""
    addresses = sorted({person.email for person in people if person is not None and person.email})
    if not addresses:
        return
    subject = f"{SUBJECT_PREFIX}{event}: {title}"
    message = body(event, title, path)

    def send():
        # One message per person, so no one sees who else was told.
        for address in addresses:
            try:
                send_mail(subject, message, None, [address])
            except OSError:
                logger.exception("Could not send the editorial notification %r", subject)

    transaction.on_commit(send)


def notify_approvers(permission, event, title, path, exclude=()):
    """Tell everyone who may approve (holds `permission`) except `exclude` (the author, the submitter)."""
    notify_people(approvers(permission, exclude), event, title, path)
