"""Old addresses of renamed pages answer 301 with the new address (`articles.models.Redirect`).

Why our own small model rather than `django.contrib.redirects`: that app needs
the sites framework, and once `django.contrib.sites` is installed every
`get_current_site()` (the sitemap, among others) takes its domain from a
`Site` row instead of the request, so each deployment would have to keep that
row's domain right by hand, and a wrong one would put another host in the
sitemap. A redirect here is only ever a path on this site, so the model needs
neither sites nor a domain; the middleware below is the same few lines as
contrib.redirects' `RedirectFallbackMiddleware`.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect


class RedirectFallbackMiddleware:
    """A 404 whose path has a redirect becomes a 301 to its new address (one query, on 404s only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        from articles.models import Redirect

        paths = [request.path_info]
        if settings.APPEND_SLASH and not request.path_info.endswith("/"):
            paths.append(request.path_info + "/")
        redirect = Redirect.objects.filter(old_path__in=paths).order_by("-old_path").first()
        if redirect is None:
            return response
        new_path = request.path[: len(request.path) - len(request.path_info)] + redirect.new_path
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(new_path + ("?" + query if query else ""))
