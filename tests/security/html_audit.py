"""Read a rendered page the way a strict CSP and a privacy review would.

Each function returns a list of human-readable problems (empty when the page
is clean), so a test can walk many pages and report every problem at once.
"""

import base64
import hashlib
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# Script types a browser executes; anything else (application/ld+json, a
# template) is a data block, which CSP does not govern.
EXECUTABLE_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}

# <link rel> values that make the browser fetch or connect to the URL.
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "prerender",
    "preconnect",
    "dns-prefetch",
}

# Elements and the attributes through which they load something.
RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "form": ("action",),
}

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")


def csp_hash(source):
    """The CSP source expression that allows exactly this inline code."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def parse(html):
    return BeautifulSoup(html, "html.parser")


def is_same_origin(url):
    """Relative URLs only: no scheme (so no data:, javascript: or https://other) and no host."""
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc


def srcset_urls(value):
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def resource_urls(soup):
    """(description, url) for everything the page makes the browser load or submit to."""
    for tag_name, attributes in RESOURCE_ATTRIBUTES.items():
        for tag in soup.find_all(tag_name):
            for attribute in attributes:
                value = tag.get(attribute)
                if value is None:
                    continue
                urls = srcset_urls(value) if attribute == "srcset" else [value]
                for url in urls:
                    yield f"<{tag_name} {attribute}>", url
    for link in soup.find_all("link", href=True):
        rels = {rel.lower() for rel in link.get("rel", [])}
        if rels & FETCHING_LINK_RELS:
            yield f"<link rel={' '.join(sorted(rels))}>", link["href"]
    for tag in soup.find_all(style=True):
        for url in CSS_URL.findall(tag["style"]):
            yield f"<{tag.name} style> url()", url
    for style in soup.find_all("style"):
        for url in CSS_URL.findall(style.get_text()):
            yield "<style> url()", url


def stylesheet_urls(html):
    """Same-origin stylesheets the page links (others are already a problem)."""
    for link in parse(html).find_all("link", href=True):
        if "stylesheet" in {rel.lower() for rel in link.get("rel", [])} and is_same_origin(link["href"]):
            yield link["href"]


def third_party_in_css(css):
    """Problems: url() or @import in a stylesheet that reaches another origin."""
    urls = CSS_URL.findall(css) + CSS_IMPORT.findall(css)
    return [f"stylesheet loads {url!r}" for url in urls if not is_same_origin(url)]


def third_party_resources(html):
    """Problems: anything loaded from another origin, and any <base> element."""
    soup = parse(html)
    problems = [f"{where} loads {url!r}" for where, url in resource_urls(soup) if not is_same_origin(url)]
    problems += [f"<base href={base.get('href')!r}> (base-uri is 'none')" for base in soup.find_all("base")]
    return problems


def is_executable_script(tag):
    return tag.get("type", "").strip().lower() in EXECUTABLE_SCRIPT_TYPES


def inline_code(html, allowed_style_hashes=()):
    """Problems: inline code or styles that the site's strict CSP would block in a browser."""
    soup = parse(html)
    problems = []
    for script in soup.find_all("script"):
        if is_executable_script(script) and not script.get("src"):
            problems.append(f"inline <script>: {script.get_text()[:60]!r}")
    problems += [f"<style> element: {style.get_text()[:60]!r}" for style in soup.find_all("style")]
    for tag in soup.find_all(style=True):
        if csp_hash(tag["style"]) not in allowed_style_hashes:
            problems.append(f'<{tag.name} style="{tag["style"]}">')
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                problems.append(f"<{tag.name} {attribute}> event handler")
            elif isinstance(value, str) and value.strip().lower().startswith("javascript:"):
                problems.append(f"<{tag.name} {attribute}> javascript: URL")
    return problems


def unprotected_outbound_links(html, own_host):
    """Problems: links to another site that would pass it the opener or the referrer."""
    problems = []
    for link in parse(html).find_all(["a", "area"], href=True):
        parts = urlsplit(link["href"].strip())
        if parts.scheme not in ("http", "https") or parts.hostname in (None, own_host):
            continue
        rels = {rel.lower() for rel in link.get("rel", [])}
        if not {"noopener", "noreferrer"} <= rels:
            problems.append(f"<a href={link['href']!r} rel={' '.join(sorted(rels))!r}>")
    return problems
