"""Model fields shared by the editorial workflow of articles and triage rules."""

from django.conf import settings
from django.db import models


def recorded_user(**options):
    """Who did something (wrote, submitted, approved): set by the workflow, never typed in a form.

    If the account is later deleted the record stays, with the person left blank;
    the history keeps who it was.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        **options,
    )
