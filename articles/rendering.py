"""The one pipeline that turns editor text into HTML: Markdown, citations, then nh3.

Every field that becomes HTML goes through here, once, when it is saved:

1. Markdown (python-Markdown with tables and sane lists) to HTML.
2. Citation markers such as ``[@heitmann2014]`` become numbered superscript
   links to the reference list, numbered by first use across all the fields
   of one page (body first, then the advice call-outs in display order).
3. nh3 sanitizes the result through an explicit allow-list, so raw HTML an
   editor types (or an importer carries in) never reaches a page unsanitized.

`sanitize_html` is public: anything else that must show untrusted HTML uses it.
"""

import html as html_module
import re
from dataclasses import dataclass, field

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
        "hr",
        "ul",
        "ol",
        "li",
        "em",
        "strong",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "blockquote",
        "abbr",
        "sup",
        "code",
        "pre",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {"sup": {"citation"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them, not just unwrapped.
CONTENT_STRIPPED_TAGS = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template"})
OUTBOUND_LINK_REL = "noopener noreferrer"

CITATION_PATTERN = re.compile(r"\[@([a-z][a-z0-9_-]*)\]")
# Markdown escapes "<" in text, so in its output every "<...>" is a tag: markers inside tags
# (a link title, say) are left alone, and only markers in text become citations.
TAG_OR_CITATION = re.compile(r"(<[^>]*>)|\[@([a-z][a-z0-9_-]*)\]")
CITATION_ANCHOR_ID = re.compile(r"^cite-[a-z][a-z0-9_-]*-\d+$")
ALIGN_VALUES = {"left", "right", "center"}


def _filter_attribute(tag, attribute, value):
    """Keep only attribute values that are safe and meaningful here."""
    if tag == "a" and attribute == "id":
        # Only the ids the citation step writes; editors cannot inject ids that clash with the page.
        return value if CITATION_ANCHOR_ID.match(value) else None
    if tag == "a" and attribute == "href" and value.startswith("//"):
        # Scheme-relative URLs point at other hosts while looking relative.
        return None
    if attribute == "align":
        return value if value in ALIGN_VALUES else None
    return value


def sanitize_html(html):
    """Return `html` with everything outside the allow-list removed. Safe to mark safe."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CONTENT_STRIPPED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=OUTBOUND_LINK_REL,
        strip_comments=True,
    )


def markdown_to_html(text):
    """Markdown to unsanitized HTML. Callers must sanitize; `render_fields` does."""
    return markdown.markdown(
        text or "",
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )


def find_citation_keys(text):
    """Citation keys in `text` in order of first use, without duplicates."""
    return list(dict.fromkeys(CITATION_PATTERN.findall(text or "")))


@dataclass
class CitationNumberer:
    """Numbers citations by first use and rewrites markers into superscript links.

    One numberer is shared by every field of a page, so numbers run on from the
    body into the call-outs. Unknown keys are left as plain text and recorded.
    """

    known_keys: frozenset
    keys: list = field(default_factory=list)
    unknown_keys: list = field(default_factory=list)
    _uses: dict = field(default_factory=dict)

    def number_for(self, key):
        if key not in self.keys:
            self.keys.append(key)
        return self.keys.index(key) + 1

    def _replace(self, match):
        if match.group(1):
            return match.group(1)
        key = match.group(2)
        if key not in self.known_keys:
            if key not in self.unknown_keys:
                self.unknown_keys.append(key)
            return match.group(0)
        number = self.number_for(key)
        self._uses[key] = self._uses.get(key, 0) + 1
        return (
            f'<sup class="citation"><a href="#ref-{key}" id="cite-{key}-{self._uses[key]}">'
            f"[{number}]</a></sup>"
        )

    def link_citations(self, html):
        return TAG_OR_CITATION.sub(self._replace, html)


@dataclass
class Rendered:
    """The result of rendering a page's fields: HTML per field, plus citation keys in order."""

    html: dict
    citation_keys: list
    unknown_keys: list


def render_fields(fields, known_keys):
    """Render `fields` ((name, markdown) pairs, in display order) with shared citation numbers."""
    numberer = CitationNumberer(known_keys=frozenset(known_keys))
    html = {}
    for name, text in fields:
        html[name] = sanitize_html(numberer.link_citations(markdown_to_html(text))) if text else ""
    return Rendered(html=html, citation_keys=list(numberer.keys), unknown_keys=list(numberer.unknown_keys))


def render_markdown(text, known_keys=()):
    """Render one piece of Markdown to sanitized HTML (citations to `known_keys` linked)."""
    return render_fields([("text", text)], known_keys).html["text"]


FIRST_LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
CITATION_SUPERSCRIPT = re.compile(r"<sup\b[^>]*>.*?</sup>", re.DOTALL)


def first_list_item_text(html):
    """The plain text of the first list item in stored, sanitized HTML, without citation numbers; "" if none.

    Used to say the strongest call-out's first sign in one sentence at the top
    of a page (the template escapes it again).
    """
    from django.utils.html import strip_tags
    from django.utils.text import normalize_newlines

    match = FIRST_LIST_ITEM.search(html or "")
    if not match:
        return ""
    text = html_module.unescape(strip_tags(CITATION_SUPERSCRIPT.sub("", match.group(1))))
    text = " ".join(normalize_newlines(text).split())
    return text.rstrip(" .;,:")
