"""Which articles and causes cite a reference or list a cause (registered with editorial.usage).

Draft revisions count too: deleting what a draft cites would break it at publication.
"""

from django.urls import reverse

from editorial.usage import Use, register


def _page_uses(queryset, kind, app_model):
    return [
        Use(
            kind if page.draft_of_id is None else f"{kind} (draft revision)",
            str(page),
            reverse(f"admin:{app_model}_change", args=[page.pk]),
        )
        for page in queryset.order_by("pk")
    ]


def reference_page_uses(reference):
    uses = _page_uses(reference.articles.all(), "article", "articles_article")
    return uses + _page_uses(reference.causes.all(), "cause", "articles_cause")


def cause_page_uses(cause):
    return _page_uses(cause.articles.all(), "article", "articles_article")


def register_page_uses():
    register("articles.Reference", reference_page_uses)
    register("articles.Cause", cause_page_uses)
