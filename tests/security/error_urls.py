"""The site's URLconf plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponse
from django.middleware.csrf import _get_failure_view
from django.urls import path

from spotting_site import urls as site_urls

handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

SECRET_DETAIL = "raised by a test view"


def suspicious(request):
    raise SuspiciousOperation(SECRET_DETAIL)


def permission_denied(request):
    raise PermissionDenied(SECRET_DETAIL)


def not_found(request):
    raise Http404(SECRET_DETAIL)


def server_error(request):
    raise RuntimeError(SECRET_DETAIL)


def csrf_failure(request):
    # The view CsrfViewMiddleware calls (settings.CSRF_FAILURE_VIEW), shown without a form to fail.
    return _get_failure_view()(request, reason="CSRF cookie not set.")


def form(request):
    # Reading request.POST is what enforces the upload limits.
    return HttpResponse(f"{len(request.POST)} fields accepted")


urlpatterns = [
    path("raise/suspicious/", suspicious),
    path("raise/permission-denied/", permission_denied),
    path("raise/not-found/", not_found),
    path("raise/server-error/", server_error),
    path("raise/csrf-failure/", csrf_failure),
    path("raise/form/", form),
    *site_urls.urlpatterns,
]
