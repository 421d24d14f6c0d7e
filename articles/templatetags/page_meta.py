"""Template tags for what search engines and link previews read: JSON-LD structured data."""

from django import template

from articles.structured_data import json_ld, medical_web_page

register = template.Library()


@register.simple_tag(takes_context=True)
def medical_web_page_json_ld(context, content, references=()):
    """The page's schema.org MedicalWebPage as a JSON-LD data block (see articles.structured_data)."""
    request = context.get("request")
    url = request.build_absolute_uri(content.get_absolute_url()) if request else content.get_absolute_url()
    return json_ld(medical_web_page(content, url, references))
