"""Known cross-site scripting payloads, and a reader that finds any of them alive in a page.

Each payload is a template with `{m}`, a marker naming the field it was typed
into, so a failure says which field leaked. `execution_problems` parses a page
(or a stored HTML fragment) and lists everything through which a browser could
run code or load something the content put there; `marker_problems` checks
that a field's marker only ever appears as text or inside a harmless attribute
value, which is what "escaped" means once the page is parsed.
"""

import json
import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

# (name, template). Markdown fields see them as Markdown; plain fields as text.
PAYLOADS = (
    ("script tag", "<script>alert('{m}')</script>"),
    ("script tag, upper case and spaced", "<SCRIPT >alert('{m}')</SCRIPT >"),
    ("script split by a nested tag", "<scr<script>ipt>alert('{m}')</scr</script>ipt>"),
    ("attribute breakout", "\"'><script>alert('{m}')</script>"),
    ("img onerror", "<img src=x onerror=alert('{m}')>"),
    ("event handler on an allowed tag", '<a href="https://example.org/" onclick="alert(\'{m}\')">{m}</a>'),
    ("details ontoggle", "<details open ontoggle=alert('{m}')><summary>{m}</summary></details>"),
    ("body onload", "<body onload=alert('{m}')>{m}</body>"),
    ("javascript: link", "<a href=\"javascript:alert('{m}')\">{m}</a>"),
    ("javascript: link, mixed case and padded", "<a href=\"  JaVaScRiPt:alert('{m}')\">{m}</a>"),
    ("javascript: link, tab inside the scheme", "<a href=\"java&#x09;script:alert('{m}')\">{m}</a>"),
    ("javascript: link, entity-encoded", "<a href=\"&#106;avascript:alert('{m}')\">{m}</a>"),
    ("Markdown javascript: link", "[{m}](javascript:alert('{m}'))"),
    ("Markdown javascript: reference link", "[{m}][x]\n\n[x]: javascript:alert('{m}')"),
    ("Markdown javascript: autolink", "<javascript:alert('{m}')>"),
    ("Markdown javascript: image", "![{m}](javascript:alert('{m}'))"),
    ("data: link", "<a href=\"data:text/html,<script>alert('{m}')</script>\">{m}</a>"),
    ("Markdown data: link", "[{m}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("vbscript: link", "<a href=\"vbscript:msgbox('{m}')\">{m}</a>"),
    ("scheme-relative link", '<a href="//evil.example/{m}">{m}</a>'),
    ("svg onload", "<svg onload=alert('{m}')><circle r=\"1\"/></svg>"),
    ("svg script", "<svg><script>alert('{m}')</script></svg>"),
    ("svg xlink:href", "<svg><a xlink:href=\"javascript:alert('{m}')\"><text>{m}</text></a></svg>"),
    ("math xlink:href", "<math><mi xlink:href=\"javascript:alert('{m}')\">{m}</mi></math>"),
    ("iframe srcdoc", "<iframe srcdoc=\"<script>alert('{m}')</script>\"></iframe>"),
    ("iframe javascript:", "<iframe src=\"javascript:alert('{m}')\"></iframe>"),
    ("object data", "<object data=\"data:text/html,<script>alert('{m}')</script>\"></object>"),
    ("embed", "<embed src=\"javascript:alert('{m}')\">"),
    (
        "form and formaction",
        "<form action=\"javascript:alert('{m}')\"><button formaction=javascript:alert(1)>{m}</button></form>",
    ),
    ("style element", "<style>@import 'https://evil.example/{m}.css';</style>"),
    ("style attribute", "<p style=\"background:url(javascript:alert('{m}'))\">{m}</p>"),
    ("base element", '<base href="https://evil.example/{m}/">'),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(\'{m}\')">'),
    ("malformed img quotes", '<img """><script>alert(\'{m}\')</script>">'),
    ("unclosed tag", "<img src=x onerror=alert('{m}') "),
    ("double open bracket", "<<script>alert('{m}');//<</script>"),
    ("noscript mutation", "<noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\">"),
    ("comment hiding a tag", "<!--<img src=x onerror=alert('{m}')>-->"),
    ("template injection", "{{{{ request }}}} {{% debug %}} {m}"),
)

