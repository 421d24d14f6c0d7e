"""Public pages. Views parse the request, ask the models, and render.

Each view runs a fixed, small number of queries however much content there is
(see tests/articles/test_query_counts.py), and depends only on the URL and
published content, so a shared page cache can sit in front of it later.
"""

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from taggit.models import Tag

from articles import page_queries
from articles import search as site_search
from articles.models import Article, Cause, Reference, detail_url
from articles.page_queries import CAUSE_CARD_FIELDS, LINK_FIELDS
from articles.redirects import redirect_or_404
from triage.contract import DISPOSITION_SHORT_LABELS


def _published_links(model):
    return model.objects.published().only(*LINK_FIELDS[model])


def tag_links(content):
    """The tags of one article or cause, as name and URL, without building Tag instances."""
    return [
        {"name": tag["name"], "url": detail_url("articles:tag_detail", tag["slug"])}
        for tag in page_queries.tags_of(content)
    ]


def cause_cards(causes, heading_level):
    """What each cause card shows, as dicts: templates read a dict's keys faster than a model's attributes.

    `causes` are Cause instances or rows with the same attributes (`page_queries.causes_of`).
    """
    return [
        {
            "heading_level": str(heading_level),
            "url": detail_url("articles:cause_detail", cause.slug),
            "name": cause.name,
            "urgency_hint": cause.urgency_hint,
            # As Cause.urgency_badge, which a row has not.
            "urgency_badge": DISPOSITION_SHORT_LABELS[cause.urgency_hint],
            "summary": cause.summary,
        }
        for cause in causes
    ]


def causes_by_tag():
    """[(tag, [cause])] of the published causes, tags by name, causes in their order; untagged left out.

    One query for (cause, tag) pairs, as dicts: the home page is rendered again after every
    publish, and building every cause and its tags as model instances cost most of it
    (280 ms with a thousand causes).
    """
    pairs = (
        Cause.objects.published()
        .filter(tags__isnull=False)
        .values_list("name", "slug", "tags__name", "tags__slug")
    )
    groups = {}
    for name, slug, tag_name, tag_slug in pairs:
        tag = (tag_name, tag_slug)
        groups.setdefault(tag, []).append({"name": name, "url": detail_url("articles:cause_detail", slug)})
    return [
        ({"name": name, "url": detail_url("articles:tag_detail", slug), "slug": slug}, causes)
        for (name, slug), causes in sorted(groups.items(), key=lambda item: item[0][0].lower())
    ]


def home(request):
    flagship = (
        Article.objects.published().filter(is_flagship=True).only("id", "title", "slug", "standfirst").first()
    )
    return render(
        request,
        "articles/home.html",
        {
            "flagship": flagship,
            "cause_count": Cause.objects.published().count(),
            "cause_groups": causes_by_tag(),
        },
    )


def article_context(article):
    """What the article page shows (also used by the staff preview of drafts)."""
    return {
        "article": article,
        "tags": tag_links(article),
        "cards": cause_cards(page_queries.causes_of(article), heading_level=3),
        "references": page_queries.references_of(article),
    }


def article_detail(request, slug):
    article = page_queries.published_article(slug)
    if article is None:
        return redirect_or_404(request, "No published article has this address.")
    return render(request, "articles/article_detail.html", article_context(article))


def cause_list(request):
    cards = cause_cards(Cause.objects.published().only(*CAUSE_CARD_FIELDS), heading_level=2)
    return render(request, "articles/cause_list.html", {"cards": cards})


def cause_context(cause):
    """What the cause page shows; `cause.live_articles` must be set (prefetched)."""
    return {
        "cause": cause,
        "tags": tag_links(cause),
        "references": page_queries.references_of(cause),
    }


def cause_detail(request, slug):
    cause = page_queries.published_cause(slug)
    if cause is None:
        return redirect_or_404(request, "No published cause has this address.")
    return render(request, "articles/cause_detail.html", cause_context(cause))


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = list(Article.objects.published().only("id", "title", "slug", "standfirst").filter(tags=tag))
    cards = cause_cards(Cause.objects.published().only(*CAUSE_CARD_FIELDS).filter(tags=tag), heading_level=3)
    if not articles and not cards:
        raise Http404("No published content has this tag.")
    return render(request, "articles/tag_detail.html", {"tag": tag, "articles": articles, "cards": cards})


def references(request):
    reference_list = Reference.objects.order_by("authors", "container", "title").prefetch_related(
        Prefetch("articles", queryset=_published_links(Article), to_attr="live_articles"),
        Prefetch("causes", queryset=_published_links(Cause), to_attr="live_causes"),
    )
    return render(request, "articles/references.html", {"references": reference_list})


# Longer searches are answered but not stored in the page cache.
MAX_CACHED_QUERY_LENGTH = 60


def search_key(raw):
    """A search as the page cache keys it: its normalised words (`search.normalise`); None if too long.

    Searches that differ only in case, accents, spacing or punctuation find the
    same pages, so they share one stored page.
    """
    words = site_search.normalise(raw)
    if len(words) > MAX_CACHED_QUERY_LENGTH or (raw.strip() and not words):
        # Too long, or punctuation only (the page explains what to type): rendered, not stored.
        return None
    return words


def no_results_help():
    """What the no-results page offers instead: the flagship article and every cause (two queries)."""
    flagship = (
        Article.objects.published().filter(is_flagship=True).only("id", "title", "slug", "standfirst").first()
    )
    cards = cause_cards(Cause.objects.published().only(*CAUSE_CARD_FIELDS), heading_level=3)
    return {"flagship": flagship, "cards": cards}


def search(request):
    raw = request.GET.get("q", "")
    words = site_search.normalise(raw)
    if words and len(raw) <= site_search.MAX_QUERY_LENGTH:
        # The page shows the query as it is stored (see search_key), so one page fits all its spellings.
        raw = words
    context = {"query": "", "results": [], "error": "", "searched": False, "corrected_query": ""}
    status = 200
    try:
        query = site_search.clean_query(raw)
    except site_search.QueryTooLong as error:
        context["error"] = str(error)
        status = 400
    else:
        context["query"] = query
        if site_search.normalise(query):
            outcome = site_search.find(query)
            context.update(results=outcome.results, corrected_query=outcome.corrected_query, searched=True)
            if not outcome.results:
                context.update(no_results_help())
        elif query:
            context["error"] = "Try searching for a word, such as “pregnancy” or “pain”."
    context["max_length"] = site_search.MAX_QUERY_LENGTH
    return render(request, "articles/search.html", context, status=status)


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("articles:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /preview/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
