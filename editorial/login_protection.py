"""Admin sign-in protection: django-axes lockout response and client address.

After `AXES_FAILURE_LIMIT` failures for one username from one address, that
pair is locked out for `AXES_COOLOFF_TIME`; the reader of the lockout page is
told plainly what happened and what to do.
"""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    wait = "an hour" if minutes == 60 else f"{minutes} minutes"
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "wait": wait}
    return render(request, "editorial/lockout.html", context, status=429)


def client_ip(request):
    """The client's address, trusting only as many proxies as TRUSTED_PROXY_COUNT says.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the
    client is that many entries from the right; anything further left could be
    forged by the client.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


# The longest username a user can have (Django's User.username); axes keeps what was typed.
MAX_USERNAME_LENGTH = 150


def client_username(request, credentials=None):
    """The username axes records for a sign-in attempt, cut to a length any account can have.

    A longer one can match no account; cutting it keeps axes' own column from
    overflowing (a 500 on PostgreSQL), and the form then says the sign-in failed.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") or ""
    return username[:MAX_USERNAME_LENGTH]
