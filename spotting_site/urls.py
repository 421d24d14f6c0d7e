"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from spotting_site.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("triage/", include("triage.urls")),
    path("", include("articles.urls")),
]
