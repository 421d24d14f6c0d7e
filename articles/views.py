"""Public pages. Views parse the request, ask the models, and render.

Each view runs a fixed, small number of queries however much content there is
(see tests/articles/test_query_counts.py), and depends only on the URL and
published content, so a shared page cache can sit in front of it later.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Min, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from taggit.models import Tag

from articles import search as site_search
from articles.models import Article, Cause, Reference, detail_url

# What a cause card or a link to a cause shows: lists load only these columns,
# not the bodies and rendered HTML, which are most of a row.
CAUSE_CARD_FIELDS = ("id", "name", "slug", "summary", "urgency_hint", "position")
LINK_FIELDS = {Article: ("id", "title", "slug"), Cause: ("id", "name", "slug", "position")}


def _published_causes():
    return Cause.objects.published().only(*CAUSE_CARD_FIELDS).prefetch_related("tags")


def _published_links(model):
    return model.objects.published().only(*LINK_FIELDS[model])


def _reference_list(content, attached):
    """References in order of first citation, then any attached but not cited."""
    by_key = {reference.key: reference for reference in attached}
    cited = [by_key[key] for key in content.citation_keys if key in by_key]
    return cited + [reference for reference in attached if reference.key not in content.citation_keys]


def _references_for(content, through):
    """Attached references (in their editor-set order) plus any cited ones, in one query."""
    attached = Q(**{f"{through}__{content._meta.model_name}": content})
    return list(
        Reference.objects.filter(attached | Q(key__in=content.citation_keys))
        .annotate(position=Min(f"{through}__order", filter=attached))
        .order_by(F("position").asc(nulls_last=True), "key")
    )


def tags_of(content):
    """The tags of one article or cause, as name and URL, without building Tag instances."""
    tags = Tag.objects.filter(
        taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(content),
        taggit_taggeditem_items__object_id=content.pk,
    ).order_by("name")
    return [
        {"name": name, "url": detail_url("articles:tag_detail", slug)}
        for name, slug in tags.values_list("name", "slug")
    ]


def group_by_tag(causes):
    """[(tag, [causes])] sorted by tag name; causes keep their order. Untagged causes are left out."""
    groups = {}
    for cause in causes:
        for tag in cause.tags.all():
            groups.setdefault(tag, []).append(cause)
    return sorted(groups.items(), key=lambda item: item[0].name.lower())


def home(request):
    flagship = (
        Article.objects.published().filter(is_flagship=True).only("id", "title", "slug", "standfirst").first()
    )
    causes = list(_published_causes())
    return render(
        request,
        "articles/home.html",
        {"flagship": flagship, "causes": causes, "cause_groups": group_by_tag(causes)},
    )


def article_context(article):
    """What the article page shows (also used by the staff preview of drafts)."""
    causes = (
        Cause.objects.published()
        .filter(articlecause__article=article)
        .order_by("articlecause__order", "articlecause__id")
        .only(*CAUSE_CARD_FIELDS)
    )
    return {
        "article": article,
        "tags": tags_of(article),
        "causes": list(causes),
        "references": _reference_list(article, _references_for(article, "articlereference")),
    }


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(request, "articles/article_detail.html", article_context(article))


def cause_list(request):
    return render(request, "articles/cause_list.html", {"causes": list(_published_causes())})


def cause_context(cause):
    """What the cause page shows; `cause.live_articles` must be set (prefetched)."""
    return {
        "cause": cause,
        "tags": tags_of(cause),
        "references": _reference_list(cause, _references_for(cause, "causereference")),
    }


def cause_detail(request, slug):
    cause = get_object_or_404(
        Cause.objects.published().prefetch_related(
            Prefetch("articles", queryset=_published_links(Article), to_attr="live_articles")
        ),
        slug=slug,
    )
    return render(request, "articles/cause_detail.html", cause_context(cause))


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = list(Article.objects.published().only("id", "title", "slug", "standfirst").filter(tags=tag))
    causes = list(_published_causes().filter(tags=tag))
    if not articles and not causes:
        raise Http404("No published content has this tag.")
    return render(request, "articles/tag_detail.html", {"tag": tag, "articles": articles, "causes": causes})


def references(request):
    reference_list = Reference.objects.order_by("authors", "container", "title").prefetch_related(
        Prefetch("articles", queryset=_published_links(Article), to_attr="live_articles"),
        Prefetch("causes", queryset=_published_links(Cause), to_attr="live_causes"),
    )
    return render(request, "articles/references.html", {"references": reference_list})


def search(request):
    raw = request.GET.get("q", "")
    context = {"query": "", "results": [], "error": "", "searched": False}
    status = 200
    try:
        query = site_search.clean_query(raw)
    except site_search.QueryTooLong as error:
        context["error"] = str(error)
        status = 400
    else:
        context["query"] = query
        if site_search.search_terms(query):
            context["results"] = site_search.search(query)
            context["searched"] = True
        elif query:
            context["error"] = "Try searching for a word, such as “pregnancy” or “pain”."
    context["max_length"] = site_search.MAX_QUERY_LENGTH
    return render(request, "articles/search.html", context, status=status)


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("articles:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /preview/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
