"""Import a page from the legacy site: front matter plus a dirty HTML body.

`parse_legacy_page` is pure: it reads the front matter, converts the body to
the site's Markdown (headings, paragraphs, lists, emphasis and safe links kept)
and lists everything it removed (scripts, iframes, styles, images, event
handlers, unsafe links). `import_legacy_page` writes a draft article from it.
The article's HTML is still rendered through `articles.rendering`, so nothing
the converter missed can reach a page unsanitized.

The converter is a small `html.parser` subclass rather than a library: it only
has to keep a handful of elements, and it must report each thing it drops.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify

from articles.models import Article, Status

# Elements dropped together with everything inside them.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "noscript", "template", "svg", "math", "form"}
# Void elements that are dropped (they have no content).
DROPPED_VOID = {"img", "embed", "input", "link", "meta", "source", "track", "base", "area"}
HEADINGS = {f"h{level}": level for level in range(1, 7)}
BLOCKS = {"p", "div", "section", "article", "header", "footer", "aside", "blockquote", "table", "tr"}
EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")
LEGACY_ID = re.compile(r"^[0-9a-f]{32}$")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]])")
BLOCK_START_SPECIALS = re.compile(r"^(#|>|[-+]\s|\d+[.)]\s)")
MAX_TITLE_LENGTH = 200
STANDFIRST_LENGTH = 300


class LegacyPageError(ValueError):
    """The file is not a legacy page this importer understands. The message is one line."""


@dataclass
class LegacyPage:
    title: str
    slug: str
    standfirst: str
    body: str
    removed: list = field(default_factory=list)
    ignored_fields: list = field(default_factory=list)


def _escape_text(text):
    text = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _describe(tag, attrs):
    source = next((value for name, value in attrs if name in ("src", "href", "data") and value), "")
    return f"<{tag}>" + (f" ({source})" if source else "")


class MarkdownConverter(HTMLParser):
    """Legacy HTML to Markdown, recording every element or attribute it drops."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (kind, text): kind is "block" or "item"
        self.inline = []
        self.marks = []  # (tag, index in self.inline, marker or href)
        self.lists = []  # [tag, count]
        self.heading = 0
        self.skipping = []
        self.removed = []

    # Parser callbacks ----------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        handlers = sorted(name for name, _ in attrs if name.startswith("on"))
        if handlers:
            self.removed.append(f"event handler {', '.join(handlers)} on <{tag}>")
        if self.skipping:
            if tag in DROPPED_WITH_CONTENT:
                self.skipping.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            self.skipping.append(tag)
            self.removed.append(_describe(tag, attrs))
        elif tag in DROPPED_VOID:
            self.removed.append(_describe(tag, attrs))
        elif tag in HEADINGS:
            self._flush()
            self.heading = max(2, HEADINGS[tag])
        elif tag in BLOCKS:
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            if self.lists:
                self.lists[-1][1] += 1
        elif tag == "br":
            self.inline.append("  \n")
        elif tag in EMPHASIS:
            self.marks.append((tag, len(self.inline), EMPHASIS[tag]))
        elif tag == "a":
            self.marks.append((tag, len(self.inline), self._safe_href(dict(attrs).get("href") or "")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in DROPPED_WITH_CONTENT and self.skipping:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in HEADINGS or tag in BLOCKS or tag == "li":
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in EMPHASIS or tag == "a":
            self._close_mark(tag)

    def handle_data(self, data):
        if not self.skipping:
            self.inline.append(_escape_text(re.sub(r"\s+", " ", data)))

    def close(self):
        super().close()
        self._flush()

    # Helpers ---------------------------------------------------------------------------

    def _safe_href(self, href):
        href = href.strip()
        is_relative = not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) and not href.startswith("//")
        if href and (href.lower().startswith(SAFE_SCHEMES) or is_relative):
            return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        if href:
            self.removed.append(f"unsafe link ({href[:80]})")
        return ""

    def _close_mark(self, tag):
        for position in range(len(self.marks) - 1, -1, -1):
            if self.marks[position][0] == tag or (tag in EMPHASIS and self.marks[position][0] in EMPHASIS):
                _, start, value = self.marks.pop(position)
                break
        else:
            return
        inner = "".join(self.inline[start:])
        text = inner.strip()
        leading = inner[: len(inner) - len(inner.lstrip())]
        trailing = inner[len(inner.rstrip()) :]
        if not text:
            replacement = inner
        elif tag == "a":
            replacement = f"[{text}]({value})" if value else text
        else:
            replacement = f"{value}{text}{value}"
        # Whitespace stays outside the markers, or Markdown would not see them as emphasis.
        self.inline[start:] = [leading + replacement + trailing]

    def _flush(self):
        self.marks = []
        text = re.sub(r"[ \t]+", " ", "".join(self.inline)).strip()
        self.inline = []
        if not text:
            self.heading = 0
            return
        if self.heading:
            self.blocks.append(("block", "#" * self.heading + " " + text))
            self.heading = 0
        elif self.lists:
            kind, count = self.lists[-1]
            bullet = f"{count}." if kind == "ol" else "-"
            indent = "    " * (len(self.lists) - 1)
            self.blocks.append(("item", f"{indent}{bullet} {text}"))
        else:
            self.blocks.append(("block", BLOCK_START_SPECIALS.sub(r"\\\1", text)))

    def markdown(self):
        output = []
        previous = None
        for kind, text in self.blocks:
            if output:
                output.append("\n" if kind == previous == "item" else "\n\n")
            output.append(text)
            previous = kind
        return "".join(output) + "\n"


def html_to_markdown(body):
    """(markdown, removed) for a legacy HTML body."""
    converter = MarkdownConverter()
    converter.feed(body)
    converter.close()
    return converter.markdown(), converter.removed


def split_front_matter(text):
    """(fields, body) from a page that starts with a `---` delimited `key: value` header."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise LegacyPageError("no front matter: the file must start with a line containing only ---")
    fields = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return fields, "".join(lines[number:])
        if not line.strip():
            continue
        key, separator, value = line.partition(":")
        if not separator or not re.match(r"^[A-Za-z_][\w-]*$", key.strip()):
            raise LegacyPageError(f"front matter line {number} is not 'key: value': {line.strip()[:60]!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[key.strip().lower()] = value
    raise LegacyPageError("front matter is not closed: no second line containing only ---")


def _plain(text):
    return " ".join(html.unescape(strip_tags(text)).split())


def _choose_title(fields):
    title = _plain(fields.get("title", ""))
    # The legacy CMS kept an internal id in `title` and the display title in `mitle`.
    if (not title or LEGACY_ID.match(title)) and _plain(fields.get("mitle", "")):
        title = _plain(fields["mitle"])
    if not title:
        raise LegacyPageError("front matter has no title")
    if len(title) > MAX_TITLE_LENGTH:
        raise LegacyPageError(f"title is longer than {MAX_TITLE_LENGTH} characters")
    return title


def _standfirst(fields, markdown_body):
    description = _plain(fields.get("description", ""))
    if description:
        return description
    first = next((block for block in markdown_body.split("\n\n") if not block.startswith("#")), "")
    text = re.sub(r"\\(.)", r"\1", first).replace("*", "")
    text = html.unescape(" ".join(text.split()))
    if len(text) <= STANDFIRST_LENGTH:
        return text
    return text[:STANDFIRST_LENGTH].rsplit(" ", 1)[0] + "…"


def parse_legacy_page(text):
    """A `LegacyPage` from the text of a legacy file. Raises LegacyPageError with a one-line reason."""
    fields, body_html = split_front_matter(text)
    title = _choose_title(fields)
    slug = slugify(fields.get("slug") or title)[:200].strip("-")
    if not slug:
        raise LegacyPageError("cannot make a URL slug from the title; add a 'slug:' line to the front matter")
    body, removed = html_to_markdown(body_html)
    if not body.strip():
        raise LegacyPageError("the body is empty once unsafe content is removed")
    used = {"title", "mitle", "slug", "description"}
    ignored = [f"front-matter field '{key}' not imported" for key in fields if key not in used]
    return LegacyPage(
        title=title,
        slug=slug,
        standfirst=_standfirst(fields, body),
        body=body,
        removed=removed,
        ignored_fields=ignored,
    )


def read_legacy_file(path):
    """The text of a legacy file, or LegacyPageError if it cannot be read as UTF-8."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        raise LegacyPageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise LegacyPageError(f"{path} is a folder, not a file") from None
    except UnicodeDecodeError:
        raise LegacyPageError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise LegacyPageError(f"cannot read {path}: {error.strerror}") from None


def import_legacy_page(page, publish=False):
    """(article, created). Creates a draft unless `publish`; an existing slug is left untouched."""
    with transaction.atomic():
        existing = Article.objects.without_revisions().filter(slug=page.slug).first()
        if existing:
            return existing, False
        article = Article(title=page.title, slug=page.slug, standfirst=page.standfirst, body=page.body)
        if publish:
            article.status = Status.PUBLISHED
            article.published_at = timezone.now()
        article.save()
        return article, True
