"""Old addresses of renamed articles and causes answer 301 with the new address (`articles.models.Redirect`).

Why our own small model rather than `django.contrib.redirects`: that app needs
the sites framework, and once `django.contrib.sites` is installed every
`get_current_site()` (the sitemap, among others) takes its domain from a
`Site` row instead of the request, so each deployment would have to keep that
row's domain right by hand, and a wrong one would put another host in the
sitemap. A redirect here is only ever a path on this site, so the model needs
neither sites nor a domain.

The lookup runs in the article and cause views, only when no published page
has the address (a miss they already pay a query for), rather than in a
middleware on every 404: other 404s, and error pages while the database is
away, never touch the database for it.
"""

from django.http import Http404, HttpResponsePermanentRedirect

# Where redirects are honoured: the addresses of articles and causes.
REDIRECTED_PREFIXES = ("/articles/", "/causes/")


def redirect_or_404(request, message):
    """301 to the new address if this old one has a redirect; otherwise raise Http404(message)."""
    from articles.models import Redirect

    new_path = Redirect.objects.filter(old_path=request.path_info).values_list("new_path", flat=True).first()
    if new_path is None:
        raise Http404(message)
    script_prefix = request.path[: len(request.path) - len(request.path_info)]
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(script_prefix + new_path + ("?" + query if query else ""))
