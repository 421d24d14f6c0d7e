"""schema.org structured data (JSON-LD) for article and cause pages.

Each page describes itself as a `MedicalWebPage`: its name, description,
address, dates, the references it cites (`citation`), what a cause page is
about (a `MedicalCondition`), and, only when a named clinician has
reviewed it, `lastReviewed` and `reviewedBy`. An unreviewed page makes no
review claim here either.

The JSON goes into a `<script type="application/ld+json">` data block: the
browser never runs it, so the Content Security Policy (`script-src 'self'`)
does not apply to it and needs no nonce or hash. `<`, `>` and `&` are
written as \\u escapes so no text an editor typed can close the element.
"""

import json

from django.utils import timezone
from django.utils.safestring import mark_safe

SCHEMA = "https://schema.org"
JSON_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


def _citation(reference):
    work = {"@type": "ScholarlyArticle" if (reference.doi or reference.pmid) else "CreativeWork"}
    work["name"] = reference.title
    if reference.authors:
        work["author"] = reference.authors
    if reference.container:
        work["isPartOf"] = reference.container
    if reference.year:
        work["datePublished"] = str(reference.year)
    url = reference.doi_url or reference.url or reference.pubmed_url
    if url:
        work["url"] = url
    if reference.doi:
        work["identifier"] = f"doi:{reference.doi}"
    return work


def medical_web_page(content, url, references):
    """The MedicalWebPage of an article or cause, as a dict ready for JSON."""
    from articles.models import Cause

    name = content.name if isinstance(content, Cause) else content.title
    description = content.summary if isinstance(content, Cause) else content.standfirst
    page = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "name": name,
        "headline": name,
        "description": description,
        "url": url,
        "inLanguage": "en-GB",
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }
    if content.published_at:
        page["datePublished"] = timezone.localdate(content.published_at).isoformat()
    if content.updated_at:
        page["dateModified"] = timezone.localdate(content.updated_at).isoformat()
    if content.is_clinically_reviewed:
        page["lastReviewed"] = content.last_reviewed.isoformat()
        reviewer = {"@type": "Person", "name": content.reviewer_name.strip()}
        if content.reviewer_role.strip():
            reviewer["jobTitle"] = content.reviewer_role.strip()
        if content.reviewer_registration.strip():
            reviewer["identifier"] = content.reviewer_registration.strip()
        page["reviewedBy"] = reviewer
    if isinstance(content, Cause):
        page["about"] = {"@type": "MedicalCondition", "name": name}
    if references:
        page["citation"] = [_citation(reference) for reference in references]
    return page


def json_ld(data):
    """A `<script type="application/ld+json">` element holding `data`, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # str.replace, not str.translate: translate looks up every character of the text in a
    # dict, and with its references a page's JSON is a few thousand characters (about a
    # twentieth of an uncached article page went there).
    for character, escape in JSON_ESCAPES:
        text = text.replace(character, escape)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
