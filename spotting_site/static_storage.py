"""WhiteNoise's hashed, compressed static files storage, with each URL looked up once per process.

Every page links the stylesheet (and the triage pages a script) through
`{% static %}`, which asks the manifest for the hashed name on every render.
The manifest is read once when the storage is created and does not change
while the process runs, so the answer for a name is kept. With DEBUG on, the
plain names are linked and nothing is kept.
"""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if settings.DEBUG or force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
