"""The queries of the article and cause pages, as plain querysets in named functions.

They run only when the page cache misses (articles.page_cache); each loads
just the columns the page shows.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, FilteredRelation, Q, Window
from django.utils import timezone
from taggit.models import TaggedItem

from articles.models import Article, Cause, Reference, published_q

# What a cause card or a link to a cause shows: lists load only these columns,
# not the bodies and rendered HTML, which are most of a row.
CAUSE_CARD_FIELDS = ("id", "name", "slug", "summary", "urgency_hint", "position")
LINK_FIELDS = {Article: ("id", "title", "slug"), Cause: ("id", "name", "slug", "position")}
# What an article or cause page shows of its own row: the HTML rendered on save (never the
# Markdown sources), the citation order, the dates and the review. The workflow and
# authorship columns, about half of the row, are left out: each selected column costs
# query compiling and model building on every uncached page.
PAGE_FIELDS = (
    "id",
    "slug",
    "body_html",
    "emergency_advice_html",
    "urgent_advice_html",
    "soon_advice_html",
    "routine_advice_html",
    "citation_keys",
    "published_at",
    "updated_at",
    "last_reviewed",
    "next_review_due",
    "reviewer_name",
    "reviewer_role",
    "reviewer_registration",
)
DETAIL_FIELDS = {
    Article: (*PAGE_FIELDS, "title", "standfirst"),
    Cause: (*PAGE_FIELDS, "name", "summary", "urgency_hint"),
}


def _published_by_slug(model, slug, now):
    # No ordering: at most one live row has a slug (a partial unique constraint).
    # One filter() (the published test and the slug together): each queryset method clones the query.
    return list(
        model.objects.filter(published_q(now=now), slug=slug).only(*DETAIL_FIELDS[model]).order_by()[:2]
    )


def _references(through, owner, pk, cited):
    """Attached references (in their editor-set order) plus any cited ones, in one query.

    The link rows of this page only are joined (FilteredRelation: a condition in the
    LEFT JOIN), so each reference comes once, with no GROUP BY over its columns.

    Ordered by the link's order with no NULLS LAST: a row without a link (a NULL
    order, first on SQLite, last on PostgreSQL) is a cited one, which `references_of`
    places by first citation whatever its place here; only attached rows keep this order.
    """
    this_page = FilteredRelation(through, condition=Q(**{f"{through}__{owner}": pk}))
    return list(
        Reference.objects.annotate(attachment=this_page)
        .filter(Q(attachment__isnull=False) | Q(key__in=cited))
        .order_by("attachment__order", "key")
    )


_REFERENCE_LINKS = {Article: ("articlereference", "article"), Cause: ("causereference", "cause")}


def published_article(slug):
    """The published article at this slug, or None."""
    found = _published_by_slug(Article, slug, timezone.now())
    return found[0] if found else None


def published_cause(slug):
    """The published cause at this slug, or None, with its published articles in `live_articles`."""
    now = timezone.now()
    found = _published_by_slug(Cause, slug, now)
    if not found:
        return None
    cause = found[0]
    cause.live_articles = list(
        Article.objects.filter(published_q(now=now), articlecause__cause=cause.pk).only(*LINK_FIELDS[Article])
    )
    return cause


# What `views.cause_cards` reads of each cause.
CARD_VALUES = ("name", "slug", "summary", "urgency_hint")


def published_causes_page(number, per_page):
    """Page `number` (from 1) of the published causes, in list order, and how many are published in all.

    One query: each row carries the total (a window count, computed before the
    page is cut), so there is no separate COUNT. Past the last page there are no
    rows and the total is 0. The id breaks ties, so no cause is on two pages.
    Rows for cause cards, as `causes_of` gives them.
    """
    start = (number - 1) * per_page
    causes = list(
        Cause.objects.published(timezone.now())
        .order_by("position", "name", "id")
        .annotate(listed=Window(Count("id")))
        .values_list(*CARD_VALUES, "listed", named=True)[start : start + per_page]
    )
    return causes, (causes[0].listed if causes else 0)


def causes_of(article):
    """The published causes an article lists, in the article's order, as rows for cause cards.

    Named rows (`values_list(named=True)`), not model instances: the flagship article lists
    every cause, and building a model instance per card cost a fifth of this query.
    """
    return list(
        Cause.objects.filter(published_q(now=timezone.now()), articlecause__article=article.pk)
        .order_by("articlecause__order", "articlecause__id")
        .values_list(*CARD_VALUES, named=True)
    )


def tags_of(content):
    """The tags of one article or cause, as (name, slug) pairs, in name order.

    Asked of taggit's link rows (each tag once per page: a unique constraint), joining
    their tag: a forward join is cheaper to build than Tag's reverse generic relation.
    """
    content_type = ContentType.objects.get_for_model(content)
    return list(
        TaggedItem.objects.filter(content_type_id=content_type.pk, object_id=content.pk)
        .order_by("tag__name")
        .values_list("tag__name", "tag__slug")
    )


def references_of(content):
    """Attached and cited references of an article or cause: cited ones in order of first citation first."""
    model = Article if isinstance(content, Article) else Cause
    attached = _references(*_REFERENCE_LINKS[model], content.pk, content.citation_keys)
    by_key = {reference.key: reference for reference in attached}
    cited = [by_key[key] for key in content.citation_keys if key in by_key]
    return cited + [reference for reference in attached if reference.key not in content.citation_keys]
