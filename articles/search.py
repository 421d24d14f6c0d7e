"""Site search over published articles and causes: one pipeline on PostgreSQL and SQLite alike.

Readers type lay words, misspellings and whole questions. Every search takes
the same five steps (docs/search.md explains them for editors):

1. **Normalise**: case and accents folded, words of letters and digits kept
   ("A&E" stays one word, "can't" becomes "cant").
2. **Expand synonyms**: terms editors keep in the admin (`SearchSynonym`)
   add the site's own words ("making love" → intercourse, sex); stop words and
   question words ("what", "should", "why am I") are dropped, so they never
   block a result. What is left is a list of *concepts*, each a set of
   alternative words or phrases.
3. **Search**: the database finds every published page that matches *any*
   concept, and in which fields (`articles.search_index`: PostgreSQL
   full-text search, or SQLite FTS5).
4. **Fall back**: a word no page has is corrected to the nearest word of the
   content's vocabulary ("ectopik" → ectopic; the page says "Showing results
   for …"), or else tried as the start of a longer word; then search again.
5. **Rank**: each concept a page matches adds its weight (rarer concepts
   weigh more) times the weight of the best field it matched in (title,
   summary, care-card call-outs, body), so pages matching most of the words
   come first and pages matching some still come back.

Ranking happens here, in Python, on the same rows from either database, so
both backends order results by the same rule. Snippets are built from escaped
text with only <mark> added.
"""

import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import search_index
from articles.models import SearchSynonym, detail_url
from articles.search_index import ADVICE_FIELDS, SOURCE_BY_KIND

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_RESULTS = 20
SNIPPET_WORDS = 30

# Title, summary, care-card call-outs, body: where a word matched says how much the page is about it.
FIELD_WEIGHTS = (4.0, 2.0, 1.5, 1.0)
# Each further field a concept matched in adds this much.
EXTRA_FIELD_WEIGHT = 0.25
# Added to a page's score for each share of the concepts it matched: all of them beat most of them.
COVERAGE_WEIGHT = 1.0

# PostgreSQL's English stop words (which its full-text search ignores), so that neither backend
# matches on them, plus question and filler words readers put around what they mean.
STOP_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these
    those am is are was were be been being have has had having do does did doing a an the and but if
    or because as until while of at by for with about against between into through during before after
    above below to from up down in out on off over under again further then once here there when where
    why how all any both each few more most other some such no nor not only own same so than too very s
    t can will just don should now
    im ive id ill youre dont doesnt didnt isnt arent wasnt cant couldnt shouldnt wouldnt wont havent
    hasnt could would might must may shall also get got getting gets every really please thanks hi
    worry worried worrying concerned ok okay anyone anybody someone something happen happening happens
    mean means meaning tell know wondering wonder
"""
STOP_WORDS = frozenset(STOP_TEXT.split())
# Words a concept matches in a snippet: whole words and their usual endings.
SUFFIXES = ("ingly", "edly", "ing", "ies", "ed", "es", "ly", "s", "y")

TOKEN = re.compile(r"[^\W_]+(?:[&'’][^\W_]+)*")
WORD = re.compile(r"[^\W_]+")
# Raw HTML an editor may have typed into Markdown. Only removed for tidiness:
# snippets are escaped afterwards, so nothing here needs to be a sanitizer.
HTML_TAG = re.compile(r"<[^>]*>")
MARKDOWN_NOISE = re.compile(r"\[@[a-z0-9_-]+\]|[#*_`>|]+|\]\([^)]*\)|[\[\]]")
MARK_START = "\u2e20"
MARK_STOP = "\u2e21"


class QueryTooLong(ValueError):
    """The query is longer than `MAX_QUERY_LENGTH` characters."""


@dataclass
class SearchResult:
    kind: str
    title: str
    url: str
    summary: str
    snippet: str
    rank: float


@dataclass(frozen=True)
class Concept:
    """One thing the reader asked about: the words they typed and the alternatives that match it."""

    typed: str
    # ((words of a phrase), is a prefix) for each alternative.
    alternatives: tuple
    from_synonym: bool = False


@dataclass
class SearchOutcome:
    """What a search found, and the query it really ran when words were corrected."""

    results: list = field(default_factory=list)
    # The reader's words with corrections applied, when a correction was made; else "".
    corrected_query: str = ""


# 1. Normalise ------------------------------------------------------------------------------------


def clean_query(raw):
    """A tidy query: control characters dropped, whitespace collapsed. Raises QueryTooLong."""
    text = "".join(ch for ch in (raw or "") if unicodedata.category(ch)[0] != "C" or ch in " \t\n")
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"Please search for fewer than {MAX_QUERY_LENGTH} characters.")
    return text


def fold(text):
    """Lower case without accents: "Progestérone" and "progesterone" are one word."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def normalise(raw):
    """A query as search compares it: folded words one space apart ("A&E" kept, "can't" → "cant")."""
    return " ".join(token.replace("'", "").replace("’", "") for token in TOKEN.findall(fold(raw or "")))


