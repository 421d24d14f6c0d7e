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
