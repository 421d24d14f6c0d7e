from django.contrib import admin

from editorial.admin_mixins import HistoryAdmin
from editorial.models import GlossaryTerm


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(HistoryAdmin):
    """Jargon and its plain alternative: the content checks panel advises on each use."""

    list_display = ["term", "plain", "updated_at"]
    search_fields = ["term", "plain"]
    fields = ["term", "plain", "note"]