def _is_content_word(word):
    return word not in STOP_WORDS and (len(word) > 1 or word.isdigit())


# 2. Expand synonyms ------------------------------------------------------------------------------


def synonym_meanings(meaning):
    """An editor's "intercourse, sex" as phrases of content words: [("intercourse",), ("sex",)]."""
    phrases = []
    for part in re.split(r"[,;\n]", meaning or ""):
        words = _content_words(normalise(part).split())
        if words and words not in phrases:
            phrases.append(words)
    return phrases


def _content_words(tokens):
    return tuple(word for token in tokens for word in WORD.findall(token) if _is_content_word(word))


_parsed_synonyms = {}


def load_synonyms():
    """{term as a tuple of words: [meaning phrases]}, from the editors' list, in one query.

    Every search reads the list afresh, so an edit applies to the very next
    search; only parsing it is skipped while it is the list this process
    parsed last.
    """
    rows = tuple(SearchSynonym.objects.order_by("term").values_list("term", "meaning"))
    if _parsed_synonyms.get("rows") != rows:
        synonyms = {}
        for term, meaning in rows:
            key = tuple(normalise(term).split())
            if key:
                synonyms.setdefault(key, []).extend(synonym_meanings(meaning))
        _parsed_synonyms.update(rows=rows, synonyms=synonyms)
    return _parsed_synonyms["synonyms"]


def expand(tokens, synonyms, prefixes=frozenset()):
    """Concepts for a query's tokens: the longest synonym terms first, then each remaining content word.

    Words in `prefixes` also match longer words that start with them.
    """
    longest = max((len(term) for term in synonyms), default=0)
    concepts, index = [], 0
    while index < len(tokens):
        for size in range(min(longest, len(tokens) - index), 0, -1):
            term = tuple(tokens[index : index + size])
            if term in synonyms:
                phrases = [_content_words(term), *synonyms[term]]
                alternatives = tuple(dict.fromkeys((phrase, False) for phrase in phrases if phrase))
                if alternatives:
                    concepts.append(Concept(" ".join(term), alternatives, from_synonym=True))
                index += size
                break
        else:
            for word in _content_words(tokens[index : index + 1]):
                alternatives = (((word,), False),)
                if word in prefixes:
                    alternatives += (((word,), True),)
                concepts.append(Concept(word, alternatives))
            index += 1
    unique = list(dict.fromkeys(concepts))
    return unique[:MAX_TERMS]


# 4. Fall back: typo correction -------------------------------------------------------------------


