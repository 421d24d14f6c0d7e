"""The queries of the article and cause pages, compiled once per connection.

These pages are the ones readers arrive on, and each runs the same handful of
queries with different values, so they are prepared (see
spotting_site/prepared_queries.py): when the page cache misses, building the
page costs its round trips and rendering, not the ORM compiling the same SQL
again. Each function returns what the equivalent queryset would.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Min, Q
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Cause, Reference
from spotting_site.prepared_queries import STR_LIST, PreparedQuery

# What a cause card or a link to a cause shows: lists load only these columns,
# not the bodies and rendered HTML, which are most of a row.
CAUSE_CARD_FIELDS = ("id", "name", "slug", "summary", "urgency_hint", "position")
LINK_FIELDS = {Article: ("id", "title", "slug"), Cause: ("id", "name", "slug", "position")}
# The Markdown sources: pages show the HTML rendered from them on save.
SOURCE_FIELDS = ("body", "emergency_advice", "urgent_advice", "soon_advice", "routine_advice")


def _published_by_slug(model):
    return PreparedQuery(
        lambda slug, now: model.objects.published(now).filter(slug=slug).defer(*SOURCE_FIELDS)[:2],
        slug=str,
        now=datetime.datetime,
    )


_ARTICLE = _published_by_slug(Article)
_CAUSE = _published_by_slug(Cause)

_TAGS = PreparedQuery(
    lambda content_type, object_id: (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=content_type,
            taggit_taggeditem_items__object_id=object_id,
        )
        .order_by("name")
        .values("name", "slug")
    ),
    content_type=int,
    object_id=int,
)

_ARTICLE_CAUSES = PreparedQuery(
    lambda article, now: (
        Cause.objects.published(now)
        .filter(articlecause__article=article)
        .order_by("articlecause__order", "articlecause__id")
        .only(*CAUSE_CARD_FIELDS)
    ),
    article=int,
    now=datetime.datetime,
)

_CAUSE_ARTICLES = PreparedQuery(
    lambda cause, now: (
        Article.objects.published(now).filter(articlecause__cause=cause).only(*LINK_FIELDS[Article])
    ),
    cause=int,
    now=datetime.datetime,
)


def _references(through, owner):
    """Attached references (in their editor-set order) plus any cited ones, in one query."""

    def build(pk, cited):
        attached = Q(**{f"{through}__{owner}": pk})
        return (
            Reference.objects.filter(attached | Q(key__in=cited))
            .annotate(position=Min(f"{through}__order", filter=attached))
            .order_by(F("position").asc(nulls_last=True), "key")
        )

    return PreparedQuery(build, pk=int, cited=STR_LIST)


_REFERENCES = {
    Article: _references("articlereference", "article"),
    Cause: _references("causereference", "cause"),
}


def published_article(slug):
    """The published article at this slug, or None."""
    found = _ARTICLE.rows(slug=slug, now=timezone.now())
    return found[0] if found else None


def published_cause(slug):
    """The published cause at this slug, or None, with its published articles in `live_articles`."""
    now = timezone.now()
    found = _CAUSE.rows(slug=slug, now=now)
    if not found:
        return None
    cause = found[0]
    cause.live_articles = _CAUSE_ARTICLES.rows(cause=cause.pk, now=now)
    return cause


def causes_of(article):
    """The published causes an article lists, in the article's order, as cards."""
    return _ARTICLE_CAUSES.rows(article=article.pk, now=timezone.now())


def tags_of(content):
    """The tags of one article or cause, as dicts of name and slug, in name order."""
    content_type = ContentType.objects.get_for_model(content)
    return _TAGS.rows(content_type=content_type.pk, object_id=content.pk)


def references_of(content):
    """Attached and cited references of an article or cause: cited ones in order of first citation first."""
    model = Article if isinstance(content, Article) else Cause
    attached = _REFERENCES[model].rows(pk=content.pk, cited=content.citation_keys)
    by_key = {reference.key: reference for reference in attached}
    cited = [by_key[key] for key in content.citation_keys if key in by_key]
    return cited + [reference for reference in attached if reference.key not in content.citation_keys]
