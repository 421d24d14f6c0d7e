"""The /healthz endpoint for load balancers and uptime checks."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from spotting_site.fail_open_cache import cache_available


def _cache_state():
    """ "ok" or "unavailable": the site works without its cache, only slower."""
    if not cache_available():
        return "unavailable"
    cache.get("healthz")  # a failure here marks the cache unavailable
    return "ok" if cache_available() else "unavailable"


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not; the cache is reported, never required."""
    state = {"cache": _cache_state()}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable", **state}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", **state})
