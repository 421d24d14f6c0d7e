"""Error pages in the site's layout: 400, 403, 404, 500 and a failed CSRF check.

Each page is rendered without the request's context processors, from a small
context built from settings alone: an error page must not need the database,
the session or the user (the 500 page may be shown because one of them is
down), and a 400 may come from a request whose Host header cannot even be
read. Nothing about the error itself (exception text, settings, paths) is shown.
"""

import logging

from django.http import HttpResponse
from django.template import loader

from spotting_site.context_processors import site

logger = logging.getLogger(__name__)

# The last resort if even the 500 template cannot render (a missing static
# manifest, a broken base template): plain, dependency-free HTML.
FALLBACK_500 = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
    "<title>Sorry, something went wrong</title></head><body><main>"
    "<h1>Sorry, something went wrong</h1>"
    "<p>The problem is ours, not yours. Please try again in a few minutes.</p>"
    "<p>If you are bleeding heavily or have severe pain, call your local emergency number "
    "or go to the nearest emergency department now.</p>"
    "</main></body></html>"
)


def error_context():
    # site() reads settings only; it takes a request to be a context processor.
    return site(request=None)


def render_error(template_name, status):
    body = loader.get_template(template_name).render(error_context())
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return render_error("400.html", status=400)


def permission_denied(request, exception=None):
    return render_error("403.html", status=403)


def page_not_found(request, exception=None):
    return render_error("404.html", status=404)


def server_error(request):
    try:
        return render_error("500.html", status=500)
    except Exception:
        logger.exception("The 500 page itself failed to render")
        return HttpResponse(FALLBACK_500, status=500)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: an expired or missing form token, explained kindly."""
    return render_error("csrf_failure.html", status=403)
