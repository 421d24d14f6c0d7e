from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Clinical content"

    def ready(self):
        from articles.page_cache import connect_invalidation_signals

        connect_invalidation_signals()
