"""Staff-only previews of drafts and draft revisions, exactly as readers would see them.

The same templates and the same context as the public pages, plus a banner,
`noindex` (meta tag and header) and `Cache-Control: no-store`. Anyone who may
not view the content in the admin gets a plain 404, so a preview address
reveals nothing, not even that a draft exists.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from articles import views as public_views
from articles.models import Article, Cause


def _require_staff_viewer(request, model):
    user = request.user
    opts = model._meta
    if not (user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")):
        raise Http404


def _render_preview(request, template, context, content):
    context = {**context, "preview_of": content}
    response = render(request, template, context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def article_preview(request, pk):
    _require_staff_viewer(request, Article)
    article = get_object_or_404(Article.objects, pk=pk)
    return _render_preview(
        request, "articles/preview_article.html", public_views.article_context(article), article
    )


@never_cache
def cause_preview(request, pk):
    _require_staff_viewer(request, Cause)
    cause = get_object_or_404(Cause.objects, pk=pk)
    # Articles link to the live cause, so a revision shows the live cause's articles.
    live_pk = cause.draft_of_id or cause.pk
    cause.live_articles = list(Article.objects.published().filter(causes__pk=live_pk))
    return _render_preview(request, "articles/preview_cause.html", public_views.cause_context(cause), cause)