def edit_distance(first, second):
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2, previous = None, list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_distance(word):
    """How many slips a word of this length may have: longer words tolerate more."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3


def closest_word(word, candidates):
    """The candidate nearest to a misspelt `word`, or None if none is near enough."""
    limit = allowed_distance(word)
    scored = []
    for candidate in candidates:
        if candidate == word or abs(len(candidate) - len(word)) > limit:
            continue
        distance = edit_distance(word, candidate)
        if distance <= limit:
            shared = len(_common_prefix(word, candidate))
            scored.append((distance, -shared, abs(len(candidate) - len(word)), candidate))
    return min(scored)[-1] if scored else None


def _common_prefix(first, second):
    size = 0
    while size < min(len(first), len(second)) and first[size] == second[size]:
        size += 1
    return first[:size]


def corrections(words, synonyms):
    """{misspelt word: correction} for the words that have one (the vocabulary and synonym terms)."""
    candidates = search_index.correction_candidates(words)
    candidates |= {term[0] for term in synonyms if len(term) == 1}
    found = {}
    for word in words:
        best = closest_word(word, (c for c in candidates if c[:1] == word[:1]))
        if best:
            found[word] = best
    return found


# 5. Rank ------------------------------------------------------------------------------------------


def field_score(mask):
    """The weight of the best field a concept matched in, plus a little for each other field.

    Bits 0-2 of `mask` are the title, summary and call-outs; bit 3 is "anywhere",
    which alone means the body (`articles.search_index`).
    """
    short = [weight for bit, weight in enumerate(FIELD_WEIGHTS[:-1]) if mask & (1 << bit)]
    if not short:
        return FIELD_WEIGHTS[-1] if mask else 0.0
    return max(short) + EXTRA_FIELD_WEIGHT * (len(short) - 1)


FIELD_SCORES = tuple(field_score(mask) for mask in range(1 << len(FIELD_WEIGHTS)))


def rank(rows, concept_count):
    """[(score, kind, id, title)] best first: rarer concepts and stronger fields weigh more."""
    total = len(rows)
    frequency = [0] * concept_count
    for row in rows:
        for index, mask in enumerate(row[3]):
            if mask:
                frequency[index] += 1
    weight = [math.log(1 + total / count) if count else 0.0 for count in frequency]
    coverage = COVERAGE_WEIGHT / concept_count
    scored = []
    for kind, pk, title, masks in rows:
        score = 0.0
        for index, mask in enumerate(masks):
            if mask:
                score += weight[index] * FIELD_SCORES[mask] + coverage
        scored.append((round(score, 6), kind, pk, title))
    scored.sort(key=lambda item: (-item[0], item[3], item[1], item[2]))
    return scored


# The pipeline -------------------------------------------------------------------------------------


def find(query):
    """Search published articles and causes for a reader's query (see the module docstring)."""
    tokens = normalise(query).split()
    synonyms = load_synonyms()
    concepts = expand(tokens, synonyms)
    if not concepts:
        return SearchOutcome()
    now = timezone.now()
    rows = search_index.matches(_alternatives(concepts), now)
    unmatched = [
        concept.typed
        for index, concept in enumerate(concepts)
        if not concept.from_synonym and len(concept.typed) >= 4 and not any(row[3][index] for row in rows)
    ]
    corrected_query = ""
    if unmatched:
        fixes = corrections(unmatched, synonyms)
        prefixes = frozenset(word for word in unmatched if word not in fixes and len(word) >= 5)
        if fixes:
            tokens = [fixes.get(token, token) for token in tokens]
            corrected_query = " ".join(tokens)
        if fixes or prefixes:
            previous, concepts = concepts, expand(tokens, synonyms, prefixes)
            rows = _with_new_concepts(rows, previous, concepts, now)
    best = rank(rows, len(concepts))[:MAX_RESULTS]
    return SearchOutcome(results=_results(best, concepts), corrected_query=corrected_query)


