"""`reverse()` memoized, for URLs built many times per request (a link per card, a check per response).

The memo's key holds everything `reverse` depends on: the URLconf in use and
the script prefix the site is mounted under.
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def cached_reverser():
    """`cached_reverse` for a list of links: the URLconf and script prefix are read once, here.

    Each read of that request-local state (an asgiref Local) costs about ten times
    the memoized lookup itself, and a list of 15 cause cards read both per card.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    script_prefix = get_script_prefix()

    def reverse_memoized(view_name, *args):
        return _reverse(urlconf, script_prefix, view_name, args)

    return reverse_memoized


def cached_reverse(view_name, *args):
    """`reverse(view_name, args=args)`, memoized for the URLconf and script prefix in use."""
    return cached_reverser()(view_name, *args)


@functools.lru_cache(maxsize=4096)
def _reverse(urlconf, script_prefix, view_name, args):
    return reverse(view_name, urlconf=urlconf, args=args)
