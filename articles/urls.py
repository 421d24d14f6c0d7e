"""Public URLs for articles, causes, tags, references and search.

Every page here is served through the shared page cache (`articles.page_cache`):
it depends only on its URL and the published content, never on the reader.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from articles import views
from articles.page_cache import cached_public_page
from articles.sitemaps import SITEMAPS

app_name = "articles"


class TagSlugConverter:
    """Tag slugs as taggit makes them: letters of any script, digits, '-' and '_'."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TagSlugConverter, "tagslug")

urlpatterns = [
    path("", cached_public_page(views.home), name="home"),
    path("articles/<slug:slug>/", cached_public_page(views.article_detail), name="article_detail"),
    path(
        "causes/",
        cached_public_page(views.cause_list, query={"page": views.page_number_key}),
        name="cause_list",
    ),
    path("causes/<slug:slug>/", cached_public_page(views.cause_detail), name="cause_detail"),
    path("tags/<tagslug:slug>/", cached_public_page(views.tag_detail), name="tag_detail"),
    path("references/", cached_public_page(views.references), name="references"),
    path("search/", cached_public_page(views.search, query={"q": views.search_key}), name="search"),
    path("robots.txt", cached_public_page(views.robots_txt), name="robots_txt"),
    path("sitemap.xml", cached_public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
