"""Sitemaps for published articles, causes and tags, and the fixed public pages.

Django's sitemaps framework (`django.contrib.sitemaps`), served by its own
`sitemap` view. Articles and causes share `PublishedSitemap` rather than
`GenericSitemap`, because a `GenericSitemap` holds one queryset built at
import time: "published" compares with the time now, so a page scheduled for
later would stay out of the sitemap until the process restarted.
`items()` builds the queryset per request instead.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Cause


class PublishedSitemap(Sitemap):
    """The published pages of one model (articles or causes), with their last change."""

    changefreq = "monthly"

    def __init__(self, model, priority):
        self.model = model
        self.priority = priority

    def items(self):
        return self.model.objects.published().order_by("slug")

    def lastmod(self, page):
        return page.updated_at


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        """Only tags that some published article or cause carries (the others are 404)."""
        used = Q(article__in=Article.objects.published()) | Q(cause__in=Cause.objects.published())
        return Tag.objects.filter(used).distinct().order_by("slug")

    def location(self, tag):
        return reverse("articles:tag_detail", kwargs={"slug": tag.slug})


class StaticPageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["articles:home", "articles:cause_list", "articles:references"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "static": StaticPageSitemap,
    "articles": PublishedSitemap(Article, priority=0.8),
    "causes": PublishedSitemap(Cause, priority=0.7),
    "tags": TagSitemap,
}
