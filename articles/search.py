"""Site search over published articles and causes.

On PostgreSQL: weighted full-text search (title or name A, standfirst or
summary B, body C), ranked, with highlighted snippets from `SearchHeadline`.
It ranks on the stored, GIN-indexed vectors that migration 0002 adds.
Elsewhere (SQLite in development and tests): case-insensitive matching of each
word, ranked by where it matched. Either way the result is a list of
`SearchResult` whose snippet is built from escaped text with only <mark> added.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article, Cause, detail_url

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_RESULTS = 20
SNIPPET_WORDS = 30
SEARCH_CONFIG = "english"
# Sentinels PostgreSQL puts around matches; swapped for <mark> after escaping.
MARK_START = "\u2e20"
MARK_STOP = "\u2e21"

WEIGHTS = {"title": 3, "summary": 2, "body": 1}
# Raw HTML an editor may have typed into Markdown. Only removed for tidiness:
# snippets are escaped afterwards, so nothing here needs to be a sanitizer.
HTML_TAG = re.compile(r"<[^>]*>")
MARKDOWN_NOISE = re.compile(r"\[@[a-z0-9_-]+\]|[#*_`>|]+|\[|\]\([^)]*\)|\]")


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


def clean_query(raw):
    """A tidy query: control characters dropped, whitespace collapsed. Raises QueryTooLong."""
    text = "".join(ch for ch in (raw or "") if unicodedata.category(ch)[0] != "C" or ch in " \t\n")
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"Please search for fewer than {MAX_QUERY_LENGTH} characters.")
    return text


def search_terms(query):
    """The words worth matching: letters and digits only, at most `MAX_TERMS`."""
    words = re.findall(r"\w+", query)
    return list(dict.fromkeys(word.lower() for word in words if len(word) > 1 or word.isdigit()))[:MAX_TERMS]


def search(query):
    """Published articles and causes matching `query`, best first."""
    if not search_terms(query):
        return []
    results = _postgres_search(query) if connection.vendor == "postgresql" else _fallback_search(query)
    results.sort(key=lambda result: (-result.rank, result.title))
    return results[:MAX_RESULTS]


def _plain_text(markdown_text):
    return " ".join(MARKDOWN_NOISE.sub(" ", HTML_TAG.sub(" ", markdown_text or "")).split())


# What is searched: (model, title field, summary field, label shown in results).
SOURCES = ((Article, "title", "standfirst", "Article"), (Cause, "name", "summary", "Cause"))


SOURCE_BY_KIND = {source[3]: source for source in SOURCES}


def _result(source, slug, title, summary, snippet, rank):
    model, _, _, kind = source
    return SearchResult(
        kind=kind,
        title=title,
        url=detail_url(f"articles:{model._meta.model_name}_detail", slug),
        summary=summary,
        snippet=snippet,
        rank=float(rank),
    )


def _marked(text):
    """Escape `text`, then turn the match sentinels into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    # A cut-off headline can leave a <mark> open; close it so the page stays well formed.
    if html.count("<mark>") > html.count("</mark>"):
        html += "</mark>"
    # Safe: everything was escaped above; only <mark> and </mark> were added.
    return mark_safe(html)


# PostgreSQL ---------------------------------------------------------------------------


def stored_document(model):
    """The weighted vector PostgreSQL stores for each row (migration 0002), as an expression."""
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import RawSQL

    return RawSQL(f'"{model._meta.db_table}"."search_document"', [], output_field=SearchVectorField())


def _searchable_text(summary_field):
    return Concat(summary_field, Value(" "), "body", output_field=TextField())


