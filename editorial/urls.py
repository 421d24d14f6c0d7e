"""Staff-only preview URLs (see editorial.preview). Never cached, never indexed."""

from django.urls import path

from editorial import preview

app_name = "editorial"

urlpatterns = [
    path("articles/<int:pk>/", preview.article_preview, name="article_preview"),
    path("causes/<int:pk>/", preview.cause_preview, name="cause_preview"),
]
