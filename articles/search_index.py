"""What site search does differently on each database: matching, and the vocabulary for typos.

`articles.search` turns a reader's query into *concepts* (each a list of
alternative words or phrases) and ranks the results itself. This module asks
the database which published pages match, and in which fields, and answers
with the same rows on either backend:

- PostgreSQL: a stored, GIN-indexed `tsvector` per table (migrations 0002 and
  0006) weighted A title, B summary, C care-card call-outs, D body; concepts
  become `to_tsquery` alternatives OR'd together, and a weight label (`:A`)
  tells in which field a concept matched.
- SQLite: an FTS5 table per content table, and one per short field (title,
  summary, call-outs), filled by triggers (migration 0006), with the Porter
  stemmer; concepts become FTS5 phrases OR'd together, and the field tables
  tell in which field a concept matched. FTS5 matches whole words only.

Either way each concept comes back as a bit mask per page: title, summary,
call-outs, and "anywhere" (so a match only in the body sets the last bit).

The vocabulary (`SearchWord`) holds every word of the published content; a
word no page has is corrected to its nearest vocabulary word. On PostgreSQL
with `pg_trgm` a trigram index shortlists the candidates; without it, and on
SQLite, the shortlist is the words that start with the same letter (a range
over the unique index). Either way `articles.search` chooses among them by
edit distance, so both backends correct the same way.
"""

import importlib
import re

from django.db import connection, connections
from django.db.models import BooleanField, F, Field, Q, Value
from django.db.models.expressions import RawSQL

from articles.models import Article, Cause, SearchWord, published_q

SEARCH_CONFIG = "english"
# The searchable fields, strongest first: PostgreSQL weight labels and FTS5 column names.
FIELDS = ("title", "summary", "advice", "body")
PG_LABELS = dict(zip(FIELDS, "ABCD", strict=True))
# Which fields a concept matched in is a bit mask: one bit per short field, and a last bit for
# "anywhere" (so a match in the body alone sets only that bit).
SHORT_FIELDS = FIELDS[:3]
ANYWHERE = 1 << len(SHORT_FIELDS)
# The masks come back from either database as integers already; a plain Field adds no
# per-row conversion (an IntegerField output would run int() on every mask of every row).
MASK_OUTPUT = Field()
ADVICE_FIELDS = ("emergency_advice", "urgent_advice", "soon_advice", "routine_advice")

# What is searched: (model, title field, summary field, label shown in results).
SOURCES = ((Article, "title", "standfirst", "Article"), (Cause, "name", "summary", "Cause"))
SOURCE_BY_KIND = {source[3]: source for source in SOURCES}

VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,40}")


def fts_table(model):
    """The SQLite FTS5 table that mirrors a content table (created by migration 0006)."""
    return f"{model._meta.db_table}_search"


def stored_document(model):
    """The weighted vector PostgreSQL stores for each row (migrations 0002 and 0006), as an expression."""
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL(f'"{model._meta.db_table}"."search_document"', [], output_field=SearchVectorField())


# Query text ---------------------------------------------------------------------------------------
# Words reach here as letters and digits only (articles.search tokenises them), so they are
# safe inside to_tsquery and FTS5 syntax; they are passed as parameters all the same.


def _pg_alternative(alternative, label=""):
    words, prefix = alternative
    parts = [f"{word}:{label}" if label else word for word in words]
    if prefix:
        parts[-1] = f"{words[-1]}:*{label}"
    return "(" + " <-> ".join(parts) + ")"


def _pg_query(concepts, label=""):
    return " | ".join(_pg_alternative(alternative, label) for concept in concepts for alternative in concept)


def _fts_alternative(alternative):
    words, prefix = alternative
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def _fts_query(concepts):
    return " OR ".join(_fts_alternative(alternative) for concept in concepts for alternative in concept)


# Matching -----------------------------------------------------------------------------------------


def _postgres_masks(model, concepts):
    """Per concept, a bit mask of where it matched: bits 0-2 title, summary, call-outs; bit 3 anywhere.

    Most pages match only some concepts: the plain test comes first, so a
    concept a page lacks costs one test.
    """
    column = f'"{model._meta.db_table}"."search_document"'
    test = f"({column} @@ to_tsquery(%s::regconfig, %s))"
    masks = {}
    for index, concept in enumerate(concepts):
        checks = [f"({1 << bit} * {test}::int)" for bit, _ in enumerate(SHORT_FIELDS)]
        params = [SEARCH_CONFIG, _pg_query([concept])]
        for field in SHORT_FIELDS:
            params += [SEARCH_CONFIG, _pg_query([concept], PG_LABELS[field])]
        sql = f"CASE WHEN {test} THEN {ANYWHERE} + {' + '.join(checks)} ELSE 0 END"
        masks[f"mask{index}"] = RawSQL(sql, params, output_field=MASK_OUTPUT)
    return masks


def _postgres_matches(model, concepts, now):
    from django.contrib.postgres.search import SearchQuery

    query = SearchQuery(_pg_query(concepts), config=SEARCH_CONFIG, search_type="raw")
    return (
        model.objects.filter(published_q(now=now))
        .annotate(document=stored_document(model))
        .filter(document=query)
        .annotate(**_postgres_masks(model, concepts))
    )


def _sqlite_masks(model, concepts):
    """The same bit masks as on PostgreSQL, from the FTS5 tables (one per short field, and one for all)."""
    table, fts = model._meta.db_table, fts_table(model)
    masks = {}
    for index, concept in enumerate(concepts):
        checks, params = [], []
        for bit, name in enumerate([*(f"{fts}_{field}" for field in SHORT_FIELDS), fts]):
            checks.append(
                f'({1 << bit} * ("{table}"."id" IN (SELECT rowid FROM {name} WHERE {name} MATCH %s)))'
            )
            params.append(_fts_query([concept]))
        masks[f"mask{index}"] = RawSQL(" + ".join(checks), params, output_field=MASK_OUTPUT)
    return masks


