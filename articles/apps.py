from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Clinical content"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from articles.models import Article, Cause
        from articles.page_cache import expire_pages_at_next, invalidate_pages_on_changes_to
        from articles.publishing import next_scheduled_publication
        from articles.queue import register_content_queue
        from articles.search_index import add_to_vocabulary, rebuild_sqlite_search_if_dropped
        from articles.usage import register_page_uses

        register_page_uses()
        post_migrate.connect(
            rebuild_sqlite_search_if_dropped, sender=self, dispatch_uid="articles.sqlite-search-triggers"
        )
        register_content_queue()

        # Everything the public pages show: content, the links between them, tags,
        # and the search synonyms (a changed synonym changes what searches find).
        invalidate_pages_on_changes_to(
            "articles.Article",
            "articles.Cause",
            "articles.Reference",
            "articles.ArticleCause",
            "articles.ArticleReference",
            "articles.CauseReference",
            "articles.SearchSynonym",
            "taggit.Tag",
            "taggit.TaggedItem",
            unless=_is_draft_revision,
        )
        # Content scheduled for later appears without a save at that moment.
        expire_pages_at_next(next_scheduled_publication)
        # Words of newly published content become words misspelt searches are corrected to.
        for model in (Article, Cause):
            post_save.connect(
                add_to_vocabulary, sender=model, dispatch_uid=f"search-vocabulary-{model.__name__}"
            )

    def role_permissions(self):
        """What each editorial role may do with clinical content, tags and redirects (`editorial.roles`)."""
        from editorial.roles import APPROVER, EDITOR, grants

        return {
            EDITOR: (
                *grants("articles", "article", "add", "change", "view"),
                *grants("articles", "cause", "add", "change", "view"),
                *grants("articles", "reference", "add", "change", "view"),
                *grants("articles", "articlecause", "add", "change", "delete", "view"),
                *grants("articles", "articlereference", "add", "change", "delete", "view"),
                *grants("articles", "causereference", "add", "change", "delete", "view"),
                # Search synonyms only shape what searches find (no page shows them): editors may remove one.
                *grants("articles", "searchsynonym", "add", "change", "delete", "view"),
                # Old addresses of renamed pages: editors correct them; only a superuser removes one.
                *grants("articles", "redirect", "add", "change", "view"),
                *grants("taggit", "tag", "add", "change", "view"),
                *grants("taggit", "taggeditem", "add", "change", "delete", "view"),
            ),
            APPROVER: ("articles.publish_article", "articles.publish_cause"),
        }

    def load_starter_content(self):
        """References, tags, causes, the flagship article and the search synonyms (`editorial.starter`)."""
        from articles.starter_content import CHANGED_KINDS, load_starter_content
        from articles.synonyms import load_starter_synonyms
        from editorial.starter import StarterCounts

        counts = load_starter_content()
        counts["search synonyms"] = load_starter_synonyms()
        return StarterCounts(
            created={kind: count for kind, count in counts.items() if kind not in CHANGED_KINDS},
            changed={kind: count for kind, count in counts.items() if kind in CHANGED_KINDS},
        )


def _is_draft_revision(instance):
    """A draft revision of published content, or its tagging: readers never see it (articles.revisions)."""
    if instance._meta.label == "taggit.TaggedItem":
        instance = instance.content_object  # the article or cause tagged (None once deleted)
    return getattr(instance, "draft_of_id", None) is not None
