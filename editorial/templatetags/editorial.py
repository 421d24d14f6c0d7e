"""Template tags for the admin: the review-due dashboard."""

from django import template

from editorial.review import DUE_SOON_DAYS, review_items

register = template.Library()


@register.inclusion_tag("editorial/review_dashboard.html")
def review_dashboard():
    return {"items": review_items(), "due_soon_days": DUE_SOON_DAYS}
