"""Public forms take short text only: uploads and oversized bodies are refused before any view runs.

The triage form is a handful of choices; nothing public accepts a file. A
POST outside the admin with a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is
answered 413 before Django reads it, and one (within that size) carrying a
file is answered 400.
"""

from django.conf import settings

from spotting_site.errors import render_error
from spotting_site.security import is_admin_path


class RefuseUploadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not is_admin_path(request.path):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return render_error("400.html", status=400)
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return render_error("400.html", status=413)
            # Within that size a multipart body may be parsed; one carrying a file is refused.
            if request.content_type == "multipart/form-data" and request.FILES:
                return render_error("400.html", status=400)
        return self.get_response(request)