def _sqlite_matches(model, concepts, now):
    fts = fts_table(model)
    matching = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [_fts_query(concepts)])
    return model.objects.filter(published_q(now=now), id__in=matching).annotate(
        **_sqlite_masks(model, concepts)
    )


def matches(concepts, now):
    """Every published page matching any concept: [(kind, id, title, (mask per concept))], one query."""
    if not concepts:
        return []
    build = _postgres_matches if connection.vendor == "postgresql" else _sqlite_matches
    columns = [f"mask{index}" for index in range(len(concepts))]
    ranked = [
        build(model, concepts, now)
        .annotate(kind=Value(kind), result_title=F(title_field))
        .values_list("kind", "id", "result_title", *columns)
        .order_by()
        for model, title_field, _, kind in SOURCES
    ]
    rows = ranked[0].union(*ranked[1:], all=True)
    return [(row[0], row[1], row[2], tuple(row[3:])) for row in rows]


def shown_rows(best):
    """Slug, title, summary and the searchable texts of the pages shown, keyed by (kind, id); one query."""
    selected = []
    for model, title_field, summary_field, kind in SOURCES:
        ids = [pk for found_kind, pk in best if found_kind == kind]
        if ids:
            selected.append(
                model.objects.filter(pk__in=ids)
                .annotate(kind=Value(kind), result_title=F(title_field), result_summary=F(summary_field))
                .values("kind", "id", "slug", "result_title", "result_summary", "body", *ADVICE_FIELDS)
                .order_by()
            )
    if not selected:
        return {}
    return {(row["kind"], row["id"]): row for row in selected[0].union(*selected[1:], all=True)}


# Vocabulary ---------------------------------------------------------------------------------------


def vocabulary_words(texts):
    """The words of some texts as the vocabulary keeps them: letters only, 3 to 40, folded."""
    from articles.search import fold

    return {word for text in texts for word in VOCABULARY_WORD.findall(fold(text or ""))}


def texts_of(content):
    """Everything a reader sees of an article or cause, as the Markdown sources."""
    model = type(content)
    _, title_field, summary_field, _ = next(source for source in SOURCES if source[0] is model)
    return [getattr(content, name) for name in (title_field, summary_field, "body", *ADVICE_FIELDS)]


def add_to_vocabulary(sender, instance, **kwargs):
    """post_save: the words of live content join the vocabulary (words are never removed here)."""
    if instance.status != "published" or instance.draft_of_id is not None:
        return
    words = vocabulary_words(texts_of(instance))
    SearchWord.objects.bulk_create((SearchWord(word=word) for word in words), ignore_conflicts=True)


def rebuild_vocabulary():
    """The vocabulary from scratch, from every published article and cause. Returns its size."""
    words = set()
    for model, title_field, summary_field, _ in SOURCES:
        fields = (title_field, summary_field, "body", *ADVICE_FIELDS)
        for row in model.objects.published().values_list(*fields):
            words |= vocabulary_words(row)
    SearchWord.objects.all().delete()
    SearchWord.objects.bulk_create(SearchWord(word=word) for word in sorted(words))
    return len(words)


_trigram_support = {}


def has_trigrams():
    """Whether this PostgreSQL database has pg_trgm (migration 0006 enables it where allowed)."""
    key = (connection.alias, connection.settings_dict["NAME"])
    if key not in _trigram_support:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram_support[key] = cursor.fetchone() is not None
    return _trigram_support[key]


def correction_candidates(words):
    """Vocabulary words that may be what a misspelt word meant, for all `words` in one query."""
    use_trigrams = connection.vendor == "postgresql" and has_trigrams()
    condition = Q()
    for word in words:
        # Typing slips rarely change the first letter; this range reads the unique index.
        same_start = Q(word__gte=word[0], word__lt=chr(ord(word[0]) + 1))
        if use_trigrams:
            similar = RawSQL('"articles_searchword"."word" %% %s', [word], output_field=BooleanField())
            same_start &= Q(similar)
        condition |= same_start
    return set(SearchWord.objects.filter(condition).values_list("word", flat=True))


# SQLite keeps the full-text tables in step with triggers, and SQLite rebuilds a table for most
# column changes (Django's schema editor copies it into a new one), which drops its triggers.
# After every migrate, the triggers are checked and, if any is missing, the full-text tables
# are built again from the rows, so a later migration can never silently stop search.
FTS_TRIGGERS = {
    f"{table}_search_{event}"
    for table in ("articles_article", "articles_cause")
    for event in ("insert", "update", "delete")
}


def rebuild_sqlite_search_if_dropped(sender=None, using="default", **kwargs):
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE name LIKE 'articles_%_search%'")
        found = cursor.fetchall()
    tables = {name for kind, name in found if kind == "table"}
    triggers = {name for kind, name in found if kind == "trigger"}
    if "articles_article_search" not in tables or triggers >= FTS_TRIGGERS:
        return  # before the search migration, or nothing dropped
    index_migration = importlib.import_module("articles.migrations.0006_search_synonyms_and_index")
    # Plain statements (the migration's helpers only call `execute`), so this also runs inside a
    # transaction, where SQLite's schema editor refuses to start.
    with connection.cursor() as cursor:
        statements = _Statements(cursor)
        index_migration._drop_fts(statements)
        index_migration._create_fts(statements)


class _Statements:
    def __init__(self, cursor):
        self.cursor = cursor

    def execute(self, sql):
        self.cursor.execute(sql)
