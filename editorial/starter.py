"""Starter content: what each app ships for a new install, loaded in one go.

An app that ships starter content gives its `AppConfig` a
`load_starter_content()` method that creates whatever of it is missing, never
overwriting what editors changed, and returns a `StarterCounts`. The
`load_starter_content` command calls every installed app's method in
`INSTALLED_APPS` order, in one transaction, so an app listed later may link to
what an earlier one created (the triage rules link to the cause pages, so
`triage` comes after `articles`). This module knows no app by name.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction


@dataclass
class StarterCounts:
    """How many of each kind of starter content were created, and how many existing ones changed."""

    created: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)

    def add(self, other):
        for kind, count in other.created.items():
            self.created[kind] = self.created.get(kind, 0) + count
        for kind, count in other.changed.items():
            self.changed[kind] = self.changed.get(kind, 0) + count

    def summary_lines(self):
        """What the command prints: one line of what was created, one line per kind of change."""
        created = ", ".join(f"{count} {kind}" for kind, count in self.created.items() if count)
        lines = [f"Starter content: created {created or 'nothing (all present)'}."]
        lines += [f"Starter content: {count} {kind}." for kind, count in self.changed.items() if count]
        return lines


def load_starter_content():
    """Every installed app's starter content, in `INSTALLED_APPS` order, atomically; the counts."""
    counts = StarterCounts()
    with transaction.atomic():
        for config in apps.get_app_configs():
            loader = getattr(config, "load_starter_content", None)
            if callable(loader):
                counts.add(loader())
    return counts
