"""Template context shared by every page: the site name and the emergency line."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME, "EMERGENCY_NUMBER": settings.EMERGENCY_NUMBER}