def _with_new_concepts(rows, previous, concepts, now):
    """The rows for `concepts`, asking the database only about the concepts `previous` lacked.

    Every page matching a previous concept is already in `rows`, so a page
    found only now matched none of them.
    """
    new = [concept for concept in concepts if concept not in previous]
    found = {(kind, pk): (title, masks) for kind, pk, title, masks in rows}
    added = {
        (kind, pk): (title, masks) for kind, pk, title, masks in search_index.matches(_alternatives(new), now)
    }
    merged = []
    for key in found.keys() | added.keys():
        title = (found.get(key) or added[key])[0]
        old_masks = found[key][1] if key in found else (0,) * len(previous)
        new_masks = added[key][1] if key in added else (0,) * len(new)
        masks = tuple(
            new_masks[new.index(concept)] if concept in new else old_masks[previous.index(concept)]
            for concept in concepts
        )
        if any(masks):
            merged.append((*key, title, masks))
    return merged


def search(query):
    """Published articles and causes matching `query`, best first."""
    return find(query).results


def _alternatives(concepts):
    return [concept.alternatives for concept in concepts]


def _results(best, concepts):
    if not best:
        return []
    rows = search_index.shown_rows([(kind, pk) for _, kind, pk, _ in best])
    stems = _stems(concepts)
    results = []
    for score, kind, pk, _ in best:
        row = rows[kind, pk]
        model = SOURCE_BY_KIND[kind][0]
        text = " ".join([row["result_summary"], *(row[name] for name in ADVICE_FIELDS), row["body"]])
        results.append(
            SearchResult(
                kind=kind,
                title=row["result_title"],
                url=detail_url(f"articles:{model._meta.model_name}_detail", row["slug"]),
                summary=row["result_summary"],
                snippet=snippet(text, stems),
                rank=score,
            )
        )
    return results


# Snippets -----------------------------------------------------------------------------------------


def stem(word):
    """A word without its usual ending, for marking "bleeding" where a reader typed "bleed"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _stems(concepts):
    return {stem(word) for concept in concepts for words, _ in concept.alternatives for word in words}


def _match_pattern(stems):
    """One pattern for every word a snippet marks: a stem plus up to five more letters, a whole word."""
    choices = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{choices})[^\W_]{{0,5}}(?![^\W_])")


def plain_text(markdown_text):
    return " ".join(MARKDOWN_NOISE.sub(" ", HTML_TAG.sub(" ", markdown_text or "")).split())


SNIPPET_SOURCE_CHARACTERS = 2000


def snippet(text, stems):
    """About `SNIPPET_WORDS` words where the most query words are, matches marked, all else escaped."""
    text = plain_text(text[:SNIPPET_SOURCE_CHARACTERS])
    spans = [(match.start(), match.end()) for match in re.finditer(r"\S+", text)]
    folded = fold(text)
    hits = set()
    if stems and len(folded) == len(text):
        starts = [start for start, _ in spans]
        hits = {bisect_right(starts, match.start()) - 1 for match in _match_pattern(stems).finditer(folded)}
    elif stems:
        # Folding changed the length (a rare character): match word by word instead.
        pattern = _match_pattern(stems)
        hits = {index for index, (start, end) in enumerate(spans) if pattern.search(fold(text[start:end]))}
    start = 0
    if hits:
        ordered = sorted(hits)
        # The window starting at the hit with the most hits within SNIPPET_WORDS after it.
        counts = [bisect_right(ordered, first + SNIPPET_WORDS - 1) - i for i, first in enumerate(ordered)]
        start = max(0, ordered[counts.index(max(counts))] - SNIPPET_WORDS // 4)
    words = [text[begin:end] for begin, end in spans[start : start + SNIPPET_WORDS]]
    marked = " ".join(
        f"{MARK_START}{word}{MARK_STOP}" if start + offset in hits else word
        for offset, word in enumerate(words)
    )
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(spans) else ""
    return _marked(f"{prefix}{marked}{suffix}")


def _marked(text):
    """Escape `text`, then turn the match sentinels into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    # Safe: everything was escaped above; only <mark> and </mark> were added.
    return mark_safe(html)
