"""Public pages. Views parse the request, ask the models, and render.

Each view runs a fixed, small number of queries however much content there is
(see tests/articles/test_query_counts.py), and depends only on the URL and
published content, so a shared page cache can sit in front of it later.
"""

from html import escape
from typing import NamedTuple

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from taggit.models import Tag

from articles import page_queries
from articles import search as site_search
from articles.models import Article, Cause, Reference
from articles.page_queries import CAUSE_CARD_FIELDS, LINK_FIELDS
from articles.redirects import redirect_or_404
from spotting_site.dispositions import DISPOSITION_SHORT_LABELS
from spotting_site.reversing import cached_reverser

# One cause card, as templates/includes/cause_cards.html shows it (each value escaped by `cause_cards`).
CARD_HTML = """
<li>
  <h{level} class="cause-card__title"><a href="{url}">{name}</a></h{level}>
  <p class="urgency-badge urgency-badge--{urgency_hint}">{urgency_badge}</p>
  <p>{summary}</p>
</li>
"""


def _published_links(model):
    return model.objects.published().only(*LINK_FIELDS[model])


def tag_links(content):
    """The tags of one article or cause, as name and URL, without building Tag instances."""
    url_of = cached_reverser()
    return [
        {"name": name, "url": url_of("articles:tag_detail", slug)}
        for name, slug in page_queries.tags_of(content)
    ]


def cause_cards(causes, heading_level):
    """What each cause card shows, as dicts with the card's HTML (`html`), built here in Python.

    `causes` are Cause instances or rows with the same attributes (`page_queries.causes_of`).
    The markup is what templates/includes/cause_cards.html shows for each card, escaped
    here once: the flagship lists every cause, and six template variables per card (each
    resolved, converted and escaped by the template engine) were a third of its template.
    """
    level = str(heading_level)
    url_of = cached_reverser()
    return [
        {
            "html": mark_safe(
                CARD_HTML.format(
                    level=level,
                    url=escape(url_of("articles:cause_detail", cause.slug)),
                    name=escape(cause.name),
                    urgency_hint=escape(cause.urgency_hint),
                    # As Cause.urgency_badge, which a row has not.
                    urgency_badge=escape(DISPOSITION_SHORT_LABELS[cause.urgency_hint]),
                    summary=escape(cause.summary),
                )
            ),
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
    url_of = cached_reverser()
    groups = {}
    for name, slug, tag_name, tag_slug in pairs:
        tag = (tag_name, tag_slug)
        groups.setdefault(tag, []).append({"name": name, "url": url_of("articles:cause_detail", slug)})
    return [
        ({"name": name, "url": url_of("articles:tag_detail", slug), "slug": slug}, causes)
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


# Longer page numbers are not page numbers (and int() of thousands of digits is refused).
MAX_PAGE_DIGITS = 6


def page_number(raw):
    """A list's `?page=` as a number from 1 (absent or blank is 1); None if it is not a page number."""
    raw = raw.strip() or "1"
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_PAGE_DIGITS or int(raw) < 1:
        return None
    return int(raw)


def page_number_key(raw):
    """`?page=` as the page cache keys it: nothing for the first page, so /causes/?page=1 is /causes/.

    None (rendered, not stored) for what is not a page number; a number past the
    last page is a 404, which is never stored, so random numbers add no entries.
    """
    number = page_number(raw)
    if number is None:
        return None
    return "" if number == 1 else str(number)


class ListPage(NamedTuple):
    """One page of a long list at `path`: its number, how many pages, and which items it shows."""

    path: str
    number: int
    count: int
    first: int
    last: int
    total: int

    @classmethod
    def of(cls, path, number, shown, total, per_page):
        first = (number - 1) * per_page + 1
        return cls(path, number, max(1, -(-total // per_page)), first, first + shown - 1, total)

    def url_of(self, number):
        return self.path if number == 1 else f"{self.path}?page={number}"

    @property
    def url(self):
        return self.url_of(self.number)

    @property
    def previous_url(self):
        return self.url_of(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self):
        return self.url_of(self.number + 1) if self.number < self.count else ""


def cause_list(request):
    number = page_number(request.GET.get("page", ""))
    per_page = settings.CAUSES_PER_PAGE
    causes, total = page_queries.published_causes_page(number, per_page) if number else ([], 0)
    if number is None or (number > 1 and not causes):
        raise Http404("There is no such page of causes.")
    page = ListPage.of(reverse("articles:cause_list"), number, len(causes), total, per_page)
    context = {"cards": cause_cards(causes, heading_level=2), "page": page}
    if number > 1:
        # Each page of the list is its own page for search engines (the first is the plain address).
        context["CANONICAL_URL"] = request.build_absolute_uri(page.url)
    return render(request, "articles/cause_list.html", context)


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
    """What the no-results page offers instead: the flagship and the first page of causes (two queries)."""
    flagship = (
        Article.objects.published().filter(is_flagship=True).only("id", "title", "slug", "standfirst").first()
    )
    causes, total = page_queries.published_causes_page(1, settings.CAUSES_PER_PAGE)
    return {"flagship": flagship, "cards": cause_cards(causes, heading_level=3), "cause_total": total}


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