# Attributes whose value a browser treats as a URL to follow, load or submit to.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "ping",
    "cite",
}
DANGEROUS_SCHEMES = ("javascript", "data", "vbscript")
# Elements no content may ever produce on a page.
FORBIDDEN_ELEMENTS = ("svg", "math", "iframe", "frame", "object", "embed", "style", "base", "applet")
# Attribute values in which a marker is plain data to the browser (after escaping).
HARMLESS_ATTRIBUTES = {"title", "content", "value", "alt", "id", "aria-label", "placeholder", "data-value"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Browsers drop ASCII tab and newline anywhere in a URL and ignore leading controls and spaces.
URL_NOISE = re.compile(r"[\x00-\x20]")


def fill(template, marker):
    return template.format(m=marker)


def parse(html):
    return BeautifulSoup(html, "html.parser")


def url_scheme(value):
    match = SCHEME.match(URL_NOISE.sub("", value).lower())
    return match.group(1) if match else ""


def is_plain_link(value):
    """An http(s) or mailto link, or a path on this site (not a scheme-relative //host link)."""
    cleaned = URL_NOISE.sub("", value)
    if url_scheme(cleaned):
        return url_scheme(cleaned) in ("http", "https", "mailto")
    # Browsers read a backslash as a slash here: a leading \\ or /\ also names another host.
    return not cleaned.replace("\\", "/").startswith("//")


# The test client's origin: the only host a page's canonical link may name.
OWN_ORIGIN = "http://testserver/"


def is_json_ld_data_block(script):
    """A `<script type="application/ld+json">` holding valid JSON and no src: data, never run."""
    if script.get("type", "").strip().lower() != "application/ld+json" or script.get("src"):
        return False
    try:
        json.loads(script.get_text())
    except ValueError:
        return False
    return True


def is_inert_json_ld(script):
    """A JSON-LD data block whose text cannot close the element or open another."""
    return is_json_ld_data_block(script) and "<" not in script.get_text() and ">" not in script.get_text()


def is_own_canonical_link(link):
    rels = {rel.lower() for rel in link.get("rel", [])}
    return rels == {"canonical"} and link.get("href", "").startswith(OWN_ORIGIN)


def execution_problems(html, own_forms=(), own_scripts_prefix="/static/", soup=None):
    """Everything in `html` through which content could run code, load elsewhere, or hijack the page.

    `own_forms` lists the form actions the site's own templates use (search,
    triage); the site's own scripts and stylesheets are the files under `own_scripts_prefix`.
    Pass `soup` when the page is already parsed.
    """
    soup = soup or parse(html)
    problems = []
    for script in soup.find_all("script"):
        src = script.get("src", "")
        if is_json_ld_data_block(script):
            continue  # structured data: the browser never runs it (its text is still checked for markers)
        if script.get_text().strip() or not src.startswith(own_scripts_prefix):
            problems.append(f"<script src={src!r}>{script.get_text()[:60]!r}")
    for name in FORBIDDEN_ELEMENTS:
        problems += [f"<{name}> element: {str(tag)[:80]!r}" for tag in soup.find_all(name)]
    for link in soup.find_all("link"):
        if is_own_canonical_link(link):
            continue  # names the page's own address; browsers load nothing from it
        if not link.get("href", "").startswith(own_scripts_prefix):
            problems.append(f"<link href={link.get('href')!r}> not one of the site's own files")
    for meta in soup.find_all("meta"):
        if meta.get("http-equiv"):
            problems.append(f"<meta http-equiv={meta['http-equiv']!r}>")
    for form in soup.find_all("form"):
        if form.get("action") not in own_forms:
            problems.append(f"<form action={form.get('action')!r}> not one of the site's forms")
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if attribute.lower().startswith("on"):
                problems.append(f"<{tag.name} {attribute}={text[:60]!r}> event handler")
            elif attribute.lower() == "style":
                problems.append(f"<{tag.name} style={text[:60]!r}>")
            elif attribute.lower() == "srcdoc":
                problems.append(f"<{tag.name} srcdoc>")
            elif attribute.lower() in URL_ATTRIBUTES and url_scheme(text) in DANGEROUS_SCHEMES:
                problems.append(f"<{tag.name} {attribute}={text[:60]!r}> {url_scheme(text)}: URL")
    return problems


def _is_markup_node(node):
    return isinstance(node, Comment | Declaration | Doctype | ProcessingInstruction)


def marker_problems(html, markers, soup=None):
    """(marker, problem) for each place a marker appears other than as text or harmless attribute data.

    Parsing can only put a marker in a tag or attribute name, a comment, a
    script or an unsafe attribute if the content reached the page unescaped;
    counting raw occurrences against the harmless ones catches any of those.
    """
    pattern = re.compile("|".join(re.escape(marker) for marker in markers))
    soup = soup or parse(html)
    harmless = dict.fromkeys(markers, 0)
    problems = []

    def found(text, problem=None):
        for marker in pattern.findall(text):
            if problem is None:
                harmless[marker] += 1
            else:
                problems.append((marker, problem))

    for node in soup.find_all(string=pattern):
        if _is_markup_node(node):
            found(node, f"in a {type(node).__name__}: {str(node)[:80]!r}")
        elif node.parent is not None and node.parent.name == "script" and is_inert_json_ld(node.parent):
            found(node)  # a JSON string in structured data, with no "<" to end the element early
        elif node.parent is not None and node.parent.name in ("script", "style"):
            found(node, f"inside <{node.parent.name}>")
        else:
            found(node)
    for tag in soup.find_all(True):
        found(tag.name, f"in a tag name <{tag.name}>")
        for attribute, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            found(attribute, f"in an attribute name <{tag.name} {attribute}>")
            harmless_data = attribute in HARMLESS_ATTRIBUTES or attribute.startswith("aria-")
            if harmless_data or (attribute == "href" and is_plain_link(text)):
                found(text)
            else:
                found(text, f"in <{tag.name} {attribute}={text[:60]!r}>")
    # Entity-escaping never touches the markers' letters and digits, so every raw copy is one of the above.
    flagged = {marker for marker, _ in problems}
    for marker, count in harmless.items():
        if marker not in flagged and html.count(marker) != count:
            problems.append((marker, f"{html.count(marker)} copies in the source, {count} as text or data"))
    return problems
