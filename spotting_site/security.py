"""Security headers Django 5.2 does not set by itself.

Content-Security-Policy comes from django-csp: every page, the admin included,
gets settings.CONTENT_SECURITY_POLICY exactly. The admin needs no exception:
Django's admin ships no inline scripts or style attributes, and the one
third-party template that had one (django-simple-history's history list, with
`style="border-top: 0"`) is overridden by the project's
`admin/editorial/object_history_list.html` for every model with history;
tests/security/test_policy_in_browser.py shows Chromium reports no violation
on those pages. Permissions-Policy has no Django setting, so a tiny middleware
sends it from settings.PERMISSIONS_POLICY.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import NoReverseMatch

from spotting_site.reversing import cached_reverse


def admin_prefix():
    try:
        return cached_reverse("admin:index")
    except NoReverseMatch:  # a URLconf without the admin (some tests use one)
        return None


def is_admin_path(path):
    # reverse() includes any script prefix, so compare with request.path, not path_info.
    prefix = admin_prefix()
    return prefix is not None and path.startswith(prefix)


# Set by django-csp's decorators on a response whose policy differs from the settings.
PER_RESPONSE_POLICY = tuple(
    f"_csp_{name}{suffix}" for name in ("exempt", "config", "update", "replace") for suffix in ("", "_ro")
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the settings' policy built once.

    Building the policy string costs about as much as serving a stored page,
    and with no nonces and no per-view policies it is the same on every
    response. It is built once (by django-csp itself, on a blank response) and
    reused; any response with a nonce or a per-view policy takes django-csp's
    full path.
    """

    # Read from the settings once per process: the built headers ("settings") and whether any
    # URL prefix is excluded ("excluded"); forgotten when those settings change.
    _from_settings = {}

    def process_response(self, request, response):
        if not self._uses_the_settings_policy(request, response):
            return super().process_response(request, response)
        if "settings" not in self._from_settings:
            blank = super().process_response(request, HttpResponse())
            names = (HEADER, HEADER_REPORT_ONLY)
            self._from_settings["settings"] = [(name, blank[name]) for name in names if name in blank]
        for name, value in self._from_settings["settings"]:
            response.headers.setdefault(name, value)
        # As django-csp does: asking for a nonce after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @classmethod
    def _uses_the_settings_policy(cls, request, response):
        if response.status_code in (404, 500) and settings.DEBUG:
            return False  # django-csp leaves Django's debug pages alone
        if "excluded" not in cls._from_settings:
            # Read once, like the policy itself (forgotten when the settings change).
            cls._from_settings["excluded"] = any(
                (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
                for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
            )
        if cls._from_settings["excluded"] or getattr(request, "_csp_nonce", None) is not None:
            return False
        return not any(hasattr(response, name) for name in PER_RESPONSE_POLICY)


def permissions_policy_header(features):
    """`camera=(), microphone=()...`: each feature allowed for no origin at all."""
    return ", ".join(f"{feature}=()" for feature in features)


class PermissionsPolicyMiddleware:
    """Send Permissions-Policy, switching off every feature in settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting in ("ROOT_URLCONF", "DEBUG"):
        ContentSecurityPolicyMiddleware._from_settings.clear()
