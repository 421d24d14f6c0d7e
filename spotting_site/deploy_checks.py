"""`manage.py check --deploy` warnings for settings that work but would let an attacker hurt editors."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def trusted_proxy_count(app_configs=None, **kwargs):
    """Behind a TLS proxy with TRUSTED_PROXY_COUNT 0, every sign-in seems to come from one address."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXY_COUNT:
        return [
            Warning(
                "The site trusts a proxy's HTTPS header but TRUSTED_PROXY_COUNT is 0: every sign-in "
                "would seem to come from the proxy, so five wrong passwords from anyone would lock "
                "the real editor out.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For "
                "(1 for one nginx in front of gunicorn).",
                id="spotting.W001",
            )
        ]
    return []
