"""Context shared by every page: site name, canonical address, emergency and urgent advice numbers."""

from django.conf import settings


def tel_uri(number):
    """`tel:` link target for a number as people write it ("999", "+44 20 7946 0000")."""
    return "tel:" + number.replace(" ", "")


DEFAULT_DESCRIPTION = (
    "Clear information about spotting between periods, its causes, and when to see a doctor."
)


def site(request):
    urgent = settings.URGENT_ADVICE
    return {
        "SITE_NAME": settings.SITE_NAME,
        "DEFAULT_DESCRIPTION": DEFAULT_DESCRIPTION,
        # The page's own address, without a query string: what search engines index and share (none on
        # error pages, which are rendered without the request).
        "CANONICAL_URL": request.build_absolute_uri(request.path) if request is not None else "",
        "EMERGENCY_NUMBER": settings.EMERGENCY_NUMBER,
        "EMERGENCY_TEL": tel_uri(settings.EMERGENCY_NUMBER),
        "URGENT_ADVICE": {**urgent, "tel": tel_uri(urgent["number"])},
    }
