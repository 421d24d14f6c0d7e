from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = "Triage"

    def ready(self):
        # Connects the signals that clear the cached live ruleset when one goes live.
        from triage import services  # noqa: F401
        from triage.usage import register_rule_uses

        register_rule_uses()
