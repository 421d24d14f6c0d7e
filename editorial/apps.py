from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from editorial.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="editorial.sync_roles")

    def role_permissions(self):
        """Editors keep the plain-language glossary: it only shapes advice to editors (`editorial.roles`)."""
        from editorial.roles import EDITOR, grants

        return {EDITOR: grants("editorial", "glossaryterm", "add", "change", "delete", "view")}

    def load_starter_content(self):
        """The starter glossary of plain words for medical terms (`editorial.starter`)."""
        from editorial.glossary import load_starter_glossary
        from editorial.starter import StarterCounts

        return StarterCounts(created={"glossary terms": load_starter_glossary()})
