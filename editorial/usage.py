""" "Where is this used": every page and triage rule that cites a reference or links a cause.

Plain queries, callable without a request. A reference is used by the articles
and causes that cite it and by triage rules whose source URL is the reference's
URL or DOI; a cause is used by the articles that list it and the rules whose
result links it. Draft revisions count too: deleting what a draft cites would
break it at publication.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse


@dataclass(frozen=True)
class Use:
    kind: str
    title: str
    admin_url: str


def _page_uses(queryset, kind, app_model):
    return [
        Use(
            kind if page.draft_of_id is None else f"{kind} (draft revision)",
            str(page),
            reverse(f"admin:{app_model}_change", args=[page.pk]),
        )
        for page in queryset.order_by("pk")
    ]


def _rule_uses(queryset):
    return [
        Use(
            f"triage rule, ruleset {rule.ruleset.version}",
            rule.name,
            reverse("admin:triage_rule_change", args=[rule.pk]),
        )
        for rule in queryset.select_related("ruleset").order_by("ruleset__version", "order", "pk")
    ]


def reference_usage(reference):
    from triage.models import Rule

    uses = _page_uses(reference.articles.all(), "article", "articles_article")
    uses += _page_uses(reference.causes.all(), "cause", "articles_cause")
    links = Q(pk__in=[])
    if reference.url:
        links |= Q(source_url=reference.url)
    if reference.doi:
        links |= Q(source_url__icontains=reference.doi)
    uses += _rule_uses(Rule.objects.filter(links))
    return uses


def cause_usage(cause):
    uses = _page_uses(cause.articles.all(), "article", "articles_article")
    uses += _rule_uses(cause.triage_rules.all())
    return uses
