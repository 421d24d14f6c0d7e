"""Security headers Django 5.2 does not set by itself.

Content-Security-Policy comes from django-csp; this module only chooses the
policy for a request: readers get settings.CONTENT_SECURITY_POLICY exactly,
and admin pages get the same policy plus one narrow allowance (see
ADMIN_STYLE_ATTRIBUTES). Permissions-Policy has no Django setting, so a tiny
middleware sends it from settings.PERMISSIONS_POLICY.
"""

import base64
import hashlib

from csp.constants import UNSAFE_HASHES
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import NoReverseMatch, reverse

# Inline style attributes that third-party admin templates render, allowed by
# exact hash on admin pages only. django-simple-history's history list has
# `<p class="paginator" style="border-top: 0">`; without this the browser
# blocks it (a cosmetic border) and reports a CSP violation on every history
# page. 'unsafe-hashes' with a hash permits that one declaration, not inline
# styles in general, and never on public pages. Django's own admin needs no
# exception: since 4.x it ships no inline scripts or style attributes.
ADMIN_STYLE_ATTRIBUTES = ("border-top: 0",)


def csp_hash(source):
    """The CSP source expression that allows exactly this inline code."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


ADMIN_POLICY_UPDATE = {
    "style-src-attr": [UNSAFE_HASHES, *(csp_hash(style) for style in ADMIN_STYLE_ATTRIBUTES)],
}


def admin_prefix():
    try:
        return reverse("admin:index")
    except NoReverseMatch:  # a URLconf without the admin (some tests use one)
        return None


def is_admin_path(path):
    # reverse() includes any script prefix, so compare with request.path, not path_info.
    prefix = admin_prefix()
    return prefix is not None and path.startswith(prefix)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, adding the admin's allowance on admin paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
        return parts


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
