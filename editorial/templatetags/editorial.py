"""Template tags for the admin home: the review queue and the review-due dashboard."""

from django import template

from editorial.queue import WAITING_FOR_YOU, YOURS, queue_for
from editorial.review import DUE_SOON_DAYS, review_items

register = template.Library()


@register.inclusion_tag("editorial/review_dashboard.html")
def review_dashboard():
    return {"items": review_items(), "due_soon_days": DUE_SOON_DAYS}


@register.inclusion_tag("editorial/review_queue.html", takes_context=True)
def review_queue(context):
    items = queue_for(getattr(context.get("request"), "user", None))
    return {
        "waiting": [item for item in items if item.relation == WAITING_FOR_YOU],
        "yours": [item for item in items if item.relation == YOURS],
    }
