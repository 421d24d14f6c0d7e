"""Every public page of the site, found the way a crawler would find them.

The list is the fixed entry points below plus every URL in /sitemap.xml (and
the sitemaps it indexes), plus the page the triage form answers with, so new
pages are covered as soon as they are in the sitemap.
"""

from urllib.parse import urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from triage import contract

ENTRY_POINTS = (
    "/",
    "/causes/",
    "/references/",
    "/search/?q=spotting",
    "/triage/",
    "/robots.txt",
    "/sitemap.xml",
)
TRIAGE_FORM_PAGE = "/triage/"
TRIAGE_ANSWER_PAGE = "POST /triage/ (first choice of every question)"

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_paths(client, sitemap_path="/sitemap.xml", seen=None):
    """Paths of every <loc> in the sitemap, following a sitemap index."""
    seen = set() if seen is None else seen
    if sitemap_path in seen:
        return []
    seen.add(sitemap_path)
    response = client.get(sitemap_path)
    if response.status_code != 200:
        return []
    root = ElementTree.fromstring(response.content)
    locations = [path_of(loc.text.strip()) for loc in root.iter(f"{SITEMAP_NS}loc")]
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        return [path for location in locations for path in sitemap_paths(client, location, seen)]
    return locations


def smallest_allowed(name):
    """The lowest number the triage contract accepts for a required whole-number question."""
    field = contract.FIELDS_BY_NAME.get(name)
    if field is not None and field.kind == contract.INTEGER and field.required:
        return str(field.minimum)
    return ""


def first_choice_answers(form):
    """What a reader submits by picking the first option of every question (and the lowest numbers)."""
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or name in data:
            continue
        kind = field.get("type", "text").lower() if field.name == "input" else field.name
        if kind == "radio":
            data[name] = field.get("value", "on")
        elif kind == "number":
            data[name] = field.get("min", "1")
        elif kind == "select":
            option = field.find("option", value=True)
            data[name] = option["value"] if option else ""
        elif kind not in ("checkbox", "submit", "button", "reset", "image", "file"):
            data[name] = field.get("value") or smallest_allowed(name)
    return data


def triage_answer(client, form_page_html):
    """Submit the triage form as a reader would; None if the page has no POST form."""
    soup = BeautifulSoup(form_page_html, "html.parser")
    form = soup.find("form", method=lambda method: method and method.lower() == "post")
    if form is None:
        return None
    return client.post(form.get("action") or TRIAGE_FORM_PAGE, first_choice_answers(form))


def fetch_public_pages(client):
    """{label: response} for every public page, each fetched once."""
    pages = {}
    for path in (*ENTRY_POINTS, *sitemap_paths(client)):
        if path not in pages:
            pages[path] = client.get(path)
    form_page = pages[TRIAGE_FORM_PAGE]
    if form_page.status_code == 200:
        answer = triage_answer(client, form_page.content.decode())
        if answer is not None:
            pages[TRIAGE_ANSWER_PAGE] = answer
    return pages


def is_html(response):
    return response.get("Content-Type", "").startswith("text/html")
