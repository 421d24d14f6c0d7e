"""The policy string is built once and reused, unless a response asks for its own."""

from django.http import HttpResponse
from django.test import RequestFactory

from spotting_site.security import ContentSecurityPolicyMiddleware

HEADER = "Content-Security-Policy"


def respond(path, response=None):
    middleware = ContentSecurityPolicyMiddleware(lambda request: response or HttpResponse("ok"))
    return middleware(RequestFactory().get(path))


def test_public_and_admin_pages_get_the_same_reused_policy():
    public = [respond("/causes/")[HEADER] for _ in range(3)]
    admin = [respond("/admin/login/")[HEADER] for _ in range(3)]
    assert len(set(public + admin)) == 1
    assert "unsafe-hashes" not in public[0] and "unsafe-inline" not in public[0]
    assert "object-src 'none'" in public[0]


def test_a_response_with_its_own_policy_is_not_given_the_reused_one():
    respond("/causes/")  # the public policy is now built and kept
    own = HttpResponse("ok")
    own._csp_update = {"img-src": ["https://images.example"]}
    assert "https://images.example" in respond("/causes/", own)[HEADER]
    exempt = HttpResponse("ok")
    exempt._csp_exempt = True
    assert HEADER not in respond("/causes/", exempt)
    assert "https://images.example" not in respond("/causes/")[HEADER]


def test_changed_settings_are_followed(settings):
    respond("/causes/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert respond("/causes/")[HEADER] == "default-src 'none'"
