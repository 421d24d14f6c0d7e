"""Content checks: advice to an editor on plain language and accessible markup.

Plain Python over text and sanitized HTML; it knows no content model. The
admin shows the findings on the change page and the publish page. Each
finding is advice (the page can still be published) except the one that
breaks a page for readers: a citation marker with no reference (the model
already refuses to save it; it is listed here too, so the panel is complete).

- Reading grade (Flesch-Kincaid over the words readers see) and sentences
  over LONG_SENTENCE_WORDS words. NHS guidance aims at a reading age of 9 to
  11, about grade 5 to 6; over GRADE_ADVICE is flagged.
- Jargon from the editor-managed plain-language glossary, each with its plain
  alternative (`GlossaryTerm`, in the admin), matched as whole words.
- Heading order (no skipped level, no second top-level heading in the body),
  link text that says nothing out of context ("click here", a bare address),
  images with no alt text.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

GRADE_ADVICE = 8.0
LONG_SENTENCE_WORDS = 25
VAGUE_LINK_TEXT = {"click here", "here", "read more", "more", "link", "this link", "this page", "this"}

ADVICE = "advice"
PROBLEM = "problem"


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str
    message: str


def advice(check, message):
    return Finding(check, ADVICE, message)


class _Outline(HTMLParser):
    """Headings, links (with their text) and images of a fragment of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.links, self.images, self.text = [], [], [], []
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._link = {"href": attrs.get("href") or "", "text": []}
        elif tag == "img":
            self.images.append(attrs.get("alt"))

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link["href"], " ".join("".join(self._link["text"]).split())))
            self._link = None

    def handle_data(self, data):
        self.text.append(data)
        if self._link is not None:
            self._link["text"].append(data)


WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*[-*]\s+")


def syllables(word):
    """An estimate good enough for a reading grade: vowel groups, less a silent final e."""
    word = word.lower().strip("'’-")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def sentences(text):
    return [part.strip() for part in SENTENCE_END.split(text) if WORD.search(part)]


def reading_grade(text):
    """Flesch-Kincaid grade level, or None for text too short to judge (under 30 words)."""
    parts = sentences(text)
    words = WORD.findall(text)
    if len(words) < 30 or not parts:
        return None
    per_sentence = len(words) / len(parts)
    per_word = sum(syllables(word) for word in words) / len(words)
    return round(0.39 * per_sentence + 11.8 * per_word - 15.59, 1)


def plain_text(html):
    outline = _Outline()
    outline.feed(html or "")
    return "\n".join(outline.text)


def glossary_findings(text, glossary):
    """`glossary`: (term, plain alternative) pairs; each jargon word used is one finding."""
    findings = []
    for term, plain in glossary:
        pattern = r"(?<![\w-])" + re.escape(term.strip()) + r"(?![\w-])"
        if term.strip() and re.search(pattern, text, flags=re.IGNORECASE):
            findings.append(advice("glossary", f"“{term}”: readers may know it better as “{plain}”."))
    return findings


def markup_findings(html):
    outline = _Outline()
    outline.feed(html or "")
    findings = []
    previous = 1  # the page's own title is the h1
    for level in outline.headings:
        if level == 1:
            findings.append(advice("headings", "A top-level heading in the text: the title is the only one."))
        elif level > previous + 1:
            findings.append(
                Finding(
                    "headings", ADVICE, f"Heading level {level} follows level {previous}: a level is skipped."
                )
            )
        previous = level
    for href, text in outline.links:
        if text.lower().strip(" .:") in VAGUE_LINK_TEXT or not text:
            findings.append(
                Finding(
                    "links", ADVICE, f"The link to {href or 'nowhere'} says “{text}”: name where it goes."
                )
            )
        elif re.fullmatch(r"(https?://|www\.)\S+", text):
            findings.append(advice("links", f"The link text is a bare address ({text}): say where it goes."))
    for alt in outline.images:
        if alt is None or not alt.strip():
            findings.append(advice("images", "An image has no alt text: describe it, or mark it decorative."))
    return findings


def check_content(texts, html, glossary=(), unknown_citations=()):
    """Every finding for one page.

    `texts`: (label, plain text as readers read it) pairs, e.g. the summary and
    the body; `html`: the rendered, sanitized HTML of all of it; `glossary`:
    (term, plain) pairs; `unknown_citations`: citation keys with no reference.
    """
    findings = [
        Finding("citations", PROBLEM, f"[@{key}] cites no reference: add it or fix the key.")
        for key in unknown_citations
    ]
    everything = "\n\n".join(text for _, text in texts)
    grade = reading_grade(everything)
    if grade is not None and grade > GRADE_ADVICE:
        findings.append(
            Finding(
                "reading",
                ADVICE,
                f"Reading grade {grade:.1f} (aim for {GRADE_ADVICE:.0f} or lower, a reading age of "
                "about 9 to 11): shorter sentences and words help.",
            )
        )
    for label, text in texts:
        for sentence in sentences(text):
            count = len(WORD.findall(sentence))
            if count > LONG_SENTENCE_WORDS:
                start = " ".join(sentence.split()[:8])
                findings.append(advice("reading", f"{label}: a sentence of {count} words (“{start} …”)."))
    findings += glossary_findings(everything, glossary)
    findings += markup_findings(html)
    return findings
