"""`{% cached_url %}`: `{% url %}` for the site's fixed addresses, memoized.

`{% url %}` runs Django's `reverse()` on every rendering; the links every page
carries (home, the triage form, the list of causes) are the same each time, so
they go through `spotting_site.reversing.cached_reverse` instead. Escaped as
`{% url %}` escapes its result; `as name` works as with `{% url %}`.
"""

from django import template

from spotting_site.reversing import cached_reverse

register = template.Library()


@register.simple_tag
def cached_url(view_name, *args):
    return cached_reverse(view_name, *args)
