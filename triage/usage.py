"""Which triage rules rest on a reference or link a cause (registered with editorial.usage).

A rule uses a reference when its source URL is the reference's URL or contains
its DOI; it uses a cause when its result links that cause.
"""

from django.db.models import Q
from django.urls import reverse

from editorial.usage import Use, register
from triage.models import Rule


def _rule_uses(queryset):
    return [
        Use(
            f"triage rule, ruleset {rule.ruleset.version}",
            rule.name,
            reverse("admin:triage_rule_change", args=[rule.pk]),
        )
        for rule in queryset.select_related("ruleset").order_by("ruleset__version", "order", "pk")
    ]


def reference_rule_uses(reference):
    links = Q(pk__in=[])
    if reference.url:
        links |= Q(source_url=reference.url)
    if reference.doi:
        links |= Q(source_url__icontains=reference.doi)
    return _rule_uses(Rule.objects.filter(links))


def cause_rule_uses(cause):
    return _rule_uses(cause.triage_rules.all())


def register_rule_uses():
    register("articles.Reference", reference_rule_uses)
    register("articles.Cause", cause_rule_uses)
