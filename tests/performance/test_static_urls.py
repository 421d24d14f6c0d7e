"""Static file URLs: hashed names from the manifest, looked up once per process."""

from django.templatetags.static import static
from whitenoise.storage import CompressedManifestStaticFilesStorage


def test_hashed_names_are_linked_and_kept(settings, monkeypatch):
    settings.DEBUG = False
    first = static("css/site.css")
    assert first.startswith("/static/css/site.") and first != "/static/css/site.css"
    lookups = []
    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", lambda *args: lookups.append(args))
    assert static("css/site.css") == first
    assert lookups == []


def test_with_debug_on_plain_names_are_linked(settings):
    settings.DEBUG = True
    assert static("css/site.css") == "/static/css/site.css"
