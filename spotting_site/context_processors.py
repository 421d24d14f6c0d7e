"""Template context shared by every page: the site name, the emergency number and the urgent advice line."""

from django.conf import settings


def tel_uri(number):
    """`tel:` link target for a number as people write it ("999", "+44 20 7946 0000")."""
    return "tel:" + number.replace(" ", "")


def site(request):
    urgent = settings.URGENT_ADVICE
    return {
        "SITE_NAME": settings.SITE_NAME,
        "EMERGENCY_NUMBER": settings.EMERGENCY_NUMBER,
        "EMERGENCY_TEL": tel_uri(settings.EMERGENCY_NUMBER),
        "URGENT_ADVICE": {**urgent, "tel": tel_uri(urgent["number"])},
    }
