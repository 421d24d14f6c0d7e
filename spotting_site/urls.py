"""Root URL configuration."""

from django.contrib import admin
from django.urls import include, path

from spotting_site import deploy_checks  # noqa: F401  (registers the check --deploy warnings)
from spotting_site.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("triage/", include("triage.urls")),
    # Staff-only previews of drafts (articles.preview): never cached, 404 for everyone else.
    path("preview/", include("articles.preview_urls")),
    path("", include("articles.urls")),
]

# Error pages in the site's layout (spotting_site/errors.py).
handler400 = "spotting_site.errors.bad_request"
handler403 = "spotting_site.errors.permission_denied"
handler404 = "spotting_site.errors.page_not_found"
handler500 = "spotting_site.errors.server_error"
