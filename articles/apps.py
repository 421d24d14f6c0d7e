from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Clinical content"

    def ready(self):
        from articles.page_cache import invalidate_pages_on_changes_to
        from articles.usage import register_page_uses

        register_page_uses()

        # Everything the public pages show: content, the links between them, tags.
        invalidate_pages_on_changes_to(
            "articles.Article",
            "articles.Cause",
            "articles.Reference",
            "articles.ArticleCause",
            "articles.ArticleReference",
            "articles.CauseReference",
            "taggit.Tag",
            "taggit.TaggedItem",
            unless=_is_draft_revision,
        )


def _is_draft_revision(instance):
    """A draft revision of published content, or its tagging: readers never see it (editorial.revisions)."""
    if instance._meta.label == "taggit.TaggedItem":
        instance = instance.content_object  # the article or cause tagged (None once deleted)
    return getattr(instance, "draft_of_id", None) is not None
