"""Staff-only preview URLs (see articles.preview). Never cached, never indexed."""

from django.urls import path

from articles import preview

app_name = "preview"

urlpatterns = [
    path("articles/<int:pk>/", preview.article_preview, name="article_preview"),
    path("causes/<int:pk>/", preview.cause_preview, name="cause_preview"),
]
