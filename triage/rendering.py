"""Rule messages: editor Markdown to the small, safe HTML shown in a triage result.

Markdown and sanitising go through `articles.rendering`, the site's one
sanitizer module. A reason in a result sits under the page's own headings, so
messages are then narrowed to inline text, paragraphs and lists: an editor's
heading or table cannot break the result page's structure.
"""

import nh3

from articles.rendering import markdown_to_html, sanitize_html

MESSAGE_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br"}
MESSAGE_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_message(text):
    """Sanitized HTML for a rule message, safe to mark safe in templates."""
    html = sanitize_html(markdown_to_html(text or ""))
    return nh3.clean(
        html,
        tags=MESSAGE_TAGS,
        attributes=MESSAGE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
