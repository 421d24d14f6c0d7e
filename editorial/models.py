"""The one model the shared editorial app owns: the plain-language glossary."""

from django.db import models
from simple_history.models import HistoricalRecords


class GlossaryTerm(models.Model):
    """A word readers may not know, and the plain words to use instead (content checks advise on it)."""

    term = models.CharField(max_length=100, unique=True, help_text="The jargon, for example: endometrium.")
    plain = models.CharField(
        "plain alternative",
        max_length=200,
        help_text="What to write instead, for example: lining of the womb.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="When the term is still the right word.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["term"]
        verbose_name = "plain-language glossary term"

    def __str__(self):
        return f"{self.term} → {self.plain}"


def glossary_pairs():
    """(term, plain alternative) for every term, for `editorial.content_checks`."""
    return list(GlossaryTerm.objects.values_list("term", "plain"))
