"""Word-level differences for editors, marked with <ins> and <del> (not colour alone).

`word_diff(old, new)` compares two texts word by word with difflib and returns
safe HTML: unchanged words as they were, removed words in <del>, added words in
<ins>, everything escaped. Rendered HTML fields are compared as the text a
reader sees (tags stripped), Markdown source as written, so a one-word change in
a long body shows as one marked word.
"""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

# Words and the whitespace after them stay together, so the output keeps line breaks.
TOKEN = re.compile(r"\S+|\s+")


def _tokens(text):
    return TOKEN.findall(text)


def _as_text(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def word_diff(old, new, *, rendered=False):
    """Safe HTML marking the words removed from `old` (<del>) and added in `new` (<ins>)."""
    old, new = _as_text(old), _as_text(new)
    if rendered:
        old, new = strip_tags(old), strip_tags(new)
    before, after = _tokens(old), _tokens(new)
    out = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(before[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(after[b1:b2]))}</ins>")
    return mark_safe("".join(out))


def is_rendered_field(name):
    """Fields holding HTML the site rendered (compared as the words a reader sees)."""
    name = name.lower()
    return name.endswith("_html") or name.endswith(" html")


def field_word_diffs(changes):
    """(field, old, new) triples -> (field, old, new, diff HTML) for the compare page."""
    return [
        (field, old, new, word_diff(old, new, rendered=is_rendered_field(str(field))))
        for field, old, new in changes or ()
    ]