def _ts_query(query):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _best_matches(query, now):
    """The best `MAX_RESULTS` matches across articles and causes, ranked in one statement."""
    from django.contrib.postgres.search import SearchRank

    ts_query = _ts_query(query)
    ranked = [
        model.objects.published(now)
        .annotate(document=stored_document(model))
        .filter(document=ts_query)
        .annotate(kind=Value(kind), result_title=F(title_field), rank=SearchRank(F("document"), ts_query))
        .values("kind", "id", "result_title", "rank")
        .order_by()
        for model, title_field, _, kind in SOURCES
    ]
    best_first = ("-rank", "result_title", "kind", "id")
    return ranked[0].union(*ranked[1:], all=True).order_by(*best_first)[:MAX_RESULTS]


def _postgres_search(query):
    """Rank everything in one statement, then highlight only the results shown.

    `ts_headline` reads each whole document, which costs more than ranking it,
    so snippets are made for the `MAX_RESULTS` shown and not for the best
    `MAX_RESULTS` of each kind.
    """
    from django.contrib.postgres.search import SearchHeadline

    best = list(_best_matches(query=query, now=timezone.now()))
    if not best:
        return []
    ts_query = _ts_query(query)
    headline_options = {
        "config": SEARCH_CONFIG,
        "start_sel": MARK_START,
        "stop_sel": MARK_STOP,
        "max_words": SNIPPET_WORDS,
        "min_words": 12,
        "max_fragments": 2,
        "fragment_delimiter": " … ",
    }
    shown = []
    for source in SOURCES:
        model, title_field, summary_field, kind = source
        ids = [match["id"] for match in best if match["kind"] == kind]
        if ids:
            shown.append(
                model.objects.filter(pk__in=ids)
                .annotate(
                    kind=Value(kind),
                    result_title=F(title_field),
                    result_summary=F(summary_field),
                    headline=SearchHeadline(_searchable_text(summary_field), ts_query, **headline_options),
                )
                .values("kind", "id", "slug", "result_title", "result_summary", "headline")
                .order_by()
            )
    rows = {(row["kind"], row["id"]): row for row in shown[0].union(*shown[1:], all=True)}
    results = []
    for match in best:
        row = rows[match["kind"], match["id"]]
        snippet = _marked(_plain_text(row["headline"]))
        source = SOURCE_BY_KIND[match["kind"]]
        results.append(
            _result(source, row["slug"], row["result_title"], row["result_summary"], snippet, match["rank"])
        )
    return results


# Fallback (SQLite) --------------------------------------------------------------------


def _fallback_search(query):
    terms = search_terms(query)
    ranked = []
    for source in SOURCES:
        model, title_field, summary_field, _ = source
        condition = Q()
        for term in terms:
            for field_name in (title_field, summary_field, "body"):
                condition |= Q(**{f"{field_name}__icontains": term})
        rows = model.objects.published().filter(condition).values("slug", title_field, summary_field, "body")
        for row in rows:
            fields = {"title": row[title_field], "summary": row[summary_field], "body": row["body"]}
            rank = sum(
                weight
                for term in terms
                for where, weight in WEIGHTS.items()
                if term in (fields[where] or "").lower()
            )
            ranked.append((-rank, row[title_field], source, row))
    # Snippets only for the results shown: building one costs more than ranking a row.
    ranked.sort(key=lambda item: item[:2])
    return [
        _result(
            source,
            row["slug"],
            row[source[1]],
            row[source[2]],
            _fallback_snippet(f"{row[source[2]]} {row['body']}", terms),
            -negative_rank,
        )
        for negative_rank, _, source, row in ranked[:MAX_RESULTS]
    ]


def _fallback_snippet(text, terms):
    """About `SNIPPET_WORDS` words around the first match, with matches marked."""
    words = _plain_text(text).split()
    first = next(
        (index for index, word in enumerate(words) if any(term in word.lower() for term in terms)), 0
    )
    start = max(0, first - SNIPPET_WORDS // 3)
    window = words[start : start + SNIPPET_WORDS]
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.I)
    marked = " ".join(pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_STOP}", word) for word in window)
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return _marked(f"{prefix}{marked}{suffix}")
