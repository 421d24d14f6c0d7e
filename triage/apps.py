from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Triage"

    def ready(self):
        # Connects the signals that clear the cached live ruleset when one goes live.
        from triage import services  # noqa: F401
        from triage.floor_workflow import install_default_floor
        from triage.queue import register_triage_queue
        from triage.usage import register_rule_uses

        register_rule_uses()
        register_triage_queue()
        # The shipped safety floor goes live on the first migrate (and after a flush).
        post_migrate.connect(install_default_floor, sender=self, dispatch_uid="triage.default_floor")

    def role_permissions(self):
        """What each editorial role may do with rulesets, scenarios and the floor (`editorial.roles`)."""
        from editorial.roles import APPROVER, EDITOR, OFFICER, grants

        return {
            EDITOR: (
                *grants("triage", "ruleset", "add", "change", "view"),
                *grants("triage", "rule", "add", "change", "delete", "view"),
                *grants("triage", "condition", "add", "change", "delete", "view"),
                # Scenarios are the safety suite: editors add and fix them, never delete one.
                *grants("triage", "scenario", "add", "change", "view"),
                *grants("triage", "dailydispositioncount", "view"),
                *grants("triage", "dailyrulecount", "view"),
                # The safety floor is shown to everyone; only officers change it (below).
                *grants("triage", "safetyfloor", "view"),
                *grants("triage", "floorstatement", "view"),
            ),
            APPROVER: ("triage.approve_ruleset",),
            # Clinical safety officers: the floor's own permission, and a view of what it guards.
            OFFICER: (
                "triage.change_safety_floor",
                *grants("triage", "safetyfloor", "view"),
                *grants("triage", "floorstatement", "view"),
                *grants("triage", "ruleset", "view"),
                *grants("triage", "rule", "view"),
                *grants("triage", "condition", "view"),
                *grants("triage", "scenario", "view"),
            ),
        }

    def load_starter_content(self):
        """The default ruleset, its rules linked to the cause pages, and its scenarios (`editorial.starter`).

        `triage` comes after `articles` in INSTALLED_APPS, so the cause pages exist by then."""
        from editorial.starter import StarterCounts
        from triage.starter_rules import load_default_ruleset

        return StarterCounts(created=load_default_ruleset())
